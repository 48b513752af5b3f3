package io.reductor.core.error;

/**
 * HTTP 403 Forbidden: the request is not allowed. Reducto also answers a request that carries no API key at all
 * this way, with an HTML page instead of JSON.
 */
public final class PermissionDeniedException extends ReductoApiException {

    private static final long serialVersionUID = 1L;

    PermissionDeniedException(ApiErrors.Parsed parsed) {
        super(parsed);
    }
}
