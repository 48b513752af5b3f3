package io.reductor.core.model.cite;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.UnionDecoder;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.FullResult;

import java.io.IOException;
import java.util.Objects;

/**
 * The parse that {@code /cite} searches: a {@code jobid://} reference to an earlier parse job, or the full parse
 * result itself. Either way the parse must have been run with {@code return_ocr_data} on.
 *
 * <p>A request-side union (see {@link UnionDecoder} for the rule): the factories and constructors refuse bad values
 * with an {@link IllegalArgumentException} naming the field and the value, and decoding a value that is neither shape
 * fails.
 */
@JsonDeserialize(using = CiteSource.Decoder.class)
public sealed interface CiteSource {

    /** An earlier parse job, by id (with or without the {@code jobid://} prefix). */
    static CiteSource job(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        String prefix = DocumentInput.JOB_REFERENCE_PREFIX;
        return new JobReference(jobId.startsWith(prefix) ? jobId : prefix + jobId);
    }

    /** A full parse result. */
    static CiteSource result(FullResult result) {
        return new Result(result);
    }

    /**
     * A {@code jobid://} reference.
     *
     * @param reference the reference, including its prefix
     */
    record JobReference(@JsonValue String reference) implements CiteSource {
        /** Checks the reference is {@code jobid://} and a job id, by the rule of {@link DocumentInput.JobReference}. */
        public JobReference {
            reference = new DocumentInput.JobReference(reference).reference();
        }
    }

    /**
     * A full parse result.
     *
     * @param result the result
     */
    record Result(@JsonValue FullResult result) implements CiteSource {
        /** Checks the result is given. */
        public Result {
            Objects.requireNonNull(result, "result");
        }
    }

    /** Reads a string as a job reference and an object as a parse result. */
    final class Decoder extends UnionDecoder<CiteSource> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(CiteSource.class, FullResult.class);
        }

        @Override
        protected CiteSource decode(JsonNode json, DeserializationContext context) throws IOException {
            if (json.isTextual()) {
                return new JobReference(json.textValue());
            }
            if (json.isObject()) {
                return new Result(read(json, FullResult.class, context));
            }
            return context.reportInputMismatch(CiteSource.class,
                    "expected a jobid:// string or a parse result object but found %s", json.getNodeType());
        }
    }
}
