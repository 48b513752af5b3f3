package io.reductor.core.model.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.Immutable;
import io.reductor.core.json.RawJson;
import io.reductor.core.json.UnionDecoder;
import io.reductor.core.model.extract.ExtractResult;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The extract step's output in a pipeline result: one extraction for the whole document, or, in an extract-then-split
 * pipeline, one extraction per split section. Any other shape is kept as raw JSON in {@link Unknown}. A response-side
 * union: see {@link UnionDecoder} for the rule on unknown shapes.
 */
@JsonDeserialize(using = PipelineExtractOutput.Decoder.class)
public sealed interface PipelineExtractOutput {

    /**
     * One extraction for the whole document.
     *
     * @param result the extraction
     */
    record Whole(@JsonValue ExtractResult result) implements PipelineExtractOutput {
        /** Checks the result is given. */
        public Whole {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * One extraction per split section.
     *
     * @param sections the extractions, with the section each belongs to
     */
    record PerSection(@JsonValue List<ExtractSplitResponse> sections) implements PipelineExtractOutput {
        /** Copies the list. */
        public PerSection {
            sections = Immutable.list(Objects.requireNonNull(sections, "sections"));
        }
    }

    /**
     * An extract output of a shape this version does not know.
     *
     * @param json the output as received
     */
    record Unknown(JsonNode json) implements PipelineExtractOutput, RawJson {
        /** Checks the JSON is given. */
        public Unknown {
            RawJson.require(json);
        }
    }

    /** Reads an object as one extraction, an array of objects as per-section extractions, anything else as unknown. */
    final class Decoder extends UnionDecoder<PipelineExtractOutput> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(PipelineExtractOutput.class, ExtractResult.class, ExtractSplitResponse.class);
        }

        @Override
        protected PipelineExtractOutput decodeObject(JsonParser parser, DeserializationContext context)
                throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return null;
            }
            return new Whole(read(parser, ExtractResult.class, context));
        }

        @Override
        protected PipelineExtractOutput decode(JsonNode json, DeserializationContext context) throws IOException {
            if (json.isObject()) {
                return new Whole(read(json, ExtractResult.class, context));
            }
            return isArrayOfObjects(json)
                    ? new PerSection(readList(json, ExtractSplitResponse.class, context)) : new Unknown(json);
        }
    }
}
