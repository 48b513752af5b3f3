package io.reductor.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.reductor.core.model.common.DirectWebhookConfig;
import io.reductor.core.model.common.SvixWebhookConfig;
import io.reductor.core.model.job.JobStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Delivers job webhooks as the service does, once a job completes or fails: {@code {"status", "job_id", "metadata"}}
 * posted to the job's direct URL (unsigned, up to 3 attempts), or, in Svix mode, to the simulator's configured Svix
 * endpoint, signed with its {@code whsec_} secret ({@code svix-id}, {@code svix-timestamp}, {@code svix-signature:
 * v1,<base64 HMAC-SHA256 of "id.timestamp.body">}). Cancelled jobs send nothing.
 */
final class Webhooks {

    static final int ATTEMPTS = 3;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Webhooks.class);

    private final Settings settings;
    private final SimulatorCounters counters;
    private final Supplier<HttpClient> client;

    /**
     * Delivers webhooks of one simulator.
     *
     * @param client gives the client to deliver with, asked at each delivery (it may be made at the first)
     */
    Webhooks(Settings settings, SimulatorCounters counters, Supplier<HttpClient> client) {
        this.settings = settings;
        this.counters = counters;
        this.client = client;
    }

    /** Delivers the job's webhook if it has one; never fails. */
    Mono<Void> deliver(Job job) {
        Job.Snapshot snapshot = job.snapshot(0);
        if (job.webhook == null || !(snapshot.status().equals(JobStatus.COMPLETED)
                || snapshot.status().equals(JobStatus.FAILED))) {
            return Mono.empty();
        }
        ObjectNode payload = Json.object();
        payload.put("status", snapshot.status().value());
        payload.put("job_id", job.id);
        payload.set("metadata", job.metadata == null ? Json.NODES.nullNode() : job.metadata);
        byte[] body = Json.bytes(payload);
        if (job.webhook instanceof DirectWebhookConfig direct && direct.url() != null) {
            return post(direct.url(), body, null);
        }
        if (job.webhook instanceof SvixWebhookConfig && settings.svixUrl() != null) {
            String id = "msg_" + Ids.uuid().replace("-", "");
            String timestamp = Long.toString(settings.clock().instant().getEpochSecond());
            String signature = "v1," + sign(settings.svixSecret(), id + "." + timestamp + "."
                    + new String(body, StandardCharsets.UTF_8));
            return post(settings.svixUrl().get(), body, new String[] {id, timestamp, signature});
        }
        return Mono.empty();
    }

    private Mono<Void> post(String url, byte[] body, String[] svix) {
        return Mono.defer(() -> {
                    counters.webhook();
                    return client.get().headers(headers -> {
                                headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                                if (svix != null) {
                                    headers.set("svix-id", svix[0]);
                                    headers.set("svix-timestamp", svix[1]);
                                    headers.set("svix-signature", svix[2]);
                                }
                            })
                            .post().uri(url).send(Mono.just(io.netty.buffer.Unpooled.wrappedBuffer(body)))
                            .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                            .flatMap(status -> status >= 200 && status < 300 ? Mono.<Void>empty()
                                    : Mono.error(new IllegalStateException("webhook answered " + status)));
                })
                .retryWhen(Retry.backoff(ATTEMPTS - 1, Duration.ofMillis(50)).scheduler(settings.scheduler()))
                .onErrorResume(e -> {
                    LOG.warn("Webhook delivery to {} failed after {} attempts: {}", url, ATTEMPTS, e.toString());
                    return Mono.empty();
                });
    }

    /** HMAC-SHA256 of {@code content} with a {@code whsec_} secret, in base64. */
    static String sign(String secret, String content) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
