package io.reductor.testkit;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.reductor.core.error.ReductoException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code discardUploadContent(true)}: uploads are streamed through, counted and hashed, and not kept. */
class DiscardedUploadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SIZE = 8 * 1024 * 1024;

    private static byte[] randomContent(int size) {
        byte[] content = new byte[size];
        new Random(42).nextBytes(content);
        return content;
    }

    private static ReductoSimulator discarding() {
        // a body limit far below the uploads: it must not apply to them in this mode
        return ReductoSimulator.builder().discardUploadContent(true).maxBodyBytes(64 * 1024).start();
    }

    private static ReductoClient client(ReductoSimulator simulator, long directUploadLimit) {
        return ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                .directUploadLimit(directUploadLimit).build();
    }

    @Test
    void directMultipartUploadIsCountedAndHashedAndAJobOnItFailsSayingWhy() {
        byte[] content = randomContent(SIZE);
        try (ReductoSimulator simulator = discarding()) {
            ReductoClient client = client(simulator, Long.MAX_VALUE);

            Upload upload = client.upload(UploadSource.of(content, "big.pdf")).block(WAIT);

            assertThat(upload.fileId()).startsWith("reducto://").endsWith(".pdf");
            assertThat(upload.presignedUrl()).isNull();
            assertThat(simulator.receivedUpload(upload.fileId())).contains(UploadReceipt.of(content));
            assertThat(simulator.counters().requests("POST /upload")).isEqualTo(1);
            assertThatThrownBy(() -> client.parse().run(ParseRequest.builder()
                    .input(DocumentInput.fileId(upload.fileId())).build()).block(WAIT))
                    .isInstanceOf(ReductoException.class)
                    .hasMessageContaining("was discarded on upload")
                    .hasMessageContaining("discardUploadContent(true)");
        }
    }

    @Test
    void presignedUploadIsCountedAndHashed() {
        byte[] content = randomContent(SIZE);
        try (ReductoSimulator simulator = discarding()) {
            Upload upload = client(simulator, 0).upload(UploadSource.of(content, "big.bin")).block(WAIT);

            assertThat(simulator.receivedUpload(upload.fileId())).contains(UploadReceipt.of(content));
            assertThat(simulator.counters().requests("PUT /_storage/{token}")).isEqualTo(1);
            assertThat(simulator.receivedUpload("reducto://never-uploaded.pdf")).isEmpty();
        }
    }

    @Test
    void chunkedBodiesWithoutContentLengthAreReadToTheEnd() {
        byte[] content = randomContent(1024 * 1024 + 3);
        HttpClient http = HttpClient.create(ConnectionProvider.newConnection());
        try (ReductoSimulator simulator = discarding()) {
            String boundary = "chunked-boundary";
            List<byte[]> parts = new ArrayList<>();
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (int at = 0; at < content.length; at += 100_000) {
                parts.add(java.util.Arrays.copyOfRange(content, at, Math.min(content.length, at + 100_000)));
            }
            parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

            RawHttp.Answer direct = http.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + simulator.apiKey())
                            .set(HttpHeaderNames.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary))
                    .post().uri(simulator.baseUrl() + "/upload")
                    .send(Flux.fromIterable(parts).map(Unpooled::wrappedBuffer))
                    .responseSingle((response, body) -> body.asString().map(text -> new RawHttp.Answer(
                            response.status().code(), response.responseHeaders(), text)))
                    .block(WAIT);
            RawHttp.Answer start = RawHttp.call("POST", simulator.baseUrl() + "/upload", RawHttp.auth(simulator), "{}");
            String url = start.json().path("presigned_url").asText();
            int status = http.put().uri(url)
                    .send(ByteBufFlux.fromInbound(Flux.range(0, 11).map(i -> java.util.Arrays.copyOfRange(content,
                            i * 100_000, Math.min(content.length, (i + 1) * 100_000)))))
                    .response().map(response -> {
                        assertThat(response.requestHeaders().get(HttpHeaderNames.TRANSFER_ENCODING)).isEqualTo("chunked");
                        return response.status().code();
                    })
                    .block(WAIT);

            assertThat(direct.status()).as(direct.body()).isEqualTo(200);
            String fileId = direct.json().path("file_id").asText();
            assertThat(fileId).endsWith(".txt");
            assertThat(simulator.receivedUpload(fileId)).contains(UploadReceipt.of(content));
            assertThat(status).isEqualTo(200);
            assertThat(simulator.receivedUpload(start.json().path("file_id").asText()))
                    .contains(UploadReceipt.of(content));
        }
    }

    @Test
    void checksStillApplyAndMalformedFormsAre400() {
        try (ReductoSimulator simulator = discarding()) {
            RawHttp.Answer noKey = RawHttp.call("POST", simulator.baseUrl() + "/upload", Map.of(), "{}");
            RawHttp.Answer start = RawHttp.call("POST", simulator.baseUrl() + "/upload", RawHttp.auth(simulator), "{}");
            String url = start.json().path("presigned_url").asText();
            RawHttp.Answer forged = RawHttp.call("PUT", url.replaceFirst("Signature=.*", "Signature=forged"),
                    Map.of(), "bytes");
            RawHttp.Answer truncated = RawHttp.call("POST", simulator.baseUrl() + "/upload",
                    Map.of("Authorization", "Bearer " + simulator.apiKey(),
                            "Content-Type", "multipart/form-data; boundary=xyz"),
                    "--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno closing boundary");
            RawHttp.Answer notAForm = RawHttp.call("POST", simulator.baseUrl() + "/upload",
                    Map.of("Authorization", "Bearer " + simulator.apiKey(), "Content-Type", "text/plain"), "text");

            assertThat(noKey.status()).isEqualTo(403);
            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.body()).contains("SignatureDoesNotMatch");
            assertThat(truncated.status()).isEqualTo(400);
            assertThat(truncated.json().path("detail").asText())
                    .isEqualTo("There was an error parsing the body: the multipart body ended before its closing "
                            + "boundary");
            assertThat(notAForm.status()).isEqualTo(400);
        }
    }

    @Test
    void byDefaultUploadsAreKeptAndTheirReceiptIsOfTheContentHeld() {
        byte[] content = "Invoice Number: INV-7\n".getBytes(StandardCharsets.UTF_8);
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            ReductoClient client = client(simulator, Long.MAX_VALUE);
            Upload upload = client.upload(UploadSource.of(content, "note.txt")).block(WAIT);

            assertThat(simulator.receivedUpload(upload.fileId())).contains(UploadReceipt.of(content));
            assertThat(client.parse().run(ParseRequest.builder().input(DocumentInput.fileId(upload.fileId())).build())
                    .block(WAIT).response().jobId()).isNotBlank();
        }
    }
}
