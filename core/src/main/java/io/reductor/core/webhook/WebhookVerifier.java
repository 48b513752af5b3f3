package io.reductor.core.webhook;

import java.util.List;
import java.util.Map;

/**
 * Checks one incoming webhook request and decodes its event. Implementations are {@link SvixWebhookVerifier} (signed
 * Svix deliveries) and {@link DirectWebhookVerifier} (unsigned direct deliveries, optionally with a shared secret in
 * their metadata). They are CPU-only and never block, so they may run on an event loop.
 */
@FunctionalInterface
public interface WebhookVerifier {

    /**
     * Checks the request and decodes its body.
     *
     * @param headers the request headers; names are matched ignoring case
     * @param body    the raw request body, exactly as received
     * @return the event the webhook carries
     * @throws WebhookVerificationException when the request is rejected; its {@link
     *     WebhookVerificationException#reason() reason} says which check failed
     */
    WebhookEvent verify(Map<String, List<String>> headers, byte[] body);
}
