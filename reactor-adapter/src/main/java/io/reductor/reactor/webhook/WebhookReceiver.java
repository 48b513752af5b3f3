package io.reductor.reactor.webhook;

import io.reductor.core.webhook.DirectWebhookVerifier;
import io.reductor.core.webhook.SvixWebhookVerifier;
import io.reductor.core.webhook.WebhookEvent;
import io.reductor.core.webhook.WebhookVerificationException;
import io.reductor.core.webhook.WebhookVerifier;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an incoming webhook request, its headers and its body as a {@code Mono<byte[]>}, into a {@code Mono} of the
 * verified {@link WebhookEvent}. Verification ({@link SvixWebhookVerifier} for signed deliveries,
 * {@link DirectWebhookVerifier} for direct ones) is CPU-only, so it runs on whatever thread emits the body, such as an
 * event loop, without blocking; a rejected request ends the {@code Mono} with a {@link WebhookVerificationException}
 * saying why.
 *
 * <p>In a Spring WebFlux handler: {@code receiver.receive(request.headers().asHttpHeaders(),
 * request.bodyToMono(byte[].class))}. Bound the body size in the server (Svix signs the exact bytes, so the body must
 * reach the verifier unchanged, not re-encoded). Instances are immutable and thread-safe.
 */
public final class WebhookReceiver {

    private static final byte[] EMPTY = new byte[0];

    private final WebhookVerifier verifier;

    private WebhookReceiver(WebhookVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * A receiver that checks requests with {@code verifier}.
     *
     * @param verifier a {@link SvixWebhookVerifier} or {@link DirectWebhookVerifier} holding the secret; not
     *                 {@code null}
     * @return a new receiver
     */
    public static WebhookReceiver of(WebhookVerifier verifier) {
        return new WebhookReceiver(Objects.requireNonNull(verifier, "verifier"));
    }

    /**
     * The verifier requests are checked with.
     *
     * @return the verifier given to {@link #of(WebhookVerifier)}
     */
    public WebhookVerifier verifier() {
        return verifier;
    }

    /**
     * Verifies one request when subscribed to. The headers are copied now; the body is subscribed to once per
     * subscription, and an empty body counts as zero bytes.
     *
     * @param headers the request headers (names are matched ignoring case)
     * @param body    the raw request body
     * @return the event, or an error: a {@link WebhookVerificationException} for a rejected request, or the body's
     *     own error
     */
    public Mono<WebhookEvent> receive(Map<String, List<String>> headers, Mono<byte[]> body) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> snapshot = copy(headers);
        return body.defaultIfEmpty(EMPTY).map(bytes -> verifier.verify(snapshot, bytes));
    }

    /**
     * Verifies one request of a Reactor Netty {@link reactor.netty.http.server.HttpServer} when subscribed to: its
     * headers, copied now, and its whole body, as {@link #receive(Map, Mono)} does.
     *
     * @param request the request as the server's handler gets it
     * @return the event, or an error as {@link #receive(Map, Mono)} gives it
     */
    public Mono<WebhookEvent> receive(HttpServerRequest request) {
        Objects.requireNonNull(request, "request");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : request.requestHeaders().names()) {
            headers.put(name, request.requestHeaders().getAll(name));
        }
        return receive(headers, request.receive().aggregate().asByteArray());
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name,
                values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values))));
        return Collections.unmodifiableMap(copy);
    }
}
