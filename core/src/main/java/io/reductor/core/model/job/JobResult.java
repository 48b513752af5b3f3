package io.reductor.core.model.job;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.reductor.core.json.RawJson;
import io.reductor.core.json.UnionDecoder;
import io.reductor.core.model.classify.ClassifyResponse;
import io.reductor.core.model.edit.EditResponse;
import io.reductor.core.model.extract.CitedExtractResponse;
import io.reductor.core.model.extract.ExtractResponse;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.split.SplitResponse;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The {@code result} of a finished job, one variant per kind of job. The variant is chosen by the
 * {@code response_type} discriminator when the service sends one, otherwise by the result's shape; a result that fits
 * no known shape is kept as raw JSON in {@link Unknown}, never forced into a wrong type. (An official SDK once read
 * citation-style extract results as pipeline results and returned empty data; the shape rules below are ordered to
 * avoid exactly that.) A response-side union: see {@link UnionDecoder} for the rule on unknown shapes.
 *
 * <pre>{@code
 * if (job.result() instanceof JobResult.Parse parse) {
 *     ParseResponse response = parse.response();
 * }
 * }</pre>
 */
@JsonDeserialize(using = JobResult.Decoder.class)
public sealed interface JobResult {

    /**
     * The {@code response_type} value of this kind of result ({@code "parse"}, {@code "v3_extract"}, ...); for
     * {@link Unknown}, the one the service sent.
     */
    default String responseType() {
        return Decoder.KINDS_BY_VARIANT.get(getClass()).responseType();
    }

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
    }

    /**
     * A result of a kind this version does not know, kept as received.
     *
     * @param json the result
     */
    record Unknown(JsonNode json) implements JobResult, RawJson {
        /** Checks the JSON is given. */
        public Unknown {
            RawJson.require(json);
        }

        /** The {@code response_type} the service sent, or {@code null} when it sent none. */
        @Override
        public String responseType() {
            return text("response_type");
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

        /** Every kind of result, one row each (a new kind is a row and its variant), in the order shapes are tried. */
        private static final List<Kind<?>> KINDS = List.of(
                new Kind<>("edit", Edit.class, EditResponse.class, Edit::new,
                        json -> json.has("document_url") && json.path("result").isMissingNode()),
                new Kind<>("extract", Extract.class, ExtractResponse.class, Extract::new,
                        json -> json.path("result").isArray()),
                new Kind<>("v3_extract", CitedExtract.class, CitedExtractResponse.class, CitedExtract::new,
                        json -> json.path("usage").has("num_fields") || hasCitedLeaf(json.path("result"))),
                new Kind<>("parse", Parse.class, ParseResponse.class, Parse::new, json -> {
                    String type = text(result(json), "type");
                    return result(json).has("chunks") || "full".equals(type) || "url".equals(type);
                }),
                new Kind<>("pipeline", Pipeline.class, PipelineResponse.class, Pipeline::new,
                        json -> result(json).has("parse") && result(json).has("extract")
                                && result(json).has("split")),
                new Kind<>("split", Split.class, SplitResponse.class, Split::new,
                        json -> result(json).has("splits") || result(json).has("section_mapping")),
                new Kind<>("classify", Classify.class, ClassifyResponse.class, Classify::new,
                        json -> result(json).has("category")));

        private static final Map<String, Kind<?>> KINDS_BY_TYPE =
                KINDS.stream().collect(Collectors.toUnmodifiableMap(Kind::responseType, kind -> kind));

        private static final Map<Class<?>, Kind<?>> KINDS_BY_VARIANT =
                KINDS.stream().collect(Collectors.toUnmodifiableMap(Kind::variant, kind -> kind));

        Decoder() {
            super(JobResult.class, KINDS.stream().map(Kind::response).toArray(Class<?>[]::new));
        }

        @Override
        protected String leadingTag() {
            return "response_type";
        }

        @Override
        protected TaggedReader<JobResult> tagged(String tag) {
            Kind<?> kind = KINDS_BY_TYPE.get(tag);
            return kind == null ? null : (object, context) -> kind.read(this, object, context);
        }

        @Override
        protected JobResult decodeBuffered(Buffered value, DeserializationContext context) throws IOException {
            Kind<?> kind = KINDS_BY_TYPE.get(String.valueOf(value.text("response_type")));
            return kind == null ? null : kind.read(this, value, context);
        }

        @Override
        protected JobResult decode(JsonNode json, DeserializationContext context) throws IOException {
            if (!json.isObject()) {
                return new Unknown(json);
            }
            String type = text(json, "response_type");
            Kind<?> kind = type != null ? KINDS_BY_TYPE.get(type) : byShape(json);
            return kind != null ? kind.read(this, json, context) : new Unknown(json);
        }

        private static Kind<?> byShape(JsonNode json) {
            for (Kind<?> kind : KINDS) {
                if (kind.shape().test(json)) {
                    return kind;
                }
            }
            return null;
        }

        /** The {@code result} object, or a missing node when there is none: no shape below it then matches. */
        private static JsonNode result(JsonNode json) {
            JsonNode result = json.path("result");
            return result.isObject() ? result : MissingNode.getInstance();
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

        /**
         * One kind of result.
         *
         * @param responseType its {@code response_type}
         * @param variant      the variant of {@link JobResult} that holds it
         * @param response     the response type it is decoded to
         * @param wrap         makes the variant of a response
         * @param shape        whether a result without {@code response_type} is of this kind
         */
        private record Kind<R>(String responseType, Class<? extends JobResult> variant, Class<R> response,
                               Function<R, JobResult> wrap, Predicate<JsonNode> shape) {

            JobResult read(Decoder decoder, JsonNode json, DeserializationContext context) throws IOException {
                return wrap.apply(decoder.read(json, response, context));
            }

            JobResult read(Decoder decoder, Buffered value, DeserializationContext context) throws IOException {
                return wrap.apply(decoder.read(value, response, context));
            }

            JobResult read(Decoder decoder, JsonParser object, DeserializationContext context) throws IOException {
                return wrap.apply(decoder.read(object, response, context));
            }
        }
    }
}
