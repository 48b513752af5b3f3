package io.reductor.spring.boot;

import io.reductor.reactor.UploadSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@link UploadSource}s from Spring's {@code Flux<DataBuffer>}, such as a WebFlux {@code FilePart}'s or
 * {@code FilePartEvent}'s content, streamed without being joined in memory. Each buffer is released as soon as its
 * bytes have been taken (the upload copies them while they are emitted), also when the upload fails or is cancelled.
 *
 * <pre>{@code
 * Mono<Upload> upload = client.upload(DataBufferUploads.of(filePart.content(), filePart.filename()));
 * }</pre>
 */
public final class DataBufferUploads {

    private DataBufferUploads() {
    }

    /**
     * A one-shot upload of unknown length streamed straight through, as {@link UploadSource#of(Flux, String)}: sent
     * chunked, never held whole, failing with {@link UploadSource.StreamTooLargeException} past the client's
     * direct-upload limit.
     *
     * @param content  the document's bytes; each buffer is released once read
     * @param fileName the name sent as the multipart {@code filename}
     * @return a one-shot source of unknown length
     */
    public static UploadSource of(Flux<DataBuffer> content, String fileName) {
        return UploadSource.of(byteBuffers(content), fileName);
    }

    /**
     * An upload of unknown length and any size, written to a temporary file first, as
     * {@link UploadSource#spooled(Flux, String)}.
     *
     * @param content  the document's bytes; each buffer is released once written
     * @param fileName the name sent as the multipart {@code filename}
     * @return a source that spools, and is then retried like a file
     */
    public static UploadSource spooled(Flux<DataBuffer> content, String fileName) {
        return UploadSource.spooled(byteBuffers(content), fileName);
    }

    /**
     * {@link #spooled(Flux, String)} with the temporary file in {@code directory}.
     *
     * @param content   the document's bytes; each buffer is released once written
     * @param fileName  the name sent as the multipart {@code filename}
     * @param directory an existing, writable directory for the temporary file
     * @return a source that spools into {@code directory}, and is then retried like a file
     */
    public static UploadSource spooled(Flux<DataBuffer> content, String fileName, Path directory) {
        return UploadSource.spooled(byteBuffers(content), fileName, directory);
    }

    /**
     * The readable bytes of each buffer as views, released once the last view has been emitted (or the upload ends
     * early): the upload copies a view while it is emitted, so nothing reads a buffer after its release. The next
     * buffer is asked for only then, so none waits in a queue of ours. No discard hook: it would reach up into
     * Spring's own operators, which release what they drop themselves.
     */
    static Flux<ByteBuffer> byteBuffers(Flux<DataBuffer> content) {
        Objects.requireNonNull(content, "content");
        return content.concatMap(buffer -> Flux.using(buffer::readableByteBuffers,
                views -> Flux.fromIterable(() -> views),
                views -> {
                    views.close();
                    DataBufferUtils.release(buffer);
                }), 0);
    }
}
