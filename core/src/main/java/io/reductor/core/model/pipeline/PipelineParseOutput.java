package io.reductor.core.model.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.Immutable;
import io.reductor.core.json.UnionDecoder;
import io.reductor.core.model.parse.ParseResponse;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The parse step's output in a pipeline result: one parse response, or one per document when the pipeline parsed
 * several. {@link #responses()} gives a list either way; the wire shape is kept for writing back.
 */
@JsonDeserialize(using = PipelineParseOutput.Decoder.class)
public sealed interface PipelineParseOutput {

    /** Every parse response, one or many. */
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

    /** Reads an object as one response and an array as many. */
    final class Decoder extends UnionDecoder<PipelineParseOutput> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(PipelineParseOutput.class, ParseResponse.class);
        }

        @Override
        protected PipelineParseOutput decode(JsonNode json, DeserializationContext context) throws IOException {
            if (json.isArray()) {
                return new Multiple(readList(json, ParseResponse.class, context));
            }
            return new Single(read(json, ParseResponse.class, context));
        }
    }
}
