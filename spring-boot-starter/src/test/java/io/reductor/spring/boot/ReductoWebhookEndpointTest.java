package io.reductor.spring.boot;

import io.reductor.core.model.job.JobStatus;
import io.reductor.core.webhook.WebhookEvent;
import io.reductor.reactor.webhook.WebhookHub;
import io.reductor.reactor.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import reactor.test.StepVerifier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook endpoint: present with a secret, verifies each delivery, publishes accepted ones to the client's hub. */
class ReductoWebhookEndpointTest {

    private static final String KEY = Base64.getEncoder().encodeToString(
            "a signing key of 32 bytes.......".getBytes(StandardCharsets.US_ASCII));
    private static final String SECRET = "whsec_" + KEY;
    private static final String JOB = "a1b9090e-c9ae-420b-9726-f658afbbe338";

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ReductoAutoConfiguration.class))
            .withPropertyValues("reducto.api-key=k", "reducto.base-url=http://127.0.0.1:1");

    @Test
    void withoutASecretThereIsNoEndpointAndNoHub() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhookHub.class)
                .doesNotHaveBean("reductoWebhookRoute"));
    }

    @Test
    void aSignedDeliveryIsAcceptedAndReachesTheHub() {
        runner.withPropertyValues("reducto.webhook.secret=" + SECRET).run(context -> {
            WebhookHub hub = context.getBean(WebhookHub.class);
            long mark = hub.mark();
            String body = "{\"status\":\"Completed\",\"job_id\":\"" + JOB + "\",\"metadata\":{}}";

            deliver(context, "/webhooks/reducto", "msg_1", body, body).expectStatus().isNoContent();
            deliver(context, "/webhooks/reducto", "msg_1", body, body).expectStatus().isNoContent();

            StepVerifier.create(hub.arrivalAfter(JOB, mark)).expectComplete().verify(Duration.ofSeconds(5));
            assertThat(hub.publish(completed("msg_1")).block())
                    .as("the first delivery was published, so the same message is now a repeat").isFalse();
        });
    }

    @Test
    void aForgedDeliveryIsRejectedWithTheReasonAndNotPublished() {
        runner.withPropertyValues("reducto.webhook.secret=" + SECRET, "reducto.webhook.path=/hooks/in").run(context -> {
            String body = "{\"status\":\"Completed\",\"job_id\":\"" + JOB + "\"}";

            deliver(context, "/hooks/in", "msg_2", body, body.replace("Completed", "Failed"))
                    .expectStatus().isBadRequest()
                    .expectBody(String.class).consumeWith(result -> assertThat(result.getResponseBody())
                            .startsWith("BAD_SIGNATURE"));
            assertThat(context.getBean(WebhookHub.class).publish(completed("msg_2")).block())
                    .as("the rejected message was never published").isTrue();
        });
    }

    @Test
    void aBodyOverTheLimitIsAnswered413() {
        runner.withPropertyValues("reducto.webhook.secret=" + SECRET, "reducto.webhook.max-body-size=100B")
                .run(context -> {
                    String body = "{\"status\":\"Completed\",\"job_id\":\"" + JOB + "\",\"metadata\":{\"pad\":\""
                            + "x".repeat(200) + "\"}}";

                    deliver(context, "/webhooks/reducto", "msg_3", body, body)
                            .expectStatus().isEqualTo(413)
                            .expectBody(String.class).consumeWith(result -> assertThat(result.getResponseBody())
                                    .contains("reducto.webhook.max-body-size"));
                });
    }

    @Test
    void directModeChecksTheSharedSecretInTheMetadata() {
        runner.withPropertyValues("reducto.webhook.secret=s3cret", "reducto.webhook.mode=direct").run(context -> {
            assertThat(context.getBean(WebhookReceiver.class).verifier().toString()).contains("Direct");
            String good = "{\"status\":\"Completed\",\"job_id\":\"" + JOB
                    + "\",\"metadata\":{\"webhook_secret\":\"s3cret\"}}";
            String bad = good.replace("s3cret", "guess");

            post(context, "/webhooks/reducto", bad).expectStatus().isBadRequest();
            post(context, "/webhooks/reducto", good).expectStatus().isNoContent();
        });
    }

    @Test
    void aPlainApplicationGetsTheHubButNoRoute() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ReductoAutoConfiguration.class))
                .withPropertyValues("reducto.api-key=k", "reducto.webhook.secret=" + SECRET)
                .run(context -> assertThat(context).hasSingleBean(WebhookHub.class)
                        .doesNotHaveBean("reductoWebhookRoute"));
    }

    /** The event of a delivery of {@code messageId} saying the job completed. */
    private static WebhookEvent completed(String messageId) {
        return WebhookEvent.of(JOB, JobStatus.COMPLETED, null, messageId);
    }

    private static WebTestClient.ResponseSpec deliver(AssertableReactiveWebApplicationContext context, String path,
            String id, String body, String signedBody) {
        long timestamp = Instant.now().getEpochSecond();
        return client(context).post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .header("svix-id", id)
                .header("svix-timestamp", Long.toString(timestamp))
                .header("svix-signature", "v1," + sign(id, timestamp, signedBody))
                .bodyValue(body).exchange();
    }

    private static WebTestClient.ResponseSpec post(AssertableReactiveWebApplicationContext context, String path,
            String body) {
        return client(context).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static WebTestClient client(AssertableReactiveWebApplicationContext context) {
        return WebTestClient.bindToRouterFunction(context.getBean("reductoWebhookRoute", RouterFunction.class))
                .build();
    }

    /** A Svix v1 signature of {@code body}, computed here independently of the verifier. */
    private static String sign(String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
