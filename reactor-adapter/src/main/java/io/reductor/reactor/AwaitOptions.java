package io.reductor.reactor;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ReductoClient#awaitCompletion(String, AwaitOptions)} waits for a job. Immutable; {@code with...} methods
 * return changed copies.
 *
 * <p>The first poll asks without holding ({@code GET /job/{id}}), so the first status, {@code Pending} included, is
 * emitted at once. By default each later poll is a long poll ({@code GET /job/{id}?timeout=20}): the service may hold
 * the request until the job changes, so a job costs a few requests. When the service answers at once without a change (it does not
 * honour the long poll), the client falls back to polling at growing intervals: {@linkplain #initialInterval() 1 s},
 * growing by {@linkplain #intervalFactor() 1.5} up to {@linkplain #maxInterval() 15 s}, back to the start after each
 * change. A 429 that says polling is too frequent ({@code [CODE 2000]}) doubles the interval. There is no total limit
 * unless {@link #withTimeout(Duration)} sets one; it is separate from the per-request response timeout.
 */
public final class AwaitOptions {

    private static final AwaitOptions DEFAULTS = new AwaitOptions(Duration.ofSeconds(20), Duration.ofSeconds(1),
            Duration.ofSeconds(15), 1.5, null, false, Duration.ofSeconds(60));

    private final Duration longPollTimeout;
    private final Duration initialInterval;
    private final Duration maxInterval;
    private final double intervalFactor;
    private final Duration timeout;
    private final boolean cancelJobOnCancel;
    private final Duration webhookSilence;

    private AwaitOptions(Duration longPollTimeout, Duration initialInterval, Duration maxInterval,
            double intervalFactor, Duration timeout, boolean cancelJobOnCancel, Duration webhookSilence) {
        this.longPollTimeout = longPollTimeout;
        this.initialInterval = initialInterval;
        this.maxInterval = maxInterval;
        this.intervalFactor = intervalFactor;
        this.timeout = timeout;
        this.cancelJobOnCancel = cancelJobOnCancel;
        this.webhookSilence = webhookSilence;
    }

    /**
     * The defaults described above.
     *
     * @return the shared default options: long polls of 20 s, fallback intervals 1 s to 15 s growing by 1.5, no total
     *         limit, the job left running on cancel, webhook silence 60 s
     */
    public static AwaitOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How long each poll asks the service to hold the request, or {@code null} when long polling is off.
     *
     * @return the hold asked of the service per poll (default 20 s); {@code null} after {@link #withoutLongPoll()}
     */
    public Duration longPollTimeout() {
        return longPollTimeout;
    }

    /**
     * The first interval of fallback polling.
     *
     * @return the wait before the first fallback poll, and again after each change; default 1 s
     */
    public Duration initialInterval() {
        return initialInterval;
    }

    /**
     * The longest interval of fallback polling.
     *
     * @return the cap on the fallback interval; default 15 s
     */
    public Duration maxInterval() {
        return maxInterval;
    }

    /**
     * How much the interval grows after each poll without a change.
     *
     * @return the factor, at least 1 (1 means a fixed interval); default 1.5
     */
    public double intervalFactor() {
        return intervalFactor;
    }

    /**
     * The limit on the whole wait, or {@code null} for none.
     *
     * @return the limit on the whole wait, measured from the subscription; {@code null} (the default) for none
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * With a {@link io.reductor.reactor.webhook.WebhookHub} on the client: how long to wait for a webhook before
     * polling anyway (default 60 s). A webhook for the job triggers a poll at once.
     *
     * @return the longest wait for a webhook before a poll; default 60 s, unused without a hub
     */
    public Duration webhookSilence() {
        return webhookSilence;
    }

    /**
     * A copy that, when the client has a webhook hub, polls after {@code silence} without a webhook for the job.
     *
     * @param silence positive
     * @return a copy with this silence; the other settings are unchanged
     * @throws IllegalArgumentException when {@code silence} is zero or negative
     */
    public AwaitOptions withWebhookSilence(Duration silence) {
        return new AwaitOptions(longPollTimeout, initialInterval, maxInterval, intervalFactor, timeout,
                cancelJobOnCancel, RequestOptions.Builder.positive(silence, "webhookSilence"));
    }

    /**
     * Whether cancelling the subscription also asks the service to cancel the job.
     *
     * @return {@code true} when cancelling the subscription also cancels the job; {@code false} by default
     */
    public boolean cancelJobOnCancel() {
        return cancelJobOnCancel;
    }

    /**
     * A copy with another long-poll timeout.
     *
     * @param longPollTimeout positive
     * @return a copy that long-polls with this timeout
     * @throws IllegalArgumentException when {@code longPollTimeout} is zero or negative
     */
    public AwaitOptions withLongPoll(Duration longPollTimeout) {
        return new AwaitOptions(RequestOptions.Builder.positive(longPollTimeout, "longPollTimeout"), initialInterval,
                maxInterval, intervalFactor, timeout, cancelJobOnCancel, webhookSilence);
    }

    /**
     * A copy that never long-polls, only polls at intervals.
     *
     * @return a copy whose {@link #longPollTimeout()} is {@code null}
     */
    public AwaitOptions withoutLongPoll() {
        return new AwaitOptions(null, initialInterval, maxInterval, intervalFactor, timeout, cancelJobOnCancel,
                webhookSilence);
    }

    /**
     * A copy with other fallback polling intervals.
     *
     * @param initial the first interval, positive
     * @param max     the longest interval, at least {@code initial}
     * @param factor  the growth after each poll without a change, at least 1
     * @return a copy with these intervals
     * @throws IllegalArgumentException when an interval is not positive, {@code max} is shorter than {@code initial},
     *                                  or {@code factor} is below 1, NaN or infinite
     */
    public AwaitOptions withIntervals(Duration initial, Duration max, double factor) {
        RequestOptions.Builder.positive(initial, "initial interval");
        RequestOptions.Builder.positive(max, "max interval");
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "max interval (" + max + ") must not be shorter than the initial interval (" + initial + ")");
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("interval factor must be at least 1 but was " + factor);
        }
        return new AwaitOptions(longPollTimeout, initial, max, factor, timeout, cancelJobOnCancel, webhookSilence);
    }

    /**
     * A copy with a limit on the whole wait; when it passes, the stream fails with a {@code ReductoTimeoutException}
     * of kind {@code TOTAL} (the job keeps running).
     *
     * @param timeout positive
     * @return a copy with this limit
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public AwaitOptions withTimeout(Duration timeout) {
        return new AwaitOptions(longPollTimeout, initialInterval, maxInterval, intervalFactor,
                RequestOptions.Builder.positive(timeout, "timeout"), cancelJobOnCancel, webhookSilence);
    }

    /**
     * A copy that, when the subscription is cancelled, also asks the service to cancel the job (off by default).
     *
     * @param cancel {@code true} to send {@code POST /cancel/{job_id}} when the subscription is cancelled before the
     *               job finished
     * @return a copy with this setting
     */
    public AwaitOptions withCancelJobOnCancel(boolean cancel) {
        return new AwaitOptions(longPollTimeout, initialInterval, maxInterval, intervalFactor, timeout, cancel,
                webhookSilence);
    }

    @Override
    public String toString() {
        return "AwaitOptions[longPoll=" + longPollTimeout + ", intervals=" + initialInterval + ".." + maxInterval
                + " x" + intervalFactor + ", timeout=" + timeout + ", cancelJobOnCancel=" + cancelJobOnCancel
                + ", webhookSilence=" + webhookSilence + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AwaitOptions that && Double.compare(intervalFactor, that.intervalFactor) == 0
                && cancelJobOnCancel == that.cancelJobOnCancel
                && Objects.equals(longPollTimeout, that.longPollTimeout)
                && initialInterval.equals(that.initialInterval) && maxInterval.equals(that.maxInterval)
                && Objects.equals(timeout, that.timeout) && webhookSilence.equals(that.webhookSilence);
    }

    @Override
    public int hashCode() {
        return Objects.hash(longPollTimeout, initialInterval, maxInterval, intervalFactor, timeout, cancelJobOnCancel,
                webhookSilence);
    }
}
