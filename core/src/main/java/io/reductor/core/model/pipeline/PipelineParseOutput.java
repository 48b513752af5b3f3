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
import io.reductor.core.model.parse.ParseResponse;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The parse step's output in a pipeline result: one parse response, or one per document when the pipeline parsed
 * several. {@link #responses()} gives a list either way; the wire shape is kept for writing back. Any other shape is
 * kept as raw JSON in {@link Unknown}. A response-side union: see {@link UnionDecoder} for the rule on unknown shapes.
 */
@JsonDeserialize(using = PipelineParseOutput.Decoder.class)
public sealed interface PipelineParseOutput {

    /** Every parse response, one or many; none for {@link Unknown}. */
    List<ParseResponse> responses();

    /**
     * One parse response.
     *
     * @param response the response
     */
    record Single(@JsonValue ParseResponse response) implements PipelineParseOutput {
        /** Checks the response is given. */
        public Single {
            Objects.requireNonNull(response, "response");
        }

        @Override
        public List<ParseResponse> responses() {
            return List.of(response);
        }
    }

    /**
     * One parse response per document.
     *
     * @param responses the responses
     */
    record Multiple(@JsonValue List<ParseResponse> responses) implements PipelineParseOutput {
        /** Copies the list. */
        public Multiple {
            responses = Immutable.list(Objects.requireNonNull(responses, "responses"));
        }
    }

    /**
     * A parse output of a shape this version does not know.
     *
     * @param json the output as received
     */
    record Unknown(JsonNode json) implements PipelineParseOutput, RawJson {
        /** Checks the JSON is given. */
        public Unknown {
            RawJson.require(json);
        }

        /** None: the responses of an unknown shape are not read; they are in {@link #json()}. */
        @Override
        public List<ParseResponse> responses() {
            return List.of();
        }
    }

    /** Reads an object as one response, an array of objects as many, and anything else as unknown. */
    final class Decoder extends UnionDecoder<PipelineParseOutput> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(PipelineParseOutput.class, ParseResponse.class);
        }

        @Override
        protected PipelineParseOutput decodeObject(JsonParser parser, DeserializationContext context)
                throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return null;
            }
            return new Single(read(parser, ParseResponse.class, context));
        }

        @Override
        protected PipelineParseOutput decode(JsonNode json, DeserializationContext context) throws IOException {
            if (json.isObject()) {
                return new Single(read(json, ParseResponse.class, context));
            }
            return isArrayOfObjects(json)
                    ? new Multiple(readList(json, ParseResponse.class, context)) : new Unknown(json);
        }
    }
}
