package io.reductor.core.error;

/**
 * No HTTP answer came from Reducto because the connection failed: the host name did not resolve, the connection was
 * refused or reset, or TLS failed. The cause holds the underlying I/O failure. If the connection broke after the
 * request was sent, the service may have acted on it (a job may have been created).
 */
public class ReductoConnectionException extends ReductoException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was being attempted and what went wrong
     * @param cause   the underlying failure, such as an {@code UnknownHostException} or {@code ConnectException}
     */
    public ReductoConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception with a message built from {@code cause}. */
    public ReductoConnectionException(Throwable cause) {
        super("Could not reach Reducto: " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "connection failed";
        }
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
