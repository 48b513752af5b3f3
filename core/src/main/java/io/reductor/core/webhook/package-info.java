/**
 * Receiving Reducto's job webhooks: {@link io.reductor.core.webhook.SvixWebhookVerifier} checks signed (Svix)
 * deliveries, {@link io.reductor.core.webhook.DirectWebhookVerifier} reads unsigned (direct) ones, and both produce a
 * {@link io.reductor.core.webhook.WebhookEvent} or throw a
 * {@link io.reductor.core.webhook.WebhookVerificationException} saying why the request was rejected.
 */
package io.reductor.core.webhook;
