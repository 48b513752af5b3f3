package io.reductor.core.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A time limit ran out before Reducto answered. {@link #kind()} tells which limit: establishing the connection,
 * waiting for the response, or the whole operation (retries and polling included). After a response or total
 * timeout the service may still have acted on the request: a job-creating call may have created a job.
 */
public class ReductoTimeoutException extends ReductoException {

    private static final long serialVersionUID = 1L;

    /** Which time limit ran out. */
    public enum Kind {
        /** Connecting to the service took too long. */
        CONNECT,
        /** The request was sent but the response did not arrive (or finish arriving) in time. */
        RESPONSE,
        /** The whole operation, including retries or polling, took too long. */
        TOTAL
    }

    private final Kind kind;
    private final Duration duration;
    private final String operation;

    /**
     * Creates the exception.
     *
     * @param kind      which limit ran out
     * @param duration  the limit, or the time that had elapsed when it ran out
     * @param operation what was being done, such as {@code "POST /parse"}; may be {@code null}
     * @param cause     the underlying failure; may be {@code null}
     */
    public ReductoTimeoutException(Kind kind, Duration duration, String operation, Throwable cause) {
        super(message(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(duration, "duration"), operation),
                cause);
        this.kind = kind;
        this.duration = duration;
        this.operation = operation;
    }

    /** Creates the exception without an operation or cause. */
    public ReductoTimeoutException(Kind kind, Duration duration) {
        this(kind, duration, null, null);
    }

    /** Which time limit ran out. */
    public Kind kind() {
        return kind;
    }

    /** The limit that ran out, or the time that had elapsed when it did. */
    public Duration duration() {
        return duration;
    }

    /** What was being done, such as {@code "POST /parse"}, when known. */
    public Optional<String> operation() {
        return Optional.ofNullable(operation);
    }

    private static String message(Kind kind, Duration duration, String operation) {
        String time = ErrorText.duration(duration);
        String text = switch (kind) {
            case CONNECT -> "Connect timeout: could not connect to Reducto within " + time;
            case RESPONSE -> "Response timeout: Reducto did not answer within " + time;
            case TOTAL -> "Total timeout: the operation did not complete within " + time;
        };
        return operation == null || operation.isBlank() ? text : text + " (" + operation + ")";
    }
}
