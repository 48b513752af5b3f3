package io.reductor.core.model.job;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.UnionDecoder;
import io.reductor.core.model.classify.ClassifyResponse;
import io.reductor.core.model.edit.EditResponse;
import io.reductor.core.model.extract.CitedExtractResponse;
import io.reductor.core.model.extract.ExtractResponse;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.split.SplitResponse;

import java.io.IOException;
import java.util.Objects;

/**
 * The {@code result} of a finished job, one variant per kind of job. The variant is chosen by the
 * {@code response_type} discriminator when the service sends one, otherwise by the result's shape; a result that fits
 * no known shape is kept as raw JSON in {@link Unknown}, never forced into a wrong type. (An official SDK once read
 * citation-style extract results as pipeline results and returned empty data; the shape rules below are ordered to
 * avoid exactly that.)
 *
 * <pre>{@code
 * if (job.result() instanceof JobResult.Parse parse) {
 *     ParseResponse response = parse.response();
 * }
 * }</pre>
 */
@JsonDeserialize(using = JobResult.Decoder.class)
public sealed interface JobResult {

    /** The {@code response_type} value of this kind of result ({@code "parse"}, {@code "v3_extract"}, ...). */
    String responseType();

    /**
     * The result of a parse job.
     *
     * @param response the parse response
     */
    record Parse(@JsonValue ParseResponse response) implements JobResult {
        /** Checks the response is given. */
        public Parse {
            Objects.requireNonNull(response, "response");
        }

        @Override
        public String responseType() {
            return "parse";
        }
    }

    /**
     * The result of an extract job without citations: a list of results.
     *
     * @param response the extract response
     */
    record Extract(@JsonValue ExtractResponse response) implements JobResult {
        /** Checks the response is given. */
        public Extract {
            Objects.requireNonNull(response, "response");
        }

        @Override
        public String responseType() {
            return "extract";
        }
    }

    /**
     * The result of an extract job with citations: one object whose leaves are {@code {value, citations}}.
     *
     * @param response the extract response
     */
    record CitedExtract(@JsonValue CitedExtractResponse response) implements JobResult {
        /** Checks the response is given. */
        public CitedExtract {
            Objects.requireNonNull(response, "response");
        }

        @Override
        public String responseType() {
            return "v3_extract";
        }
    }

    /**
     * The result of a split job.
     *
     * @param response the split response
     */
    record Split(@JsonValue SplitResponse response) implements JobResult {
        /** Checks the response is given. */
        public Split {
            Objects.requireNonNull(response, "response");
        }

        @Override
        public String responseType() {
            return "split";
        }
    }

    /**
     * The result of an edit job.
     *
     * @param response the edit response
     */
    record Edit(@JsonValue EditResponse response) implements JobResult {
        /** Checks the response is given. */
        public Edit {
            Objects.requireNonNull(response, "response");
        }

        @Override
        public String responseType() {
            return "edit";
        }
    }

    /**
     * The result of a pipeline job.
     *
     * @param response the pipeline response
     */
    record Pipeline(@JsonValue PipelineResponse response) implements JobResult {
        /** Checks the response is given. */
        public Pipeline {
            Objects.requireNonNull(response, "response");
        }

        @Override
        public String responseType() {
            return "pipeline";
        }
    }

    /**
     * The result of a classify job.
     *
     * @param response the classify response
     */
    record Classify(@JsonValue ClassifyResponse response) implements JobResult {
        /** Checks the response is given. */
        public Classify {
            Objects.requireNonNull(response, "response");
        }

        @Override
        public String responseType() {
            return "classify";
        }
    }

    /**
     * A result of a kind this version does not know, kept as received.
     *
     * @param json the result
     */
    record Unknown(@JsonValue JsonNode json) implements JobResult {
        /** Checks the JSON is given. */
        public Unknown {
            Objects.requireNonNull(json, "json");
        }

        /** The {@code response_type} the service sent, or {@code null} when it sent none. */
        @Override
        public String responseType() {
            JsonNode type = json.get("response_type");
            return type != null && type.isTextual() ? type.textValue() : null;
        }
    }

    /**
     * Reads by {@code response_type}; without it, by shape, in this order: a {@code document_url} and no
     * {@code result} is an edit; a list {@code result} is an extract; extract usage ({@code usage.num_fields}) or a
     * field holding {@code {value, citations}} is a cited extract; then a {@code result} object with chunks or a
     * full/url {@code type} is a parse, with all of {@code parse}, {@code extract} and {@code split} a pipeline, with
     * {@code splits} or {@code section_mapping} a split, with {@code category} a classification. Anything else is
     * unknown.
     */
    final class Decoder extends UnionDecoder<JobResult> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(JobResult.class, ParseResponse.class, ExtractResponse.class, CitedExtractResponse.class,
                    SplitResponse.class, EditResponse.class, PipelineResponse.class, ClassifyResponse.class);
        }

        @Override
        protected JobResult decode(JsonNode json, DeserializationContext context) throws IOException {
            if (!json.isObject()) {
                return new Unknown(json);
            }
            String type = text(json, "response_type");
            return type != null ? byType(type, json, context) : byShape(json, context);
        }

        private JobResult byType(String type, JsonNode json, DeserializationContext context)
                throws IOException {
            return switch (type) {
                case "parse" -> new Parse(read(json, ParseResponse.class, context));
                case "extract" -> new Extract(read(json, ExtractResponse.class, context));
                case "v3_extract" -> new CitedExtract(read(json, CitedExtractResponse.class, context));
                case "split" -> new Split(read(json, SplitResponse.class, context));
                case "edit" -> new Edit(read(json, EditResponse.class, context));
                case "pipeline" -> new Pipeline(read(json, PipelineResponse.class, context));
                case "classify" -> new Classify(read(json, ClassifyResponse.class, context));
                default -> new Unknown(json);
            };
        }

        private JobResult byShape(JsonNode json, DeserializationContext context) throws IOException {
            JsonNode result = json.path("result");
            if (json.has("document_url") && result.isMissingNode()) {
                return byType("edit", json, context);
            }
            if (result.isArray()) {
                return byType("extract", json, context);
            }
            if (json.path("usage").has("num_fields") || hasCitedLeaf(result)) {
                return byType("v3_extract", json, context);
            }
            if (!result.isObject()) {
                return new Unknown(json);
            }
            String resultType = text(result, "type");
            if (result.has("chunks") || "full".equals(resultType) || "url".equals(resultType)) {
                return byType("parse", json, context);
            }
            if (result.has("parse") && result.has("extract") && result.has("split")) {
                return byType("pipeline", json, context);
            }
            if (result.has("splits") || result.has("section_mapping")) {
                return byType("split", json, context);
            }
            return result.has("category") ? byType("classify", json, context) : new Unknown(json);
        }

        /** Whether an object has a field whose value is a cited extract leaf, {@code {value, citations}}. */
        private static boolean hasCitedLeaf(JsonNode result) {
            if (!result.isObject()) {
                return false;
            }
            for (JsonNode field : result) {
                if (field.isObject() && field.has("value") && field.has("citations")) {
                    return true;
                }
            }
            return false;
        }
    }
}
