package io.reductor.samples.spring;

import io.reductor.core.model.job.JobResult;
import io.reductor.core.webhook.WebhookVerificationException.Reason;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.webhook.WebhookHub;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.UploadReceipt;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sample.stream-up-to=64KB", "sample.max-upload-size=16MB"})
@AutoConfigureWebTestClient(timeout = "PT30S")
class ReductorSpringApplicationTest {

    private static final ParameterizedTypeReference<ServerSentEvent<JobEventsController.JobEvent>> SSE =
            new ParameterizedTypeReference<>() {
            };

    @Autowired
    WebTestClient web;

    @Autowired
    ReductoSimulator simulator;

    @Autowired
    WebhookHub hub;

    @Autowired
    ReductoClient client;

    @Test
    void uploadThenStreamsTransitionsEndingInCompletedAfterASignedWebhook() throws Exception {
        long deliveriesBefore = simulator.counters().webhookDeliveries();
        long markBefore = hub.mark();
        byte[] pdf = new ClassPathResource("invoice-acme-1042.pdf").getContentAsByteArray();

        DocumentController.Submitted submitted = upload(pdf, "invoice-acme-1042.pdf");
        assertThat(submitted.jobId()).isNotBlank();
        assertThat(submitted.events()).isEqualTo("/jobs/" + submitted.jobId() + "/events");

        Flux<ServerSentEvent<JobEventsController.JobEvent>> events = web.get().uri(submitted.events())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(SSE)
                .getResponseBody();

        List<ServerSentEvent<JobEventsController.JobEvent>> seen = new ArrayList<>();
        StepVerifier.create(events)
                .recordWith(() -> seen)
                .thenConsumeWhile(event -> !event.data().terminal())
                .expectNextMatches(event -> event.data().terminal())
                .expectComplete()
                .verify(Duration.ofSeconds(30));

        ServerSentEvent<JobEventsController.JobEvent> last = seen.get(seen.size() - 1);
        assertThat(last.event()).isEqualTo("done");
        assertThat(last.data().status()).isEqualTo("Completed");
        assertThat(last.data().jobId()).isEqualTo(submitted.jobId());
        assertThat(last.data().summary()).startsWith("parsed 1 page(s)");
        assertThat(seen).allSatisfy(event -> assertThat(event.data().jobId()).isEqualTo(submitted.jobId()));
        assertThat(seen.subList(0, seen.size() - 1)).allSatisfy(event -> {
            assertThat(event.event()).isEqualTo("status");
            assertThat(event.data().terminal()).isFalse();
        });

        // the simulator's signed webhook reached /webhooks/reducto and was published to the hub
        waitFor(() -> simulator.counters().webhookDeliveries() > deliveriesBefore && hub.mark() > markBefore);
        assertThat(hub.arrivalAfter(submitted.jobId(), markBefore).block(Duration.ofSeconds(5))).isNull();
    }

    @Test
    void aForgedWebhookIsRejectedAndPublishesNothing() {
        String body = "{\"status\":\"Completed\",\"job_id\":\"forged-job\",\"metadata\":null}";
        long now = Instant.now().getEpochSecond();
        String wrongSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
        assertRejected(body, "msg_forged", now, sign(wrongSecret, "msg_forged", now, body), Reason.BAD_SIGNATURE);
        // a genuine signature on another body does not carry over
        String other = body.replace("forged-job", "other-job");
        assertRejected(other, "msg_forged2", now, sign(simulator.svixSecret(), "msg_forged2", now, body),
                Reason.BAD_SIGNATURE);
    }

    @Test
    void aStaleOrReplayedWebhookIsRejectedAndPublishesNothing() {
        String body = "{\"status\":\"Completed\",\"job_id\":\"stale-job\",\"metadata\":null}";
        long old = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond();
        assertRejected(body, "msg_stale", old, sign(simulator.svixSecret(), "msg_stale", old, body),
                Reason.STALE_TIMESTAMP);
        long future = Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond();
        assertRejected(body, "msg_future", future, sign(simulator.svixSecret(), "msg_future", future, body),
                Reason.FUTURE_TIMESTAMP);
    }

