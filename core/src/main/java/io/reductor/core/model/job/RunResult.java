package io.reductor.core.model.job;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a synchronous endpoint answered: the result itself, or, when the request carried an {@code async}
 * configuration, the id of the job the service created instead ({@code /parse} and {@code /extract} may do either).
 *
 * @param <T> the type of the result
 */
public sealed interface RunResult<T> {

    /** A result. */
    static <T> RunResult<T> completed(T response) {
        return new Completed<>(response);
    }

    /** A job to await instead of a result. */
    static <T> RunResult<T> submitted(SubmittedJob job) {
        return new Submitted<>(job);
    }

    /** Whether the result itself came back. */
    boolean isCompleted();

    /**
     * The result.
     *
     * @throws NoSuchElementException when the service answered with a job id instead; the message names the job
     */
    T response();

    /** The id of the job to await, when the service answered with one instead of the result. */
    Optional<String> jobId();

    /**
     * The result came back.
     *
     * @param response the result
     * @param <T>      its type
     */
    record Completed<T>(T response) implements RunResult<T> {
        /** Checks the result is given. */
        public Completed {
            Objects.requireNonNull(response, "response");
        }

        @Override
        public boolean isCompleted() {
            return true;
        }

        @Override
        public Optional<String> jobId() {
            return Optional.empty();
        }
    }

    /**
     * The service created a job instead of answering with its result.
     *
     * @param job the job
     * @param <T> the type of the result the job will produce
     */
    record Submitted<T>(SubmittedJob job) implements RunResult<T> {
        /** Checks the job is given. */
        public Submitted {
            Objects.requireNonNull(job, "job");
        }

        @Override
        public boolean isCompleted() {
            return false;
        }

        @Override
        public T response() {
            throw new NoSuchElementException("The service answered with job " + job.jobId()
                    + " instead of a result; await the job to get it");
        }

        @Override
        public Optional<String> jobId() {
            return Optional.ofNullable(job.jobId());
        }
    }
}
