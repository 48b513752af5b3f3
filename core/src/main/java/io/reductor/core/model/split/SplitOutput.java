package io.reductor.core.model.split;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;

/**
 * The {@code result} of a split: sections with their page numbers ({@link SplitResult}), or, when
 * {@code settings.deep_split} is on, sections whose pages carry evidence ({@link DeepSplitResult}). Chosen by shape:
 * pages given as objects (page number and evidence) mean the second; anything else the first.
 */
@JsonDeserialize(using = SplitOutput.Decoder.class)
public sealed interface SplitOutput permits SplitResult, DeepSplitResult {

    /** Reads by shape. */
    final class Decoder extends UnionDecoder<SplitOutput> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(SplitOutput.class, SplitResult.class, DeepSplitResult.class);
        }

        @Override
        protected SplitOutput decode(JsonNode json, DeserializationContext context) throws IOException {
            if (!json.isObject()) {
                return context.reportInputMismatch(SplitOutput.class,
                        "expected a split result object but found %s", json.getNodeType());
            }
            boolean deep = json.path("splits").path(0).path("pages").path(0).isObject();
            return deep ? read(json, DeepSplitResult.class, context) : read(json, SplitResult.class, context);
        }
    }
}
