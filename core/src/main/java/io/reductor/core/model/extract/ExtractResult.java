package io.reductor.core.model.extract;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.RawJson;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;

/**
 * What an extraction returns, in one of the two shapes the live service sends: with citations off,
 * {@code response_type: "extract"} and a list of results ({@link ExtractResponse}); with citations on,
 * {@code response_type: "v3_extract"} and one object whose leaves are {@code {value, citations}}
 * ({@link CitedExtractResponse}). Chosen by {@code response_type}; without one, a list {@code result} is the first and
 * an object {@code result} the second, and so is any other {@code result} next to a {@code usage}: the spec's
 * {@code V3ExtractResponse} requires both and lets {@code result} be any JSON value, {@code null} included. Anything
 * else (another {@code response_type}, another shape) is kept as raw JSON in {@link Unknown}. A response-side union:
 * see {@link UnionDecoder} for the rule on unknown shapes.
 */
@JsonDeserialize(using = ExtractResult.Decoder.class)
public sealed interface ExtractResult permits ExtractResponse, CitedExtractResponse, ExtractResult.Unknown {

    /** The id of the job that produced this result, when the service gives one. */
    String jobId();

    /** Usage and billing figures. */
    ExtractUsage usage();

    /**
     * An extraction result of a kind this version does not know.
     *
     * @param json the result as received
     */
    record Unknown(JsonNode json) implements ExtractResult, RawJson {
        /** Checks the JSON is given. */
        public Unknown {
            RawJson.require(json);
        }

        /** The {@code job_id} the service sent, or {@code null}. */
        @Override
        public String jobId() {
            return text("job_id");
        }

        /** Always {@code null}: the figures of a result of an unknown kind are not read (they are in the JSON). */
        @Override
        public ExtractUsage usage() {
            return null;
        }
    }

    /** Reads by {@code response_type}, then by the shape of {@code result} and the presence of {@code usage}. */
    final class Decoder extends UnionDecoder<ExtractResult> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(ExtractResult.class, ExtractResponse.class, CitedExtractResponse.class);
        }

        @Override
        protected String leadingTag() {
            return "response_type";
        }

        @Override
        protected TaggedReader<ExtractResult> tagged(String tag) {
            return switch (tag) {
                case "extract" -> (object, context) -> read(object, ExtractResponse.class, context);
                case "v3_extract" -> (object, context) -> read(object, CitedExtractResponse.class, context);
                default -> null;
            };
        }

        @Override
        protected ExtractResult decodeBuffered(Buffered value, DeserializationContext context) throws IOException {
            String responseType = value.text("response_type");
            return "extract".equals(responseType) ? read(value, ExtractResponse.class, context)
                    : "v3_extract".equals(responseType) ? read(value, CitedExtractResponse.class, context) : null;
        }

        @Override
        protected ExtractResult decode(JsonNode json, DeserializationContext context) throws IOException {
            String responseType = json.isObject() ? text(json, "response_type") : null;
            JsonNode result = json.path("result");
            if ("extract".equals(responseType) || (responseType == null && result.isArray())) {
                return read(json, ExtractResponse.class, context);
            }
            boolean v3Shape = result.isObject() || (json.has("result") && json.has("usage"));
            if ("v3_extract".equals(responseType) || (responseType == null && v3Shape)) {
                return read(json, CitedExtractResponse.class, context);
            }
            return new Unknown(json);
        }
    }
}
