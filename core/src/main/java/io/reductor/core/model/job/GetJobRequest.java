package io.reductor.core.model.job;

import io.reductor.core.model.common.Constraints;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One request of {@code GET /job/{job_id}}, optionally long-polling: with a {@code timeout} the service may hold the
 * request open for up to that long, waiting for the job to change, instead of answering at once. The documentation
 * does not say whether it returns on any status change or only on completion, nor its maximum, so callers must cope
 * with either and with an immediate answer.
 *
 * @param jobId           the job
 * @param longPollTimeout how long the service may hold the request, or {@code null} to answer at once
 */
public record GetJobRequest(String jobId, Duration longPollTimeout) {

    /**
     * Checks the arguments.
     *
     * @throws IllegalArgumentException if {@code jobId} is blank or the timeout is zero or negative
     */
    public GetJobRequest {
        if (jobId == null) {
            throw new IllegalArgumentException("GetJobRequest.jobId must not be blank but was null");
        }
        Constraints.identifier(jobId, "GetJobRequest.jobId");
        if (longPollTimeout != null && (longPollTimeout.isNegative() || longPollTimeout.isZero())) {
            throw new IllegalArgumentException(
                    "GetJobRequest.longPollTimeout must be positive but was " + longPollTimeout);
        }
    }

    /** Asks for the job's state now. */
    public static GetJobRequest of(String jobId) {
        return new GetJobRequest(jobId, null);
    }

    /** Asks the service to hold the request up to {@code timeout} for a change. */
    public static GetJobRequest longPoll(String jobId, Duration timeout) {
        return new GetJobRequest(jobId, Objects.requireNonNull(timeout, "timeout"));
    }

    /** The query parameters to send: {@code timeout} in (possibly fractional) seconds when long-polling. */
    public Map<String, String> queryParameters() {
        if (longPollTimeout == null) {
            return Map.of();
        }
        long millis = longPollTimeout.toMillis();
        String seconds = millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
        return Map.of("timeout", seconds);
    }
}
