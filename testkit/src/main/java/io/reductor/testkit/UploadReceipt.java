package io.reductor.testkit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the simulator received for one upload: the size and SHA-256 of the file's content (for a multipart upload,
 * the {@code file} part only, without part headers and boundaries). Lets a test or benchmark check that a client sent
 * exactly the bytes of its file, also when {@link ReductoSimulator.Builder#discardUploadContent(boolean)} keeps no
 * content.
 *
 * @param bytes  the number of content bytes received
 * @param sha256 the SHA-256 of the content, 64 lowercase hex digits
 */
public record UploadReceipt(long bytes, String sha256) {

    /**
     * Checks the arguments.
     *
     * @param bytes  the number of content bytes received; not negative
     * @param sha256 the content's SHA-256 in hex; not {@code null}
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public UploadReceipt {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative but was " + bytes);
        }
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The receipt of content held in memory. */
    static UploadReceipt of(byte[] content) {
        return new UploadReceipt(content.length, HexFormat.of().formatHex(newDigest().digest(content)));
    }

    /** A fresh SHA-256 digest. */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
