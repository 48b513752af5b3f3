package io.reductor.samples.spring;

import io.reductor.core.webhook.WebhookVerificationException;
import io.reductor.reactor.webhook.WebhookHub;
import io.reductor.reactor.webhook.WebhookReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /webhooks/reducto}: verifies a Svix-signed webhook over its exact body bytes and hands the event to the
 * {@link WebhookHub}, so that jobs awaited with {@code awaitCompletion} finish at once. 204 when accepted (a repeated
 * delivery too: it is dropped by the hub); 400 with the reason when rejected, and nothing is published.
 */
@RestController
public class WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

    private final ObjectProvider<WebhookReceiver> receiver;
    private final WebhookHub hub;
    private final ReductoProperties properties;

    public WebhookController(ObjectProvider<WebhookReceiver> receiver, WebhookHub hub, ReductoProperties properties) {
        this.receiver = receiver;
        this.hub = hub;
        this.properties = properties;
    }

    @PostMapping("${reducto.webhook-path:/webhooks/reducto}")
    public Mono<ResponseEntity<String>> receive(ServerHttpRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach(headers::put);
        int limit = (int) Math.min(Integer.MAX_VALUE, properties.maxWebhookSize().toBytes());
        Mono<byte[]> body = DataBufferUtils.join(request.getBody(), limit).map(WebhookController::bytes);
        return receiver.getObject().receive(headers, body)
                .map(event -> {
                    boolean fresh = hub.publish(event);
                    LOG.info("webhook {}: job {} {}", fresh ? "accepted" : "repeated", event.jobId(),
                            event.status());
                    return ResponseEntity.noContent().<String>build();
                })
                .onErrorResume(WebhookVerificationException.class, e -> {
                    LOG.warn("webhook rejected: {} ({})", e.reason(), e.getMessage());
                    return Mono.just(badRequest(e.reason() + ": " + e.getMessage()));
                })
                .onErrorResume(DataBufferLimitException.class,
                        e -> Mono.just(ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                                .contentType(MediaType.TEXT_PLAIN).body("the webhook body is too large")));
    }

    private static ResponseEntity<String> badRequest(String why) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(why);
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
