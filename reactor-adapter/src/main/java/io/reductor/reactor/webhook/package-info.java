/**
 * Receiving Reducto's job webhooks reactively: {@link io.reductor.reactor.webhook.WebhookReceiver} turns a request's
 * headers and body into a {@code Mono} of the verified event, and
 * {@link io.reductor.reactor.webhook.WebhookDeduplicator} drops redeliveries of the same event.
 */
package io.reductor.reactor.webhook;
