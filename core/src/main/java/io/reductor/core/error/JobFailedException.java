package io.reductor.core.error;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An asynchronous job ended without a result: its status is {@code Failed} (or {@code Cancelled}). The HTTP calls
 * themselves succeeded; the job did not. The message reads {@code Job <id> Failed: <reason>}.
 */
public class JobFailedException extends ReductoException {

    private static final long serialVersionUID = 1L;

    private final String jobId;
    private final String status;
    private final String reason;
    private final JsonNode error;

    /**
     * Creates the exception.
     *
     * @param jobId  the job's id
     * @param status the job's final status as sent, such as {@code "Failed"} or {@code "Cancelled"};
     *               {@code null} means {@code "Failed"}
     * @param reason the job's {@code reason} field; may be {@code null}
     * @param error  the job's {@code error} object ({@code {code, name, message, job_id}}); may be {@code null}
     */
    public JobFailedException(String jobId, String status, String reason, JsonNode error) {
        super(message(Objects.requireNonNull(jobId, "jobId"), status == null ? "Failed" : status, reason, error));
        this.jobId = jobId;
        this.status = status == null ? "Failed" : status;
        this.reason = reason;
        this.error = error == null || error.isNull() || error.isMissingNode() ? null : error.deepCopy();
    }

    /** The id of the job. */
    public String jobId() {
        return jobId;
    }

    /** The job's final status as sent, such as {@code "Failed"} or {@code "Cancelled"}. */
    public String status() {
        return status;
    }

    /** Whether the job was cancelled rather than failing. */
    public boolean isCancelled() {
        return "cancelled".equalsIgnoreCase(status) || "canceled".equalsIgnoreCase(status);
    }

    /** The job's {@code reason} text, when it has one. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason).filter(r -> !r.isBlank());
    }

    /**
     * A copy of the job's {@code error} object as sent, e.g. {@code {"code":0,"name":"TIMEOUT","message":"...",
     * "job_id":"..."}}; {@code null} when there is none.
     */
    public JsonNode error() {
        return error == null ? null : error.deepCopy();
    }

    /** The {@code name} of the job's {@code error} object, such as {@code "TIMEOUT"}, when present. */
    public Optional<String> errorName() {
        return text(error, "name");
    }

    private static String message(String jobId, String status, String reason, JsonNode error) {
        String detail = reason != null && !reason.isBlank() ? reason : text(error, "message").orElse(null);
        Optional<String> name = text(error, "name");
        if (detail == null) {
            detail = name.orElse(null);
        } else if (name.isPresent() && !detail.contains(name.get())) {
            detail = detail + " (" + name.get() + ")";
        }
        String head = "Job " + jobId + " " + status;
        return detail == null ? head + " (no reason given)"
                : head + ": " + ErrorText.clean(detail, Set.of(), ErrorText.MAX_QUOTED);
    }

    private static Optional<String> text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }
}
