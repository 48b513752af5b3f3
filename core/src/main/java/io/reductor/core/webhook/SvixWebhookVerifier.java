package io.reductor.core.webhook;

import io.reductor.core.webhook.WebhookVerificationException.Reason;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.reductor.core.webhook.WebhookVerificationException.quote;

/**
 * Verifies Reducto's signed (Svix mode) webhooks. A delivery carries {@code svix-id}, {@code svix-timestamp} (epoch
 * seconds) and {@code svix-signature} (space-separated {@code v1,<base64>} entries), or the same three under
 * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}. It is accepted when some {@code v1}
 * entry equals the base64 HMAC-SHA256, keyed with the endpoint's {@code whsec_} secret, of
 * {@code "<id>.<timestamp>.<raw body>"} (compared in constant time; entries of other versions are ignored), and its
 * timestamp is within the tolerance (300 s by default) of the clock, in either direction.
 *
 * <p>The signature is checked before the timestamp, so a forged request is always reported as
 * {@link Reason#BAD_SIGNATURE} and the timestamp reasons describe authentic but late (or replayed) deliveries. A
 * timestamp check does not stop a replay inside the tolerance window; deduplicate by {@link WebhookEvent#messageId()}
 * for that.
 *
 * <p>Instances are immutable and thread-safe; verification is CPU-only and never blocks.
 */
public final class SvixWebhookVerifier implements WebhookVerifier {

