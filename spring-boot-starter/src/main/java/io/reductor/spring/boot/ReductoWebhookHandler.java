package io.reductor.spring.boot;

import io.reductor.core.webhook.WebhookVerificationException;
import io.reductor.reactor.webhook.WebhookHub;
import io.reductor.reactor.webhook.WebhookReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook endpoint: verifies a delivery over its exact body bytes and publishes the event to the
 * {@link WebhookHub}, so that every {@code awaitCompletion} of that job finishes at once. It answers 204 when the
 * delivery is accepted (a repeated one too, which the hub drops), 400 with the reason when verification rejects it
 * (nothing is published), and 413 when the body is larger than {@code reducto.webhook.max-body-size}.
 */
public final class ReductoWebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger("io.reductor.webhooks");

    private final WebhookReceiver receiver;
    private final WebhookHub hub;
    private final int maxBodyBytes;

    /**
     * Creates the handler.
     *
     * @param receiver     verifies deliveries
     * @param hub          receives the accepted events
     * @param maxBodyBytes the largest body accepted, in bytes; at least 1
     */
    public ReductoWebhookHandler(WebhookReceiver receiver, WebhookHub hub, long maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("reducto.webhook.max-body-size must be at least 1 byte but was "
                    + maxBodyBytes);
        }
        this.receiver = receiver;
        this.hub = hub;
        this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE, maxBodyBytes);
    }

    /**
     * Handles one delivery.
     *
     * @param request the {@code POST}
     * @return 204, 400 or 413 as described on the class
     */
    public Mono<ServerResponse> receive(ServerRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().asHttpHeaders().forEach(headers::put);
        Mono<byte[]> body = DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), maxBodyBytes)
                .map(ReductoWebhookHandler::bytes);
        return receiver.receive(headers, body)
                .flatMap(event -> hub.publish(event).flatMap(fresh -> {
                    LOG.debug("webhook {}: job {} {}", fresh ? "accepted" : "repeated", event.jobId(),
                            event.status());
                    return ServerResponse.noContent().build();
                }))
                .onErrorResume(WebhookVerificationException.class, e -> {
                    LOG.warn("webhook rejected ({}): {}", e.reason(), e.getMessage());
                    return text(HttpStatus.BAD_REQUEST, e.reason() + ": " + e.getMessage());
                })
                .onErrorResume(DataBufferLimitException.class, e -> text(HttpStatus.CONTENT_TOO_LARGE,
                        "the webhook body is larger than reducto.webhook.max-body-size (" + maxBodyBytes
                                + " bytes)"));
    }

    private static Mono<ServerResponse> text(HttpStatus status, String message) {
        return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(message);
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
