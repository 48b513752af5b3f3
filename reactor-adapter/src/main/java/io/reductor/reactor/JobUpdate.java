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

    /** Checks the arguments. */
    public JobUpdate {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(response, "response");
    }

    /** Whether this is the last update: the job completed, failed or was cancelled. */
    public boolean isTerminal() {
        return status.isTerminal();
    }

    /** Progress as the service reports it (a fraction in the examples seen), when it does. */
    public Optional<Double> progress() {
        return Optional.ofNullable(response.progress());
    }

    /** The typed result, once the job completed. */
    public Optional<JobResult> result() {
        return Optional.ofNullable(response.result());
    }

    /** Why the job failed, when it failed and the service says. */
    public Optional<String> reason() {
        return Optional.ofNullable(response.reason());
    }
}
