package io.reductor.reactor.webhook;

import io.reductor.core.model.job.JobStatus;
import io.reductor.core.webhook.DirectWebhookVerifier;
import io.reductor.core.webhook.SvixWebhookVerifier;
import io.reductor.core.webhook.WebhookEvent;
import io.reductor.core.webhook.WebhookVerificationException;
import io.reductor.core.webhook.WebhookVerificationException.Reason;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookReceiverTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
    private static final String SECRET = "whsec_" + KEY;
    private static final long NOW = 1_767_225_600L;
    private static final byte[] BODY = ("{\"status\":\"Completed\",\"job_id\":\"job-1\","
            + "\"metadata\":{\"user_id\":\"123\"}}").getBytes(StandardCharsets.UTF_8);

    private final WebhookReceiver signed = WebhookReceiver.of(SvixWebhookVerifier.of(SECRET)
            .withClock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)));

    @Test
    void signedWebhookBecomesItsEvent() {
        StepVerifier.create(signed.receive(headers("msg_1", NOW, BODY), Mono.just(BODY)))
                .assertNext(event -> {
                    assertThat(event.jobId()).isEqualTo("job-1");
                    assertThat(event.status()).isEqualTo(JobStatus.COMPLETED);
                    assertThat(event.metadata().get("user_id").textValue()).isEqualTo("123");
                    assertThat(event.messageId()).isEqualTo("msg_1");
                })
                .verifyComplete();
    }

    @Test
    void forgedWebhookIsATypedError() {
        byte[] forged = new String(BODY, StandardCharsets.UTF_8).replace("Completed", "Failed")
                .getBytes(StandardCharsets.UTF_8);

        StepVerifier.create(signed.receive(headers("msg_1", NOW, BODY), Mono.just(forged)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(WebhookVerificationException.class)
                        .extracting(error -> ((WebhookVerificationException) error).reason())
                        .isEqualTo(Reason.BAD_SIGNATURE))
                .verify(WAIT);
    }

    @Test
    void staleWebhookIsATypedError() {
        StepVerifier.create(signed.receive(headers("msg_1", NOW - 301, BODY), Mono.just(BODY)))
                .expectErrorSatisfies(e -> assertThat(((WebhookVerificationException) e).reason())
                        .isEqualTo(Reason.STALE_TIMESTAMP))
                .verify(WAIT);
    }

    @Test
    void missingHeadersAreATypedError() {
        StepVerifier.create(signed.receive(Map.of(), Mono.just(BODY)))
                .expectErrorSatisfies(e -> assertThat(((WebhookVerificationException) e).reason())
                        .isEqualTo(Reason.MISSING_HEADER))
                .verify(WAIT);
    }

    @Test
    void directWebhookIsParsedAndAnEmptyBodyIsMalformed() {
        WebhookReceiver direct = WebhookReceiver.of(DirectWebhookVerifier.unauthenticated());

        StepVerifier.create(direct.receive(Map.of(), Mono.just(BODY)))
                .assertNext(event -> assertThat(event.messageId()).isNull())
                .verifyComplete();
        StepVerifier.create(direct.receive(Map.of(), Mono.empty()))
                .expectErrorSatisfies(e -> assertThat(((WebhookVerificationException) e).reason())
                        .isEqualTo(Reason.MALFORMED_BODY))
                .verify(WAIT);
    }

    @Test
    void aFailingBodyFailsTheEventWithItsOwnError() {
        IOException cause = new IOException("connection reset");

        StepVerifier.create(signed.receive(headers("msg_1", NOW, BODY), Mono.error(cause)))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(cause))
                .verify(WAIT);
    }

    @Test
    void nothingHappensBeforeSubscription() {
        PublisherProbe<byte[]> body = PublisherProbe.of(Mono.just(BODY));

        Mono<WebhookEvent> event = signed.receive(headers("msg_1", NOW, BODY), body.mono());

        body.assertWasNotSubscribed();
        StepVerifier.create(event).expectNextCount(1).verifyComplete();
        body.assertWasSubscribed();
    }

    @Test
    void headersAreReadWhenTheRequestIsReceived() {
        Map<String, List<String>> headers = headers("msg_1", NOW, BODY);

        Mono<WebhookEvent> event = signed.receive(headers, Mono.just(BODY));
        headers.clear();

        StepVerifier.create(event).assertNext(e -> assertThat(e.messageId()).isEqualTo("msg_1")).verifyComplete();
    }

    @Test
    void verificationRunsOnANonBlockingThread() {
        // BlockHound (on for this suite) fails any blocking call made on the parallel scheduler's threads.
        Mono<WebhookEvent> event = signed.receive(headers("msg_2", NOW, BODY),
                Mono.just(BODY).publishOn(Schedulers.parallel()));

        StepVerifier.create(event)
                .assertNext(e -> assertThat(e.messageId()).isEqualTo("msg_2"))
                .verifyComplete();
    }

    @Test
    void aReactorNettyRequestIsReceivedWithItsHeadersAndWholeBody() {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> signed.receive(request)
                        .flatMap(event -> response.sendString(Mono.just(event.jobId())).then())
                        .onErrorResume(WebhookVerificationException.class, rejected -> response.status(400)
                                .sendString(Mono.just(rejected.reason().name())).then()))
                .bindNow();
        try {
            assertThat(post(server, headers("msg_1", NOW, BODY), BODY)).isEqualTo("job-1");
            byte[] forged = new String(BODY, StandardCharsets.UTF_8).replace("job-1", "job-2")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(post(server, headers("msg_2", NOW, BODY), forged)).isEqualTo(Reason.BAD_SIGNATURE.name());
        } finally {
            server.disposeNow();
        }
    }

    private static String post(DisposableServer server, Map<String, List<String>> headers, byte[] body) {
        return HttpClient.create().headers(all -> headers.forEach(all::add))
                .post().uri("http://127.0.0.1:" + server.port() + "/webhooks")
                .send(ByteBufFlux.fromString(Mono.just(new String(body, StandardCharsets.UTF_8))))
                .responseSingle((response, content) -> content.asString()).block(WAIT);
    }

    @Test
    void verifierIsExposed() {
        DirectWebhookVerifier verifier = DirectWebhookVerifier.unauthenticated();

        assertThat(WebhookReceiver.of(verifier).verifier()).isSameAs(verifier);
    }

    /** Mutable Svix headers signing {@code body}, computed independently of the verifier. */
    static Map<String, List<String>> headers(String id, long timestamp, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("svix-id", new ArrayList<>(List.of(id)));
        headers.put("svix-timestamp", new ArrayList<>(List.of(Long.toString(timestamp))));
        headers.put("svix-signature", new ArrayList<>(List.of("v1," + hmac(id + "." + timestamp + ".", body))));
        return headers;
    }

    private static String hmac(String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
