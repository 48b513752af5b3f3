package io.reductor.reactor;

import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobStatus;

import java.util.Objects;
import java.util.Optional;

/**
 * One status transition of an awaited job, as emitted by {@link ReductoClient#awaitCompletion(String)}: the first
 * status seen, then each change. The last update of a stream has a {@linkplain JobStatus#isTerminal() terminal}
 * status and carries the result (completed) or the reason (failed, cancelled).
 *
 * @param jobId    the job
 * @param status   the status
 * @param response the job as the service reported it, with progress, reason and result
 */
public record JobUpdate(String jobId, JobStatus status, JobResponse response) {

    /**
     * Checks the arguments.
     *
     * @param jobId    the job's id; not {@code null}
     * @param status   the status of this update; not {@code null}
     * @param response the service's answer the status was read from; not {@code null}
     */
    public JobUpdate {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(response, "response");
    }

    /**
     * Whether this is the last update: the job completed, failed or was cancelled.
     *
     * @return {@code true} when the status is completed, failed or cancelled
     */
    public boolean isTerminal() {
        return status.isTerminal();
    }

    /**
     * Progress as the service reports it (a fraction in the examples seen), when it does.
     *
     * @return the service's progress figure; empty when the response has none
     */
    public Optional<Double> progress() {
        return Optional.ofNullable(response.progress());
    }

    /**
     * The typed result, once the job completed.
     *
     * @return the result of a completed job; empty before completion, after a failure, or when the service sent none
     */
    public Optional<JobResult> result() {
        return Optional.ofNullable(response.result());
    }

    /**
     * Why the job failed, when it failed and the service says.
     *
     * @return the service's explanation; empty when the job did not fail or the service gave none
     */
    public Optional<String> reason() {
        return Optional.ofNullable(response.reason());
    }
}
