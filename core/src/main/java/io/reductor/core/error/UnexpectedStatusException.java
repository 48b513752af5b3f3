package io.reductor.core.error;

/**
 * A failure status that none of the other subclasses of {@link ReductoApiException} covers, such as 408, 413 or a
 * status outside 4xx and 5xx. {@link #status()} tells which.
 */
public final class UnexpectedStatusException extends ReductoApiException {

    private static final long serialVersionUID = 1L;

    UnexpectedStatusException(ApiErrors.Parsed parsed) {
        super(parsed);
    }
}
