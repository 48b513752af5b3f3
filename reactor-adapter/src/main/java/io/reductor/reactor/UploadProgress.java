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
 * @param bytesSent  document bytes handed to the connection, {@code 0 <= bytesSent <= totalBytes}
 * @param totalBytes the document's length in bytes
 */
public record UploadProgress(long bytesSent, long totalBytes) {

    /**
     * Checks that {@code 0 <= bytesSent <= totalBytes}.
     *
     * @param bytesSent  document bytes handed to the connection so far
     * @param totalBytes the document's length in bytes; not negative
     * @throws IllegalArgumentException when {@code totalBytes} is negative or {@code bytesSent} is outside
     *                                  {@code 0..totalBytes}
     */
    public UploadProgress {
        if (totalBytes < 0) {
            throw new IllegalArgumentException("totalBytes must not be negative but was " + totalBytes);
        }
        if (bytesSent < 0 || bytesSent > totalBytes) {
            throw new IllegalArgumentException("bytesSent must be between 0 and " + totalBytes + " but was "
                    + bytesSent);
        }
    }

    /**
     * The share sent, from {@code 0.0} to {@code 1.0}; an empty document counts as fully sent.
     *
     * @return {@code bytesSent / totalBytes}, or {@code 1.0} when the document is empty
     */
    public double fraction() {
        return totalBytes == 0 ? 1.0 : (double) bytesSent / totalBytes;
    }

    /**
     * Whether every byte of the document has been handed to the connection.
     *
     * @return {@code true} once {@code bytesSent == totalBytes}; the upload is stored only at
     *         {@link UploadEvent.Completed}
     */
    public boolean isComplete() {
        return bytesSent == totalBytes;
    }
}
