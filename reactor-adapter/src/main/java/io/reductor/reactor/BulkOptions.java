package io.reductor.reactor;

import java.util.Objects;

/**
 * How a bulk submission runs. Immutable; {@code with...} methods return changed copies.
 *
 * @param concurrency  the most documents in flight at once (uploading, submitting or awaiting); {@code 0} means the
 *                     client's connection pool size
 * @param awaitOptions how each job is awaited
 */
public record BulkOptions(int concurrency, AwaitOptions awaitOptions) {

    /** Checks the arguments. */
    public BulkOptions {
        if (concurrency < 0) {
            throw new IllegalArgumentException("concurrency must be at least 1 (or 0 for the default) but was "
                    + concurrency);
        }
        Objects.requireNonNull(awaitOptions, "awaitOptions");
    }

    /** Concurrency sized to the connection pool, jobs awaited with {@link AwaitOptions#defaults()}. */
    public static BulkOptions defaults() {
        return new BulkOptions(0, AwaitOptions.defaults());
    }

    /** A copy with at most {@code concurrency} documents in flight. */
    public BulkOptions withConcurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1 but was " + concurrency);
        }
        return new BulkOptions(concurrency, awaitOptions);
    }

    /** A copy that awaits each job with {@code awaitOptions}. */
    public BulkOptions withAwaitOptions(AwaitOptions awaitOptions) {
        return new BulkOptions(concurrency, awaitOptions);
    }
}
