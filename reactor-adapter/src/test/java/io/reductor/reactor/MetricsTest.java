package io.reductor.reactor;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.reductor.core.error.RateLimitException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.ParseRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Micrometer observations and meters of a client given registries, against WireMock: one observation per HTTP
 * exchange and per awaited job, with tags of few values and never a job id, URL or key; 429s counted; the pacer's
 * rates and bulk documents as gauges and counters. The registries are Micrometer's test ones.
 */
class MetricsTest {

    @RegisterExtension
    static final WireMockReducto wireMock = new WireMockReducto();

    private static final String JOB_ID = "job-7f3a9c";
    private static final String PARSE = "{\"job_id\":\"" + JOB_ID + "\",\"usage\":{\"num_pages\":1},"
            + "\"result\":{\"type\":\"full\",\"chunks\":[]}}";
    private static final AwaitOptions FAST_POLLING = AwaitOptions.defaults().withoutLongPoll()
            .withIntervals(Duration.ofMillis(1), Duration.ofMillis(2), 1.5);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    /** Collects every stopped observation into {@link #stopped}. */
    private final ObservationHandler<Observation.Context> collector = new ObservationHandler<>() {
        @Override
        public void onStop(Observation.Context context) {
            stopped.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    };

    MetricsTest() {
        observations.observationConfig().observationHandler(collector);
    }

    private ReductoClient client() {
        return wireMock.client().observationRegistry(observations).meterRegistry(meters).build();
    }

    @Test
    void eachAttemptIsOneObservationNamedByItsRouteWithStatusOutcomeAndRetry() {
        wireMock.answerInTurn("GET", "/job/" + JOB_ID, aResponse().withStatus(500),
                okJson("{\"status\":\"Pending\",\"type\":\"Parse\"}"));

        try (ReductoClient client = client()) {
            StepVerifier.create(client.getJob(JOB_ID)).expectNextCount(1).expectComplete().verify(WAIT);
        }

        assertThat(tags("reductor.http.exchange")).containsExactly(
                Map.of("operation", "GET /job/{job_id}", "method", "GET", "retry", "false", "status", "500",
                        "outcome", "server_error"),
                Map.of("operation", "GET /job/{job_id}", "method", "GET", "retry", "true", "status", "200",
                        "outcome", "success"));
        assertThat(stopped).allSatisfy(context -> assertThat(context.getContextualName())
                .isEqualTo("GET /job/{job_id}"));
        assertNothingIdentifying();
        TestObservationRegistryAssert.assertThat(observations).doesNotHaveAnyRemainingCurrentObservation();
    }

    @Test
    void anExchangeWithoutAnAnswerHasNoStatusAndTheErrorOutcome() {
        try (ReductoClient client = ReductoClient.builder().apiKey(WireMockReducto.API_KEY)
                .baseUrl(WireMockReducto.unreachableBaseUrl())
                .retryPolicy(RetryPolicy.defaults().withMaxRetries(0))
                .observationRegistry(observations).build()) {
            StepVerifier.create(client.version()).expectError().verify(WAIT);
        }

        assertThat(tags("reductor.http.exchange")).containsExactly(Map.of("operation", "GET /version",
                "method", "GET", "retry", "false", "status", "none", "outcome", "error"));
        assertThat(stopped.get(0).getError()).isNotNull();
    }

    @Test
    void anExchangeIsAChildOfTheObservationInTheSubscribersContext() {
        wireMock.answer("GET", "/version", "\"1.2.3\"");
        Observation parent = Observation.start("application.work", observations);

        try (ReductoClient client = client()) {
            StepVerifier.create(client.version().contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, parent)))
                    .expectNextCount(1).expectComplete().verify(WAIT);
        }
        parent.stop();

