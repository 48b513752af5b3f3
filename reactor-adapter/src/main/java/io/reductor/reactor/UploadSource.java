package io.reductor.reactor;

import io.reductor.core.error.ReductoException;
import io.reductor.reactor.internal.Multipart;
import io.reductor.reactor.internal.Spool;
import io.reductor.reactor.internal.Uploader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A document to {@linkplain ReductoClient#upload(UploadSource) upload}: a file, a byte array, or a stream, with the
 * file name sent in the multipart {@code filename} and an optional {@code extension} query parameter. Immutable and
 * thread-safe; {@code with...} methods return changed copies.
 *
 * <ul>
 *   <li>{@link #of(Path)}: streamed from disk in 64 KiB chunks on {@link Schedulers#boundedElastic()}, never read
 *       whole. The size is read when the upload is subscribed, so a file may be created after this source. Retried
 *       like any repeatable request.</li>
 *   <li>{@link #of(byte[], String)}: the array is copied, so later changes to it do not alter the upload. Retried
 *       like any repeatable request.</li>
 *   <li>{@link #of(Flux, long, String)}: <em>one-shot</em>. Its bytes cannot be produced twice, so an upload from it
 *       is sent at most once: it is not retried, whatever the {@link RetryPolicy}, and fails with the first error.
 *       Subscribing the upload again subscribes the {@code Flux} again, which works only if that {@code Flux} is
 *       cold.</li>
 *   <li>{@link #of(Flux, String)}: one-shot, of <em>unknown length</em>, such as a request body being received.
 *       Streamed straight through as a chunked multipart upload, never held whole; it can only go directly, so it
 *       fails with {@link StreamTooLargeException} as soon as it passes the client's
 *       {@linkplain ReductoClient.Builder#directUploadLimit(long) direct-upload limit} (100 MB by default, the
 *       service's).</li>
 *   <li>{@link #spooled(Flux, String)}: a stream of unknown length and any size, written to a temporary file first and
 *       then uploaded from it like {@link #of(Path)}: with its length, retried, through the presigned URL when it is
 *       large. The file is deleted when the upload ends.</li>
 * </ul>
 *
 * <p>The buffers of a stream are copied while they are emitted, so the stream may reuse or release each one as soon
 * as {@code onNext} returns. A source with a length sends it as {@code Content-Length}; one that delivers more or
 * fewer bytes than declared, including a file that changes size during the upload, fails the upload with
 * {@link LengthMismatchException}. A shortened upload is never completed silently: a chunked one that fails is
 * aborted before its closing chunk, so the service discards it.
 *
 * <p>The {@code extension} parameter defaults to the file name's extension in lower case ({@code report.PDF} gives
 * {@code pdf}); a name without one sends no parameter. The presigned-URL flow for large files sends no file name, so
 * there the extension is what tells the service the file's type.
 */
public final class UploadSource {

    private static final long UNKNOWN_LENGTH = UploadProgress.UNKNOWN_LENGTH;

    private final String fileName;
    private final String extension;
    private final Path file;
    private final byte[] bytes;
    private final Flux<ByteBuffer> stream;
    private final long declaredLength;
    private final boolean spooled;
    private final Path spoolDirectory;

    private UploadSource(String fileName, String extension, Path file, byte[] bytes, Flux<ByteBuffer> stream,
            long declaredLength, boolean spooled, Path spoolDirectory) {
        this.fileName = fileName;
        this.extension = extension;
        this.file = file;
        this.bytes = bytes;
        this.stream = stream;
        this.declaredLength = declaredLength;
        this.spooled = spooled;
        this.spoolDirectory = spoolDirectory;
    }

    /**
     * A file on disk, named after its last path element. Nothing is read here: the size is taken (off the caller's
     * thread) when the upload is subscribed, and a missing or unreadable file fails the upload with a
     * {@link ReductoException} whose cause is the {@link IOException}.
     *
     * @param file the file to upload; not {@code null}
     * @return a repeatable source whose extension parameter is the file name's, in lower case
     * @throws IllegalArgumentException if the path has no file name (a root directory)
     */
    public static UploadSource of(Path file) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("The path to upload has no file name: " + file);
        }
        String fileName = checkName(name.toString());
        return new UploadSource(fileName, extensionOf(fileName), file, null, null, UNKNOWN_LENGTH, false, null);
    }

    /**
     * Bytes in memory; the array is copied.
     *
     * @param bytes    the document's content; not {@code null}, may be empty
     * @param fileName the name sent as the multipart {@code filename}, such as {@code invoice.pdf}
     * @return a repeatable source of a copy of {@code bytes}
     * @throws IllegalArgumentException if {@code fileName} is blank
     */
    public static UploadSource of(byte[] bytes, String fileName) {
        Objects.requireNonNull(bytes, "bytes");
        String name = checkName(fileName);
        byte[] copy = bytes.clone();
        return new UploadSource(name, extensionOf(name), null, copy, null, copy.length, false, null);
    }

    /**
     * A one-shot stream of exactly {@code length} bytes: the remaining bytes of each buffer, which are copied when
     * emitted (the stream may reuse its buffers, and their positions are left alone). An upload from it is never
     * retried; see the class description.
     *
     * @param content  the bytes, as buffers whose remaining bytes together make {@code length}; not {@code null}
     * @param length   the exact number of bytes {@code content} delivers, sent as {@code Content-Length}
     * @param fileName the name sent as the multipart {@code filename}
     * @return a one-shot source, never retried
     * @throws IllegalArgumentException if {@code length} is negative or {@code fileName} is blank
     */
    public static UploadSource of(Flux<ByteBuffer> content, long length, String fileName) {
        Objects.requireNonNull(content, "content");
        if (length < 0) {
            throw new IllegalArgumentException("The length of an upload must not be negative but was " + length);
        }
        String name = checkName(fileName);
        return new UploadSource(name, extensionOf(name), null, null, content, length, false, null);
    }

    /**
     * A one-shot stream of unknown length, streamed straight through: sent directly as a chunked multipart upload,
     * never held whole, and never retried (see the class description). It fails with
     * {@link StreamTooLargeException} as soon as it delivers more than the client's direct-upload limit, because the
     * presigned flow for larger documents needs the length up front; use {@link #spooled(Flux, String)} for streams
     * that may be larger, or {@link #of(Flux, long, String)} when the length is known.
     *
     * @param content  the bytes, as buffers whose remaining bytes make the document; not {@code null}
     * @param fileName the name sent as the multipart {@code filename}
     * @return a one-shot source of unknown length, never retried
     * @throws IllegalArgumentException if {@code fileName} is blank
     */
    public static UploadSource of(Flux<ByteBuffer> content, String fileName) {
        Objects.requireNonNull(content, "content");
        String name = checkName(fileName);
        return new UploadSource(name, extensionOf(name), null, null, content, UNKNOWN_LENGTH, false, null);
    }

    /**
     * A stream of unknown length and any size, written to a temporary file (in the default temporary-file directory,
     * off the caller's thread) before it is uploaded; heap use stays flat. Once written, it is uploaded like a file:
     * with {@code Content-Length}, retried like any repeatable request, through the presigned URL when larger than the
     * direct-upload limit. The file is deleted when the upload completes, fails or is cancelled. Subscribing the
     * upload again spools the {@code Flux} again, which works only if that {@code Flux} is cold.
     *
     * @param content  the bytes, as buffers whose remaining bytes make the document; not {@code null}
     * @param fileName the name sent as the multipart {@code filename}
     * @return a source that spools, and is then retried like a file
     * @throws IllegalArgumentException if {@code fileName} is blank
     */
    public static UploadSource spooled(Flux<ByteBuffer> content, String fileName) {
        Objects.requireNonNull(content, "content");
        String name = checkName(fileName);
        return new UploadSource(name, extensionOf(name), null, null, content, UNKNOWN_LENGTH, true, null);
    }

    /**
     * {@link #spooled(Flux, String)} with the temporary file in {@code directory}, such as a volume with room for
     * large documents. The file is created only readable and writable by its owner, where the platform allows.
     *
     * @param content   the bytes, as buffers whose remaining bytes make the document; not {@code null}
     * @param fileName  the name sent as the multipart {@code filename}
     * @param directory an existing, writable directory for the temporary file; not {@code null}
     * @return a source that spools into {@code directory}, and is then retried like a file
     * @throws IllegalArgumentException if {@code fileName} is blank
     */
    public static UploadSource spooled(Flux<ByteBuffer> content, String fileName, Path directory) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(directory, "directory");
        String name = checkName(fileName);
        return new UploadSource(name, extensionOf(name), null, null, content, UNKNOWN_LENGTH, true, directory);
    }

    /**
     * This source with the {@code extension} query parameter set, such as {@code pdf} (a leading dot is dropped).
     *
     * @param extension the type suffix, with or without a leading dot, such as {@code pdf} or {@code .docx}
     * @return a copy that sends this extension
     * @throws IllegalArgumentException if the extension is blank or contains whitespace, control characters, or a
     *                                  path separator
     */
    public UploadSource withExtension(String extension) {
        Objects.requireNonNull(extension, "extension");
        String value = extension.startsWith(".") ? extension.substring(1) : extension;
        if (value.isBlank()) {
            throw new IllegalArgumentException("The extension must not be blank but was '" + extension + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '/' || c == '\\') {
                throw new IllegalArgumentException("The extension must be a plain suffix such as 'pdf' but was '"
                        + extension + "'");
            }
        }
        return new UploadSource(fileName, value, file, bytes, stream, declaredLength, spooled, spoolDirectory);
    }

    /**
     * This source without the {@code extension} query parameter: the service guesses the type by itself.
     *
     * @return a copy that sends no {@code extension} parameter
     */
    public UploadSource withoutExtension() {
        return new UploadSource(fileName, null, file, bytes, stream, declaredLength, spooled, spoolDirectory);
    }

    /**
     * The name sent as the multipart {@code filename}.
     *
     * @return the file name: the path's last element, or the name given; never blank
     */
    public String fileName() {
        return fileName;
    }

    /**
     * The {@code extension} query parameter, if one is sent.
     *
     * @return the extension without a dot; empty when the file name has none and none was set
     */
    public Optional<String> extension() {
        return Optional.ofNullable(extension);
    }

    /**
     * Whether an upload from this source may be sent again after a failed attempt (false for a one-shot stream).
     *
     * @return {@code true} for a file, bytes or a spooled stream, {@code false} for a one-shot stream
     */
    public boolean isRepeatable() {
        return stream == null || spooled;
    }

    /** The source as the uploader reads it: per subscription, the document's length and bytes. */
    Uploader.Content content() {
        return new Uploader.Content(fileName, extension, open(), isRepeatable());
    }

    private Mono<Uploader.Opened> open() {
        if (file != null) {
            Path path = file;
            return Mono.fromCallable(() -> sizeOf(path)).subscribeOn(Schedulers.boundedElastic())
                    .map(size -> new Uploader.Opened(size, () -> Multipart.readFile(path, size)));
        }
        if (bytes != null) {
            ByteBuffer content = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
            return Mono.just(new Uploader.Opened(bytes.length, () -> Multipart.chunks(content)));
        }
        Flux<ByteBuffer> content = stream;
        if (spooled) {
            return Spool.write(content, spoolDirectory).map(spool -> new Uploader.Opened(spool.length(),
                    () -> Multipart.readFile(spool.file(), spool.length()), Spool.delete(spool.file())));
        }
        long length = declaredLength;
        return Mono.just(new Uploader.Opened(length, length == UNKNOWN_LENGTH ? () -> Multipart.copies(content)
                : () -> Multipart.chunks(content, length)));
    }

    /** Names the source without its bytes. */
    @Override
    public String toString() {
        String origin = file != null ? "file=" + file
                : bytes != null ? "bytes=" + bytes.length
                : spooled ? "stream, spooled"
                : declaredLength == UNKNOWN_LENGTH ? "stream, length unknown"
                : "stream, length=" + declaredLength;
        return "UploadSource[" + fileName + ", " + origin + (extension == null ? "" : ", extension=" + extension)
                + "]";
    }

    private static long sizeOf(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new ReductoException("Cannot read the file to upload, " + path + ": " + e, e);
        }
        if (!attributes.isRegularFile()) {
            throw new ReductoException("Cannot upload " + path + ": it is not a regular file");
        }
        return attributes.size();
    }

    private static String checkName(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isBlank()) {
            throw new IllegalArgumentException("The file name of an upload must not be blank");
        }
        return fileName;
    }

    private static String extensionOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0 || dot == fileName.length() - 1) {
            return null;
        }
        String suffix = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (int i = 0; i < suffix.length(); i++) {
            char c = suffix.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
                return null;
            }
        }
        return suffix;
    }

    /**
     * An upload source delivered more or fewer bytes than it declared, or a file changed size while it was being
     * uploaded. The upload is aborted; the service never gets a silently shortened document.
     */
    public static final class LengthMismatchException extends ReductoException {

        private static final long serialVersionUID = 1L;

        /** The length the source declared up front, in bytes. */
        private final long declaredLength;
        /** The bytes delivered when the mismatch was found. */
        private final long deliveredLength;

        /**
         * Creates the exception.
         *
         * @param source          what delivered the bytes, for the message (never a URL)
         * @param declaredLength  the length declared up front
         * @param deliveredLength the bytes delivered when the mismatch was found: the whole length when there were
         *                        too few, and at least one more than declared when there were too many
         */
        public LengthMismatchException(String source, long declaredLength, long deliveredLength) {
            super(message(source, declaredLength, deliveredLength));
            this.declaredLength = declaredLength;
            this.deliveredLength = deliveredLength;
        }

        /**
         * The length declared up front (for a file, its size when the upload started).
         *
         * @return the declared length in bytes
         */
        public long declaredLength() {
            return declaredLength;
        }

        /**
         * How many bytes had been delivered when the mismatch was found: the full count when the source ended early,
         * or a count above {@link #declaredLength()} (not necessarily all of it) when it delivered too many.
         *
         * @return the delivered length in bytes, when the mismatch was detected
         */
        public long deliveredLength() {
            return deliveredLength;
        }

        private static String message(String source, long declared, long delivered) {
            return delivered < declared
                    ? "The upload was aborted: " + source + " ended after " + delivered + " of the " + declared
                            + " bytes declared"
                    : "The upload was aborted: " + source + " delivered more than the " + declared
                            + " bytes declared (at least " + delivered + ")";
        }
    }

    /**
     * A stream of unknown length delivered more than the client's direct-upload limit. Such a stream can only be
     * uploaded directly: the presigned flow for larger documents needs the length before the first byte. The upload
     * was aborted before its bytes passed the limit, so the service stored nothing. Give the length with
     * {@link UploadSource#of(Flux, long, String)}, or use {@link UploadSource#spooled(Flux, String)}.
     */
    public static final class StreamTooLargeException extends ReductoException {

        private static final long serialVersionUID = 1L;

        /** The direct-upload limit the stream passed, in bytes. */
        private final long limit;

        /**
         * Creates the exception.
         *
         * @param limit the client's direct-upload limit in bytes
         */
        public StreamTooLargeException(long limit) {
            super("The upload was aborted: the Flux<ByteBuffer> of unknown length delivered more than the "
                    + "direct-upload limit of " + limit + " bytes, and a larger document goes through a presigned "
                    + "URL, which needs the length first. Give the length with UploadSource.of(content, length, "
                    + "fileName), or write the stream to a temporary file first with UploadSource.spooled(content, "
                    + "fileName)");
            this.limit = limit;
        }

        /**
         * The client's direct-upload limit, which the stream went past.
         *
         * @return the limit in bytes
         */
        public long limit() {
            return limit;
        }
    }
}
