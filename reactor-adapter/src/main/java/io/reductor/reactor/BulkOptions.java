package io.reductor.reactor;

import java.util.Objects;

/**
 * How a bulk submission runs. Immutable; {@code with...} methods return changed copies.
 *
 * @param concurrency  the most documents in flight at once (uploading, submitting or awaiting); {@code 0} means the
 *                     client's connection pool size
 * @param awaitOptions how each job is awaited
 * @param ledger       where each document's job is recorded before it is awaited, so that a run started again
 *                     awaits it instead of submitting the document twice; {@code null} for none
 */
public record BulkOptions(int concurrency, AwaitOptions awaitOptions, BulkLedger ledger) {

    /**
     * Checks the arguments.
     *
     * @param concurrency  at least 1, or 0 for the size of the client's connection pool
     * @param awaitOptions how each job is awaited; not {@code null}
     * @param ledger       the ledger, or {@code null} for none
     * @throws IllegalArgumentException when {@code concurrency} is negative
     */
    public BulkOptions {
        if (concurrency < 0) {
            throw new IllegalArgumentException("concurrency must be at least 1 (or 0 for the default) but was "
                    + concurrency);
        }
        Objects.requireNonNull(awaitOptions, "awaitOptions");
    }

    /**
     * Options without a ledger.
     *
     * @param concurrency  at least 1, or 0 for the size of the client's connection pool
     * @param awaitOptions how each job is awaited; not {@code null}
     */
    public BulkOptions(int concurrency, AwaitOptions awaitOptions) {
        this(concurrency, awaitOptions, null);
    }

    /**
     * Concurrency sized to the connection pool, jobs awaited with {@link AwaitOptions#defaults()}.
     *
     * @return options with concurrency 0 (the pool size) and default await options
     */
    public static BulkOptions defaults() {
        return new BulkOptions(0, AwaitOptions.defaults());
    }

    /**
     * A copy with at most {@code concurrency} documents in flight.
     *
     * @param concurrency the most documents in flight at once; at least 1
     * @return a copy with this concurrency
     * @throws IllegalArgumentException when {@code concurrency} is less than 1
     */
    public BulkOptions withConcurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1 but was " + concurrency);
        }
        return new BulkOptions(concurrency, awaitOptions, ledger);
    }

    /**
     * A copy that awaits each job with {@code awaitOptions}.
     *
     * @param awaitOptions how each job is awaited; not {@code null}
     * @return a copy with these await options
     */
    public BulkOptions withAwaitOptions(AwaitOptions awaitOptions) {
        return new BulkOptions(concurrency, awaitOptions, ledger);
    }

    /**
     * A copy that records each document's job in {@code ledger} before awaiting it, and awaits the jobs the ledger
     * already holds instead of submitting their documents again (see {@link BulkLedger}). The documents' keys, as
     * strings, must then be unique in a run and the same in every run.
     *
     * @param ledger the ledger; not {@code null}
     * @return a copy with this ledger
     */
    public BulkOptions withLedger(BulkLedger ledger) {
        return new BulkOptions(concurrency, awaitOptions, Objects.requireNonNull(ledger, "ledger"));
    }
}
