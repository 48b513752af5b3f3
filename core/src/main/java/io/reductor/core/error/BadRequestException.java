package io.reductor.core.error;

/**
 * HTTP 400 Bad Request: Reducto rejected the request as a whole, e.g. an invalid configuration
 * ({@code INVALID_CONFIG}) or a document URL it could not download ({@code file_download_failure}). Retrying the same
 * request will fail again.
 */
public final class BadRequestException extends ReductoApiException {

    private static final long serialVersionUID = 1L;

    BadRequestException(ApiErrors.Parsed parsed) {
        super(parsed);
    }
}
