package io.reductor.core.error;

/**
 * HTTP 404 Not Found: no such endpoint or resource, e.g. a job id that never existed or whose results have expired
 * (Reducto keeps job results 12 hours).
 */
public final class NotFoundException extends ReductoApiException {

    private static final long serialVersionUID = 1L;

    NotFoundException(ApiErrors.Parsed parsed) {
        super(parsed);
    }
}
