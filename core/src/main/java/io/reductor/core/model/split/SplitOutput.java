package io.reductor.core.model.split;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.RawJson;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;

/**
 * The {@code result} of a split: sections with their page numbers ({@link SplitResult}), or, when
 * {@code settings.deep_split} is on, sections whose pages carry evidence ({@link DeepSplitResult}). Chosen by shape:
 * pages given as objects (page number and evidence) mean the second; any other object the first. A value that is not
 * an object is kept as raw JSON in {@link Unknown}. A response-side union: see {@link UnionDecoder} for the rule on
 * unknown shapes.
 */
@JsonDeserialize(using = SplitOutput.Decoder.class)
public sealed interface SplitOutput permits SplitResult, DeepSplitResult, SplitOutput.Unknown {

    /**
     * A split result of a shape this version does not know.
     *
     * @param json the result as received
     */
    record Unknown(JsonNode json) implements SplitOutput, RawJson {
        /** Checks the JSON is given. */
        public Unknown {
            RawJson.require(json);
        }
    }

    /** Reads by shape. */
    final class Decoder extends UnionDecoder<SplitOutput> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(SplitOutput.class, SplitResult.class, DeepSplitResult.class);
        }

        @Override
        protected SplitOutput decode(JsonNode json, DeserializationContext context) throws IOException {
            if (!json.isObject()) {
                return new Unknown(json);
            }
            boolean deep = json.path("splits").path(0).path("pages").path(0).isObject();
            return deep ? read(json, DeepSplitResult.class, context) : read(json, SplitResult.class, context);
        }
    }
}
