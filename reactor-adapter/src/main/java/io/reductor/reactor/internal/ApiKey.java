package io.reductor.reactor.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The API key, kept where {@code toString()}, logs and exception messages cannot reach it: only
 * {@link NettyExchange} reads it, to write the {@code Authorization} header.
 */
public final class ApiKey {

    private static final String REDACTED = "[REDACTED]";

    private final String value;

    /** Wraps a key; blank keys are refused. */
    public ApiKey(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("The API key is blank");
        }
        this.value = value.strip();
    }

    String bearer() {
        return "Bearer " + value;
    }

    /** {@code text} with every occurrence of the key replaced by {@code [REDACTED]}. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, REDACTED);
    }

    /** UTF-8 {@code bytes} with every occurrence of the key replaced; the same array when there is none. */
    public byte[] redact(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.contains(value) ? redact(text).getBytes(StandardCharsets.UTF_8) : bytes;
    }

    /** Never the key itself. */
    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
