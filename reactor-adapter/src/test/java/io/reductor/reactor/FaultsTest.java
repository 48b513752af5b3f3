package io.reductor.reactor;

import reactor.core.publisher.Mono;
import io.reductor.core.model.job.JobResponse;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.reductor.core.error.ReductoApiException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.error.InternalServerException;
import io.reductor.core.error.JobCreationUncertainException;
import io.reductor.core.error.RateLimitException;
import io.reductor.core.error.ReductoConnectionException;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.parse.ParseRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wire-level faults against a real {@link ReductoClient} over Reactor Netty, served by WireMock on loopback: broken
 * connections, garbage, slow answers, overload and rate limits. Reads are retried; job-creating POSTs are never sent
 * twice after the server may have seen them. Backoffs are a few milliseconds so real time stays small.
 */
class FaultsTest {

    private static final String JOB = "{\"status\":\"Pending\",\"result\":null,\"progress\":0.5,\"reason\":null}";
    private static final String SUBMITTED = "{\"job_id\":\"e234ba95-410a-4dd0-8a14-743dbfc49470\"}";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final WireMockReducto server = new WireMockReducto();

    private static ReductoClient client;

    @BeforeAll
    static void connect() {
        client = server.client().build();
    }

    // --- broken connections --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE",
            "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE"})
    void readIsRetriedAfterAFault(Fault fault) {
        server.answerInTurn("GET", "/job/x", aResponse().withFault(fault), okJson(JOB));

        StepVerifier.create(client.getJob("x"))
                .assertNext(job -> assertThat(job.status()).isEqualTo(JobStatus.PENDING))
                .expectComplete()
                .verify(WAIT);

        assertThat(count(getRequestedFor(urlEqualTo("/job/x")))).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE",
            "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE"})
    void readExhaustsItsRetriesWhenTheFaultPersists(Fault fault) {
        server.stubFor(get(urlEqualTo("/job/x")).willReturn(aResponse().withFault(fault)));

        StepVerifier.create(client.getJob("x"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoConnectionException.class)
                            .hasMessageContaining("(GET /job/x)").hasMessageEndingWith("(failed after 3 attempts)");
                    assertThat(((ReductoException) error).attempts()).isEqualTo(3);
                    assertThat(error.getSuppressed()).hasSize(2);
                })
                .verify(WAIT);

        assertThat(count(getRequestedFor(urlEqualTo("/job/x")))).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE",
            "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE"})
    void jobCreationIsNotResentAfterAFault(Fault fault) {
        server.answerInTurn("POST", "/parse_async", aResponse().withFault(fault), okJson(SUBMITTED));

        StepVerifier.create(client.parse().runJob(parseRequest()))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(JobCreationUncertainException.class)
                            .hasMessageContaining("POST /parse_async")
                            .hasMessageContaining("the job may have been created");
                    assertThat(error.getCause()).isInstanceOf(ReductoConnectionException.class);
                })
                .verify(WAIT);

        assertThat(count(postRequestedFor(urlEqualTo("/parse_async")))).isEqualTo(1);
    }

    @Test
    void jobCreationAfterAFaultIsResentWhenThePolicyAllowsIt() {
        server.answerInTurn("POST", "/parse_async", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                okJson(SUBMITTED));
        ReductoClient optimistic = client.withOptions(RequestOptions.builder()
                .retryPolicy(WireMockReducto.FAST_RETRIES.withRetryAmbiguousJobCreation(true)).build());

        StepVerifier.create(optimistic.parse().runJob(parseRequest()))
                .assertNext(job -> assertThat(job.jobId()).isEqualTo("e234ba95-410a-4dd0-8a14-743dbfc49470"))
                .expectComplete()
                .verify(WAIT);

        assertThat(count(postRequestedFor(urlEqualTo("/parse_async")))).isEqualTo(2);
    }

    // --- slow answers --------------------------------------------------------------------------------------------------

    @Test
    void slowReadTimesOutOnEveryAttempt() {
        server.stubFor(get(urlEqualTo("/job/x")).willReturn(okJson(JOB).withFixedDelay(2000)));

        StepVerifier.create(impatient().getJob("x"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoTimeoutException.class);
                    assertThat(((ReductoException) error).attempts()).isEqualTo(3);
                    ReductoTimeoutException timeout = (ReductoTimeoutException) error;
                    assertThat(timeout.kind()).isEqualTo(ReductoTimeoutException.Kind.RESPONSE);
                    assertThat(timeout.duration()).isEqualTo(Duration.ofMillis(300));
                    assertThat(timeout.operation()).contains("GET /job/x");
                })
                .verify(WAIT);

        assertThat(count(getRequestedFor(urlEqualTo("/job/x")))).isEqualTo(3);
    }

    @Test
    void slowJobCreationIsNotResent() {
        server.stubFor(post(urlEqualTo("/parse_async")).willReturn(okJson(SUBMITTED).withFixedDelay(2000)));

        StepVerifier.create(impatient().parse().runJob(parseRequest()))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(JobCreationUncertainException.class)
                            .hasMessageContaining("may have been created");
                    assertThat(error.getCause()).isInstanceOf(ReductoTimeoutException.class);
                    assertThat(((ReductoTimeoutException) error.getCause()).kind())
                            .isEqualTo(ReductoTimeoutException.Kind.RESPONSE);
                })
                .verify(WAIT);

        assertThat(count(postRequestedFor(urlEqualTo("/parse_async")))).isEqualTo(1);
    }

    // --- overload and rate limits --------------------------------------------------------------------------------------

    @Test
    void burstOfServiceUnavailableIsRidden() {
        server.answerInTurn("GET", "/job/x", aResponse().withStatus(503).withBody("upstream busy"),
                aResponse().withStatus(503).withBody("upstream busy"), okJson(JOB));

        StepVerifier.create(client.getJob("x"))
                .assertNext(job -> assertThat(job.status()).isEqualTo(JobStatus.PENDING))
                .expectComplete()
                .verify(WAIT);

        assertThat(count(getRequestedFor(urlEqualTo("/job/x")))).isEqualTo(3);
    }

    @Test
    void burstOfServiceUnavailableOnJobCreationIsRiddenToo() {
        // a 503 is an answer: the server refused the request, so sending it again cannot double-bill
        server.answerInTurn("POST", "/parse_async", aResponse().withStatus(503), okJson(SUBMITTED));

        StepVerifier.create(client.parse().runJob(parseRequest()))
                .expectNextCount(1)
                .expectComplete()
                .verify(WAIT);

        assertThat(count(postRequestedFor(urlEqualTo("/parse_async")))).isEqualTo(2);
    }

    @Test
    void persistentServiceUnavailableExhaustsTheRetries() {
        server.stubFor(get(urlEqualTo("/job/x")).willReturn(aResponse().withStatus(503)));

        StepVerifier.create(client.getJob("x"))
                .expectErrorSatisfies(error -> {
                    // the last attempt's own exception, so onErrorResume(ReductoApiException.class, ...) catches it
                    assertThat(error).isInstanceOf(InternalServerException.class);
                    assertThat(((ReductoException) error).attempts()).isEqualTo(3);
                })
                .verify(WAIT);
        StepVerifier.create(client.getJob("x").map(JobResponse::status)
                        .onErrorResume(ReductoApiException.class, api -> Mono.just(JobStatus.of("HTTP " + api.status()))))
                .expectNext(JobStatus.of("HTTP 503"))
                .expectComplete()
                .verify(WAIT);

        assertThat(count(getRequestedFor(urlEqualTo("/job/x")))).isEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Retry-After: 0", "retry-after-ms: 10", "Retry-After: Fri, 01 Jan 2016 00:00:00 GMT"})
    void rateLimitWithAShortOrPastRetryAfterIsRetried(String header) {
        String[] nameAndValue = header.split(": ", 2);
        server.answerInTurn("GET", "/job/x", aResponse().withStatus(429).withHeader(nameAndValue[0], nameAndValue[1])
                .withBody("{\"message\":\"[CODE 1000] Rate limit exceeded\"}"), okJson(JOB));

        StepVerifier.create(client.getJob("x"))
                .expectNextCount(1)
                .expectComplete()
                .verify(WAIT);

        assertThat(count(getRequestedFor(urlEqualTo("/job/x")))).isEqualTo(2);
    }

    @Test
    void rateLimitAskingForAnHourSurfacesAtOnce() {
        server.stubFor(get(urlEqualTo("/job/x")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3600")
                .withBody("{\"message\":\"[CODE 2000] Too many job polls: use webhooks\"}")));

        StepVerifier.create(client.getJob("x"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(RateLimitException.class);
                    RateLimitException limit = (RateLimitException) error;
                    assertThat(limit.retryAfter()).contains(Duration.ofHours(1));
                    assertThat(limit.isPollingLimit()).isTrue();
                    assertThat(limit.status()).isEqualTo(429);
                })
                .verify(WAIT);

        assertThat(count(getRequestedFor(urlEqualTo("/job/x")))).isEqualTo(1);
    }

    // --- no server at all ----------------------------------------------------------------------------------------------

    @Test
    void refusedConnectionIsRetriedThenReported() {
        ReductoClient nowhere = server.client().baseUrl(WireMockReducto.unreachableBaseUrl()).build();

        StepVerifier.create(nowhere.parse().runJob(parseRequest()))
                .expectErrorSatisfies(error -> {
                    // nothing was sent, so even a job-creating call is retried
                    assertThat(error).isInstanceOf(ReductoConnectionException.class)
                            .hasMessageStartingWith("connection refused by 127.0.0.1:")
                            .hasMessageContaining("(POST /parse_async)")
                            .hasMessageNotContaining("finishConnect");
                    assertThat(((ReductoException) error).attempts()).isEqualTo(3);
                })
                .verify(WAIT);
    }

    // --- fixtures ------------------------------------------------------------------------------------------------------

    private static ReductoClient impatient() {
        return client.withOptions(RequestOptions.builder().responseTimeout(Duration.ofMillis(300)).build());
    }

    private static ParseRequest parseRequest() {
        return ParseRequest.builder().input(DocumentInput.url("https://example.com/a.pdf")).build();
    }

    private static int count(RequestPatternBuilder pattern) {
        return server.countRequestsMatching(pattern.build()).getCount();
    }
}
