package io.reductor.reactor;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When and how long the client waits before trying a failed request again. Immutable: every {@code with...} method
 * returns a changed copy. The defaults follow the official Reducto SDKs, with one deliberate difference: a request
 * that creates a billed job is not retried after it may have reached the server.
 *
 * <ul>
 *   <li>Up to {@linkplain #maxRetries() 2 retries}, so 3 attempts.</li>
 *   <li>Retried: failures before the request was sent (connect errors, a full connection pool), and the statuses 408,
 *       409 and every 5xx. A response header {@code x-should-retry: true|false} overrides the status rule.</li>
 *   <li>A 429 is an answer (the request was not processed), so it is sent again even when it creates a job, and it
 *       uses up no retry: every 429 slows the whole client, whose calls then take turns at the rate the service
 *       accepts, and the call waits for its turn, for up to {@linkplain #maxRateLimitWait() 10 minutes} of 429s (or
 *       its total timeout). {@link #none()} turns this off too.</li>
 *   <li>Backoff before retry {@code n} (0-based): {@code min(initialBackoff * 2^n, maxBackoff)}, minus up to
 *       {@linkplain #jitter() 25 %} at random. Defaults 0.5 s and 8 s.</li>
 *   <li>A {@code retry-after-ms} or {@code Retry-After} header (seconds or HTTP date) replaces the backoff, up to
 *       {@linkplain #maxRetryAfter() 60 s}; a longer wait is not taken: the error surfaces at once, and
 *       {@code RateLimitException.retryAfter()} says how long the server asked for. A 503 without any such header backs
 *       off by the policy; a 429 without one (production sends those) waits for its turn.</li>
 *   <li>Reads ({@code GET}) and cancellations are also retried after a timeout or a connection lost mid-response.
 *       Requests that create a job (parse, extract, split, edit, pipeline, classify) are not, because the job may
 *       already exist and be billed; the failure surfaces as {@link io.reductor.core.error.JobCreationUncertainException}. Set
 *       {@link #withRetryAmbiguousJobCreation(boolean)} to retry them anyway, as the official SDKs do.</li>
 * </ul>
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(8),
            0.25, Duration.ofSeconds(60), Set.of(408, 409, 429), true, false, Duration.ofMinutes(10));

    /** The longest backoff a policy accepts; longer waits are better expressed as a total timeout. */
    public static final Duration LONGEST_BACKOFF = Duration.ofDays(1);

    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final Set<Integer> retryableStatuses;
    private final boolean retryServerErrors;
    private final boolean retryAmbiguousJobCreation;
    private final Duration maxRateLimitWait;

    private RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, double jitter,
            Duration maxRetryAfter, Set<Integer> retryableStatuses, boolean retryServerErrors,
            boolean retryAmbiguousJobCreation, Duration maxRateLimitWait) {
        this.maxRateLimitWait = maxRateLimitWait;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
        this.retryableStatuses = Set.copyOf(retryableStatuses);
        this.retryServerErrors = retryServerErrors;
        this.retryAmbiguousJobCreation = retryAmbiguousJobCreation;
    }

    /**
     * The default policy described above.
     *
     * @return the shared default policy, the one a client uses unless given another
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A policy that never retries: every call is sent once, and a 429 reaches the caller at once too.
     *
     * @return a policy with no retries and no waiting out of 429s; otherwise the defaults
     */
    public static RetryPolicy none() {
        return DEFAULTS.withMaxRetries(0).withMaxRateLimitWait(Duration.ZERO);
    }

    /**
     * How many times a failed request is tried again (attempts = retries + 1).
     *
     * @return the number of retries, 0 or more; default 2
     */
    public int maxRetries() {
        return maxRetries;
    }

    /**
     * The backoff before the first retry.
     *
     * @return the backoff before the first retry, before jitter; default 0.5 s
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The longest backoff between two attempts.
     *
     * @return the cap on the exponential backoff, before jitter; default 8 s
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * The largest fraction (0 to 1) by which a backoff is randomly shortened.
     *
     * @return the jitter fraction; default 0.25, so a backoff is between 75 % and 100 % of its nominal length
     */
    public double jitter() {
        return jitter;
    }

    /**
     * The longest server-requested wait ({@code Retry-After}) the client will honour before retrying.
     *
     * @return the cap on a {@code Retry-After} wait; a longer requested wait fails the call at once; default 60 s
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * Whether job-creating requests are retried after they may have reached the server.
     *
     * @return {@code true} when such requests are retried and may create a second job; {@code false} by default
     */
    public boolean retryAmbiguousJobCreation() {
        return retryAmbiguousJobCreation;
    }

    /**
     * How long one call may keep being answered 429 before the {@code RateLimitException} reaches the caller: until
     * then each 429 is waited out at the client's pacer and the call is sent again, without using up a retry.
     *
     * @return the limit on waiting out 429s per call; default 10 minutes, zero for {@link #none()}
     */
    public Duration maxRateLimitWait() {
        return maxRateLimitWait;
    }

    /**
     * A copy with another limit on how long one call waits out 429s; see {@link #maxRateLimitWait()}. A call's total
     * timeout, when shorter, ends the wait first.
     *
     * @param maxRateLimitWait zero (a 429 then counts as an ordinary retryable failure) or more
     * @return a copy with this limit
     * @throws IllegalArgumentException when {@code maxRateLimitWait} is negative
     */
    public RetryPolicy withMaxRateLimitWait(Duration maxRateLimitWait) {
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        if (maxRateLimitWait.isNegative()) {
            throw new IllegalArgumentException("maxRateLimitWait must not be negative but was " + maxRateLimitWait);
        }
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, jitter, maxRetryAfter, retryableStatuses,
                retryServerErrors, retryAmbiguousJobCreation, maxRateLimitWait);
    }

    /**
     * Whether a response with {@code status} is retried when the server gives no {@code x-should-retry} verdict.
     *
     * @param status an HTTP status code
     * @return {@code true} for 408, 409, 429 and (unless changed) every 5xx
     */
    public boolean isRetryableStatus(int status) {
        return retryableStatuses.contains(status) || (retryServerErrors && status >= 500 && status <= 599);
    }

    /**
     * The backoff before retry number {@code retry} (0 for the first retry).
     *
     * @param retry  the 0-based retry number
     * @param random a number in {@code [0, 1)} choosing the jitter
     * @return the backoff, from {@code (1 - jitter)} to 1 times {@code min(initialBackoff * 2^retry, maxBackoff)}, in
     *         whole milliseconds
     * @throws IllegalArgumentException when {@code retry} is negative
     */
    public Duration backoff(int retry, double random) {
        if (retry < 0) {
            throw new IllegalArgumentException("retry must be at least 0 but was " + retry);
        }
        long base = initialBackoff.toMillis();
        long capped = maxBackoff.toMillis();
        long exponential = retry >= 63 || base > (Long.MAX_VALUE >> retry) ? capped : Math.min(base << retry, capped);
        return Duration.ofMillis(Math.round(exponential * (1.0 - jitter * random)));
    }

    /**
     * A copy with another number of retries.
     *
     * @param maxRetries at least 0
     * @return a copy with this number of retries
     * @throws IllegalArgumentException when {@code maxRetries} is negative
     */
    public RetryPolicy withMaxRetries(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be at least 0 but was " + maxRetries);
        }
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, jitter, maxRetryAfter, retryableStatuses,
                retryServerErrors, retryAmbiguousJobCreation, maxRateLimitWait);
    }

    /**
     * A copy with other backoff bounds.
     *
     * @param initial the first backoff, positive
     * @param max     the longest backoff, at least {@code initial}
     * @return a copy with these bounds
     * @throws IllegalArgumentException when a bound is not positive, {@code max} is shorter than {@code initial}, or
     *                                  {@code max} exceeds {@link #LONGEST_BACKOFF}
     */
    public RetryPolicy withBackoff(Duration initial, Duration max) {
        requirePositive(initial, "initial backoff");
        requirePositive(max, "max backoff");
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "max backoff (" + max + ") must not be shorter than the initial backoff (" + initial + ")");
        }
        if (max.compareTo(LONGEST_BACKOFF) > 0) {
            throw new IllegalArgumentException("max backoff must be at most " + LONGEST_BACKOFF + " but was " + max);
        }
        return new RetryPolicy(maxRetries, initial, max, jitter, maxRetryAfter, retryableStatuses, retryServerErrors,
                retryAmbiguousJobCreation, maxRateLimitWait);
    }

    /**
     * A copy with another jitter.
     *
     * @param jitter the largest fraction by which a backoff is shortened, from 0 (none) to 1
     * @return a copy with this jitter
     * @throws IllegalArgumentException when {@code jitter} is outside 0 to 1 or NaN
     */
    public RetryPolicy withJitter(double jitter) {
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1 but was " + jitter);
        }
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, jitter, maxRetryAfter, retryableStatuses,
                retryServerErrors, retryAmbiguousJobCreation, maxRateLimitWait);
    }

    /**
     * A copy with another cap on server-requested waits.
     *
     * @param maxRetryAfter the longest {@code Retry-After} honoured; zero or more
     * @return a copy with this cap
     * @throws IllegalArgumentException when {@code maxRetryAfter} is negative
     */
    public RetryPolicy withMaxRetryAfter(Duration maxRetryAfter) {
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative but was " + maxRetryAfter);
        }
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, jitter, maxRetryAfter, retryableStatuses,
                retryServerErrors, retryAmbiguousJobCreation, maxRateLimitWait);
    }

    /**
     * A copy that retries (or not) job-creating requests after a failure that may have reached the server, such as a
     * response timeout. Retrying can create and bill a second job.
     *
     * @param retry {@code true} to retry them as the official SDKs do, {@code false} (the default) to surface a
     *              {@link io.reductor.core.error.JobCreationUncertainException}
     * @return a copy with this setting
     */
    public RetryPolicy withRetryAmbiguousJobCreation(boolean retry) {
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, jitter, maxRetryAfter, retryableStatuses,
                retryServerErrors, retry, maxRateLimitWait);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + duration);
        }
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + maxRetries + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", jitter=" + jitter + ", maxRetryAfter=" + maxRetryAfter + ", statuses="
                + new TreeSet<>(retryableStatuses) + (retryServerErrors ? "+5xx" : "")
                + ", retryAmbiguousJobCreation=" + retryAmbiguousJobCreation + ", maxRateLimitWait=" + maxRateLimitWait
                + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetryPolicy that && maxRetries == that.maxRetries
                && Double.compare(jitter, that.jitter) == 0 && retryServerErrors == that.retryServerErrors
                && retryAmbiguousJobCreation == that.retryAmbiguousJobCreation
                && initialBackoff.equals(that.initialBackoff) && maxBackoff.equals(that.maxBackoff)
                && maxRetryAfter.equals(that.maxRetryAfter) && retryableStatuses.equals(that.retryableStatuses)
                && maxRateLimitWait.equals(that.maxRateLimitWait);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRetries, initialBackoff, maxBackoff, jitter, maxRetryAfter, retryableStatuses,
                retryServerErrors, retryAmbiguousJobCreation, maxRateLimitWait);
    }
}
