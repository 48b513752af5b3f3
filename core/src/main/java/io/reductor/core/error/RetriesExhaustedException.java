package io.reductor.core.error;

/**
 * A request failed on every attempt the retry policy allowed. {@link #getCause()} is the last failure (for example a
 * {@link RateLimitException} or {@link InternalServerException}), and {@link #attempts()} says how many were made.
 */
public class RetriesExhaustedException extends ReductoException {

    private static final long serialVersionUID = 1L;

    private final int attempts;

    /**
     * Creates the exception.
     *
     * @param operation the request, such as {@code GET /job/abc}
     * @param attempts  how many attempts were made
     * @param last      the failure of the last attempt
     */
    public RetriesExhaustedException(String operation, int attempts, Throwable last) {
        super(operation + " failed after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ": "
                + JobCreationUncertainException.describe(last), last);
        this.attempts = attempts;
    }

    /** How many attempts were made, the first included. */
    public int attempts() {
        return attempts;
    }
}
