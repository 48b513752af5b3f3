package io.reductor.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * HTTP 429 Too Many Requests. Reducto marks which limit was hit with a code in the body:
 * {@code [CODE 1000]} is the per-key limit (1,000 requests/s), {@code [CODE 2000]} is the limit on polling
 * {@code GET /job} (200 requests/s; Reducto asks callers to use webhooks instead). A 429 without a code is load
 * shedding by the service and may be retried after a pause. Production 429s often carry no {@code Retry-After}, so
 * {@link #retryAfter()} is frequently empty and the caller must choose its own backoff.
 */
public final class RateLimitException extends ReductoApiException {

    private static final long serialVersionUID = 1L;

    /** The limit code of the per-API-key request rate limit. */
    public static final int KEY_LIMIT_CODE = 1000;

    /** The limit code of the job-polling rate limit ("use webhooks instead of polling"). */
    public static final int POLLING_LIMIT_CODE = 2000;

    private final Duration retryAfter;
    private final Integer limitCode;

    RateLimitException(ApiErrors.Parsed parsed) {
        super(parsed);
        this.retryAfter = parsed.retryAfter();
        this.limitCode = parsed.limitCode();
    }

    /**
     * How long the server asked the client to wait: {@code retry-after-ms} when present and valid, else
     * {@code Retry-After} in seconds or as an HTTP date (a date in the past gives zero). Empty when neither header is
     * present or readable. Not capped.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The number in a {@code [CODE n]} marker anywhere in the body, such as 1000 or 2000. */
    public Optional<Integer> limitCode() {
        return Optional.ofNullable(limitCode);
    }

    /** Whether the per-key request limit was hit ({@code [CODE 1000]}). */
    public boolean isKeyLimit() {
        return limitCode != null && limitCode == KEY_LIMIT_CODE;
    }

    /** Whether the job-polling limit was hit ({@code [CODE 2000]}): poll less often, or use webhooks. */
    public boolean isPollingLimit() {
        return limitCode != null && limitCode == POLLING_LIMIT_CODE;
    }

    /** Whether the body has no limit code, which means the service is shedding load; retrying later may succeed. */
    public boolean isLoadShedding() {
        return limitCode == null;
    }
}
