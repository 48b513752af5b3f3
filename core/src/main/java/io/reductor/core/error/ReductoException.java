package io.reductor.core.error;

import java.util.List;

/**
 * Root of every exception Reductor throws. All of them are unchecked, so reactive pipelines can carry them as
 * error signals; catch this type to handle any failure of the client at once.
 */
public class ReductoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private int attempts = 1;

    /** Creates an exception with a message for the reader. */
    public ReductoException(String message) {
        super(message);
    }

    /** Creates an exception with a message for the reader and the failure that caused it. */
    public ReductoException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * How many attempts the call made, the first included, before it failed with this exception: 1 when it was not
     * retried. The failures of the earlier attempts are this exception's {@linkplain #getSuppressed() suppressed}
     * exceptions, oldest first.
     */
    public int attempts() {
        return attempts;
    }

    /**
     * Records that the call failed with this exception on attempt number {@code attempts}, after the given failures
     * of the earlier attempts (added as suppressed exceptions). The client's transport calls this once, when it gives
     * up; the message then says how many attempts were made.
     *
     * @throws IllegalArgumentException when {@code attempts} is less than 1
     */
    public void recordAttempts(int attempts, List<? extends Throwable> earlier) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1 but was " + attempts);
        }
        this.attempts = attempts;
        earlier.stream().filter(error -> error != this).forEach(this::addSuppressed);
    }

    /** The message, followed by the number of attempts when there was more than one. */
    @Override
    public String getMessage() {
        String message = super.getMessage();
        return attempts > 1 ? message + " (failed after " + attempts + " attempts)" : message;
    }
}
