package io.reductor.reactor.internal;

import io.reductor.core.error.ReductoException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A caller's stream written to a temporary file, so that a document whose length is not known up front can be
 * uploaded like a file: with its length, retried, and through the presigned URL when it is large. Every file access
 * runs on {@link Schedulers#boundedElastic()}; the stream's buffers are copied while they are emitted, so the stream
 * may reuse or release them at once, and at most {@value #BUFFERS_AHEAD} copies wait for the disk.
 */
public final class Spool {

    /** How many of the stream's buffers may wait, copied, for the disk before the stream is asked for more. */
    static final int BUFFERS_AHEAD = 4;

    private static final String PREFIX = "reductor-upload-";

    private Spool() {
    }

    /**
     * A spooled stream: the temporary file and its length.
     *
     * @param file   the temporary file; delete it with {@link #delete(Path)} when done
     * @param length the number of bytes the stream delivered
     */
    public record Spooled(Path file, long length) {
    }

    /**
     * Writes {@code content} to a new temporary file. The file is deleted if the stream fails or the write is
     * cancelled; after success it belongs to the caller.
     *
     * @param content   the bytes: the remaining bytes of each buffer
     * @param directory where to create the file, or {@code null} for the default temporary-file directory
     * @return the file and its length, once the stream has completed and every byte is written
     */
    public static Mono<Spooled> write(Flux<ByteBuffer> content, Path directory) {
        Objects.requireNonNull(content, "content");
        return Mono.fromCallable(() -> directory == null ? Files.createTempFile(PREFIX, ".part")
                        : Files.createTempFile(directory, PREFIX, ".part"))
                .onErrorMap(IOException.class, e -> new ReductoException(
                        "Cannot create a temporary file to spool the upload to: " + e, e))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(file -> Mono.using(() -> openForWriting(file),
                                channel -> content.map(Spool::copy)
                                        .publishOn(Schedulers.boundedElastic(), BUFFERS_AHEAD)
                                        .reduce(0L, (written, buffer) -> written + writeFully(channel, buffer)),
                                Spool::closeQuietly)
                        .map(length -> new Spooled(file, length))
                        .onErrorResume(error -> delete(file).then(Mono.error(error)))
                        .doOnCancel(() -> Schedulers.boundedElastic().schedule(() -> deleteQuietly(file))));
    }

    /**
     * Deletes a spooled file, off the caller's thread; a file already gone is fine.
     *
     * @param file the temporary file
     * @return completes once the file is gone (a failure to delete is swallowed: nothing is lost by it)
     */
    public static Mono<Void> delete(Path file) {
        return Mono.<Void>fromRunnable(() -> deleteQuietly(file)).subscribeOn(Schedulers.boundedElastic());
    }

    private static ByteBuffer copy(ByteBuffer source) {
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source.duplicate());
        return copy.flip();
    }

    private static FileChannel openForWriting(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ReductoException("Cannot open the upload's temporary file: " + e, e);
        }
    }

    private static long writeFully(FileChannel channel, ByteBuffer buffer) {
        long written = 0;
        try {
            while (buffer.hasRemaining()) {
                written += channel.write(buffer);
            }
        } catch (IOException e) {
            throw new ReductoException("Cannot write the upload's temporary file: " + e, e);
        }
        return written;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind loses nothing; the system's temporary directory is cleaned eventually
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the bytes were already written or the spool failed for a reason reported on its own
        }
    }
}
