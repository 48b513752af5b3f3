package io.reductor.testkit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's stand-in for result storage: large results and edited documents, served without the API key under
 * presigned-style URLs ({@code X-Amz-Date}, {@code X-Amz-Expires}, {@code X-Amz-Signature}) that expire after the URL
 * lifetime, while the object itself is kept for the job retention period. Expired URLs are refused the way S3 does
 * ({@code 403 AccessDenied "Request has expired"}); a fresh URL comes with every read of the job.
 */
final class ResultStorage {

    /**
     * A stored object.
     *
     * @param contentType its content type
     * @param bytes       its content
     * @param storedAt    when it was stored
     */
    record StoredObject(String contentType, byte[] bytes, Instant storedAt) {
    }

    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration urlLifetime;
    private final Duration retention;
    private final byte[] key = new byte[32];

    ResultStorage(Clock clock, Duration urlLifetime, Duration retention) {
        this.clock = clock;
        this.urlLifetime = urlLifetime;
        this.retention = retention;
        new SecureRandom().nextBytes(key);
        sign("warm-up", 0, 0);
    }

    /** Forgets every stored object. */
    void clear() {
        objects.clear();
    }

    /** Stores an object and gives its id. */
    String put(String contentType, byte[] bytes) {
        String id = Ids.uuid();
        objects.put(id, new StoredObject(contentType, bytes, clock.instant()));
        return id;
    }

    /** A presigned URL for an object, valid from now for the URL lifetime. */
    String url(String baseUrl, String path, String id) {
        long date = clock.instant().getEpochSecond();
        long expires = urlLifetime.toSeconds();
        return baseUrl + path + id + "?X-Amz-Date=" + date + "&X-Amz-Expires=" + expires + "&X-Amz-Signature="
                + sign(id, date, expires);
    }

    /**
     * Serves an object for a presigned request.
     *
     * @param id    the object id from the path
     * @param query the query parameters
     */
    Reply get(String id, Map<String, String> query) {
        long date;
        long expires;
        try {
            date = Long.parseLong(query.getOrDefault("X-Amz-Date", ""));
            expires = Long.parseLong(query.getOrDefault("X-Amz-Expires", ""));
        } catch (NumberFormatException e) {
            return Reply.storageError(403, "AccessDenied", "Query-string authentication requires the Signature, "
                    + "Expires and AWSAccessKeyId parameters");
        }
        if (!sign(id, date, expires).equals(query.get("X-Amz-Signature"))) {
            return Reply.storageError(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
        }
        if (clock.instant().isAfter(Instant.ofEpochSecond(date).plusSeconds(expires))) {
            return Reply.storageError(403, "AccessDenied", "Request has expired");
        }
        StoredObject object = objects.get(id);
        if (object == null || !object.storedAt().plus(retention).isAfter(clock.instant())) {
            objects.remove(id);
            return Reply.storageError(404, "NoSuchKey", "The specified key does not exist.");
        }
        return new Reply(200, object.contentType(), object.bytes(), Map.of());
    }

    private String sign(String id, long date, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((id + "\n" + date + "\n" + expires)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
