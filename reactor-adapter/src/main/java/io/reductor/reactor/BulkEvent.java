package io.reductor.reactor;

import io.reductor.core.error.JobFailedException;

import java.util.Objects;

/**
 * What happened to one document of a bulk submission. For every document the stream carries exactly one
 * {@linkplain #isOutcome() outcome}: {@link Completed}, {@link Failed} or {@link Rejected}. Before it, as soon as the
 * job exists, comes {@link Submitted} with the job id, so that a service can persist it and, after a crash, await the
 * job ({@link PendingJob}) rather than submit the document again.
 *
 * @param <K> the type of the caller's key
 * @param <R> the type of the result
 */
public sealed interface BulkEvent<K, R> {

    /**
     * The caller's key of the document.
     *
     * @return the key the document was submitted with; never {@code null}
     */
    K key();

    /**
     * Whether this is the document's outcome (the last event about it).
     *
     * @return {@code true} for {@link Completed}, {@link Failed} and {@link Rejected}, {@code false} for
     *         {@link Submitted}
     */
    boolean isOutcome();

    /**
     * The job was created.
     *
     * @param key   the caller's key
     * @param jobId the job
     */
    record Submitted<K, R>(K key, String jobId) implements BulkEvent<K, R> {
        /**
         * Checks the arguments.
         *
         * @param key   the caller's key; not {@code null}
         * @param jobId the id the service gave the job; not {@code null}
         */
        public Submitted {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(jobId, "jobId");
        }

        @Override
        public boolean isOutcome() {
            return false;
        }
    }

    /**
     * The job completed.
     *
     * @param key    the caller's key
     * @param jobId  the job
     * @param result the typed result
     */
    record Completed<K, R>(K key, String jobId, R result) implements BulkEvent<K, R> {
        /**
         * Checks the arguments.
         *
         * @param key    the caller's key; not {@code null}
         * @param jobId  the job's id; not {@code null}
         * @param result the typed result; not {@code null}
         */
        public Completed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public boolean isOutcome() {
            return true;
        }
    }

    /**
     * The job was created but did not deliver a result: it failed or was cancelled ({@link JobFailedException}), or
     * awaiting it failed (for example a {@code ReductoTimeoutException}); the job id allows awaiting it again.
     *
     * @param key   the caller's key
     * @param jobId the job
     * @param error why
     */
    record Failed<K, R>(K key, String jobId, Throwable error) implements BulkEvent<K, R> {
        /**
         * Checks the arguments.
         *
         * @param key   the caller's key; not {@code null}
         * @param jobId the job's id; not {@code null}
         * @param error the failure; not {@code null}
         */
        public Failed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public boolean isOutcome() {
            return true;
        }
    }

    /**
     * No job was created for the document, or it is uncertain whether one was: the upload or the submission failed.
     * A {@code JobCreationUncertainException} means the submission may have reached the service; check before
     * submitting again.
     *
     * @param key   the caller's key
     * @param error why
     */
    record Rejected<K, R>(K key, Throwable error) implements BulkEvent<K, R> {
        /**
         * Checks the arguments.
         *
         * @param key   the caller's key; not {@code null}
         * @param error the failure of the upload or the submission; not {@code null}
         */
        public Rejected {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public boolean isOutcome() {
            return true;
        }
    }
}
