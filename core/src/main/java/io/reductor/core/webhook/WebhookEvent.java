package io.reductor.core.webhook;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.json.Immutable;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.webhook.WebhookVerificationException.Reason;

import java.util.Map;
import java.util.Objects;

/**
 * What one of Reducto's job webhooks says: {@code {"status": "Completed"|"Failed", "job_id": "...", "metadata":
 * {...}}}. Obtain it from a {@link WebhookVerifier}, which checks the request first.
 *
 * <p>Fields this version does not know are kept in {@link #additionalProperties()}, and encoding the event with
 * {@link JsonCodec} gives back the body. {@link #messageId()} is not part of the body and is not encoded: it is the
 * delivery's signed id, used to recognise redeliveries (a {@code message_id} field in the body is just an unknown
 * field).
 *
 * @param jobId the job the webhook is about
 * @param status the job's status; webhooks are sent for {@code Completed} and {@code Failed}, but any value decodes
 * @param metadata the {@code async.metadata} the job was submitted with, echoed back; {@code null} when absent or JSON
 *     {@code null}
 * @param messageId the {@code svix-id} (or {@code webhook-id}) of a signed delivery; {@code null} for direct ones
 * @param additionalProperties fields of the body that this version of Reductor does not model
 */
public record WebhookEvent(
        String jobId,
        JobStatus status,
        JsonNode metadata,
        @JsonIgnore String messageId,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> additionalProperties) {

    /** Requires a job id and a status, turns a JSON {@code null} metadata into {@code null}, copies the extras. */
    public WebhookEvent {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        if (metadata != null && (metadata.isNull() || metadata.isMissingNode())) {
            metadata = null;
        }
        additionalProperties = Immutable.extras(additionalProperties);
    }

    /** An event with no unknown fields. */
    public static WebhookEvent of(String jobId, JobStatus status, JsonNode metadata, String messageId) {
        return new WebhookEvent(jobId, status, metadata, messageId, Map.of());
    }

    /** Whether the event came from a signed delivery, that is, has a {@link #messageId()}. */
    public boolean isSigned() {
        return messageId != null;
    }

    /** This event with another {@link #metadata()}. */
    WebhookEvent withMetadata(JsonNode newMetadata) {
        return new WebhookEvent(jobId, status, newMetadata, messageId, additionalProperties);
    }

    /** Loads Jackson's reader for this type now, so that the first webhook does not build it on an event loop. */
    static void prepareCodec() {
        JsonCodec.standard().prepare(Body.class, WebhookEvent.class);
    }

    /**
     * Decodes a webhook body with {@link JsonCodec#standard()}.
     *
     * @throws WebhookVerificationException with {@link Reason#MALFORMED_BODY} when the body is not a JSON object with
     *     a string {@code job_id} and a string {@code status}
     */
    static WebhookEvent decode(byte[] body, String messageId) {
        if (body.length == 0) {
            throw malformed("the body is empty", null);
        }
        JsonCodec codec = JsonCodec.standard();
        JsonNode tree;
        try {
            tree = codec.readTree(body);
        } catch (ReductoDecodeException e) {
            throw malformed("the body is not valid JSON (" + e.getMessage() + ")", e);
        }
        if (tree == null || !tree.isObject()) {
            throw malformed("the body is " + describe(tree) + ", not a JSON object", null);
        }
        requireText(tree, "job_id");
        requireText(tree, "status");
        Body decoded;
        try {
            decoded = codec.decode(tree, Body.class);
        } catch (ReductoDecodeException e) {
            throw malformed(e.getMessage(), e);
        }
        return new WebhookEvent(decoded.jobId, decoded.status, decoded.metadata, messageId,
                decoded.additionalProperties);
    }

    /**
     * The body alone. Decoding goes through it so that a {@code message_id} field of the body is kept as an unknown
     * field instead of being dropped as the ignored {@link #messageId()}.
     */
    record Body(String jobId, JobStatus status, JsonNode metadata,
            @JsonAnySetter Map<String, JsonNode> additionalProperties) {
    }

    private static void requireText(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw malformed("\"" + field + "\" is " + (value == null ? "missing" : describe(value))
                    + ", expected a non-empty string", null);
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "empty";
        }
        if (node.isTextual()) {
            return "a blank string";
        }
        return "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static WebhookVerificationException malformed(String why, Throwable cause) {
        return new WebhookVerificationException(Reason.MALFORMED_BODY, "Malformed webhook body: " + why, cause);
    }
}