    /** The default tolerance between a delivery's timestamp and the clock, either way: 300 seconds. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

    private static final String SECRET_PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";
    private static final String[] SVIX_HEADERS = {"svix-id", "svix-timestamp", "svix-signature"};
    private static final String[] WEBHOOK_HEADERS = {"webhook-id", "webhook-timestamp", "webhook-signature"};
    private static final int SIGNATURE = 2;
    private static final int MAX_TIMESTAMP_DIGITS = 18;

    private final SecretKeySpec key;
    private final Duration tolerance;
    private final Clock clock;

    private SvixWebhookVerifier(SecretKeySpec key, Duration tolerance, Clock clock) {
        this.key = key;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * A verifier for the endpoint secret shown by Reducto's Svix portal, {@code whsec_<base64>} (the bare base64 part
     * is accepted too), with the default tolerance and the UTC system clock.
     *
     * @throws WebhookVerificationException with {@link Reason#BAD_SECRET} when the secret is missing, blank or not
     *     base64; the message does not repeat it
     */
    public static SvixWebhookVerifier of(String whsecSecret) {
        SecretKeySpec key = new SecretKeySpec(decodeSecret(whsecSecret), HMAC);
        try {
            // Resolves the JCE provider and checks the key now, not on the first webhook.
            Mac.getInstance(HMAC).init(key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WebhookVerificationException(Reason.BAD_SECRET,
                    "The webhook secret cannot be used as an HMAC-SHA256 key", null);
        }
        WebhookEvent.prepareCodec();
        return new SvixWebhookVerifier(key, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /**
     * This verifier with another tolerance between a delivery's timestamp and the clock (in whole seconds, either
     * way); a timestamp exactly {@code tolerance} away is still accepted.
     *
     * @throws IllegalArgumentException if {@code tolerance} is negative
     */
    public SvixWebhookVerifier withTolerance(Duration tolerance) {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative: " + tolerance);
        }
        return new SvixWebhookVerifier(key, tolerance, clock);
    }

    /** This verifier reading the current time from {@code clock} (for tests, or a clock the application controls). */
    public SvixWebhookVerifier withClock(Clock clock) {
        return new SvixWebhookVerifier(key, tolerance, Objects.requireNonNull(clock, "clock"));
    }

    /** The accepted distance between a delivery's timestamp and the clock, either way. */
    public Duration tolerance() {
        return tolerance;
    }

    /** The clock timestamps are compared with. */
    public Clock clock() {
        return clock;
    }

    /**
     * Verifies a delivery's signature and timestamp, then decodes its body.
     *
     * @return the event, with {@link WebhookEvent#messageId()} set to the signed message id
     * @throws WebhookVerificationException with {@link Reason#MISSING_HEADER}, {@link Reason#BAD_SIGNATURE},
     *     {@link Reason#MALFORMED_TIMESTAMP}, {@link Reason#STALE_TIMESTAMP}, {@link Reason#FUTURE_TIMESTAMP} or
     *     {@link Reason#MALFORMED_BODY}
     */
    @Override
    public WebhookEvent verify(Map<String, List<String>> headers, byte[] body) {
        String messageId = verifySignature(headers, body);
        return WebhookEvent.decode(body, messageId);
    }

    /**
     * Verifies a delivery's signature and timestamp without decoding the body, for bodies that are not Reducto job
     * events.
     *
     * @return the signed message id ({@code svix-id} or {@code webhook-id})
     * @throws WebhookVerificationException as {@link #verify(Map, byte[])} does, except for
     *     {@link Reason#MALFORMED_BODY}
     */
    public String verifySignature(Map<String, List<String>> headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        String[] names = SVIX_HEADERS;
        String[] values = lookUp(headers, SVIX_HEADERS);
        if (!complete(values)) {
            String[] fallback = lookUp(headers, WEBHOOK_HEADERS);
            if (complete(fallback) || (isEmpty(values) && !isEmpty(fallback))) {
                names = WEBHOOK_HEADERS;
                values = fallback;
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new WebhookVerificationException(Reason.MISSING_HEADER, "Missing webhook header " + names[i]
                        + ": a signed webhook needs svix-id, svix-timestamp and svix-signature (or webhook-id, "
                        + "webhook-timestamp and webhook-signature)");
            }
        }
        String id = values[0];
        String timestamp = values[1];
        checkSignature(names[SIGNATURE], values[SIGNATURE], sign(id, timestamp, body), id);
        checkTimestamp(names[1], timestamp);
        return id;
    }

    /** Says what the verifier is configured with, but not its secret. */
    @Override
    public String toString() {
        return "SvixWebhookVerifier[tolerance=" + tolerance + ", clock=" + clock + "]";
    }

    // ------------------------------------------------------------------------------------------------------ checks

    private static void checkSignature(String header, String value, byte[] expected, String id) {
        int entries = 0;
        int v1Entries = 0;
        boolean matched = false;
        for (String entry : value.trim().split("\\s+")) {
            entries++;
            if (!entry.startsWith("v1,")) {
                continue;
            }
            v1Entries++;
            byte[] candidate = entry.substring(3).getBytes(StandardCharsets.US_ASCII);
            // No early exit: every v1 entry is compared, each in constant time.
            matched |= MessageDigest.isEqual(candidate, expected);
        }
        if (v1Entries == 0) {
            throw new WebhookVerificationException(Reason.BAD_SIGNATURE, "Webhook " + quote(id)
                    + " has no v1 signature in " + header + " (" + entries + " entr" + (entries == 1 ? "y" : "ies")
                    + " of other versions or malformed)");
        }
        if (!matched) {
            throw new WebhookVerificationException(Reason.BAD_SIGNATURE, "Webhook " + quote(id)
                    + " has a bad signature: "
                    + (v1Entries == 1 ? "the v1 signature in " + header + " does not match"
                            : "none of the " + v1Entries + " v1 signatures in " + header + " matches")
                    + " its id, timestamp and body; it was altered or forged, or the "
                    + "configured secret is not this endpoint's");
        }
    }

    private void checkTimestamp(String header, String value) {
        if (value.length() > MAX_TIMESTAMP_DIGITS || !value.chars().allMatch(SvixWebhookVerifier::isDigit)) {
            throw new WebhookVerificationException(Reason.MALFORMED_TIMESTAMP, "Webhook header " + header + " "
                    + quote(value) + " is not a whole number of seconds since the epoch");
        }
        long sent = Long.parseLong(value);
        long now = clock.instant().getEpochSecond();
        long allowed = tolerance.getSeconds();
        if (now - sent > allowed) {
            throw new WebhookVerificationException(Reason.STALE_TIMESTAMP, "Webhook timestamp " + sent + " ("
                    + header + ") is " + (now - sent) + " s old, more than the tolerance of " + allowed
                    + " s: a late delivery or a replay");
        }
        if (sent - now > allowed) {
            throw new WebhookVerificationException(Reason.FUTURE_TIMESTAMP, "Webhook timestamp " + sent + " ("
                    + header + ") is " + (sent - now) + " s ahead of the clock, more than the tolerance of " + allowed
                    + " s");
        }
    }

    /** The base64 HMAC-SHA256 of {@code "<id>.<timestamp>.<body>"}, as ASCII bytes. */
    private byte[] sign(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encode(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private static byte[] decodeSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new WebhookVerificationException(Reason.BAD_SECRET, "No webhook secret was given: expected the "
                    + "endpoint's whsec_<base64> secret from Reducto's Svix portal");
        }
        String encoded = secret.strip();
        if (encoded.startsWith(SECRET_PREFIX)) {
            encoded = encoded.substring(SECRET_PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new WebhookVerificationException(Reason.BAD_SECRET, "The webhook secret is not whsec_ followed by "
                    + "base64");
        }
        if (key.length == 0) {
            throw new WebhookVerificationException(Reason.BAD_SECRET, "The webhook secret is empty after its "
                    + "whsec_ prefix");
        }
        return key;
    }

    /** The first non-blank value of each header, by name ignoring case; {@code null} where there is none. */
    private static String[] lookUp(Map<String, List<String>> headers, String[] names) {
        String[] values = new String[names.length];
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() == null || header.getValue() == null) {
                continue;
            }
            for (int i = 0; i < names.length; i++) {
                if (!header.getKey().trim().equalsIgnoreCase(names[i])) {
                    continue;
                }
                if (i == SIGNATURE) {
                    // Signatures repeated over several header lines all count.
                    String joined = String.join(" ", nonBlank(header.getValue()));
                    values[i] = joined.isEmpty() ? values[i] : values[i] == null ? joined : values[i] + " " + joined;
                } else if (values[i] == null) {
                    List<String> nonBlank = nonBlank(header.getValue());
                    values[i] = nonBlank.isEmpty() ? null : nonBlank.get(0);
                }
            }
        }
        return values;
    }

    private static List<String> nonBlank(List<String> values) {
        List<String> kept = new ArrayList<>(values.size());
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                kept.add(value.strip());
            }
        }
        return kept;
    }

    private static boolean complete(String[] values) {
        for (String value : values) {
            if (value == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmpty(String[] values) {
        for (String value : values) {
            if (value != null) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
