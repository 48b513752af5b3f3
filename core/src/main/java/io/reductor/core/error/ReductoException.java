package io.reductor.core.error;

/**
 * Root of every exception Reductor throws. All of them are unchecked, so reactive pipelines can carry them as
 * error signals; catch this type to handle any failure of the client at once.
 */
public class ReductoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message for the reader. */
    public ReductoException(String message) {
        super(message);
    }

    /** Creates an exception with a message for the reader and the failure that caused it. */
    public ReductoException(String message, Throwable cause) {
        super(message, cause);
    }
}
