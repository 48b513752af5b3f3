package io.reductor.core.error;

/**
 * Any HTTP 5xx answer. 502, 503 and 504 come from gateways and overload and are {@linkplain #isTransient()
 * transient}; a 500 is usually an extraction error for this particular document, which a retry will not fix (the
 * official SDKs retry every 5xx nonetheless).
 */
public final class InternalServerException extends ReductoApiException {

    private static final long serialVersionUID = 1L;

    InternalServerException(ApiErrors.Parsed parsed) {
        super(parsed);
    }

    /** Whether the status is 502 Bad Gateway, 503 Service Unavailable or 504 Gateway Timeout. */
    public boolean isTransient() {
        int status = status();
        return status == 502 || status == 503 || status == 504;
    }
}