        assertThat(stopped).filteredOn(context -> context.getName().equals("reductor.http.exchange"))
                .singleElement().satisfies(context -> assertThat(context.getParentObservation()).isSameAs(parent));
    }

    @Test
    void aRegistryThatGetsItsHandlersAfterTheClientIsBuiltIsObserved() {
        wireMock.answer("GET", "/version", "\"1.2.3\"");
        ObservationRegistry late = ObservationRegistry.create();

        try (ReductoClient client = wireMock.client().observationRegistry(late).build()) {
            late.observationConfig().observationHandler(collector);
            StepVerifier.create(client.version()).expectNextCount(1).expectComplete().verify(WAIT);
        }

        assertThat(tags("reductor.http.exchange")).singleElement()
                .satisfies(tags -> assertThat(tags).contains(entry("operation", "GET /version")));
    }

    @Test
    void anAwaitedJobIsOneObservationWithItsResourceAndTerminalStatus() {
        wireMock.answerInTurn("GET", "/job/" + JOB_ID, okJson("{\"status\":\"Pending\",\"type\":\"Parse\"}"),
                okJson("{\"status\":\"Completed\",\"type\":\"Parse\",\"result\":" + PARSE + "}"));

        try (ReductoClient client = client()) {
            StepVerifier.create(client.awaitCompletion(JOB_ID, FAST_POLLING)).expectNextCount(2).expectComplete()
                    .verify(WAIT);
        }

        assertThat(tags("reductor.job.await")).containsExactly(Map.of("resource", "parse", "status", "completed"));
        assertThat(tags("reductor.http.exchange")).hasSize(2)
                .allSatisfy(tags -> assertThat(tags).contains(entry("operation", "GET /job/{job_id}")));
        assertNothingIdentifying();
    }

    @Test
    void aWaitThatEndsBeforeTheJobIsTaggedWithWhyItEnded() {
        wireMock.answer("GET", "/job/" + JOB_ID, "{\"status\":\"Pending\",\"type\":\"Extract\"}");

        try (ReductoClient client = client()) {
            StepVerifier.create(client.awaitCompletion(JOB_ID, FAST_POLLING)).expectNextCount(1).thenCancel()
                    .verify(WAIT);
        }

        assertThat(tags("reductor.job.await")).containsExactly(Map.of("resource", "extract", "status", "abandoned"));
    }

    @Test
    void answers429AreCountedByRouteAndLaneAndThePacerRatesAreGauges() {
        wireMock.stubFor(post(urlPathEqualTo("/parse_async")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "0")));

        try (ReductoClient client = client()) {
            StepVerifier.create(client.parse().runJob(ParseRequest.builder()
                            .input(DocumentInput.url("https://docs.example/a.pdf")).build()))
                    .expectError(RateLimitException.class).verify(WAIT);

            int refused = wireMock.requests("POST", "/parse_async").size();
            assertThat(refused).isPositive();
            assertThat(meters.get("reductor.http.rate.limited").tag("operation", "POST /parse_async")
                    .tag("lane", "requests").counter().count()).isEqualTo(refused);
            assertThat(meters.get("reductor.pacer.rate").gauges()).extracting(gauge -> gauge.getId().getTag("lane"))
                    .containsExactlyInAnyOrder("requests", "job_polls");
            assertThat(meters.get("reductor.pacer.rate").tag("lane", "job_polls").gauge().value()).isNaN();
        }
        assertThat(tags("reductor.http.exchange")).isNotEmpty()
                .allSatisfy(tags -> assertThat(tags).contains(entry("outcome", "rate_limited"),
                        entry("status", "429")));
    }

    @Test
    void aClientGivenItsKeysLimitsPacesAtThemFromTheStart() {
        try (ReductoClient client = wireMock.client().meterRegistry(meters).keyLimits(KeyLimits.documented())
                .build()) {
            assertThat(meters.get("reductor.pacer.rate").tag("lane", "requests").gauge().value()).isEqualTo(1000);
            assertThat(meters.get("reductor.pacer.rate").tag("lane", "job_polls").gauge().value()).isEqualTo(200);
        }
    }

    @Test
    void bulkDocumentsAreGaugedInFlightAndCountedByOutcome() {
        wireMock.answer("GET", "/job/done", "{\"status\":\"Completed\",\"type\":\"Parse\",\"result\":" + PARSE + "}");
        wireMock.answer("GET", "/job/broken", "{\"status\":\"Failed\",\"type\":\"Parse\",\"reason\":\"bad pdf\"}");
        wireMock.answer("GET", "/job/slow", "{\"status\":\"Pending\",\"type\":\"Parse\"}");
        wireMock.stubFor(post(urlPathEqualTo("/parse_async")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\":\"no such document\"}")));
        BulkOptions options = BulkOptions.defaults().withAwaitOptions(FAST_POLLING);

        try (ReductoClient client = client()) {
            Gauge inFlight = meters.get("reductor.bulk.in.flight").gauge();
            StepVerifier.create(client.parse().awaitAll(Flux.just(new PendingJob<>("slow", "slow")), options))
                    .then(() -> assertThat(inFlight.value()).isEqualTo(1))
                    .thenCancel().verify(WAIT);
            assertThat(inFlight.value()).isZero();

            StepVerifier.create(client.parse().awaitAll(Flux.just(new PendingJob<>("done", "done"),
                    new PendingJob<>("broken", "broken")), options)).expectNextCount(2).expectComplete().verify(WAIT);
            StepVerifier.create(client.parse().submitAll(Flux.just(BulkDocument.remote("missing",
                            DocumentInput.url("https://docs.example/missing.pdf"))),
                    input -> ParseRequest.builder().input(input).build(), options))
                    .expectNextCount(1).expectComplete().verify(WAIT);

            assertThat(inFlight.value()).isZero();
        }
        assertThat(meters.get("reductor.bulk.documents").counters().stream().collect(Collectors.toMap(
                counter -> counter.getId().getTag("outcome"), counter -> counter.count())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("completed", 1.0, "failed", 1.0, "rejected", 1.0));
    }

    /** The low-cardinality tags of each stopped observation named {@code name}, in the order they stopped. */
    private List<Map<String, String>> tags(String name) {
        return stopped.stream().filter(context -> context.getName().equals(name))
                .map(context -> context.getLowCardinalityKeyValues().stream()
                        .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue)))
                .toList();
    }

    /** No job id, key, host or port in any tag or name of any observation. */
    private void assertNothingIdentifying() {
        assertThat(stopped).isNotEmpty().allSatisfy(context -> {
            String everything = context.getName() + " " + context.getContextualName() + " "
                    + context.getAllKeyValues();
            assertThat(everything).doesNotContain(JOB_ID, WireMockReducto.API_KEY, "127.0.0.1",
                    Integer.toString(wireMock.port()));
        });
    }
}
