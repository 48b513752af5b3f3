package io.reductor.samples.spring;

import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import io.reductor.spring.boot.DataBufferUploads;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /documents} (multipart field {@code file}): streams the document through Reductor as it arrives, then
 * submits an async parse job whose completion Reducto reports with a Svix-signed webhook; answers 202 with the job id
 * and where its events stream.
 *
 * <p>The request is read as {@link PartEvent}s, so the file is never held in memory or stored by Spring: a request no
 * longer than {@code sample.stream-up-to} is streamed straight through to {@code POST /upload} (chunked); a larger
 * one, or one of unknown length, is spooled to a temporary file first, because a document above the service's direct
 * limit goes through a presigned URL, which needs its length up front.
 */
@RestController
public class DocumentController {

    /** What a submission answers. */
    public record Submitted(String jobId, String events) {
    }

    /** How many part events may wait, copied, for the upload to take them. */
    private static final int EVENTS_AHEAD = 8;

    private final ReductoClient client;
    private final long maxUploadBytes;
    private final long streamUpToBytes;

    /**
     * Creates the controller.
     *
     * @param client        the starter's client
     * @param maxUploadSize the largest document accepted ({@code sample.max-upload-size})
     * @param streamUpTo    the largest request streamed straight through ({@code sample.stream-up-to}); keep it at
     *                      or below the client's direct-upload limit
     */
    public DocumentController(ReductoClient client,
            @Value("${sample.max-upload-size:1GB}") DataSize maxUploadSize,
            @Value("${sample.stream-up-to:100MB}") DataSize streamUpTo) {
        this.client = client;
        this.maxUploadBytes = maxUploadSize.toBytes();
        this.streamUpToBytes = streamUpTo.toBytes();
    }

    /**
     * Uploads the {@code file} part and submits its parse.
     *
     * @param requestLength the request's {@code Content-Length}, if it has one
     * @param parts         the multipart body, as it arrives
     * @return the job id and its events' address; 400 without a {@code file} field, 413 above the size limit
     */
    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<Submitted> upload(
            @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long requestLength,
            @RequestBody Flux<PartEvent> parts) {
        if (requestLength != null && requestLength > maxUploadBytes) {
            return Mono.error(tooLarge());
        }
        boolean streamed = requestLength != null && requestLength <= streamUpToBytes;
        return parts.map(DocumentController::ownCopy)
                .windowUntil(PartEvent::isLast, false, EVENTS_AHEAD)
                .concatMap(part -> part.switchOnFirst((first, events) -> {
                    if (first.get() instanceof FilePartEvent file && file.name().equals("file")) {
                        Flux<DataBuffer> content = atMostMaxUpload(events.map(PartEvent::content));
                        return client.upload(streamed ? DataBufferUploads.of(content, file.filename())
                                : DataBufferUploads.spooled(content, file.filename()));
                    }
                    return events.doOnNext(event -> DataBufferUtils.release(event.content()))
                            .then(Mono.<Upload>empty());
                }))
                .next()
                .onErrorMap(UploadSource.StreamTooLargeException.class, e -> tooLarge())
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "a multipart field 'file' is required")))
                .flatMap(upload -> client.parse().runJob(ParseRequest.builder()
                        .input(DocumentInput.fileId(upload.fileId()))
                        .async(AsyncOptions.builder().webhook(WebhookConfig.svix()).build())
                        .build()))
                .map(job -> new Submitted(job.jobId(), "/jobs/" + job.jobId() + "/events"));
    }

    /**
     * A file event whose content is copied into a heap buffer of its own, and Spring's buffer released at once.
     * Spring's part buffers are slices of the connection's buffers; one that waited for a slow consumer (a spooled
     * upload writes to disk at its own pace) was seen released by the time it was read.
     */
    private static PartEvent ownCopy(PartEvent event) {
        if (!(event instanceof FilePartEvent file)) {
            return event;
        }
        DataBuffer content = file.content();
        byte[] bytes = new byte[content.readableByteCount()];
        content.read(bytes);
        DataBufferUtils.release(content);
        return new CopiedFileEvent(file.name(), file.filename(), file.headers(),
                DefaultDataBufferFactory.sharedInstance.wrap(bytes), file.isLast());
    }

    /** A {@link FilePartEvent} holding a copy of its content. */
    private record CopiedFileEvent(String name, String filename, HttpHeaders headers, DataBuffer content,
                                   boolean isLast) implements FilePartEvent {
    }

    /** The file's content, failing with 413 as soon as it passes {@code sample.max-upload-size}. */
    private Flux<DataBuffer> atMostMaxUpload(Flux<DataBuffer> content) {
        return Flux.defer(() -> {
            long[] received = {0};
            return content.handle((buffer, sink) -> {
                received[0] += buffer.readableByteCount();
                if (received[0] > maxUploadBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(tooLarge());
                } else {
                    sink.next(buffer);
                }
            });
        });
    }

    private ResponseStatusException tooLarge() {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                "the document is larger than this application accepts (" + maxUploadBytes + " bytes)");
    }
}
