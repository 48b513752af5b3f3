package io.reductor.reactor.endpoint;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.RetryPolicy;
import io.reductor.reactor.WireMockReducto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a subscription aborts the HTTP exchange and gives its connection back. Each test uses a client with a
 * pool of one connection and a server that holds the first request for a minute: a second call can only complete
 * promptly if cancelling the first released the connection. Arrivals at the server are signalled by a WireMock
 * listener, so the tests wait on events, never on the clock.
 */
class CancellationTest {

    /** How long the server holds the slow request; far longer than any wait below. */
    private static final int HELD_MILLIS = 60_000;
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    private static final BlockingQueue<String> ARRIVALS = new LinkedBlockingQueue<>();

    /** Reports each request as soon as WireMock has matched it, before any delay. */
    private static final class Arrivals implements ServeEventListener {
        @Override
        public void afterMatch(ServeEvent serveEvent, Parameters parameters) {
            ARRIVALS.add(serveEvent.getRequest().getMethod().value() + " " + serveEvent.getRequest().getUrl());
        }

        @Override
        public String getName() {
            return "arrivals";
        }
    }

    @RegisterExtension
    static final WireMockReducto wireMock = new WireMockReducto(options -> options.asynchronousResponseEnabled(true)
            .extensions(new Arrivals()));

    @BeforeEach
    void answerTheVersion() {
        ARRIVALS.clear();
        wireMock.answer("GET", "/version", "\"1.2.3\"");
    }

    @Test
    void disposingAWaitingGetReleasesTheOnlyConnection() throws InterruptedException {
        wireMock.stubFor(get(urlPathEqualTo("/job/slow")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\": \"Pending\"}")
                .withFixedDelay(HELD_MILLIS)));
        ReductoClient client = oneConnectionClient();
        AtomicReference<Object> firstSignal = new AtomicReference<>();

        Disposable first = client.getJob("slow").subscribe(firstSignal::set, firstSignal::set,
                () -> firstSignal.set("completed"));
        awaitArrival("GET /job/slow");

        StepVerifier.create(client.version())
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(300))
                .then(() -> assertThat(ARRIVALS).as("the second call waits for the only connection").isEmpty())
                .then(first::dispose)
                .expectNext("1.2.3")
                .expectComplete()
                .verify(PROMPTLY);

        assertThat(first.isDisposed()).isTrue();
        assertThat(firstSignal.get()).as("a cancelled subscriber hears nothing").isNull();
        assertThat(ARRIVALS.poll()).isEqualTo("GET /version");
    }

    @Test
    void cancellingAJobCreatingPostReleasesTheOnlyConnection() throws InterruptedException {
        wireMock.stubFor(post(urlPathEqualTo("/parse")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"job_id\": \"e234ba95-410a-4dd0-8a14-743dbfc49470\"}")
                .withFixedDelay(HELD_MILLIS)));
        ReductoClient client = oneConnectionClient();

        StepVerifier.create(client.parse().run(ParseRequest.builder()
                        .input(DocumentInput.url("https://ci.reducto.ai/onepager.pdf")).build()))
                .expectSubscription()
                .then(() -> awaitArrivalUnchecked("POST /parse"))
                .thenCancel()
                .verify(PROMPTLY);

        StepVerifier.create(client.version())
                .expectNext("1.2.3")
                .expectComplete()
                .verify(PROMPTLY);
        assertThat(ARRIVALS.poll()).isEqualTo("GET /version");
    }

    @Test
    void theSameClientServesAgainAfterManyCancellations() throws InterruptedException {
        wireMock.stubFor(get(urlPathEqualTo("/job/slow")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\": \"Pending\"}")
                .withFixedDelay(HELD_MILLIS)));
        ReductoClient client = oneConnectionClient();

        for (int i = 0; i < 5; i++) {
            Disposable call = client.getJob("slow").subscribe();
            awaitArrival("GET /job/slow");
            call.dispose();
        }

        StepVerifier.create(client.version())
                .expectNext("1.2.3")
                .expectComplete()
                .verify(PROMPTLY);
    }

    private static ReductoClient oneConnectionClient() {
        return wireMock.client().retryPolicy(RetryPolicy.none()).maxConnections(1).build();
    }

    private static void awaitArrival(String request) throws InterruptedException {
        assertThat(ARRIVALS.poll(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).as("arrival of %s", request)
                .isEqualTo(request);
    }

    private static void awaitArrivalUnchecked(String request) {
        try {
            awaitArrival(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + request, e);
        }
    }
}
