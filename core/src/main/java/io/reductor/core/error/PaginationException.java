package io.reductor.core.error;

/**
 * The service's job list pages do not lead anywhere: a cursor came back that was already used, or too many empty
 * pages followed each other. Listing stops with this error instead of looping forever.
 */
public class PaginationException extends ReductoException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying what went wrong. */
    public PaginationException(String message) {
        super(message);
    }
}