    @Test
    void aMalformedOrUnsignedWebhookIsRejectedAndPublishesNothing() {
        long now = Instant.now().getEpochSecond();
        String body = "{\"status\": 42}";
        assertRejected(body, "msg_malformed", now, sign(simulator.svixSecret(), "msg_malformed", now, body),
                Reason.MALFORMED_BODY);
        String notJson = "not json";
        assertRejected(notJson, "msg_notjson", now, sign(simulator.svixSecret(), "msg_notjson", now, notJson),
                Reason.MALFORMED_BODY);

        long mark = hub.mark();
        web.post().uri("/webhooks/reducto").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"status\":\"Completed\",\"job_id\":\"unsigned\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).value(why -> assertThat(why).startsWith(Reason.MISSING_HEADER.name()));
        assertThat(hub.mark()).isEqualTo(mark);
    }

    @Test
    void aGenuineWebhookIsAcceptedOnceAndItsReplayChangesNothing() {
        String body = "{\"status\":\"Completed\",\"job_id\":\"genuine-job\",\"metadata\":{\"k\":1}}";
        long now = Instant.now().getEpochSecond();
        String signature = sign(simulator.svixSecret(), "msg_genuine", now, body);
        long mark = hub.mark();
        post(body, "msg_genuine", now, signature).expectStatus().isNoContent();
        assertThat(hub.mark()).isEqualTo(mark + 1);
        // the same delivery again (within the tolerance): accepted as a repeat, not published twice
        post(body, "msg_genuine", now, signature).expectStatus().isNoContent();
        assertThat(hub.mark()).isEqualTo(mark + 1);
    }

    @Test
    void aSubmissionWithoutAFileIsAnsweredWithWhatIsMissing() {
        MultipartBodyBuilder multipart = new MultipartBodyBuilder();
        multipart.part("document", new byte[] {1, 2, 3}).filename("x.pdf");
        web.post().uri("/documents")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(multipart.build()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).value(text -> assertThat(text)
                        .contains("a multipart field 'file' is required"));
    }

    @Test
    void documentsStreamedOrSpooledArriveWhole() {
        for (int size : new int[] {20_000, 300_000}) { // below and above sample.stream-up-to
            String text = "Total: 42\n" + "lorem ipsum ".repeat(size / 12) + "\nThe end of note " + size;

            DocumentController.Submitted submitted = upload(text.getBytes(StandardCharsets.UTF_8), "note.txt");
            JobResult result = client.awaitResult(submitted.jobId()).block(Duration.ofSeconds(30));

            assertThat(String.valueOf(result)).contains("The end of note " + size);
        }
    }

    @Test
    void manyMegabytesSpooledWhileTheRequestArrivesAreReceivedIntact() throws Exception {
        byte[] content = new byte[12 * 1024 * 1024];
        new Random(12).nextBytes(content);
        Set<String> inputsBefore = Set.copyOf(simulator.counters().jobsByInput().keySet());

        upload(content, "scan.bin");

        String fileId = simulator.counters().jobsByInput().keySet().stream()
                .filter(input -> !inputsBefore.contains(input)).findFirst().orElseThrow();
        assertThat(simulator.receivedUpload(fileId)).contains(new UploadReceipt(content.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))));
    }

    @Test
    void aDocumentAboveTheSizeLimitIsRefusedWithItsOwnMessage() {
        MultipartBodyBuilder multipart = new MultipartBodyBuilder();
        multipart.part("file", new byte[16 * 1024 * 1024 + 1]).filename("big.pdf");
        web.post().uri("/documents")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(multipart.build()))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody(String.class).value(text -> assertThat(text)
                        .contains("larger than this application accepts"));
    }

    @Test
    void servesTheUploadPage() {
        web.get().uri("/index.html").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("EventSource", "/documents"));
    }

    private DocumentController.Submitted upload(byte[] content, String name) {
        MultipartBodyBuilder multipart = new MultipartBodyBuilder();
        multipart.part("file", content).filename(name).contentType(MediaType.APPLICATION_PDF);
        return web.post().uri("/documents")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(multipart.build()))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(DocumentController.Submitted.class)
                .returnResult().getResponseBody();
    }

    private void assertRejected(String body, String id, long timestamp, String signature, Reason reason) {
        long mark = hub.mark();
        post(body, id, timestamp, signature)
                .expectStatus().isBadRequest()
                .expectBody(String.class).value(why -> assertThat(why).startsWith(reason.name()));
        assertThat(hub.mark()).as("nothing published").isEqualTo(mark);
    }

    private WebTestClient.ResponseSpec post(String body, String id, long timestamp, String signature) {
        return web.post().uri("/webhooks/reducto")
                .contentType(MediaType.APPLICATION_JSON)
                .header("svix-id", id)
                .header("svix-timestamp", Long.toString(timestamp))
                .header("svix-signature", signature)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }

    static String sign(String whsecSecret, String id, long timestamp, String body) {
        try {
            byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
