package io.reductor.reactor.internal;

import io.reductor.core.error.RateLimitException;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.model.job.GetJobRequest;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobStatus;
import io.reductor.reactor.AwaitOptions;
import io.reductor.reactor.JobUpdate;
import io.reductor.reactor.webhook.WebhookHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Polls one job until it finishes, emitting a {@link JobUpdate} for the first status seen and for each change.
 *
 * <p>The first poll asks without holding, so the first status (often {@code Pending}) is emitted at once; a response
 * without a status fails the stream with a {@link ReductoDecodeException}. Each later poll is a long poll when the
 * options allow it. A poll that comes back without a change after the service
 * held it for at least half the long-poll timeout is followed at once by the next long poll; one that comes back
 * sooner without a change means the service does not hold requests, and the next poll waits an interval that grows
 * from {@link AwaitOptions#initialInterval()} by {@link AwaitOptions#intervalFactor()} up to
 * {@link AwaitOptions#maxInterval()}, and starts again after a change. A 429 (the transport has already waited out
 * 429s at the client's pacer for the policy's {@code maxRateLimitWait}) doubles the interval, up to a minute (or waits
 * what the server asked), and polling goes on: only the await's deadline or a real failure ends it. Every other error
 * has already been through the retry policy and ends the stream. A status this version does not
 * know counts as still running and is logged once. With {@link AwaitOptions#cancelJobOnCancel()}, a subscriber that
 * leaves before the terminal update also cancels the job. With a {@link WebhookHub}, polls are plain (no long poll)
 * and each wait ends early when a webhook of the job arrives; an await of the outcome alone waits for the webhook
 * (or {@link AwaitOptions#webhookSilence()}) before its first poll too, so a job whose webhook comes costs one poll.
 */
public final class JobWatcher {

    /** Awaits: 429s while polling (DEBUG), unknown statuses (INFO), failed cancellations (WARN); a public name. */
    private static final Logger LOG = LoggerFactory.getLogger("io.reductor.jobs");

    /**
     * The longest a 429 slows the polling interval to (or {@code AwaitOptions.maxInterval()} when longer), a
     * {@code Retry-After} included: like the default {@code RetryPolicy.maxRetryAfter()}.
     */
    private static final Duration SLOWDOWN_CEILING = Duration.ofSeconds(60);

    private final Function<GetJobRequest, Mono<JobResponse>> getJob;
    private final Function<String, Mono<Void>> cancelJob;
    private final Supplier<Scheduler> scheduler;
    private final WebhookHub webhooks;
    private final Telemetry telemetry;

    /**
     * Creates a watcher.
     *
     * @param getJob    one {@code GET /job/{id}} (with the client's retries)
     * @param cancelJob one {@code POST /cancel/{id}}
     * @param scheduler where waits and the total timeout run, obtained per subscription
     */
    public JobWatcher(Function<GetJobRequest, Mono<JobResponse>> getJob, Function<String, Mono<Void>> cancelJob,
            Supplier<Scheduler> scheduler) {
        this(getJob, cancelJob, scheduler, null);
    }

    /**
     * Creates a watcher driven by webhooks: after each poll it waits for a webhook of the job, polling at once when
     * one arrives and otherwise after {@link AwaitOptions#webhookSilence()}.
     *
     * @param webhooks where the application publishes the webhooks it receives, or {@code null} to poll only
     */
    public JobWatcher(Function<GetJobRequest, Mono<JobResponse>> getJob, Function<String, Mono<Void>> cancelJob,
            Supplier<Scheduler> scheduler, WebhookHub webhooks) {
        this(getJob, cancelJob, scheduler, webhooks, null);
    }

    /**
     * Creates a watcher whose every await is observed.
     *
     * @param webhooks  where the application publishes the webhooks it receives, or {@code null} to poll only
     * @param telemetry where each await is observed, or {@code null} for nowhere
     */
    public JobWatcher(Function<GetJobRequest, Mono<JobResponse>> getJob, Function<String, Mono<Void>> cancelJob,
            Supplier<Scheduler> scheduler, WebhookHub webhooks, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.getJob = Objects.requireNonNull(getJob, "getJob");
        this.cancelJob = Objects.requireNonNull(cancelJob, "cancelJob");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.webhooks = webhooks;
    }

    /** The status transitions of {@code jobId}, ending after the terminal one, the first status at once. */
    public Flux<JobUpdate> watch(String jobId, AwaitOptions options) {
        return watch(jobId, options, true);
    }

    /**
     * The status transitions of {@code jobId}, ending after the terminal one.
     *
     * @param firstStatusAtOnce whether the first poll asks without holding, so that the first status is emitted at
     *                          once; a caller that wants only the outcome saves that request and long-polls from the
     *                          start
     */
    public Flux<JobUpdate> watch(String jobId, AwaitOptions options, boolean firstStatusAtOnce) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(options, "options");
        GetJobRequest.of(jobId); // checks the id now rather than at the first poll
        Flux<JobUpdate> updates = Flux.defer(() -> {
            Scheduler timer = scheduler.get();
            Watch watch = new Watch(jobId, options, timer, firstStatusAtOnce);
            Flux<JobUpdate> polling = Mono.defer(watch::waitBeforePoll)
                    .then(Mono.defer(watch::poll))
                    .repeat()
                    .takeUntil(response -> response.status().isTerminal())
                    .filter(watch::isChange)
                    .map(response -> new JobUpdate(jobId, response.status(), response));
            return options.timeout() == null ? polling : withDeadline(polling, jobId, options.timeout(), timer);
        });
        Flux<JobUpdate> observed = telemetry == null ? updates : telemetry.awaitJob(updates);
        if (!options.cancelJobOnCancel()) {
            return observed;
        }
        return Flux.defer(() -> {
            // a subscriber that leaves after the terminal update (next(), take(n)) leaves a finished job alone
            AtomicBoolean finished = new AtomicBoolean();
            return observed
                    .doOnNext(update -> finished.compareAndSet(false, update.isTerminal()))
                    .doOnCancel(() -> {
                        if (!finished.get()) {
                            cancelJob.apply(jobId).subscribe(ignored -> { },
                                    error -> LOG.warn("Cancelling job {} failed: {}", jobId, error.toString()));
                        }
                    });
        });
    }

    private static Flux<JobUpdate> withDeadline(Flux<JobUpdate> updates, String jobId, Duration timeout,
            Scheduler timer) {
        long deadline = timer.now(TimeUnit.MILLISECONDS) + timeout.toMillis();
        return updates
                .timeout(Mono.delay(timeout, timer), update -> Mono.delay(
                        Duration.ofMillis(Math.max(0, deadline - timer.now(TimeUnit.MILLISECONDS))), timer))
                .onErrorMap(TimeoutException.class, error -> new ReductoTimeoutException(
                        ReductoTimeoutException.Kind.TOTAL, timeout, "waiting for job " + jobId, error));
    }

    /** One subscription's polling state. */
    private final class Watch {
        private final String jobId;
        private final AwaitOptions options;
        private final Scheduler timer;
        private Duration nextWait;
        private Duration interval;
        private final boolean firstStatusAtOnce;
        private JobStatus lastStatus;
        private boolean unknownLogged;
        private long mark;

        Watch(String jobId, AwaitOptions options, Scheduler timer, boolean firstStatusAtOnce) {
            this.jobId = jobId;
            this.options = options;
            this.timer = timer;
            this.firstStatusAtOnce = firstStatusAtOnce;
            this.interval = options.initialInterval();
            // an outcome-only await with a hub waits for the webhook first (any that already came counts: mark 0),
            // so that a job costs one poll
            this.nextWait = webhooks != null && !firstStatusAtOnce ? options.webhookSilence() : Duration.ZERO;
        }

        Mono<Void> waitBeforePoll() {
            if (nextWait.isZero()) {
                return Mono.empty();
            }
            Mono<Void> delay = Mono.delay(nextWait, timer).then();
            return webhooks == null ? delay : Mono.firstWithSignal(webhooks.arrivalAfter(jobId, mark), delay);
        }

        /**
         * One {@code GET /job/{id}}: a plain one until a status has been seen, so that the first status is emitted
         * at once, then long polls where the options allow them.
         */
        Mono<JobResponse> poll() {
            boolean longPoll = (lastStatus != null || !firstStatusAtOnce) && webhooks == null
                    && options.longPollTimeout() != null;
            GetJobRequest request = longPoll ? GetJobRequest.longPoll(jobId, options.longPollTimeout())
                    : GetJobRequest.of(jobId);
            mark = webhooks == null ? 0 : webhooks.mark();
            long started = timer.now(TimeUnit.MILLISECONDS);
            return getJob.apply(request)
                    .flatMap(response -> response.status() != null ? Mono.just(response)
                            : Mono.error(new ReductoDecodeException(JobResponse.class, "$.status",
                                    "GET /job/" + jobId + " answered without the required field status", null)))
                    .doOnNext(response -> plan(response, timer.now(TimeUnit.MILLISECONDS) - started))
                    .onErrorResume(RateLimitException.class, limit -> {
                        slowDown(limit);
                        return Mono.empty();
                    });
        }

        /** Decides the wait before the next poll from what this poll returned and how long it took. */
        private void plan(JobResponse response, long elapsedMillis) {
            JobStatus status = response.status();
            if (!status.isKnown() && !unknownLogged) {
                unknownLogged = true;
                LOG.info("Job {} has status {}, which this version does not know; treating it as still running",
                        jobId, status);
            }
            if (webhooks != null) {
                nextWait = options.webhookSilence();
                return;
            }
            boolean changed = !Objects.equals(status, lastStatus);
            boolean held = options.longPollTimeout() != null
                    && elapsedMillis >= options.longPollTimeout().toMillis() / 2;
            if (changed) {
                interval = options.initialInterval();
                nextWait = options.longPollTimeout() != null ? Duration.ZERO : interval;
            } else if (held) {
                nextWait = Duration.ZERO;
            } else {
                nextWait = interval;
                interval = grow(interval);
            }
        }

        /**
         * Any 429 that reaches the watcher (after the transport waited its turns) slows polling; it never ends it. A
         * {@code Retry-After} is honoured up to the same ceiling as the doubling, so an absurd one (years)
         * neither stalls the await nor overflows the timer.
         */
        private void slowDown(RateLimitException limit) {
            Duration ceiling = max(options.maxInterval(), SLOWDOWN_CEILING);
            Duration doubled = min(max(interval, nextWait).multipliedBy(2), ceiling);
            Duration asked = min(limit.retryAfter().orElse(Duration.ZERO), ceiling);
            nextWait = max(max(doubled, asked), options.initialInterval());
            interval = nextWait;
            LOG.debug("Polling job {} was answered 429 ({}); next poll in {} ms", jobId, limit.getMessage(),
                    nextWait.toMillis());
        }

        private Duration grow(Duration current) {
            long grown = (long) Math.min((double) options.maxInterval().toMillis(),
                    current.toMillis() * options.intervalFactor());
            return Duration.ofMillis(grown);
        }

        /** Whether a response shows a status not seen in the previous one (the first always counts). */
        boolean isChange(JobResponse response) {
            boolean changed = !Objects.equals(response.status(), lastStatus);
            lastStatus = response.status();
            return changed;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
