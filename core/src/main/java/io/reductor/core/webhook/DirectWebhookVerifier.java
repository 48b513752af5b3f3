package io.reductor.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.webhook.WebhookVerificationException.Reason;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.reductor.core.webhook.WebhookVerificationException.quote;

/**
 * Reads Reducto's direct (unsigned) webhooks, submitted with {@code async.webhook = {"mode": "direct", "url": ...}}.
 * Reducto does not sign them, so on its own a direct webhook proves nothing about its sender: anyone who can reach
 * the URL can post one. {@link #unauthenticated()} accepts any well-formed body; use it only behind other protection.
 *
 * <p><b>Shared-secret convention.</b> Reducto echoes a job's {@code async.metadata} in its webhook. The application
 * puts a secret of its own into that metadata when it submits the job, under a field ({@value #DEFAULT_SECRET_FIELD}
 * unless configured otherwise; {@link #metadataWithSecret(JsonNode)} adds it), and a verifier built with
 * {@link #withSharedSecret(String)} accepts only webhooks whose {@code metadata.<field>} equals it, compared in
 * constant time. The field is removed from the accepted event's metadata, so the secret does not travel further
 * (to logs, or to browsers). The secret is visible to Reducto and to anyone who can read the job's configuration
 * with the API key; it authenticates the sender, not the body, and does not stop replays: deduplicate deliveries
 * (Reducto retries direct webhooks up to 3 times, so duplicates happen anyway).
 *
 * <p>Instances are immutable and thread-safe; parsing is CPU-only and never blocks.
 */
public final class DirectWebhookVerifier implements WebhookVerifier {

    /** The metadata field that carries the shared secret unless another is configured. */
    public static final String DEFAULT_SECRET_FIELD = "webhook_secret";

    private final String field;
    private final String secret;
    private final byte[] secretDigest;

    private DirectWebhookVerifier(String field, String secret) {
        this.field = field;
        this.secret = secret;
        this.secretDigest = secret == null ? null : digest(secret);
    }

    /** A parser that checks nothing but the body's shape: any well-formed webhook body is accepted. */
    public static DirectWebhookVerifier unauthenticated() {
        WebhookEvent.prepareCodec();
        return new DirectWebhookVerifier(null, null);
    }

    /**
     * A verifier that accepts only webhooks whose {@code metadata.}{@value #DEFAULT_SECRET_FIELD} equals
     * {@code secret}.
     *
     * @throws WebhookVerificationException with {@link Reason#BAD_SECRET} when the secret is missing or blank
     */
    public static DirectWebhookVerifier withSharedSecret(String secret) {
        return withSharedSecret(DEFAULT_SECRET_FIELD, secret);
    }

    /**
     * A verifier that accepts only webhooks whose {@code metadata.<field>} equals {@code secret}.
     *
     * @throws WebhookVerificationException with {@link Reason#BAD_SECRET} when the secret is missing or blank
     * @throws IllegalArgumentException when the field name is blank
     */
    public static DirectWebhookVerifier withSharedSecret(String field, String secret) {
        Objects.requireNonNull(field, "field");
        if (field.isBlank()) {
            throw new IllegalArgumentException("the metadata field for the shared secret must not be blank");
        }
        if (secret == null || secret.isBlank()) {
            throw new WebhookVerificationException(Reason.BAD_SECRET,
                    "No shared secret was given for direct webhooks (metadata field \"" + field + "\")");
        }
        WebhookEvent.prepareCodec();
        return new DirectWebhookVerifier(field, secret);
    }

    /** The metadata field that must carry the shared secret; empty for {@link #unauthenticated()}. */
    public Optional<String> secretField() {
        return Optional.ofNullable(field);
    }

    /**
     * The {@code async.metadata} to submit a job with so that its webhook passes this verifier: a copy of
     * {@code metadata} (an object, or {@code null} for none) with the secret field added; {@code metadata} itself is
     * not changed.
     *
     * @throws IllegalStateException for an {@link #unauthenticated()} parser, which has no secret
     * @throws IllegalArgumentException when {@code metadata} is not a JSON object
     */
    public ObjectNode metadataWithSecret(JsonNode metadata) {
        if (field == null) {
            throw new IllegalStateException("an unauthenticated direct webhook parser has no shared secret");
        }
        ObjectNode copy;
        if (metadata == null || metadata.isNull()) {
            copy = JsonNodeFactory.instance.objectNode();
        } else if (metadata.isObject()) {
            copy = ((ObjectNode) metadata).deepCopy();
        } else {
            throw new IllegalArgumentException("metadata must be a JSON object to carry the shared secret, not "
                    + metadata.getNodeType());
        }
        copy.put(field, secret);
        return copy;
    }

    /**
     * Decodes a direct webhook body and, when configured, checks and removes its shared secret.
     *
     * @return the event; its {@link WebhookEvent#messageId()} is {@code null}
     * @throws WebhookVerificationException with {@link Reason#MALFORMED_BODY} or
     *     {@link Reason#SHARED_SECRET_MISMATCH}
     */
    public WebhookEvent parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        WebhookEvent event = WebhookEvent.decode(body, null);
        if (field == null) {
            return event;
        }
        JsonNode metadata = event.metadata();
        JsonNode sent = metadata == null || !metadata.isObject() ? null : metadata.get(field);
        if (sent == null || !sent.isTextual()) {
            throw new WebhookVerificationException(Reason.SHARED_SECRET_MISMATCH, "Direct webhook for job "
                    + quote(event.jobId()) + " has no shared secret: metadata." + field + " is "
                    + (metadata == null ? "absent (no metadata)" : sent == null ? "absent" : "not a string"));
        }
        // Digests have equal lengths, so the comparison's time says nothing about the secret's length.
        if (!MessageDigest.isEqual(digest(sent.textValue()), secretDigest)) {
            throw new WebhookVerificationException(Reason.SHARED_SECRET_MISMATCH, "Direct webhook for job "
                    + quote(event.jobId()) + " has the wrong shared secret in metadata." + field);
        }
        ObjectNode cleaned = ((ObjectNode) metadata).deepCopy();
        cleaned.remove(field);
        return event.withMetadata(cleaned);
    }

    /** Same as {@link #parse(byte[])}: direct webhooks carry nothing to check in their headers. */
    @Override
    public WebhookEvent verify(Map<String, List<String>> headers, byte[] body) {
        return parse(body);
    }

    /** Says whether a shared secret is checked, and in which field, but not the secret. */
    @Override
    public String toString() {
        return field == null ? "DirectWebhookVerifier[unauthenticated]"
                : "DirectWebhookVerifier[shared secret in metadata." + field + "]";
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
