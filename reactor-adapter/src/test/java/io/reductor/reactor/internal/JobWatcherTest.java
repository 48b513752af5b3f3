package io.reductor.reactor.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.reductor.core.error.ApiErrors;
import io.reductor.core.error.InternalServerException;
import io.reductor.core.error.RateLimitException;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.model.common.ParseUsage;
import io.reductor.core.model.job.GetJobRequest;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.UrlResult;
import io.reductor.reactor.AwaitOptions;
import io.reductor.reactor.JobUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JobWatcher} in virtual time against a scripted fake {@code GET /job/{id}}: each poll's request and virtual
 * time are recorded, so every test asserts how many polls were made and exactly when. Each stream is followed by a
 * quiet period of {@link #QUIET} so that a poll after the end (a leaked loop) would be seen.
 */
class JobWatcherTest {

    private static final String JOB = "job-1";
    /** A guard against a hang; the tests run in virtual time and never wait this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Virtual time let pass after a stream ended, in which nothing may happen any more. */
    private static final Duration QUIET = Duration.ofMinutes(30);
    /** Enough virtual time for any script here to play out, the quiet period included. */
    private static final Duration PLAY_ALL = Duration.ofHours(3);
    private static final Duration LONG_POLL = Duration.ofSeconds(20);
    /** More polls than any script makes: past this the fake fails the stream, so a runaway loop cannot hang. */
    private static final int MAX_POLLS = 2_000;

    private static final JobResult RESULT = new JobResult.Parse(ParseResponse.builder()
            .jobId(JOB)
            .duration(1.5)
            .usage(ParseUsage.builder().numPages(2).build())
            .result(UrlResult.builder().url("https://storage.example/result.json").resultId("r-1").build())
            .build());

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();
    private final List<String> cancelledJobs = new CopyOnWriteArrayList<>();
    private final List<Emission> emitted = new CopyOnWriteArrayList<>();
    private volatile Duration endedAt;

    // ----------------------------------------------------------------------------------------------------------------
    // the fake service

    /** One recorded poll. */
    record Call(GetJobRequest request, Duration at) {
    }

    /** One emitted update. */
    record Emission(JobStatus status, Duration at) {
    }

    /**
     * One scripted answer: held for {@code hold} (a long poll the service honours), then the response or the error;
     * neither means the request never answers.
     */
    record Step(Duration hold, JobResponse response, Throwable error) {
    }

    private static Step now(JobResponse response) {
        return new Step(Duration.ZERO, response, null);
    }

    private static Step after(Duration hold, JobResponse response) {
        return new Step(hold, response, null);
    }

    private static Step failing(Throwable error) {
        return new Step(Duration.ZERO, null, error);
    }

    private static Step hanging() {
        return new Step(Duration.ZERO, null, null);
    }

    /** {@code GET /job/{id}} replaying a script, one step per poll, recording each request and its virtual time. */
    private static final class FakeJob implements Function<GetJobRequest, Mono<JobResponse>> {
        private final Supplier<Scheduler> clock;
        private final List<Step> script;
        private final boolean repeatLast;
        private final List<Call> calls = new CopyOnWriteArrayList<>();
        private final List<Duration> cancelledAt = new CopyOnWriteArrayList<>();

        FakeJob(Supplier<Scheduler> clock, boolean repeatLast, Step... script) {
            this.clock = clock;
            this.script = List.of(script);
            this.repeatLast = repeatLast;
        }

        @Override
        public Mono<JobResponse> apply(GetJobRequest request) {
            return Mono.defer(() -> {
                Scheduler scheduler = clock.get();
                calls.add(new Call(request, at(scheduler)));
                int index = calls.size() - 1;
                if (calls.size() > MAX_POLLS) {
                    return Mono.error(new AssertionError("runaway polling: " + calls.size() + " polls"));
                }
                if (index >= script.size() && !repeatLast) {
                    return Mono.error(new AssertionError("poll " + (index + 1) + " at " + at(scheduler)
                            + " was not expected: the script has " + script.size() + " steps"));
                }
                Step step = script.get(Math.min(index, script.size() - 1));
                Mono<JobResponse> answer = step.error() != null ? Mono.error(step.error())
                        : step.response() != null ? Mono.just(step.response()) : Mono.never();
                // a service holds only a long poll; a plain poll is answered at once
                Duration hold = request.longPollTimeout() == null ? Duration.ZERO : step.hold();
                Mono<JobResponse> held = hold.isZero() ? answer.hide() : Mono.delay(hold, scheduler).then(answer);
                // a cancel after the answer arrived (takeUntil on the terminal status) aborts nothing
                AtomicBoolean answered = new AtomicBoolean();
                return held.doOnNext(response -> answered.set(true))
                        .doOnCancel(() -> {
                            if (!answered.get()) {
                                cancelledAt.add(at(scheduler));
                            }
                        });
            });
        }

        List<Duration> pollTimes() {
            return calls.stream().map(Call::at).toList();
        }
    }

    private FakeJob fake(Step... script) {
        return new FakeJob(() -> vts, false, script);
    }

    private FakeJob fakeRepeatingLast(Step... script) {
        return new FakeJob(() -> vts, true, script);
    }

    private JobWatcher watcher(FakeJob fake) {
        return new JobWatcher(fake, jobId -> Mono.fromRunnable(() -> cancelledJobs.add(jobId)), () -> vts);
    }

    private static Duration at(Scheduler scheduler) {
        return Duration.ofMillis(scheduler.now(TimeUnit.MILLISECONDS));
    }

    /** Records emissions and the end, then keeps the subscription alive {@link #QUIET} longer. */
    private Flux<JobUpdate> observed(Flux<JobUpdate> updates, Supplier<Scheduler> clock) {
        return updates
                .doOnNext(update -> emitted.add(new Emission(update.status(), at(clock.get()))))
                .doOnEach(signal -> {
                    if (signal.isOnComplete() || signal.isOnError()) {
                        endedAt = at(clock.get());
                    }
                })
                .onErrorResume(error -> Mono.delay(QUIET, clock.get()).then(Mono.error(error)))
                .concatWith(Mono.delay(QUIET, clock.get()).then(Mono.empty()));
    }

    private Flux<JobUpdate> observed(Flux<JobUpdate> updates) {
        return observed(updates, () -> vts);
    }

    /** Plays {@code updates} in virtual time: all of it, its quiet period included. */
    private StepVerifier.Step<JobUpdate> play(Supplier<Flux<JobUpdate>> updates) {
        return StepVerifier.withVirtualTime(() -> observed(updates.get()), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(PLAY_ALL);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // values

    private static Duration s(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static List<Duration> times(double... seconds) {
        return Arrays.stream(seconds).mapToObj(JobWatcherTest::s).toList();
    }

    private static JobResponse job(JobStatus status) {
        return JobResponse.builder().status(status).build();
    }

    private static JobResponse pending(double progress) {
        return JobResponse.builder().status(JobStatus.PENDING).progress(progress).build();
    }

    private static final JobResponse PENDING = job(JobStatus.PENDING);
    private static final JobResponse IN_PROGRESS = job(JobStatus.IN_PROGRESS);
    private static final JobResponse COMPLETED = JobResponse.builder().status(JobStatus.COMPLETED).result(RESULT)
            .progress(1.0).build();

    private static RateLimitException tooManyRequests(int code, String retryAfterSeconds) {
        Map<String, List<String>> headers = retryAfterSeconds == null
                ? Map.of("content-type", List.of("application/json"))
                : Map.of("content-type", List.of("application/json"), "retry-after", List.of(retryAfterSeconds));
        String body = "{\"message\":\"[CODE " + code + "] Too many requests"
                + (code == 2000 ? " polling /job; use webhooks instead" : "") + "\"}";
        return (RateLimitException) ApiErrors.fromResponse(429, headers, body.getBytes(StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private static RateLimitException pollingLimit() {
        return tooManyRequests(RateLimitException.POLLING_LIMIT_CODE, null);
    }

    private static InternalServerException serverError(int status) {
        return (InternalServerException) ApiErrors.fromResponse(status,
                Map.of("content-type", List.of("application/json")),
                "{\"detail\":\"Something went wrong\"}".getBytes(StandardCharsets.UTF_8), null);
    }

    /** The first poll asked without holding, every later one long-polled. */
    private static void assertFirstPlainThenLongPolls(FakeJob fake) {
        assertThat(fake.calls.get(0).request().longPollTimeout()).isNull();
        assertThat(fake.calls.subList(1, fake.calls.size()))
                .allSatisfy(call -> assertThat(call.request().longPollTimeout()).isEqualTo(LONG_POLL));
    }

    private List<JobStatus> emittedStatuses() {
        return emitted.stream().map(Emission::status).toList();
    }

    private List<Duration> emittedTimes() {
        return emitted.stream().map(Emission::at).toList();
    }

    @Test
    void theFakeErrorsAreWhatTheClientBuilds() {
        assertThat(pollingLimit().isPollingLimit()).isTrue();
        assertThat(pollingLimit().retryAfter()).isEmpty();
        assertThat(tooManyRequests(2000, "30").retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(tooManyRequests(1000, null).isKeyLimit()).isTrue();
        assertThat(tooManyRequests(1000, null).isPollingLimit()).isFalse();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // long polling honoured by the service

    @Test
    void theFirstStatusIsEmittedAtOnceThenLongPollsTheServiceHoldsFollowBackToBack() {
        FakeJob fake = fake(
                now(pending(0.1)),
                after(LONG_POLL, pending(0.5)),
                after(LONG_POLL, IN_PROGRESS),
                after(LONG_POLL, IN_PROGRESS),
                after(LONG_POLL, COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .assertNext(update -> {
                    assertThat(update.jobId()).isEqualTo(JOB);
                    assertThat(update.status()).isEqualTo(JobStatus.PENDING);
                    assertThat(update.progress()).contains(0.1);
                    assertThat(update.isTerminal()).isFalse();
                    assertThat(update.result()).isEmpty();
                })
                .assertNext(update -> assertThat(update.status()).isEqualTo(JobStatus.IN_PROGRESS))
                .assertNext(update -> {
                    assertThat(update.status()).isEqualTo(JobStatus.COMPLETED);
                    assertThat(update.isTerminal()).isTrue();
                    assertThat(update.result()).containsSame(RESULT);
                    assertThat(update.response()).isSameAs(COMPLETED);
                })
                .expectComplete()
                .verify(TIMEOUT);

        // the first poll asks without holding, so Pending is emitted at once; then long polls back to back, each
        // starting the moment the previous one came back
        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 20, 40, 60));
        assertThat(emittedTimes()).containsExactlyElementsOf(times(0, 40, 80));
        assertThat(endedAt).isEqualTo(s(80));
        assertThat(fake.calls.get(0).request().queryParameters()).isEmpty();
        assertThat(fake.calls.subList(1, fake.calls.size())).allSatisfy(call -> {
            assertThat(call.request().jobId()).isEqualTo(JOB);
            assertThat(call.request().longPollTimeout()).isEqualTo(LONG_POLL);
            assertThat(call.request().queryParameters()).containsExactly(Map.entry("timeout", "20"));
        });
    }

    @Test
    void aWatchForTheOutcomeOnlyLongPollsFromTheFirstRequest() {
        FakeJob fake = fake(after(LONG_POLL, IN_PROGRESS), after(LONG_POLL, COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults(), false))
                .expectNextCount(2)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 20));
        assertThat(fake.calls).allSatisfy(call -> assertThat(call.request().longPollTimeout()).isEqualTo(LONG_POLL));
    }

    @Test
    void aLongPollAnsweredEarlyWithAChangeIsFollowedAtOnce() {
        // a service that answers as soon as the status changes
        FakeJob fake = fake(
                now(PENDING),
                after(s(7), IN_PROGRESS),
                after(LONG_POLL, IN_PROGRESS),
                after(s(12), COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextCount(3)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 7, 27));
        assertThat(emittedStatuses()).containsExactly(JobStatus.PENDING, JobStatus.IN_PROGRESS, JobStatus.COMPLETED);
        assertThat(emittedTimes()).containsExactlyElementsOf(times(0, 7, 39));
    }

    @Test
    void anUnchangedAnswerHeldLessThanHalfTheLongPollMeansTheServiceDoesNotHoldRequests() {
        FakeJob fake = fake(
                now(PENDING),
                after(Duration.ofMillis(9_999), PENDING), // not held: wait the initial interval
                after(Duration.ofSeconds(10), PENDING),   // held half the long poll: go on at once
                now(COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextCount(2)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 10.999, 20.999));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // long polling ignored by the service: interval polling

    @Test
    void whenTheServiceAnswersAtOnceTheWaitsGrowByTheFactorUpToTheMaximum() {
        FakeJob fake = fake(now(PENDING), now(PENDING), now(PENDING), now(PENDING), now(PENDING), now(PENDING),
                now(COMPLETED));
        AwaitOptions options = AwaitOptions.defaults().withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(3), 1.5);

        play(() -> watcher(fake).watch(JOB, options))
                .assertNext(update -> assertThat(update.status()).isEqualTo(JobStatus.PENDING))
                .assertNext(update -> assertThat(update.result()).containsSame(RESULT))
                .expectComplete()
                .verify(TIMEOUT);

        // a change (the first answer) is followed at once; then waits of 1, 1.5, 2.25, then capped at 3, 3
        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 1, 2.5, 4.75, 7.75, 10.75));
        assertThat(emittedTimes()).containsExactlyElementsOf(times(0, 10.75));
        // after the first status it keeps offering the long poll: the service may start honouring it
        assertFirstPlainThenLongPolls(fake);
    }

    @Test
    void theIntervalStartsAgainAfterAChange() {
        FakeJob fake = fake(now(PENDING), now(PENDING), now(PENDING), now(PENDING),
                now(IN_PROGRESS), now(IN_PROGRESS), now(IN_PROGRESS), now(COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextCount(3)
                .expectComplete()
                .verify(TIMEOUT);

        // waits 0, 1, 1.5, 2.25; the change at 4.75 s resets: 0, 1, 1.5
        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 1, 2.5, 4.75, 4.75, 5.75, 7.25));
        assertThat(emittedStatuses()).containsExactly(JobStatus.PENDING, JobStatus.IN_PROGRESS, JobStatus.COMPLETED);
        assertThat(emittedTimes()).containsExactlyElementsOf(times(0, 4.75, 7.25));
    }

    @Test
    void withoutLongPollNoTimeoutIsSentAndPollingIsAtIntervalsFromTheStart() {
        FakeJob fake = fake(now(PENDING), now(PENDING), now(PENDING), now(PENDING), now(COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults().withoutLongPoll()))
                .expectNextCount(2)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.calls).allSatisfy(call -> {
            assertThat(call.request().longPollTimeout()).isNull();
            assertThat(call.request().queryParameters()).isEmpty();
        });
        // never back to back: the initial interval after the first answer (and again after the first unchanged
        // one), then growing by 1.5
        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 1, 2, 3.5, 5.75));
        assertThat(emittedTimes()).containsExactlyElementsOf(times(0, 5.75));
    }

    @Test
    void theSchedulerIsObtainedPerSubscriptionSoWithVirtualTimeReplacesParallel() {
        // watcher and fake built before virtual time is installed, both on Schedulers.parallel()
        FakeJob fake = new FakeJob(Schedulers::parallel, false, now(PENDING), now(PENDING), now(PENDING),
                now(COMPLETED));
        JobWatcher watcher = new JobWatcher(fake, jobId -> Mono.empty(), Schedulers::parallel);

        StepVerifier.withVirtualTime(() -> watcher.watch(JOB, AwaitOptions.defaults()))
                .expectSubscription()
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .expectNoEvent(Duration.ofMillis(2_499))
                .thenAwait(Duration.ofMillis(1))
                .expectNextMatches(update -> update.status().equals(JobStatus.COMPLETED))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 1, 2.5));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // statuses

    @Test
    void anUnknownStatusCountsAsRunningIsEmittedAsAChangeAndIsLoggedOnce() {
        JobStatus paused = JobStatus.of("Paused");
        FakeJob fake = fake(
                now(PENDING),
                after(LONG_POLL, job(paused)),
                after(LONG_POLL, job(paused)),
                after(LONG_POLL, COMPLETED));
        Logger logger = (Logger) LoggerFactory.getLogger("io.reductor.jobs");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                    .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                    .assertNext(update -> {
                        assertThat(update.status()).isEqualTo(paused);
                        assertThat(update.status().value()).isEqualTo("Paused");
                        assertThat(update.status().isKnown()).isFalse();
                        assertThat(update.isTerminal()).isFalse();
                    })
                    .expectNextMatches(update -> update.status().equals(JobStatus.COMPLETED))
                    .expectComplete()
                    .verify(TIMEOUT);
        } finally {
            logger.detachAppender(logs);
        }

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 20, 40));
        assertThat(emittedTimes()).containsExactlyElementsOf(times(0, 20, 60));
        assertThat(logs.list).filteredOn(event -> event.getFormattedMessage().contains("Paused")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Failed", "Cancelled"})
    void aFailedOrCancelledJobEndsTheStreamWithItsReason(String status) {
        JobStatus terminal = JobStatus.of(status);
        JobResponse end = JobResponse.builder().status(terminal).reason("The document is password protected")
                .build();
        FakeJob fake = fake(now(PENDING), now(PENDING), now(end));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .assertNext(update -> {
                    assertThat(update.status()).isEqualTo(terminal);
                    assertThat(update.isTerminal()).isTrue();
                    assertThat(update.reason()).contains("The document is password protected");
                    assertThat(update.result()).isEmpty();
                })
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 1));
        assertThat(endedAt).isEqualTo(s(1));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // errors

    static Stream<Arguments> errorsThatEndTheStream() {
        return Stream.of(
                Arguments.of("500", serverError(500)),
                Arguments.of("503 after retries", afterRetries(serverError(503))));
    }

    /** {@code last} as the transport hands it on after three attempts. */
    private static <E extends ReductoException> E afterRetries(E last) {
        last.recordAttempts(3, List.of(serverError(503), serverError(502)));
        return last;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorsThatEndTheStream")
    void aPollErrorEndsTheStreamWithThatErrorAndPollingStops(String name, Throwable error) {
        FakeJob fake = fake(now(PENDING), now(PENDING), failing(error));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .expectErrorSatisfies(thrown -> assertThat(thrown).isSameAs(error))
                .verify(TIMEOUT);

        // the third poll failed at 1 s; nothing was polled in the half hour after
        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 1));
        assertThat(endedAt).isEqualTo(s(1));
    }

    /** A status followed by an answer without one ends the stream with a typed error, never a bare exception. */
    @Test
    void anAnswerWithoutAStatusEndsTheStreamWithADecodeErrorNamingTheField() {
        // decoding refuses such an answer; the watcher refuses one however it was made
        JobResponse withoutStatus = new JobResponse(null, null, 0.5, null, null, null, null, null, null, null, null,
                null, null, Map.of());
        FakeJob fake = fake(now(PENDING), after(LONG_POLL, withoutStatus));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ReductoDecodeException.class,
                        decode -> {
                            assertThat(decode.jsonPath()).isEqualTo("$.status");
                            assertThat(decode).hasMessageContaining("GET /job/" + JOB)
                                    .hasMessageContaining("required field status");
                        }))
                .verify(TIMEOUT);

        assertThat(endedAt).isEqualTo(LONG_POLL);
        assertThat(fake.calls).hasSize(2);
    }

    @Test
    void anErrorOnTheFirstPollEndsTheStream() {
        InternalServerException error = serverError(500);
        FakeJob fake = fake(failing(error));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectErrorSatisfies(thrown -> assertThat(thrown).isSameAs(error))
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactly(Duration.ZERO);
    }

    static Stream<Arguments> pollingLimits() {
        RateLimitException limit = pollingLimit();
        return Stream.of(
                Arguments.of("429 [CODE 2000]", limit),
                Arguments.of("429 [CODE 2000] after retries", afterRetries(pollingLimit())),
                Arguments.of("429 [CODE 1000]", tooManyRequests(RateLimitException.KEY_LIMIT_CODE, null)),
                Arguments.of("429 [CODE 1000] after retries",
                        afterRetries(tooManyRequests(RateLimitException.KEY_LIMIT_CODE, "1"))),
                Arguments.of("429 without a code after retries",
                        afterRetries((RateLimitException) ApiErrors.fromResponse(429, Map.of(), new byte[0], null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pollingLimits")
    void thePollingLimitDoublesTheIntervalAndPollingGoesOn(String name, Throwable error) {
        FakeJob fake = fake(now(PENDING), failing(error), now(PENDING), now(COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .expectNextMatches(update -> update.status().equals(JobStatus.COMPLETED))
                .expectComplete()
                .verify(TIMEOUT);

        // without the 429 the third poll would have come at 1 s; it waits twice that, and stays at that pace
        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 2, 4));
    }

    @Test
    void repeatedPollingLimitsDoubleTheWaitEachTime() {
        FakeJob fake = fake(now(PENDING), failing(pollingLimit()), failing(pollingLimit()), failing(pollingLimit()),
                now(COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextCount(2)
                .expectComplete()
                .verify(TIMEOUT);

        // waits 2, 4, 8
        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 2, 6, 14));
    }

    @Test
    void aLongerRetryAfterOnThePollingLimitIsHonoured() {
        FakeJob fake = fake(now(PENDING), failing(tooManyRequests(2000, "30")), now(PENDING), now(COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextCount(2)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 30, 60));
    }

    @Test
    void anAbsurdRetryAfterOnThePollingLimitWaitsNoLongerThanTheCeiling() {
        FakeJob fake = fake(now(PENDING), failing(tooManyRequests(2000, "1000000000000")), now(PENDING),
                now(COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextCount(2)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 60, 120));
    }

    @Test
    void aShorterRetryAfterOnThePollingLimitDoesNotShortenTheDoubledWait() {
        FakeJob fake = fake(now(PENDING), failing(tooManyRequests(2000, "1")), now(PENDING), now(COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextCount(2)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 2, 4));
    }

    @Test
    void thePollingLimitDuringLongPollingSlowsTheNextPollAndLongPollingGoesOn() {
        FakeJob fake = fake(now(PENDING), failing(pollingLimit()), after(LONG_POLL, PENDING),
                after(LONG_POLL, COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()))
                .expectNextCount(2)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 2, 22));
        assertFirstPlainThenLongPolls(fake);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // total timeout

    @Test
    void theTotalTimeoutFailsAtExactlyTheDeadlineWhenTheServiceAnswersAtOnce() {
        FakeJob fake = fakeRepeatingLast(now(PENDING));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults().withTimeout(Duration.ofMinutes(2))))
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoTimeoutException.class).hasMessageContaining(JOB);
                    ReductoTimeoutException timeout = (ReductoTimeoutException) error;
                    assertThat(timeout.kind()).isEqualTo(ReductoTimeoutException.Kind.TOTAL);
                    assertThat(timeout.duration()).isEqualTo(Duration.ofMinutes(2));
                })
                .verify(TIMEOUT);

        assertThat(endedAt).isEqualTo(Duration.ofMinutes(2));
        // polling went on at intervals up to the deadline, and stopped there
        assertThat(fake.pollTimes()).hasSizeGreaterThan(5).allSatisfy(time -> assertThat(time)
                .isLessThan(Duration.ofMinutes(2)));
    }

    @Test
    void theTotalTimeoutIsSeparateFromTheLongPollAndCutsThePollInFlight() {
        // each poll is held 25 s (longer than the 20 s asked); none ever ends the job
        FakeJob fake = fakeRepeatingLast(after(Duration.ofSeconds(25), PENDING));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults().withTimeout(Duration.ofMinutes(2))))
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ReductoTimeoutException.class,
                        timeout -> assertThat(timeout.kind()).isEqualTo(ReductoTimeoutException.Kind.TOTAL)))
                .verify(TIMEOUT);

        assertThat(endedAt).isEqualTo(Duration.ofMinutes(2));
        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 25, 50, 75, 100));
        assertThat(fake.cancelledAt).as("the poll in flight since 100 s is cancelled at the deadline")
                .containsExactly(Duration.ofMinutes(2));
        assertFirstPlainThenLongPolls(fake);
    }

    @Test
    void updatesDoNotPushTheDeadlineBack() {
        FakeJob fake = fake(now(PENDING), after(Duration.ofSeconds(50), IN_PROGRESS), hanging());

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults().withTimeout(Duration.ofMinutes(2))))
                .expectNextCount(2)
                .expectError(ReductoTimeoutException.class)
                .verify(TIMEOUT);

        assertThat(emittedTimes()).containsExactlyElementsOf(times(0, 50));
        assertThat(endedAt).as("two minutes after subscribing, not after the last update").isEqualTo(s(120));
        assertThat(fake.cancelledAt).containsExactly(s(120));
    }

    @Test
    void aJobThatFinishesBeforeTheDeadlineCompletesNormally() {
        FakeJob fake = fake(now(PENDING), after(Duration.ofSeconds(60), PENDING),
                after(Duration.ofSeconds(59), COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults().withTimeout(Duration.ofMinutes(2))))
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .assertNext(update -> assertThat(update.result()).containsSame(RESULT))
                // the quiet half hour after the end passes the deadline: no late timeout error
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(endedAt).isEqualTo(s(119));
        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 60));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // cancellation

    @Test
    void cancellingWithCancelJobOnCancelCancelsTheJobOnceAndStopsPolling() {
        FakeJob fake = fake(now(PENDING), after(LONG_POLL, PENDING), after(LONG_POLL, IN_PROGRESS));

        // the subscriber cancels at 30 s, while the third poll (since 20 s) is in flight
        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults().withCancelJobOnCancel(true))
                .take(Duration.ofSeconds(30), vts))
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(cancelledJobs).containsExactly(JOB);
        assertThat(fake.pollTimes()).as("no poll after the cancel").containsExactlyElementsOf(times(0, 0, 20));
        assertThat(fake.cancelledAt).as("the poll in flight is cancelled").containsExactly(s(30));
    }

    @Test
    void cancellingTheSubscriptionDirectlyCancelsTheJobExactlyOnce() {
        FakeJob fake = fake(now(PENDING), after(LONG_POLL, PENDING), after(LONG_POLL, IN_PROGRESS));

        StepVerifier.withVirtualTime(
                        () -> watcher(fake).watch(JOB, AwaitOptions.defaults().withCancelJobOnCancel(true)),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .then(() -> assertThat(cancelledJobs).isEmpty())
                .thenAwait(Duration.ofSeconds(20))
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(cancelledJobs).containsExactly(JOB);
    }

    @Test
    void cancellingByDefaultLeavesTheJobRunning() {
        FakeJob fake = fake(now(PENDING), after(LONG_POLL, PENDING), after(LONG_POLL, IN_PROGRESS));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults()).take(Duration.ofSeconds(30), vts))
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(cancelledJobs).isEmpty();
        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 20));
        assertThat(fake.cancelledAt).containsExactly(s(30));
    }

    @Test
    void cancellingWithoutAnyUpdateYetAlsoCancelsTheJobAndNoPollFollows() {
        FakeJob fake = fakeRepeatingLast(hanging());

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults().withCancelJobOnCancel(true))
                .take(Duration.ofSeconds(10), vts))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(cancelledJobs).containsExactly(JOB);
        assertThat(fake.pollTimes()).containsExactly(Duration.ZERO);
        assertThat(fake.cancelledAt).containsExactly(s(10));
    }

    @Test
    void aNormalCompletionDoesNotCancelTheJob() {
        FakeJob fake = fake(after(LONG_POLL, PENDING), after(LONG_POLL, COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults().withCancelJobOnCancel(true)))
                .expectNextCount(2)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(cancelledJobs).isEmpty();
        assertThat(fake.cancelledAt).isEmpty();
    }

    @Test
    void takingTheTerminalUpdateWithNextDoesNotCancelAFinishedJob() {
        FakeJob fake = fake(after(LONG_POLL, PENDING), after(LONG_POLL, COMPLETED));

        play(() -> watcher(fake).watch(JOB, AwaitOptions.defaults().withCancelJobOnCancel(true))
                .filter(JobUpdate::isTerminal).next().flux())
                .expectNextMatches(update -> update.status().equals(JobStatus.COMPLETED))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0));
        assertThat(cancelledJobs).as("no POST /cancel for a job seen completed").isEmpty();
    }

    @Test
    void aFailingCancelRequestDoesNotReachTheSubscriber() {
        FakeJob fake = fakeRepeatingLast(after(LONG_POLL, PENDING));
        List<String> attempts = new CopyOnWriteArrayList<>();
        JobWatcher watcher = new JobWatcher(fake, jobId -> Mono.defer(() -> {
            attempts.add(jobId);
            return Mono.error(serverError(500));
        }), () -> vts);

        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        Logger logger = (Logger) LoggerFactory.getLogger("io.reductor.jobs");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            play(() -> watcher.watch(JOB, AwaitOptions.defaults().withCancelJobOnCancel(true)).take(1))
                    .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                    .expectComplete()
                    .verify(TIMEOUT);
        } finally {
            Hooks.resetOnErrorDropped();
            logger.detachAppender(logs);
        }

        assertThat(attempts).containsExactly(JOB);
        assertThat(dropped).as("the failure is handled, not dropped").isEmpty();
        assertThat(logs.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .singleElement().asString().contains("Cancelling job " + JOB + " failed");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // laziness and independence

    @Test
    void nothingIsPolledBeforeSubscriptionAndABlankJobIdIsRefusedAtOnce() {
        FakeJob fake = fake(now(COMPLETED));

        watcher(fake).watch(JOB, AwaitOptions.defaults());
        assertThatThrownBy(() -> watcher(fake).watch(" ", AwaitOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(fake.calls).isEmpty();
    }

    @Test
    void eachSubscriptionPollsFromAFreshStart() {
        // first subscription sees Pending then Completed; the second sees Completed at once
        FakeJob fake = fake(now(PENDING), now(COMPLETED), now(COMPLETED));
        Flux<JobUpdate> updates = watcher(fake).watch(JOB, AwaitOptions.defaults());

        play(() -> Flux.concat(updates, updates))
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .expectNextMatches(update -> update.status().equals(JobStatus.COMPLETED))
                // a watch state shared between subscriptions would suppress this as "no change"
                .expectNextMatches(update -> update.status().equals(JobStatus.COMPLETED))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.pollTimes()).containsExactlyElementsOf(times(0, 0, 0));
    }

    @Test
    void concurrentSubscriptionsPollIndependently() {
        // a job that completes at 10 s, answering at once whoever asks
        List<Duration> polls = new CopyOnWriteArrayList<>();
        Function<GetJobRequest, Mono<JobResponse>> getJob = request -> Mono.defer(() -> {
            Duration time = at(vts);
            polls.add(time);
            return Mono.just(time.compareTo(s(10)) < 0 ? PENDING : COMPLETED);
        }).hide();
        Flux<JobUpdate> updates = new JobWatcher(getJob, jobId -> Mono.empty(), () -> vts)
                .watch(JOB, AwaitOptions.defaults());

        play(() -> Flux.merge(updates, updates))
                .expectNextCount(4)
                .expectComplete()
                .verify(TIMEOUT);

        List<Duration> one = times(0, 0, 1, 2.5, 4.75, 8.125, 13.187);
        List<Duration> both = new ArrayList<>();
        one.forEach(time -> both.addAll(List.of(time, time)));
        assertThat(polls).containsExactlyElementsOf(both);
        assertThat(emittedStatuses()).containsExactly(JobStatus.PENDING, JobStatus.PENDING, JobStatus.COMPLETED,
                JobStatus.COMPLETED);
    }
}
