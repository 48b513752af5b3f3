package io.reductor.core.webhook;

import io.reductor.core.error.ReductoException;

import java.util.Objects;

/**
 * An incoming webhook was rejected, or a verifier could not be built from the secret it was given. {@link #reason()}
 * says which check failed; the message says why in words. Messages never contain the configured secret nor the
 * signature that was expected, so they are safe to log and to answer with.
 *
 * <p>It lives in {@code io.reductor.core.webhook}, next to the verifiers that throw it, rather than in
 * {@code io.reductor.core.error}: that package describes failures of calls made <em>to</em> Reducto, while this one
 * describes requests received <em>from</em> it (or from someone pretending to be it). It still extends
 * {@link ReductoException}, so one {@code catch} handles every Reductor failure.
 */
public class WebhookVerificationException extends ReductoException {

    private static final long serialVersionUID = 1L;

    /** Which check rejected the webhook. */
    public enum Reason {
        /** A signature header ({@code svix-id}, {@code svix-timestamp} or {@code svix-signature}) is missing. */
        MISSING_HEADER,
        /** No {@code v1} signature matches the message: a forged or altered webhook, or the wrong secret. */
        BAD_SIGNATURE,
        /** The signed timestamp is older than the tolerance: a late delivery or a replay. */
        STALE_TIMESTAMP,
        /** The signed timestamp is further ahead than the tolerance. */
        FUTURE_TIMESTAMP,
        /** The timestamp header is not a whole number of seconds since the epoch. */
        MALFORMED_TIMESTAMP,
        /** The body is not a JSON object with a {@code job_id} and a {@code status}. */
        MALFORMED_BODY,
        /** The application gave an unusable secret (missing, blank, or not {@code whsec_} plus base64). */
        BAD_SECRET,
        /** A direct webhook's metadata does not carry the shared secret the application expects. */
        SHARED_SECRET_MISMATCH
    }

    private final Reason reason;

    /** Creates the exception with the failed check and a message saying why. */
    public WebhookVerificationException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** Creates the exception with the failed check, a message saying why, and the failure that caused it. */
    public WebhookVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Which check rejected the webhook. */
    public Reason reason() {
        return reason;
    }

    /** A value received from the sender, quoted and cut short, for a message. */
    static String quote(String value) {
        return "\"" + (value.length() > 64 ? value.substring(0, 64) + "..." : value) + "\"";
    }
}
