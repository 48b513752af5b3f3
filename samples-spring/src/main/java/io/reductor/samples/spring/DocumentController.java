package io.reductor.samples.spring;

import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /documents} (multipart field {@code file}): uploads the document through Reductor and submits an async
 * parse job whose completion Reducto reports with a Svix-signed webhook; answers 202 with the job id and where its
 * events stream.
 */
@RestController
public class DocumentController {

    /** What a submission answers. */
    public record Submitted(String jobId, String events) {
    }

    private final ReductoClient client;
    private final DataSize maxUploadSize;

    /**
     * Creates the controller.
     *
     * @param client        the starter's client
     * @param maxUploadSize the largest document accepted ({@code sample.max-upload-size})
     */
    public DocumentController(ReductoClient client,
            @Value("${sample.max-upload-size:50MB}") DataSize maxUploadSize) {
        this.client = client;
        this.maxUploadSize = maxUploadSize;
    }

    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<Submitted> upload(@RequestPart(name = "file", required = false) Mono<FilePart> file) {
        int limit = (int) Math.min(Integer.MAX_VALUE, maxUploadSize.toBytes());
        return file
                .flatMap(part -> DataBufferUtils.join(part.content(), limit)
                        .map(DocumentController::bytes)
                        .map(bytes -> UploadSource.of(bytes, part.filename())))
                .onErrorMap(DataBufferLimitException.class,
                        e -> new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "the document is too large"))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "a multipart field 'file' is required")))
                .flatMap(client::upload)
                .flatMap(upload -> client.parse().runJob(ParseRequest.builder()
                        .input(DocumentInput.fileId(upload.fileId()))
                        .async(AsyncOptions.builder().webhook(WebhookConfig.svix()).build())
                        .build()))
                .map(job -> new Submitted(job.jobId(), "/jobs/" + job.jobId() + "/events"));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
