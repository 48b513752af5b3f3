package io.reductor.core.model.extract;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;

/**
 * What an extraction returns, in one of the two shapes the live service sends: with citations off,
 * {@code response_type: "extract"} and a list of results ({@link ExtractResponse}); with citations on,
 * {@code response_type: "v3_extract"} and one object whose leaves are {@code {value, citations}}
 * ({@link CitedExtractResponse}). Chosen by {@code response_type}, then by whether {@code result} is a list.
 */
@JsonDeserialize(using = ExtractResult.Decoder.class)
public sealed interface ExtractResult permits ExtractResponse, CitedExtractResponse {

    /** The id of the job that produced this result, when the service gives one. */
    String jobId();

    /** Usage and billing figures. */
    ExtractUsage usage();

    /** Reads by {@code response_type}, then by the shape of {@code result}. */
    final class Decoder extends UnionDecoder<ExtractResult> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(ExtractResult.class, ExtractResponse.class, CitedExtractResponse.class);
        }

        @Override
        protected ExtractResult decode(JsonNode json, DeserializationContext context) throws IOException {
            if (!json.isObject()) {
                return context.reportInputMismatch(ExtractResult.class,
                        "expected an extract response object but found %s", json.getNodeType());
            }
            String responseType = text(json, "response_type");
            boolean plain = "extract".equals(responseType)
                    || (!"v3_extract".equals(responseType) && json.path("result").isArray());
            return plain ? read(json, ExtractResponse.class, context) : read(json, CitedExtractResponse.class, context);
        }
    }
}
