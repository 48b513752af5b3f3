package io.reductor.core.model.common;

/**
 * HTTP header names of the Reducto API that are part of its contract rather than of HTTP itself.
 */
public final class ApiHeaders {

    /**
     * Optional on every operation: identifies the end user of the calling application on whose behalf the request is
     * made (per-tag specs).
     */
    public static final String USER_ID = "user-id";

    /** Rate-limit and retry hint in milliseconds, read before {@link #RETRY_AFTER}. */
    public static final String RETRY_AFTER_MS = "retry-after-ms";

    /** Rate-limit and retry hint in seconds or as an HTTP date. */
    public static final String RETRY_AFTER = "retry-after";

    /** A server's explicit verdict on whether a failed request may be retried ({@code true} or {@code false}). */
    public static final String SHOULD_RETRY = "x-should-retry";

    private ApiHeaders() {
    }
}
