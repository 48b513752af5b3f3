package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.timeout.ReadTimeoutException;
import io.reductor.core.error.BadRequestException;
import io.reductor.core.error.InternalServerException;
import io.reductor.core.error.JobCreationUncertainException;
import io.reductor.core.error.RateLimitException;
import io.reductor.core.error.ReductoApiException;
import io.reductor.core.error.ReductoConnectionException;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.error.ReductoException;
import io.reductor.reactor.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every retry rule of {@link Transport}, in virtual time: a scripted {@link HttpExchange} plays one outcome per attempt
 * and records the virtual time at which each attempt starts, so the tests assert the number of attempts and the exact
 * waits between them. No network, no real waiting.
 */
class TransportRetryTest {

    /** The fixed "now" against which {@code Retry-After} HTTP dates are measured. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** Long enough for every script here to run out; virtual, so it costs nothing. */
    private static final Duration PLENTY = Duration.ofHours(2);
    private static final String JOB = "{\"status\":\"Pending\",\"result\":null,\"progress\":0.5,\"reason\":null}";

    private static final RetryPolicy POLICY = RetryPolicy.defaults();

    // --- statuses --------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 500, 502, 503, 504})
    void retryableStatusIsTriedThreeTimesByDefault(int status) {
        ScriptedExchange exchange = new ScriptedExchange(respond(status));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    // the last attempt's own exception, not a wrapper, with the attempts and the earlier failures
                    assertThat(error).isInstanceOfSatisfying(ReductoApiException.class, api -> {
                        assertThat(api.status()).isEqualTo(status);
                        assertThat(api.attempts()).isEqualTo(3);
                        assertThat(api.getSuppressed()).hasSize(2).allSatisfy(earlier -> assertThat(earlier)
                                .isInstanceOf(ReductoApiException.class));
                    });
                    assertThat(error).hasMessageContaining("HTTP " + status)
                            .hasMessageEndingWith("(failed after 3 attempts)");
                })
                .verify();

        assertThat(exchange.attempts()).isEqualTo(3);
        assertThat(exchange.delaysMillis()).containsExactly(500L, 1000L);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 422, 442})
    void clientErrorIsNotRetried(int status) {
        ScriptedExchange exchange = new ScriptedExchange(respond(status, Map.of(), "{\"detail\":\"no\"}"));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoApiException.class);
                    assertThat(((ReductoApiException) error).status()).isEqualTo(status);
                    assertThat(((ReductoApiException) error).body()).isEqualTo("{\"detail\":\"no\"}");
                })
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
    }

    @Test
    void successAfterTransientFailuresEndsTheRetries() {
        ScriptedExchange exchange = new ScriptedExchange(respond(503), respond(502), respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .assertNext(result -> {
                    assertThat(result.status()).isEqualTo(200);
                    assertThat(result.bodyText()).isEqualTo(JOB);
                })
                .verifyComplete();

        assertThat(exchange.attempts()).isEqualTo(3);
        assertThat(exchange.delaysMillis()).containsExactly(500L, 1000L);
    }

    @Test
    void exhaustedRetriesCarryTheAttemptCountAndTheLastFailure() {
        ScriptedExchange exchange = new ScriptedExchange(respond(503), respond(502), respond(500),
                respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(InternalServerException.class);
                    assertThat(((ReductoApiException) error).status()).isEqualTo(500);
                    assertThat(((ReductoApiException) error).attempts()).isEqualTo(3);
                    assertThat(error.getSuppressed()).extracting(earlier -> ((ReductoApiException) earlier).status())
                            .containsExactly(503, 502);
                })
                .verify();

        assertThat(exchange.attempts()).isEqualTo(3);
    }

    @Test
    void noRetriesMeansOneAttemptAndTheBareError() {
        ScriptedExchange exchange = new ScriptedExchange(respond(503));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), RetryPolicy.none(), null)))
                .thenAwait(PLENTY)
                .expectError(InternalServerException.class)
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
    }

    // --- backoff ---------------------------------------------------------------------------------------------------

    @Test
    void backoffDoublesUpToEightSeconds() {
        ScriptedExchange exchange = new ScriptedExchange(respond(503));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY.withMaxRetries(6), null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> assertThat(((ReductoException) error).attempts())
                        .isEqualTo(7))
                .verify();

        assertThat(exchange.attempts()).isEqualTo(7);
        assertThat(exchange.delaysMillis()).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 8000L);
    }

    @Test
    void jitterShortensEachBackoffByAtMostAQuarter() {
        ScriptedExchange exchange = new ScriptedExchange(respond(503));
        Transport transport = transport(exchange, 0.999);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY.withMaxRetries(6), null)))
                .thenAwait(PLENTY)
                .expectError(ReductoException.class)
                .verify();

        // full backoff * (1 - 0.25 * 0.999), rounded
        assertThat(exchange.delaysMillis()).containsExactly(375L, 750L, 1501L, 3001L, 6002L, 6002L);
        List<Long> full = List.of(500L, 1000L, 2000L, 4000L, 8000L, 8000L);
        for (int i = 0; i < full.size(); i++) {
            assertThat(exchange.delaysMillis().get(i)).isBetween(full.get(i) * 3 / 4, full.get(i));
        }
    }

    @Test
    void aPolicyWithoutJitterIgnoresTheRandomSource() {
        ScriptedExchange exchange = new ScriptedExchange(respond(503));
        Transport transport = transport(exchange, 0.999);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY.withJitter(0), null)))
                .thenAwait(PLENTY)
                .expectError(ReductoException.class)
                .verify();

        assertThat(exchange.delaysMillis()).containsExactly(500L, 1000L);
    }

    @Test
    void overloadWithoutAnyHeaderBacksOffByPolicy() {
        ScriptedExchange exchange = new ScriptedExchange(
                respond(503, Map.of(), "{\"detail\":\"overloaded\"}"),
                respond(503, Map.of(), "{\"detail\":\"overloaded\"}"),
                respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectNextCount(1)
                .verifyComplete();

        assertThat(exchange.delaysMillis()).containsExactly(500L, 1000L);
    }

    // --- 429: an answer, resent at its turn ----------------------------------------------------------------------------

    /** A 429 uses up no retry: even with no retries left, the call waits its turn (a second without a header). */
    @ParameterizedTest
    @EnumSource(Call.Safety.class)
    void a429IsResentAtItsTurnWithoutUsingUpARetryEvenForAJobCreatingCall(Call.Safety safety) {
        ScriptedExchange exchange = new ScriptedExchange(
                respond(429, Map.of(), "{\"message\":\"[CODE 1000] Rate limit exceeded\"}"),
                respond(429, Map.of(), "{\"message\":\"no code: load shedding\"}"),
                respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(post(safety), POLICY.withMaxRetries(0), null)))
                .thenAwait(PLENTY)
                .expectNextCount(1)
                .verifyComplete();

        assertThat(exchange.attempts()).isEqualTo(3);
        assertThat(exchange.delaysMillis()).containsExactly(1000L, 1000L);
    }

    @Test
    void a429GoingOnPastMaxRateLimitWaitReachesTheCallerWithItsAttempts() {
        ScriptedExchange exchange = new ScriptedExchange(respond(429, Map.of("retry-after-ms", "1234"), "{}"));
        Transport transport = transport(exchange, 0.999);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(),
                        POLICY.withMaxRateLimitWait(Duration.ofSeconds(3)), null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(RateLimitException.class);
                    assertThat(((ReductoException) error).attempts()).isEqualTo(4);
                })
                .verify();

        // the server's wait exactly, no jitter: the 429 at 3.7 s is past the 3 s allowed
        assertThat(exchange.delaysMillis()).containsExactly(1234L, 1234L, 1234L);
    }

    @Test
    void aTotalTimeoutEndsAWaitForTurns() {
        ScriptedExchange exchange = new ScriptedExchange(respond(429, Map.of(), "{}"));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, Duration.ofSeconds(5))))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ReductoTimeoutException.class,
                        timeout -> assertThat(timeout.kind()).isEqualTo(ReductoTimeoutException.Kind.TOTAL)))
                .verify();

        assertThat(exchange.attempts()).isBetween(5, 6);
    }

    // --- x-should-retry ----------------------------------------------------------------------------------------------

    @Test
    void shouldRetryTrueRetriesABadRequest() {
        ScriptedExchange exchange = new ScriptedExchange(respond(400, Map.of("x-should-retry", "true"), "{}"));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(BadRequestException.class);
                    assertThat(((ReductoException) error).attempts()).isEqualTo(3);
                })
                .verify();

        assertThat(exchange.attempts()).isEqualTo(3);
        assertThat(exchange.delaysMillis()).containsExactly(500L, 1000L);
    }

    @Test
    void shouldRetryFalseStopsAnOverloadedResponse() {
        ScriptedExchange exchange = new ScriptedExchange(respond(503, Map.of("X-Should-Retry", "false"), "{}"),
                respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(InternalServerException.class);
                    assertThat(((ReductoApiException) error).status()).isEqualTo(503);
                })
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
    }

    // --- Retry-After -------------------------------------------------------------------------------------------------

    @Test
    void retryAfterMsSetsTheDelayExactlyWithoutJitter() {
        ScriptedExchange exchange = new ScriptedExchange(respond(503, Map.of("retry-after-ms", "1234"), "{}"));
        Transport transport = transport(exchange, 0.999);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectError(ReductoException.class)
                .verify();

        assertThat(exchange.delaysMillis()).containsExactly(1234L, 1234L);
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        ScriptedExchange exchange = new ScriptedExchange(
                respond(429, Map.of("retry-after-ms", "250", "Retry-After", "9"), "{}"),
                respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectNextCount(1)
                .verifyComplete();

        assertThat(exchange.delaysMillis()).containsExactly(250L);
    }

    @Test
    void retryAfterSecondsSetsTheDelayExactly() {
        ScriptedExchange exchange = new ScriptedExchange(respond(429, Map.of("Retry-After", "7"), "{}"),
                respond(503, Map.of("Retry-After", "2"), "{}"), respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.999);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectNextCount(1)
                .verifyComplete();

        assertThat(exchange.delaysMillis()).containsExactly(7000L, 2000L);
    }

    @Test
    void retryAfterHttpDateIsMeasuredAgainstTheClock() {
        String in42Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                CLOCK.instant().plusSeconds(42).atOffset(ZoneOffset.UTC));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                CLOCK.instant().minusSeconds(3600).atOffset(ZoneOffset.UTC));
        ScriptedExchange exchange = new ScriptedExchange(respond(429, Map.of("Retry-After", in42Seconds), "{}"),
                respond(429, Map.of("Retry-After", past), "{}"), respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectNextCount(1)
                .verifyComplete();

        // a date in the past means "now"
        assertThat(exchange.delaysMillis()).containsExactly(42_000L, 0L);
    }

    @Test
    void retryAfterBeyondTheCapSurfacesTheRateLimitAtOnce() {
        ScriptedExchange exchange = new ScriptedExchange(
                respond(429, Map.of("Retry-After", "3600"), "{\"message\":\"[CODE 1000] slow down\"}"),
                respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .expectSubscription()
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(RateLimitException.class);
                    RateLimitException limit = (RateLimitException) error;
                    assertThat(limit.retryAfter()).contains(Duration.ofHours(1));
                    assertThat(limit.isKeyLimit()).isTrue();
                })
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
    }

    @Test
    void retryAfterExactlyAtTheCapIsHonouredAndOneMoreSecondIsNot() {
        RetryPolicy policy = POLICY.withMaxRetryAfter(Duration.ofSeconds(10));
        ScriptedExchange honoured = new ScriptedExchange(respond(429, Map.of("Retry-After", "10"), "{}"),
                respond(200, Map.of(), JOB));
        Transport first = transport(honoured, 0.0);
        StepVerifier.withVirtualTime(() -> first.send(withRules(get(), policy, null)))
                .thenAwait(PLENTY)
                .expectNextCount(1)
                .verifyComplete();
        assertThat(honoured.delaysMillis()).containsExactly(10_000L);

        ScriptedExchange refused = new ScriptedExchange(respond(503, Map.of("Retry-After", "11"), "{}"),
                respond(200, Map.of(), JOB));
        Transport second = transport(refused, 0.0);
        StepVerifier.withVirtualTime(() -> second.send(withRules(get(), policy, null)))
                .thenAwait(PLENTY)
                .expectError(InternalServerException.class)
                .verify();
        assertThat(refused.attempts()).isEqualTo(1);
    }

    // --- failures before the request was sent --------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Call.Safety.class)
    void notSentFailuresAreRetriedForEveryKindOfCall(Call.Safety safety) {
        ScriptedExchange exchange = new ScriptedExchange(notSent(), notSent(), respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(post(safety), POLICY, null)))
                .thenAwait(PLENTY)
                .expectNextCount(1)
                .verifyComplete();

        assertThat(exchange.attempts()).isEqualTo(3);
        assertThat(exchange.delaysMillis()).containsExactly(500L, 1000L);
    }

    @Test
    void notSentFailuresAreRetriedEvenWithAOneShotBody() {
        AtomicInteger opened = new AtomicInteger();
        Call upload = upload(opened, false);
        ScriptedExchange exchange = new ScriptedExchange(notSent(), respond(200, Map.of(), "{}"));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(upload, POLICY, null)))
                .thenAwait(PLENTY)
                .expectNextCount(1)
                .verifyComplete();

        assertThat(exchange.attempts()).isEqualTo(2);
        assertThat(opened).hasValue(1);
    }

    @Test
    void notSentFailuresExhaustIntoAConnectionError() {
        ScriptedExchange exchange = new ScriptedExchange(notSent());
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(post(Call.Safety.CREATES_JOB), POLICY, null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoConnectionException.class)
                            .hasMessageStartingWith("connection refused by platform.reducto.ai:443 (POST /parse_async)")
                            .hasRootCauseInstanceOf(ConnectException.class);
                    assertThat(((ReductoException) error).attempts()).isEqualTo(3);
                })
                .verify();
    }

    // --- failures after the request may have reached the server -----------------------------------------------------

    @Test
    void responseTimeoutOfAJobCreatingCallIsNotRetried() {
        ScriptedExchange exchange = new ScriptedExchange(readTimeout(), respond(200, Map.of(), "{\"job_id\":\"j\"}"));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(post(Call.Safety.CREATES_JOB), POLICY, null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(JobCreationUncertainException.class)
                            .hasMessageContaining("POST /parse_async")
                            .hasMessageContaining("the job may have been created");
                    assertThat(((JobCreationUncertainException) error).operation()).isEqualTo("POST /parse_async");
                    assertThat(error.getCause()).isInstanceOf(ReductoTimeoutException.class);
                    ReductoTimeoutException timeout = (ReductoTimeoutException) error.getCause();
                    assertThat(timeout.kind()).isEqualTo(ReductoTimeoutException.Kind.RESPONSE);
                    assertThat(timeout.duration()).isEqualTo(RESPONSE_TIMEOUT);
                })
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
    }

    @Test
    void prematureCloseOfAJobCreatingCallIsNotRetried() {
        ScriptedExchange exchange = new ScriptedExchange(prematureClose(), respond(200, Map.of(), "{}"));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(post(Call.Safety.CREATES_JOB), POLICY, null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(JobCreationUncertainException.class)
                            .hasMessageContaining("may have been created");
                    assertThat(error.getCause()).isInstanceOf(ReductoConnectionException.class)
                            .hasCauseInstanceOf(PrematureCloseException.class);
                })
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
    }

    @Test
    void ambiguousJobCreationIsRetriedWhenThePolicySaysSo() {
        ScriptedExchange exchange = new ScriptedExchange(readTimeout(), prematureClose(),
                respond(200, Map.of(), "{\"job_id\":\"j\"}"));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(post(Call.Safety.CREATES_JOB),
                        POLICY.withRetryAmbiguousJobCreation(true), null)))
                .thenAwait(PLENTY)
                .assertNext(result -> assertThat(result.bodyText()).contains("job_id"))
                .verifyComplete();

        assertThat(exchange.attempts()).isEqualTo(3);
        // the first attempt waited out its 30 s response timeout before the 500 ms backoff
        assertThat(exchange.startsMillis()).containsExactly(0L, 30_500L, 31_500L);
    }

    @Test
    void ambiguousJobCreationRetriedByPolicyStillExhausts() {
        ScriptedExchange exchange = new ScriptedExchange(readTimeout());
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(post(Call.Safety.CREATES_JOB),
                        POLICY.withRetryAmbiguousJobCreation(true), null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoTimeoutException.class);
                    assertThat(((ReductoException) error).attempts()).isEqualTo(3);
                })
                .verify();
    }

    @Test
    void repeatableCallsAreRetriedAfterTimeoutsAndClosedConnections() {
        ScriptedExchange exchange = new ScriptedExchange(readTimeout(), prematureClose(), respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectNextCount(1)
                .verifyComplete();

        assertThat(exchange.attempts()).isEqualTo(3);
        assertThat(exchange.startsMillis()).containsExactly(0L, 30_500L, 31_500L);
    }

    @Test
    void cancelIsRepeatableAndRetriedAfterATimeout() {
        Call cancel = new Call("POST", URI.create("https://platform.reducto.ai/cancel/abc"), "POST /cancel/abc",
                Map.of(), RequestBody.NONE, Call.Safety.REPEATABLE, true, RESPONSE_TIMEOUT, POLICY, null);
        ScriptedExchange exchange = new ScriptedExchange(readTimeout());
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(cancel, POLICY, null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoTimeoutException.class)
                            .hasMessageContaining("POST /cancel/abc").hasMessageEndingWith("(failed after 3 attempts)");
                    assertThat(((ReductoTimeoutException) error).kind()).isEqualTo(ReductoTimeoutException.Kind.RESPONSE);
                })
                .verify();

        assertThat(exchange.attempts()).isEqualTo(3);
    }

    /** A bug in a handler is on no allow-list: it reaches the caller as it is, even from a job-creating call. */
    @ParameterizedTest
    @EnumSource(Call.Safety.class)
    void aBugIsNeitherRetriedNorReportedAsAnUncertainJobCreation(Call.Safety safety) {
        ClassCastException bug = new ClassCastException("class A cannot be cast to class B");
        ScriptedExchange exchange = new ScriptedExchange(failing(() -> bug));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(post(safety),
                        POLICY.withRetryAmbiguousJobCreation(true), null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(bug))
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
    }

    /** The I/O failures on the allow-list are retried for a repeatable call, each named as a connection failure. */
    @ParameterizedTest
    @ValueSource(strings = {"reset", "closed channel", "aborted", "malformed response"})
    void ioFailuresOnTheAllowListAreRetried(String kind) {
        Supplier<Throwable> failure = switch (kind) {
            case "reset" -> () -> new java.io.IOException("Connection reset by peer");
            case "closed channel" -> () -> new io.netty.channel.ChannelException("channel closed");
            case "aborted" -> () -> new reactor.netty.channel.AbortedException("connection aborted");
            default -> () -> new io.netty.handler.codec.DecoderException("invalid HTTP version");
        };
        ScriptedExchange exchange = new ScriptedExchange(failing(failure), respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .assertNext(result -> assertThat(result.bodyText()).isEqualTo(JOB))
                .verifyComplete();

        assertThat(exchange.attempts()).isEqualTo(2);
        assertThat(exchange.delaysMillis()).containsExactly(500L);
    }

    @Test
    void programmingErrorsAreNotRetried() {
        ScriptedExchange exchange = new ScriptedExchange(failing(() -> new IllegalStateException("bug")));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectErrorMessage("bug")
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
    }

    // --- what each attempt sends ---------------------------------------------------------------------------------------

    @Test
    void retryCountHeaderCountsFromZero() {
        ScriptedExchange exchange = new ScriptedExchange(respond(503));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, null)))
                .thenAwait(PLENTY)
                .expectError(ReductoException.class)
                .verify();

        assertThat(exchange.calls()).extracting(call -> call.headers().get(Transport.RETRY_COUNT_HEADER))
                .containsExactly("0", "1", "2");
        assertThat(exchange.calls()).allSatisfy(call -> assertThat(call.headers()).containsEntry("user-id", "u1"));
    }

    @Test
    void oneShotStreamIsNotResentAfterTheConnectionBroke() {
        AtomicInteger opened = new AtomicInteger();
        Call upload = upload(opened, false);
        ScriptedExchange exchange = new ScriptedExchange(prematureClose(), respond(200, Map.of(), "{}"));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(upload, POLICY, null)))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ReductoConnectionException.class)
                        .hasMessageContaining("POST /upload"))
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
        assertThat(opened).hasValue(1);
    }

    @Test
    void repeatableStreamIsReopenedForEachAttempt() {
        AtomicInteger opened = new AtomicInteger();
        Call upload = upload(opened, true);
        ScriptedExchange exchange = new ScriptedExchange(prematureClose(), respond(503), respond(200, Map.of(), "{}"));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(upload, POLICY, null)))
                .thenAwait(PLENTY)
                .expectNextCount(1)
                .verifyComplete();

        assertThat(exchange.attempts()).isEqualTo(3);
        assertThat(opened).hasValue(3);
    }

    /**
     * {@code decide} checks {@code RequestBody.Stream#repeatable()} only for network failures; a retryable status
     * (429, 5xx, 408, 409) after the body was sent takes the {@code ReductoApiException} branch, which retries and so
     * calls the one-shot {@code content} supplier a second time.
     */
    @Test
    void oneShotStreamIsNotResentAfterARetryableStatus() {
        AtomicInteger opened = new AtomicInteger();
        Call upload = upload(opened, false);
        ScriptedExchange exchange = new ScriptedExchange(respond(503), respond(200, Map.of(), "{}"));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(upload, POLICY, null)))
                .thenAwait(PLENTY)
                .expectError(InternalServerException.class)
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
        assertThat(opened).hasValue(1);
    }

    // --- total timeout -------------------------------------------------------------------------------------------------

    @Test
    void totalTimeoutFiresAcrossBackoffs() {
        ScriptedExchange exchange = new ScriptedExchange(respond(503));
        Transport transport = transport(exchange, 0.0);

        // attempts at 0, 500 and 1500 ms; the next would be at 3500 ms, but the total limit is 2 s
        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY.withMaxRetries(6), Duration.ofSeconds(2))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(1999))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoTimeoutException.class)
                            .hasMessage("Total timeout: the operation did not complete within 2s (GET /job/abc)");
                    ReductoTimeoutException timeout = (ReductoTimeoutException) error;
                    assertThat(timeout.kind()).isEqualTo(ReductoTimeoutException.Kind.TOTAL);
                    assertThat(timeout.duration()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(timeout.operation()).contains("GET /job/abc");
                    assertThat(error.getCause()).isInstanceOf(TimeoutException.class);
                })
                .verify();

        assertThat(exchange.startsMillis()).containsExactly(0L, 500L, 1500L);
    }

    @Test
    void totalTimeoutShorterThanAServerRequestedWaitEndsTheWait() {
        ScriptedExchange exchange = new ScriptedExchange(respond(429, Map.of("Retry-After", "30"), "{}"),
                respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, Duration.ofSeconds(5))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4999))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(error -> assertThat(((ReductoTimeoutException) error).kind())
                        .isEqualTo(ReductoTimeoutException.Kind.TOTAL))
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
    }

    @Test
    void totalTimeoutIsSeparateFromTheResponseTimeoutOfEachAttempt() {
        ScriptedExchange exchange = new ScriptedExchange(readTimeout());
        Transport transport = transport(exchange, 0.0);

        // attempt 1 times out at 30 s, attempt 2 runs 30.5..60.5 s, attempt 3 starts at 61.5 s and is cut at 70 s
        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, Duration.ofSeconds(70))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(69_999))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoTimeoutException.class);
                    assertThat(((ReductoTimeoutException) error).kind()).isEqualTo(ReductoTimeoutException.Kind.TOTAL);
                    assertThat(((ReductoTimeoutException) error).duration()).isEqualTo(Duration.ofSeconds(70));
                })
                .verify();

        assertThat(exchange.startsMillis()).containsExactly(0L, 30_500L, 61_500L);
        assertThat(exchange.cancelled()).as("the attempt in flight is cancelled").isEqualTo(1);
    }

    @Test
    void perAttemptTimeoutsSurfaceAsResponseTimeoutsWithinALongerTotal() {
        ScriptedExchange exchange = new ScriptedExchange(readTimeout());
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(get(), POLICY, Duration.ofMinutes(5))))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoTimeoutException.class);
                    assertThat(((ReductoTimeoutException) error).kind()).isEqualTo(ReductoTimeoutException.Kind.RESPONSE);
                })
                .verify();

        assertThat(exchange.startsMillis()).containsExactly(0L, 30_500L, 61_500L);
    }

    @Test
    void totalTimeoutCutsAHangingAttempt() {
        ScriptedExchange exchange = new ScriptedExchange(hang());
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> transport.send(withRules(post(Call.Safety.CREATES_JOB), POLICY,
                        Duration.ofSeconds(3))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(2999))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(error -> assertThat(((ReductoTimeoutException) error).kind())
                        .isEqualTo(ReductoTimeoutException.Kind.TOTAL))
                .verify();

        assertThat(exchange.attempts()).isEqualTo(1);
        assertThat(exchange.cancelled()).isEqualTo(1);
    }

    @Test
    void eachSubscriptionStartsAfresh() {
        ScriptedExchange exchange = new ScriptedExchange(respond(503), respond(200, Map.of(), JOB),
                respond(503), respond(200, Map.of(), JOB));
        Transport transport = transport(exchange, 0.0);

        StepVerifier.withVirtualTime(() -> {
                    Mono<HttpResult> once = transport.send(withRules(get(), POLICY, null));
                    return once.then(once);
                })
                .thenAwait(PLENTY)
                .expectNextCount(1)
                .verifyComplete();

        assertThat(exchange.calls()).extracting(call -> call.headers().get(Transport.RETRY_COUNT_HEADER))
                .containsExactly("0", "1", "0", "1");
    }

    // --- fixtures ------------------------------------------------------------------------------------------------------

    private static Transport transport(HttpExchange exchange, double random) {
        return new Transport(exchange, VirtualTimeScheduler::get, CLOCK, () -> random, 1 << 20,
                Duration.ofSeconds(10), null, new RatePacer(VirtualTimeScheduler::get));
    }

    /** {@code call} with the given retry policy and total timeout, which travel with it. */
    private static Call withRules(Call call, RetryPolicy policy, Duration totalTimeout) {
        return new Call(call.method(), call.uri(), call.operation(), call.headers(), call.body(), call.safety(),
                call.authenticated(), call.responseTimeout(), policy, totalTimeout);
    }

    private static Call get() {
        return new Call("GET", URI.create("https://platform.reducto.ai/job/abc"), "GET /job/abc",
                Map.of("user-id", "u1"), RequestBody.NONE, Call.Safety.REPEATABLE, true, RESPONSE_TIMEOUT, POLICY, null);
    }

    private static Call post(Call.Safety safety) {
        return new Call("POST", URI.create("https://platform.reducto.ai/parse_async"), "POST /parse_async", Map.of(),
                new RequestBody.Bytes("{\"input\":\"https://example.com/a.pdf\"}".getBytes(StandardCharsets.UTF_8),
                        "application/json"), safety, true, RESPONSE_TIMEOUT, POLICY, null);
    }

    private static Call upload(AtomicInteger opened, boolean repeatable) {
        byte[] bytes = "%PDF-1.7".getBytes(StandardCharsets.US_ASCII);
        Supplier<Flux<ByteBuf>> content = () -> {
            opened.incrementAndGet();
            return Flux.just(Unpooled.wrappedBuffer(bytes));
        };
        return new Call("POST", URI.create("https://platform.reducto.ai/upload"), "POST /upload", Map.of(),
                new RequestBody.Stream(content, bytes.length, "application/pdf", repeatable), Call.Safety.REPEATABLE,
                true, RESPONSE_TIMEOUT, POLICY, null);
    }

    /** What one attempt does. */
    private interface Outcome {
        <T> Mono<T> play(Call call, HttpExchange.ResponseHandler<T> handler);

        /** Whether the request left the client, so that a body was read. */
        default boolean sends() {
            return true;
        }
    }

    private static Outcome respond(int status) {
        return respond(status, Map.of(), "{\"detail\":\"status " + status + "\"}");
    }

    private static Outcome respond(int status, Map<String, String> headers, String body) {
        return new Outcome() {
            @Override
            public <T> Mono<T> play(Call call, HttpExchange.ResponseHandler<T> handler) {
                Map<String, List<String>> lowerCase = new LinkedHashMap<>();
                headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), List.of(value)));
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                return handler.handle(status, lowerCase, Flux.just(Unpooled.wrappedBuffer(bytes)));
            }
        };
    }

    private static Outcome notSent() {
        return new Outcome() {
            @Override
            public <T> Mono<T> play(Call call, HttpExchange.ResponseHandler<T> handler) {
                return Mono.error(new HttpExchange.NotSentException(new ConnectException("Connection refused")));
            }

            @Override
            public boolean sends() {
                return false;
            }
        };
    }

    /** Waits out the call's response timeout in virtual time, then fails as Reactor Netty does. */
    private static Outcome readTimeout() {
        return new Outcome() {
            @Override
            public <T> Mono<T> play(Call call, HttpExchange.ResponseHandler<T> handler) {
                return Mono.delay(call.responseTimeout(), VirtualTimeScheduler.get())
                        .then(Mono.error(ReadTimeoutException.INSTANCE));
            }
        };
    }

    private static Outcome prematureClose() {
        return failing(() -> PrematureCloseException.TEST_EXCEPTION);
    }

    private static Outcome failing(Supplier<Throwable> error) {
        return new Outcome() {
            @Override
            public <T> Mono<T> play(Call call, HttpExchange.ResponseHandler<T> handler) {
                return Mono.error(error.get());
            }
        };
    }

    private static Outcome hang() {
        return new Outcome() {
            @Override
            public <T> Mono<T> play(Call call, HttpExchange.ResponseHandler<T> handler) {
                return Mono.never();
            }
        };
    }

    /**
     * Plays one outcome per attempt, the last one for every further attempt, and records when (in virtual time) and
     * with what each attempt started. A streamed body is read as Reactor Netty would, once per attempt that sends.
     */
    private static final class ScriptedExchange implements HttpExchange {
        private final List<Outcome> script;
        private final List<Long> starts = new CopyOnWriteArrayList<>();
        private final List<Call> calls = new CopyOnWriteArrayList<>();
        private final AtomicInteger cancelled = new AtomicInteger();

        ScriptedExchange(Outcome... script) {
            if (script.length == 0) {
                fail("empty script");
            }
            this.script = List.of(script);
        }

        @Override
        public <T> Mono<T> exchange(Call call, ResponseHandler<T> handler) {
            return Mono.defer(() -> {
                starts.add(VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS));
                calls.add(call);
                Outcome outcome = script.get(Math.min(calls.size(), script.size()) - 1);
                Mono<Void> sending = Mono.empty();
                if (outcome.sends() && call.body() instanceof RequestBody.Stream stream) {
                    sending = stream.content().get().doOnNext(ByteBuf::release).then();
                }
                return sending.then(outcome.play(call, handler));
            }).doOnCancel(cancelled::incrementAndGet);
        }

        int attempts() {
            return calls.size();
        }

        List<Call> calls() {
            return List.copyOf(calls);
        }

        List<Long> startsMillis() {
            return List.copyOf(starts);
        }

        /** The virtual time between the start of each attempt and the next. */
        List<Long> delaysMillis() {
            List<Long> delays = new ArrayList<>();
            for (int i = 1; i < starts.size(); i++) {
                delays.add(starts.get(i) - starts.get(i - 1));
            }
            return delays;
        }

        int cancelled() {
            return cancelled.get();
        }
    }
}
