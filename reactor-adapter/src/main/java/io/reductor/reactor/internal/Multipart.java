package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.reductor.core.error.ReductoException;
import io.reductor.reactor.UploadSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * {@code multipart/form-data} bodies, of known length or sent chunked, and the content they carry, for uploads.
 *
 * <p>Memory stays flat whatever the document's size: content is produced on demand, one chunk of at most
 * {@value #CHUNK_SIZE} bytes per request from the connection, into direct buffers of an <em>unpooled</em> allocator
 * (Netty's pooled allocator can park a thread, which BlockHound reports on event loops). Files are read with
 * positional {@link FileChannel} reads on {@link Schedulers#boundedElastic()}, never on an event loop, never whole;
 * the channel is closed when the content completes, fails or is cancelled.
 *
 * <p>Built by hand rather than with Reactor Netty's {@code sendForm(...).file(...)}, which reads files with blocking
 * calls on the event loop, and with an exact length so the body goes out with {@code Content-Length} whenever the
 * document's length is known; only a stream of unknown length goes out chunked.
 */
public final class Multipart {

    /** The largest chunk of content emitted. */
    public static final int CHUNK_SIZE = 64 * 1024;

    private static final ByteBufAllocator ALLOCATOR = UnpooledByteBufAllocator.DEFAULT;
    private static final String CRLF = "\r\n";

    private final String boundary;

    private Multipart(String boundary) {
        this.boundary = boundary;
    }

    /** A multipart body with a fresh random boundary. */
    public static Multipart withRandomBoundary() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new Multipart(String.format("reductor-%016x%016x", random.nextLong(), random.nextLong()));
    }

    /**
     * A multipart body with the given boundary (for tests).
     *
     * @throws IllegalArgumentException if the boundary is not 1 to 70 characters of RFC 2046's safe set without
     *                                  spaces
     */
    public static Multipart withBoundary(String boundary) {
        Objects.requireNonNull(boundary, "boundary");
        if (boundary.isEmpty() || boundary.length() > 70 || !boundary.matches("[0-9A-Za-z'()+_,\\-./:=?]+")) {
            throw new IllegalArgumentException("Not a valid multipart boundary: " + boundary);
        }
        return new Multipart(boundary);
    }

    /** The boundary between parts. */
    public String boundary() {
        return boundary;
    }

    /** The {@code Content-Type} header value: {@code multipart/form-data; boundary=...}. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /**
     * A form with one file field.
     *
     * @param fieldName     the form field, {@code file} for Reducto
     * @param fileName      the {@code filename} parameter, escaped as browsers do: {@code "} as {@code %22}, control
     *                      characters as {@code %XX}, a backslash doubled, other characters as UTF-8
     * @param contentLength the exact number of bytes {@code content} delivers, or
     *                      {@link RequestBody.Stream#UNKNOWN_LENGTH} for a body sent chunked
     * @param content       creates the file's bytes for one attempt, called once per attempt
     * @param repeatable    whether {@code content} may be called again for a retry
     * @return a streamed body whose length is preamble + {@code contentLength} + epilogue, or unknown
     */
    public RequestBody.Stream fileField(String fieldName, String fileName, long contentLength,
            Supplier<Flux<ByteBuf>> content, boolean repeatable) {
        Objects.requireNonNull(content, "content");
        byte[] preamble = ("--" + boundary + CRLF
                + "Content-Disposition: form-data; name=\"" + escape(fieldName) + "\"; filename=\"" + escape(fileName)
                + "\"" + CRLF
                + "Content-Type: application/octet-stream" + CRLF
                + CRLF).getBytes(StandardCharsets.UTF_8);
        byte[] epilogue = (CRLF + "--" + boundary + "--" + CRLF).getBytes(StandardCharsets.UTF_8);
        long length = contentLength == RequestBody.Stream.UNKNOWN_LENGTH ? RequestBody.Stream.UNKNOWN_LENGTH
                : preamble.length + contentLength + epilogue.length;
        return new RequestBody.Stream(() -> Flux.concat(Mono.fromSupplier(() -> direct(preamble)),
                content.get(), Mono.fromSupplier(() -> direct(epilogue))), length, contentType(), repeatable);
    }

    /**
     * A form with no fields at all: just the closing delimiter, {@code --boundary--\r\n}. This is what the official
     * Reducto SDKs send (httpx with a forced multipart body) to call {@code /upload} without a file.
     */
    public RequestBody.Bytes emptyForm() {
        return new RequestBody.Bytes(("--" + boundary + "--" + CRLF).getBytes(StandardCharsets.UTF_8),
                contentType());
    }

    /** Opens a file for reading; replaceable in tests to watch the channel. */
    @FunctionalInterface
    public interface FileOpener {
        /** Opens {@code file} for reading. */
        FileChannel open(Path file) throws IOException;
    }

    /**
     * A file's first {@code length} bytes in chunks of at most {@value #CHUNK_SIZE}, read on demand with positional
     * reads on {@link Schedulers#boundedElastic()}. Fails with {@link UploadSource.LengthMismatchException} if the
     * file turns out shorter or longer than {@code length} (it changed after its size was taken), and with a
     * {@link ReductoException} caused by the {@link IOException} if it cannot be read.
     */
    public static Flux<ByteBuf> readFile(Path file, long length) {
        return readFile(file, length, path -> FileChannel.open(path, StandardOpenOption.READ));
    }

    /** {@link #readFile(Path, long)} with the channel opened by {@code opener}. */
    public static Flux<ByteBuf> readFile(Path file, long length, FileOpener opener) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(opener, "opener");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative but was " + length);
        }
        String what = "the file " + file;
        return Flux.using(() -> opener.open(file),
                        channel -> Flux.<ByteBuf, Long>generate(() -> 0L, (position, sink) -> {
                            try {
                                if (position >= length) {
                                    long size = channel.size();
                                    if (size != length) {
                                        sink.error(new UploadSource.LengthMismatchException(what, length, size));
                                    } else {
                                        sink.complete();
                                    }
                                    return position;
                                }
                                int wanted = (int) Math.min(CHUNK_SIZE, length - position);
                                ByteBuf chunk = ALLOCATOR.directBuffer(wanted, wanted);
                                int read = 0;
                                try {
                                    while (read < wanted) {
                                        int n = chunk.writeBytes(channel, position + read, wanted - read);
                                        if (n < 0) {
                                            break;
                                        }
                                        read += n;
                                    }
                                } catch (IOException | RuntimeException e) {
                                    chunk.release();
                                    throw e;
                                }
                                if (read < wanted) {
                                    chunk.release();
                                    sink.error(new UploadSource.LengthMismatchException(what, length,
                                            position + read));
                                    return position;
                                }
                                sink.next(chunk);
                                return position + read;
                            } catch (IOException e) {
                                sink.error(new ReductoException("Cannot read " + what + ": " + e, e));
                                return position;
                            }
                        }),
                        Multipart::closeQuietly)
                .onErrorMap(IOException.class, e -> new ReductoException("Cannot read " + what + ": " + e, e))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The remaining bytes of {@code source} copied into chunks of at most {@value #CHUNK_SIZE}; {@code source} itself
     * is not changed (each subscription reads a duplicate).
     */
    public static Flux<ByteBuf> chunks(ByteBuffer source) {
        Objects.requireNonNull(source, "source");
        return Flux.defer(() -> {
            ByteBuffer remaining = source.duplicate();
            return Flux.generate(sink -> {
                if (!remaining.hasRemaining()) {
                    sink.complete();
                    return;
                }
                int n = Math.min(CHUNK_SIZE, remaining.remaining());
                ByteBuffer slice = remaining.slice();
                slice.limit(n);
                ByteBuf chunk = ALLOCATOR.directBuffer(n, n);
                chunk.writeBytes(slice);
                remaining.position(remaining.position() + n);
                sink.next(chunk);
            });
        });
    }

    /**
     * A caller's stream of buffers, copied into chunks of at most {@value #CHUNK_SIZE}, checked to deliver exactly
     * {@code length} bytes: more fails as soon as the excess arrives (before it is emitted), fewer fails when the
     * stream completes; both with {@link UploadSource.LengthMismatchException}.
     */
    public static Flux<ByteBuf> chunks(Flux<ByteBuffer> content, long length) {
        return exactly(copies(content), length, "the upload's Flux<ByteBuffer>");
    }

    /**
     * A caller's stream of buffers in chunks of at most {@value #CHUNK_SIZE}. The remaining bytes of each buffer are
     * copied while it is emitted, so the stream may reuse or release a buffer as soon as {@code onNext} returns; the
     * buffers' positions are left alone. The next buffer is asked for only once the chunks of the last one are all
     * taken, so no copy waits in a queue; a copy cut short by cancellation is released.
     *
     * <p>No discard hook: it would reach up into the caller's stream and release buffers that their own operators
     * release (Reactor Netty's and Spring's do), twice.
     */
    public static Flux<ByteBuf> copies(Flux<ByteBuffer> content) {
        Objects.requireNonNull(content, "content");
        return content.map(Multipart::copyOf).concatMap(Multipart::slices, 0);
    }

    /**
     * {@code content} checked to deliver exactly {@code length} bytes; see {@link #chunks(Flux, long)}.
     *
     * @param what names the source in the error message
     */
    public static Flux<ByteBuf> exactly(Flux<ByteBuf> content, long length, String what) {
        return Flux.defer(() -> {
            long[] delivered = {0};
            return atMost(content.doOnNext(chunk -> delivered[0] += chunk.readableBytes()), length,
                    excess -> new UploadSource.LengthMismatchException(what, length, excess))
                    .concatWith(Mono.defer(() -> delivered[0] < length
                            ? Mono.error(new UploadSource.LengthMismatchException(what, length, delivered[0]))
                            : Mono.empty()));
        });
    }

    /**
     * {@code content} failing with {@code tooMany} (given the count so far) as soon as it delivers more than
     * {@code limit} bytes; the chunk that went past the limit is released, not emitted.
     */
    public static Flux<ByteBuf> atMost(Flux<ByteBuf> content, long limit, LongFunction<Throwable> tooMany) {
        return Flux.defer(() -> {
            long[] delivered = {0};
            return content.<ByteBuf>handle((chunk, sink) -> {
                delivered[0] += chunk.readableBytes();
                if (delivered[0] > limit) {
                    chunk.release();
                    sink.error(tooMany.apply(delivered[0]));
                } else {
                    sink.next(chunk);
                }
            });
        });
    }

    private static ByteBuf copyOf(ByteBuffer source) {
        int n = source.remaining();
        return ALLOCATOR.directBuffer(n, n).writeBytes(source.duplicate());
    }

    /** One copied buffer as chunks of at most {@value #CHUNK_SIZE}; an empty one as nothing. */
    private static Flux<ByteBuf> slices(ByteBuf whole) {
        if (whole.readableBytes() <= CHUNK_SIZE) {
            if (whole.isReadable()) {
                return Flux.just(whole);
            }
            whole.release();
            return Flux.empty();
        }
        return Flux.<ByteBuf>generate(sink -> {
            if (whole.isReadable()) {
                sink.next(whole.readRetainedSlice(Math.min(CHUNK_SIZE, whole.readableBytes())));
            } else {
                sink.complete();
            }
        }).doFinally(signal -> whole.release());
    }

    private static ByteBuf direct(byte[] bytes) {
        ByteBuf buffer = ALLOCATOR.directBuffer(bytes.length, bytes.length);
        return buffer.writeBytes(bytes);
    }

    /**
     * Escapes a form field or file name as the HTML standard's multipart encoding does ({@code "} to {@code %22}, CR
     * and LF and other control characters to {@code %XX}), plus a doubled backslash, which python-multipart (behind
     * FastAPI) would otherwise read as an escape.
     */
    static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                out.append("%22");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c == 0x7f) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to read; a failed close loses nothing
        }
    }
}
