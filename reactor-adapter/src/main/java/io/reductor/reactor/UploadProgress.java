package io.reductor.reactor;

/**
 * How far an upload has got: the document bytes handed to the connection so far, out of the document's length.
 *
 * <p>Only the document's own bytes count, not the multipart framing around them, so {@code totalBytes} is the file's
 * size in both the direct and the presigned-URL flow. A byte counts as sent when the connection takes it from the
 * body to write it (Reactor Netty takes up to 256 chunks of 64 KiB ahead of the socket), so on a slow link the count
 * can lead the bytes on the wire by up to 16 MiB, and {@code 100 %} means "all handed over", not "stored": the upload
 * is done when its {@link UploadEvent.Completed} arrives.
 *
 * <p>A {@linkplain UploadSource#of(reactor.core.publisher.Flux, String) stream of unknown length} reports
 * {@link #UNKNOWN_LENGTH} as its total until it ends; then one last progress gives its length, complete.
 *
 * @param bytesSent  document bytes handed to the connection, {@code 0 <= bytesSent <= totalBytes}
 * @param totalBytes the document's length in bytes, or {@link #UNKNOWN_LENGTH} while a stream's length is not known
 */
public record UploadProgress(long bytesSent, long totalBytes) {

    /** The {@link #totalBytes()} of a stream whose length is not known until it ends. */
    public static final long UNKNOWN_LENGTH = -1;

    /**
     * Checks that {@code 0 <= bytesSent <= totalBytes}, or {@code 0 <= bytesSent} when the total is unknown.
     *
     * @param bytesSent  document bytes handed to the connection so far
     * @param totalBytes the document's length in bytes, or {@link #UNKNOWN_LENGTH}
     * @throws IllegalArgumentException when {@code totalBytes} is negative (other than {@link #UNKNOWN_LENGTH}) or
     *                                  {@code bytesSent} is outside {@code 0..totalBytes}
     */
    public UploadProgress {
        if (totalBytes < UNKNOWN_LENGTH) {
            throw new IllegalArgumentException("totalBytes must not be negative but was " + totalBytes);
        }
        if (bytesSent < 0 || (totalBytes != UNKNOWN_LENGTH && bytesSent > totalBytes)) {
            throw new IllegalArgumentException("bytesSent must be between 0 and " + totalBytes + " but was "
                    + bytesSent);
        }
    }

    /**
     * Whether the document's length is known: always for files, bytes and streams of declared length, and for a
     * stream of unknown length once it has ended.
     *
     * @return {@code false} while {@link #totalBytes()} is {@link #UNKNOWN_LENGTH}
     */
    public boolean isLengthKnown() {
        return totalBytes != UNKNOWN_LENGTH;
    }

    /**
     * The share sent, from {@code 0.0} to {@code 1.0}; an empty document counts as fully sent, and a stream of
     * unknown length as {@code 0.0} until it ends.
     *
     * @return {@code bytesSent / totalBytes}, {@code 1.0} when the document is empty, {@code 0.0} while the length
     *         is unknown
     */
    public double fraction() {
        if (!isLengthKnown()) {
            return 0.0;
        }
        return totalBytes == 0 ? 1.0 : (double) bytesSent / totalBytes;
    }

    /**
     * Whether every byte of the document has been handed to the connection.
     *
     * @return {@code true} once {@code bytesSent == totalBytes} (never while the length is unknown); the upload is
     *         stored only at {@link UploadEvent.Completed}
     */
    public boolean isComplete() {
        return bytesSent == totalBytes;
    }
}
