package io.reductor.core.error;

/**
 * A response body was larger than the client accepts, so it was refused before it could exhaust memory. Raise the
 * limit in the client's options if such responses are expected; large parse results are better fetched through their
 * result URL, which is decoded as it streams in.
 */
public class ResponseTooLargeException extends ReductoException {

    private static final long serialVersionUID = 1L;

    private final long limitBytes;

    /**
     * Creates the exception.
     *
     * @param operation  the request, such as {@code POST /parse}
     * @param limitBytes the largest body accepted
     */
    public ResponseTooLargeException(String operation, long limitBytes) {
        super("The response to " + operation + " is larger than the limit of " + limitBytes
                + " bytes; raise maxResponseBytes in the client options if this is expected");
        this.limitBytes = limitBytes;
    }

    /** The largest body accepted, in bytes. */
    public long limitBytes() {
        return limitBytes;
    }
}
