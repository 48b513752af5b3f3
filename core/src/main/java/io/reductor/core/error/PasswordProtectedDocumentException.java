package io.reductor.core.error;

/**
 * HTTP 442, a status of Reducto's own: the document is password-protected and cannot be processed. Retrying will
 * not help; remove the password or supply an unprotected copy.
 */
public final class PasswordProtectedDocumentException extends ReductoApiException {

    private static final long serialVersionUID = 1L;

    PasswordProtectedDocumentException(ApiErrors.Parsed parsed) {
        super(parsed);
    }
}
