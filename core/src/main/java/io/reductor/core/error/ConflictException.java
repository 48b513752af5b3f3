package io.reductor.core.error;

/**
 * HTTP 409 Conflict: the request clashes with the current state of a resource. The official SDKs retry it.
 */
public final class ConflictException extends ReductoApiException {

    private static final long serialVersionUID = 1L;

    ConflictException(ApiErrors.Parsed parsed) {
        super(parsed);
    }
}
