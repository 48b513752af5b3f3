package io.reductor.redis;

import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.webhook.SvixWebhookVerifier;
import io.reductor.reactor.AwaitOptions;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.webhook.WebhookHub;
import io.reductor.reactor.webhook.WebhookReceiver;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.SimulatorRoute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.reductor.redis.RedisServerExtension.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of an ingest service against the simulator, sharing webhooks through Redis: instance A receives the
 * simulator's signed (Svix) webhooks on its endpoint, verifies them and publishes them to its {@link RedisWebhookHub};
 * instance B's client has only its own hub of the same channel. B's {@code runJobAndAwait}, {@code submitAll}, and an
 * {@code awaitResult} begun on an instance C started after the webhook, each finish on the webhook A received with one
 * {@code GET /job/{id}} per job (two requests a job: the submission and one check).
 *
 * <p>The awaits' webhook silence is five minutes and each test waits 30 s at most: a webhook that did not reach the
 * awaiting instance fails the test rather than being saved by a fallback poll.
 */
class RedisWebhookHubClientTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AwaitOptions WEBHOOKS_ONLY = AwaitOptions.defaults().withWebhookSilence(Duration.ofMinutes(5));
    private static final int DOCUMENTS = 8;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final AtomicInteger publishedOnA = new AtomicInteger();
    private String channel;
    private RedisWebhookHub hubA;
    private DisposableServer endpointA;
    private ReductoSimulator simulator;

    @BeforeEach
    void start() {
        channel = uniqueName("e2e");
        hubA = closing(RedisWebhookHub.create(REDIS.client(), channel));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        endpointA = endpoint(hubA, secret);
        simulator = ReductoSimulator.builder()
                .svixEndpoint("http://127.0.0.1:" + endpointA.port() + "/webhooks/reducto").svixSecret(secret)
                .start();
        for (int i = 0; i < DOCUMENTS; i++) {
            simulator.registerDocument(url(i), ("Document " + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (endpointA != null) {
            endpointA.disposeNow();
        }
    }

    @Test
    void runJobAndAwaitOnBFinishesOnTheWebhookAReceived() {
        ReductoClient clientB = client(closing(RedisWebhookHub.create(REDIS.client(), channel)));

        ParseResponse response = clientB.parse().runJobAndAwait(request(0), WEBHOOKS_ONLY).block(WAIT);

        assertThat(response).isNotNull();
        assertThat(publishedOnA).hasValue(1);
        assertThat(simulator.counters().requests(SimulatorRoute.PARSE_ASYNC)).isEqualTo(1);
        assertThat(simulator.counters().requests(SimulatorRoute.GET_JOB)).as("one check of the job").isEqualTo(1);
    }

    @Test
    void submitAllOnBChecksEachJobOnce() {
        ReductoClient clientB = client(closing(RedisWebhookHub.create(REDIS.client(), channel)));

        List<BulkEvent<Integer, ParseResponse>> events = clientB.parse().submitAll(
                        Flux.range(0, DOCUMENTS).map(i -> BulkDocument.remote(i, DocumentInput.url(url(i)))),
                        input -> ParseRequest.builder().input(input).async(svix()).build(),
                        BulkOptions.defaults().withConcurrency(DOCUMENTS).withAwaitOptions(WEBHOOKS_ONLY))
                .filter(BulkEvent::isOutcome).collectList().block(WAIT);

        assertThat(events).hasSize(DOCUMENTS).allSatisfy(event ->
                assertThat(event).isInstanceOf(BulkEvent.Completed.class));
        assertThat(publishedOnA).hasValue(DOCUMENTS);
        assertThat(simulator.counters().requests(SimulatorRoute.PARSE_ASYNC)).isEqualTo(DOCUMENTS);
        assertThat(simulator.counters().requests(SimulatorRoute.GET_JOB)).as("one check a job").isEqualTo(DOCUMENTS);
    }

    @Test
    void anAwaitOnAnInstanceStartedAfterTheWebhookChecksOnce() {
        ReductoClient submitter = closing(ReductoClient.builder().apiKey(simulator.apiKey())
                .baseUrl(simulator.baseUrl()).build());
        String jobId = submitter.parse().runJob(request(1)).block(WAIT).jobId();
        hubA.arrivalAfter(jobId, 0).block(WAIT); // A has received the job's webhook

        ReductoClient clientC = client(closing(RedisWebhookHub.create(REDIS.client(), channel)));

        assertThat(clientC.awaitResult(jobId, WEBHOOKS_ONLY).block(WAIT)).isNotNull();
        assertThat(simulator.counters().requests(SimulatorRoute.GET_JOB)).as("one check of the job").isEqualTo(1);
    }

    /** Instance A's webhook endpoint: verifies each delivery and publishes it to {@code hub}. */
    private DisposableServer endpoint(WebhookHub hub, String secret) {
        WebhookReceiver receiver = WebhookReceiver.of(SvixWebhookVerifier.of(secret));
        return HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
            return receiver.receive(request)
                    .flatMap(hub::publish)
                    .doOnNext(isNew -> {
                        if (isNew) {
                            publishedOnA.incrementAndGet();
                        }
                    })
                    .then(response.status(204).send())
                    .onErrorResume(error -> response.status(400).sendString(Mono.just(error.toString())).then());
        }).bindNow();
    }

    private ReductoClient client(WebhookHub hub) {
        return closing(ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                .webhookHub(hub).build());
    }

    private <T extends AutoCloseable> T closing(T resource) {
        resources.add(resource);
        return resource;
    }

    private static ParseRequest request(int document) {
        return ParseRequest.builder().input(DocumentInput.url(url(document))).async(svix()).build();
    }

    private static AsyncOptions svix() {
        return AsyncOptions.builder().webhook(WebhookConfig.svix()).build();
    }

    private static String url(int i) {
        return "https://docs.example.com/doc-" + i + ".txt";
    }
}
