package io.reductor.reactor;

import io.reductor.core.model.common.Constraints;

import java.util.Objects;

/**
 * A job submitted earlier, with the caller's key for its document: what a service persists from
 * {@link BulkEvent.Submitted} so that after a restart it can await the job instead of submitting the document again.
 *
 * @param key   the caller's key
 * @param jobId the job
 * @param <K>   the type of the key
 */
public record PendingJob<K>(K key, String jobId) {

    /**
     * Checks the arguments.
     *
     * @param key   the caller's key; not {@code null}
     * @param jobId the job's id; not blank, no surrounding whitespace
     * @throws IllegalArgumentException when {@code jobId} is {@code null}, blank or padded with whitespace
     */
    public PendingJob {
        Objects.requireNonNull(key, "key");
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("PendingJob.jobId must not be blank but was "
                    + (jobId == null ? "null" : "\"" + jobId + "\""));
        }
        Constraints.identifier(jobId, "PendingJob.jobId");
    }
}
