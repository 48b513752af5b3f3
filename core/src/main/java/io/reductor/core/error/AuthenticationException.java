package io.reductor.core.error;

/**
 * HTTP 401 Unauthorized: the API key was not accepted ({@code AUTH_ERROR}, "Invalid access token"). Check the key
 * and the region (production, EU, AU) it belongs to.
 */
public final class AuthenticationException extends ReductoApiException {

    private static final long serialVersionUID = 1L;

    AuthenticationException(ApiErrors.Parsed parsed) {
        super(parsed);
    }
}
