package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
import io.reductor.core.error.ReductoException;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.UploadEvent;
import io.reductor.reactor.UploadProgress;
import io.reductor.reactor.UploadSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Uploads documents ({@code POST /upload}), choosing the flow by size:
 * <ul>
 *   <li><b>Direct</b> (length up to the direct-upload limit): {@code POST /upload[?extension=...]}, authenticated,
 *       with a {@code multipart/form-data} body whose one field {@code file} streams the document, sent with
 *       {@code Content-Length}. A stream of unknown length goes this way too, sent with
 *       {@code Transfer-Encoding: chunked}, and is aborted with {@link UploadSource.StreamTooLargeException} before
 *       its bytes pass the limit: the presigned {@code PUT} needs the length up front.</li>
 *   <li><b>Presigned URL</b> (longer): {@code POST /upload[?extension=...]} with a multipart form that has no fields,
 *       which answers {@code {file_id, presigned_url}}; then {@code PUT} of the raw bytes to {@code presigned_url}
 *       with {@code Content-Length}, no {@code Content-Type}, and <em>without</em> the API key.</li>
 * </ul>
 *
 * <p>Why an empty multipart form for the presigned start: the spec accepts {@code multipart/form-data} or JSON for
 * {@code Body_upload_upload_post}, but the endpoint is FastAPI with an optional {@code File} field, which reads the
 * body as a form; the official SDKs (Stainless over httpx, forced multipart) send exactly {@code --boundary--\r\n}
 * with {@code multipart/form-data; boundary=...}, so that is the shape the service is known to accept.
 *
 * <p>Uploads are not billed, so every request here is {@link Call.Safety#REPEATABLE}: retried by the client's policy
 * when the body can be produced again. A one-shot source is sent once, with no retries at all. The presigned URL
 * carries credentials: it appears in no exception message and no log line (the operation is named
 * {@value #PUT_OPERATION}), and it is cleared from the {@link Upload} handed back. It is held to the client's
 * {@link UrlRule} before a byte is sent: {@code https://}, or plain {@code http://} to a loopback host only.
 *
 * <p>Progress counts document bytes as the connection pulls them from the body (before they are written), never
 * decreasing: after a retry, progress pauses until the new attempt passes the earlier high-water mark.
 */
public final class Uploader {

    /** The operation name of the {@code PUT} to the presigned URL, used instead of the URL in messages. */
    public static final String PUT_OPERATION = "PUT presigned upload URL";

    private static final String UPLOAD_PATH = "/upload";
    private static final String UPLOAD_OPERATION = "POST " + UPLOAD_PATH;

    /**
     * A document as the uploader reads it.
     *
     * @param fileName   the multipart {@code filename}
     * @param extension  the {@code extension} query parameter, or {@code null} for none
     * @param open       per subscription, the document ready to send (a file's size is read then, a spooled stream
     *                   written to disk then)
     * @param repeatable whether the document's bytes may be produced again for a retry
     */
    public record Content(String fileName, String extension, Mono<Opened> open, boolean repeatable) {
        /** Checks the arguments. */
        public Content {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(open, "open");
        }
    }

    /**
     * A document opened for one upload subscription.
     *
     * @param length  the document's length in bytes, or {@link RequestBody.Stream#UNKNOWN_LENGTH}: such a document
     *                is sent directly and chunked, and fails past the direct-upload limit
     * @param bytes   the document's bytes for one attempt, failing if they turn out to be more or fewer than
     *                {@code length}
     * @param release what to do when the upload ends, however it ends (delete a spooled file)
     */
    public record Opened(long length, Supplier<Flux<ByteBuf>> bytes, Mono<Void> release) {
        /** Checks the arguments. */
        public Opened {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(release, "release");
        }

        /** A document with nothing to release. */
        public Opened(long length, Supplier<Flux<ByteBuf>> bytes) {
            this(length, bytes, Mono.empty());
        }
    }

    private final Endpoints endpoints;
    private final long directUploadLimit;

    /**
     * Creates an uploader.
     *
     * @param endpoints         the API's endpoints and options (retry policy, timeouts, headers)
     * @param directUploadLimit documents longer than this many bytes use the presigned-URL flow
     */
    public Uploader(Endpoints endpoints, long directUploadLimit) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        if (directUploadLimit < 0) {
            throw new IllegalArgumentException("directUploadLimit must not be negative but was " + directUploadLimit);
        }
        this.directUploadLimit = directUploadLimit;
    }

    /** Uploads {@code content}; cold, and again on each subscription. */
    public Mono<Upload> upload(Content content) {
        return upload(content, progress -> { });
    }

    /**
     * Uploads {@code content} and reports progress as events; the last element is
     * {@link UploadEvent.Completed}. Progress events are kept latest-only when the subscriber falls behind.
     */
    public Flux<UploadEvent> uploadWithProgress(Content content) {
        Objects.requireNonNull(content, "content");
        return Flux.create(sink -> {
            Disposable upload = upload(content, progress -> sink.next(new UploadEvent.Progress(progress)))
                    .contextWrite(sink.contextView())
                    .subscribe(done -> {
                        sink.next(new UploadEvent.Completed(done));
                        sink.complete();
                    }, sink::error);
            sink.onDispose(upload);
        }, FluxSink.OverflowStrategy.LATEST);
    }

    /** Uploads {@code content}, telling {@code listener} of progress; cold, and again on each subscription. */
    public Mono<Upload> upload(Content content, Consumer<UploadProgress> listener) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(listener, "listener");
        return Mono.usingWhen(content.open(), document -> {
            Attempts attempts = new Attempts(content, document, listener);
            attempts.start();
            long length = document.length();
            return length != RequestBody.Stream.UNKNOWN_LENGTH && length > directUploadLimit
                    ? presigned(content, length, attempts) : direct(content, length, attempts);
        }, Opened::release);
    }

    private Mono<Upload> direct(Content content, long length, Attempts attempts) {
        RequestBody.Stream body = Multipart.withRandomBoundary()
                .fileField("file", content.fileName(), length, attempts::body, content.repeatable());
        Call call = endpoints.call("POST", UPLOAD_PATH, query(content), body, Call.Safety.REPEATABLE,
                Endpoints.Kind.QUICK);
        return attempts.send(call).map(result -> decode(result, UPLOAD_OPERATION));
    }

    private Mono<Upload> presigned(Content content, long length, Attempts attempts) {
        Call start = endpoints.call("POST", UPLOAD_PATH, query(content), Multipart.withRandomBoundary().emptyForm(),
                Call.Safety.REPEATABLE, Endpoints.Kind.QUICK);
        return endpoints.send(start)
                .map(result -> decode(result, UPLOAD_OPERATION + " (without a file)"))
                .flatMap(upload -> {
                    Call put = endpoints.outsideCall("PUT", presignedUri(upload, length), PUT_OPERATION,
                            PUT_OPERATION, Map.of(),
                            new RequestBody.Stream(attempts::body, length, "", content.repeatable()));
                    return attempts.send(put).thenReturn(upload.toBuilder().presignedUrl(null).build());
                });
    }

    private static Map<String, String> query(Content content) {
        return content.extension() == null ? Map.of() : Map.of("extension", content.extension());
    }

    private Upload decode(HttpResult result, String operation) {
        Upload upload = endpoints.codec().decode(result.body(), Upload.class);
        if (upload.fileId() == null || upload.fileId().isBlank()) {
            throw new ReductoException(operation + " answered without a file_id");
        }
        return upload;
    }

    /**
     * The presigned URL, parsed (the {@link UrlRule} is applied by {@link Endpoints#outsideCall}); it never goes into
     * a message, and neither does a parser error quoting it.
     */
    private static URI presignedUri(Upload upload, long length) {
        String url = upload.presignedUrl();
        if (url == null || url.isBlank()) {
            throw new ReductoException(UPLOAD_OPERATION + " without a file answered with no presigned_url, so the "
                    + length + " bytes cannot be uploaded; raise directUploadLimit to send them directly if the "
                    + "service accepts that size");
        }
        try {
            return new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new ReductoException(UPLOAD_OPERATION + " answered with a presigned_url that is not a valid URL");
        }
    }

    /**
     * The attempts of one upload subscription: produces the body for each attempt, counts progress, and remembers a
     * failure of the body itself so that it is what the caller sees, even if the connection reports the abort as
     * something else or not at all.
     */
    private final class Attempts {
        private final Content content;
        private final Opened document;
        private final long length;
        private final Consumer<UploadProgress> listener;
        private final AtomicBoolean produced = new AtomicBoolean();
        private final AtomicReference<Throwable> bodyError = new AtomicReference<>();
        private long reported = -1;
        private boolean ended;

        Attempts(Content content, Opened document, Consumer<UploadProgress> listener) {
            this.content = content;
            this.document = document;
            this.length = document.length();
            this.listener = listener;
        }

        void start() {
            report(0);
        }

        /** The document's bytes for one attempt. */
        Flux<ByteBuf> body() {
            return Flux.defer(() -> {
                if (produced.getAndSet(true) && !content.repeatable()) {
                    return Flux.error(new IllegalStateException("The upload's Flux<ByteBuffer> source is one-shot "
                            + "and was already sent once"));
                }
                bodyError.set(null);
                long[] sent = {0};
                Flux<ByteBuf> bytes = document.bytes().get();
                if (length == RequestBody.Stream.UNKNOWN_LENGTH) {
                    bytes = Multipart.atMost(bytes, directUploadLimit,
                                    delivered -> new UploadSource.StreamTooLargeException(directUploadLimit))
                            .doOnComplete(() -> reportEnd(sent[0]));
                }
                return bytes.doOnNext(chunk -> {
                    sent[0] += chunk.readableBytes();
                    report(sent[0]);
                });
            }).doOnError(bodyError::set);
        }

        /**
         * Sends one call whose body is {@link #body()}, once only when the content is one-shot; the body's own
         * failure wins over what the transport saw.
         */
        Mono<HttpResult> send(Call call) {
            Call sent = content.repeatable() ? call : call.withRetryPolicy(call.retryPolicy().withMaxRetries(0));
            return endpoints.send(sent)
                    .onErrorMap(error -> {
                        Throwable body = bodyError.get();
                        if (body != null && body != error) {
                            body.addSuppressed(error);
                            return body;
                        }
                        return error;
                    })
                    .flatMap(result -> bodyError.get() != null ? Mono.<HttpResult>error(bodyError.get())
                            : Mono.just(result))
                    .switchIfEmpty(Mono.defer(() -> Mono.error(bodyError.get() != null ? bodyError.get()
                            : new ReductoException(call.operation() + " ended without a response"))));
        }

        private synchronized void report(long sent) {
            if (sent > reported && (length == RequestBody.Stream.UNKNOWN_LENGTH || sent <= length)) {
                reported = sent;
                listener.accept(new UploadProgress(sent, length));
            }
        }

        /** The end of a stream of unknown length: its length is known now, and all of it was handed over. */
        private synchronized void reportEnd(long total) {
            if (!ended) {
                ended = true;
                reported = total;
                listener.accept(new UploadProgress(total, total));
            }
        }
    }
}
