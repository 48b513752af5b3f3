package io.reductor.core.model.split;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.RawJson;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;

/**
 * The {@code result} of a split: sections with their page numbers ({@link SplitResult}), or, when
 * {@code settings.deep_split} is on, sections whose pages carry evidence ({@link DeepSplitResult}). Chosen by what the
 * spec guarantees, looking at every split and partition, not only the first: a page given as an object (page number
 * and evidence) means the second, a page given as a number the first; with no page at all, {@code section_mapping}
 * (required in a plain result, absent from a deep one) decides. A value that is not an object is kept as raw JSON in
 * {@link Unknown}. A response-side union: see {@link UnionDecoder} for the rule on
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
            return isDeep(json) ? read(json, DeepSplitResult.class, context) : read(json, SplitResult.class, context);
        }

        /** Whether a page of any split or partition is an object; without any page, whether section_mapping lacks. */
        private static boolean isDeep(JsonNode json) {
            for (JsonNode split : json.path("splits")) {
                Boolean deep = pagesAreObjects(split);
                for (JsonNode partition : split.path("partitions")) {
                    deep = deep != null ? deep : pagesAreObjects(partition);
                }
                if (deep != null) {
                    return deep;
                }
            }
            return !json.has("section_mapping");
        }

        /** Whether the first page of {@code section} is an object, or {@code null} when it has no page. */
        private static Boolean pagesAreObjects(JsonNode section) {
            JsonNode first = section.path("pages").path(0);
            return first.isMissingNode() ? null : first.isObject();
        }
    }
}
