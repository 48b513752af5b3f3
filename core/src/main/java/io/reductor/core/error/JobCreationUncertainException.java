package io.reductor.core.error;

/**
 * A request that creates a billed job (parse, extract, split, edit, pipeline, classify) failed after it may have
 * reached the server: the response timed out or the connection was lost before the answer arrived. The job may or may
 * not exist, so the client did not send the request again, which could have created and billed a second job. Check
 * the job list ({@code GET /jobs}) or send again knowingly; the cause says what went wrong.
 */
public class JobCreationUncertainException extends ReductoException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    /**
     * Creates the exception.
     *
     * @param operation the request, such as {@code POST /parse_async}
     * @param cause     the timeout or connection failure
     */
    public JobCreationUncertainException(String operation, Throwable cause) {
        super(operation + " failed after the request may have reached Reducto, so the job may have been created: "
                + "it was not sent again to avoid a second billed job (" + describe(cause) + ")", cause);
        this.operation = operation;
    }

    /** The request that failed, such as {@code POST /parse_async}. */
    public String operation() {
        return operation;
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
