package io.reductor.reactor;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.netty.buffer.ByteBuf;
import io.reductor.core.error.InternalServerException;
import io.reductor.core.error.ReductoApiException;
import io.reductor.core.error.ReductoException;
import io.reductor.reactor.internal.Multipart;
import io.reductor.reactor.internal.Uploader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DIRECT_ANSWER =
            "{\"file_id\":\"reducto://4f1c8a9e-0d5b-4a57-9d2e-6f0c1b2a3d4e.pdf\",\"presigned_url\":null}";
    private static final String SECRET = "X-Amz-Signature=c2VjcmV0LXNpZ25hdHVyZQ";

    @TempDir
    Path dir;

    @RegisterExtension
    static final WireMockReducto server = new WireMockReducto();

    /** A client that does not retry; {@code server.client()} is one that does. */
    private ReductoClient client(long directUploadLimit) {
        return server.client().directUploadLimit(directUploadLimit).retryPolicy(RetryPolicy.none()).build();
    }

    private String storageUrl() {
        return server.baseUrl() + "/storage/4f1c8a9e?" + SECRET + "&X-Amz-Expires=3600";
    }

    private Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private LoggedRequest onlyUploadRequest() {
        List<LoggedRequest> requests = server.requests("POST", "/upload");
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static Request.Part onlyPart(LoggedRequest request) {
        Collection<Request.Part> parts = request.getParts();
        assertThat(parts).hasSize(1);
        return parts.iterator().next();
    }

    private static void assertWellFormedStreamedRequest(LoggedRequest request) {
        assertThat(request.getHeader("Content-Length")).isEqualTo(Integer.toString(request.getBody().length));
        assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
    }

    private static String fullText(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    // ---------------------------------------------------------------- direct uploads

    @Test
    void uploadsAFileAsMultipartFieldFileWithAuthAndExtension() throws IOException {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        Path file = file("Annual Report.PDF", 150 * 1024 + 17);

        StepVerifier.create(client(100L * 1024 * 1024).upload(file))
                .assertNext(upload -> {
                    assertThat(upload.fileId()).isEqualTo("reducto://4f1c8a9e-0d5b-4a57-9d2e-6f0c1b2a3d4e.pdf");
                    assertThat(upload.presignedUrl()).isNull();
                })
                .expectComplete()
                .verify(TIMEOUT);

        LoggedRequest request = onlyUploadRequest();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + WireMockReducto.API_KEY);
        assertThat(request.queryParameter("extension").firstValue()).isEqualTo("pdf");
        assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertWellFormedStreamedRequest(request);
        Request.Part part = onlyPart(request);
        assertThat(part.getName()).isEqualTo("file");
        assertThat(part.getHeader("Content-Disposition").firstValue())
                .isEqualTo("form-data; name=\"file\"; filename=\"Annual Report.PDF\"");
        assertThat(part.getHeader("Content-Type").firstValue()).isEqualTo("application/octet-stream");
        assertThat(part.getBody().asBytes()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void bodyIsExactlyPreambleContentAndEpilogue() throws IOException {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        byte[] content = "%PDF-1.7 tiny".getBytes(StandardCharsets.US_ASCII);

        StepVerifier.create(client(1024).upload(UploadSource.of(content, "tiny.pdf")))
                .expectNextCount(1).expectComplete().verify(TIMEOUT);

        LoggedRequest request = onlyUploadRequest();
        String boundary = request.getHeader("Content-Type").substring("multipart/form-data; boundary=".length());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"tiny.pdf\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(content);
        expected.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(request.getBody()).isEqualTo(expected.toByteArray());
        assertWellFormedStreamedRequest(request);
    }

    @Test
    void uploadsBytesWithTheFileNameEscapedAndTheArrayCopied() {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        byte[] bytes = new byte[70_000];
        new Random(7).nextBytes(bytes);
        byte[] original = bytes.clone();
        UploadSource source = UploadSource.of(bytes, "q\"uote\\d\r\nname.docx");
        bytes[0] ^= 1; // the source holds a copy

        StepVerifier.create(client(1024 * 1024).upload(source)).expectNextCount(1).expectComplete().verify(TIMEOUT);

        LoggedRequest request = onlyUploadRequest();
        assertThat(request.queryParameter("extension").firstValue()).isEqualTo("docx");
        assertWellFormedStreamedRequest(request);
        Request.Part part = onlyPart(request);
        assertThat(part.getHeader("Content-Disposition").firstValue())
                .isEqualTo("form-data; name=\"file\"; filename=\"q%22uote\\\\d%0D%0Aname.docx\"");
        assertThat(part.getBody().asBytes()).isEqualTo(original);
    }

    @Test
    void uploadsAFluxOfKnownLengthWithoutTouchingTheCallersBuffers() {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        byte[] all = new byte[200_000];
        new Random(3).nextBytes(all);
        ByteBuffer first = ByteBuffer.wrap(all, 0, 150_000).slice();
        ByteBuffer second = ByteBuffer.wrap(all, 150_000, 50_000).slice();
        UploadSource source = UploadSource.of(Flux.just(first, second), all.length, "scan.png")
                .withExtension(".png");

        StepVerifier.create(client(1024 * 1024).upload(source)).expectNextCount(1).expectComplete().verify(TIMEOUT);

        assertThat(first.position()).isZero();
        assertThat(second.remaining()).isEqualTo(50_000);
        LoggedRequest request = onlyUploadRequest();
        assertThat(request.queryParameter("extension").firstValue()).isEqualTo("png");
        assertWellFormedStreamedRequest(request);
        assertThat(onlyPart(request).getBody().asBytes()).isEqualTo(all);
    }

    @Test
    void withoutExtensionSendsNoExtensionParameter() {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));

        StepVerifier.create(client(1024).upload(UploadSource.of(new byte[] {1, 2}, "a.pdf").withoutExtension()))
                .expectNextCount(1).expectComplete().verify(TIMEOUT);

        assertThat(onlyUploadRequest().queryParameter("extension").isPresent()).isFalse();
    }

    @Test
    void uploadsAnEmptyFileAndReportsItComplete() throws IOException {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        Path empty = file("empty.txt", 0);

        StepVerifier.create(client(1024).uploadWithProgress(UploadSource.of(empty)))
                .expectNext(new UploadEvent.Progress(new UploadProgress(0, 0)))
                .assertNext(event -> assertThat(event).isInstanceOf(UploadEvent.Completed.class))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(onlyPart(onlyUploadRequest()).getBody().asBytes()).isEmpty();
    }

    @Test
    void theUploadIsColdAndRepeatsOnEachSubscription() throws IOException {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        Path file = dir.resolve("later.pdf");
        var upload = client(1024 * 1024).upload(file); // the file does not exist yet: nothing is read here

        Files.write(file, new byte[] {1, 2, 3});
        StepVerifier.create(upload).expectNextCount(1).expectComplete().verify(TIMEOUT);
        Files.write(file, new byte[] {4, 5, 6, 7});
        StepVerifier.create(upload).expectNextCount(1).expectComplete().verify(TIMEOUT);

        List<LoggedRequest> requests = server.requests("POST", "/upload");
        assertThat(requests).hasSize(2);
        List<byte[]> bodies = new ArrayList<>();
        requests.forEach(request -> bodies.add(onlyPart(request).getBody().asBytes()));
        assertThat(bodies).containsExactlyInAnyOrder(new byte[] {1, 2, 3}, new byte[] {4, 5, 6, 7});
    }

    @Test
    void aMissingFileFailsBeforeAnythingIsSent() {
        StepVerifier.create(client(1024).upload(dir.resolve("missing.pdf")))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(ReductoException.class)
                        .hasMessageContaining("missing.pdf")
                        .hasCauseInstanceOf(NoSuchFileException.class))
                .verify(TIMEOUT);
        StepVerifier.create(client(1024).upload(dir))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(ReductoException.class)
                        .hasMessageContaining("not a regular file"))
                .verify(TIMEOUT);

        assertThat(server.getAllServeEvents()).isEmpty();
    }

    // ---------------------------------------------------------------- declared length

    @Test
    void aFluxShorterThanDeclaredFailsTheUpload() {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        UploadSource source = UploadSource.of(Flux.just(ByteBuffer.wrap(new byte[5])), 10, "short.pdf");

        StepVerifier.create(client(1024).upload(source))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(UploadSource.LengthMismatchException.class)
                            .hasMessageContaining("ended after 5 of the 10 bytes declared");
                    UploadSource.LengthMismatchException mismatch = (UploadSource.LengthMismatchException) error;
                    assertThat(mismatch.declaredLength()).isEqualTo(10);
                    assertThat(mismatch.deliveredLength()).isEqualTo(5);
                })
                .verify(TIMEOUT);
    }

    @Test
    void aFluxLongerThanDeclaredFailsTheUploadInBothFlows() {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        Flux<ByteBuffer> fifteen = Flux.just(ByteBuffer.wrap(new byte[10]), ByteBuffer.wrap(new byte[5]));

        StepVerifier.create(client(1024).upload(UploadSource.of(fifteen, 10, "long.pdf")))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(UploadSource.LengthMismatchException.class)
                        .hasMessageContaining("more than the 10 bytes declared"))
                .verify(TIMEOUT);

        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(
                "{\"file_id\":\"reducto://4f1c8a9e\",\"presigned_url\":\"" + storageUrl() + "\"}")));
        server.stubFor(put(urlPathEqualTo("/storage/4f1c8a9e")).willReturn(aResponse().withStatus(200)));
        StepVerifier.create(client(4).upload(UploadSource.of(fifteen, 10, "long.pdf")))
                .expectError(UploadSource.LengthMismatchException.class)
                .verify(TIMEOUT);
    }

    @Test
    void aFileThatChangesSizeAfterItWasMeasuredFails() throws IOException {
        Path file = file("growing.bin", 100_000);

        StepVerifier.create(Multipart.readFile(file, 90_000).doOnNext(ByteBuf::release))
                .expectNextCount(2)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(UploadSource.LengthMismatchException.class)
                        .hasMessageContaining("more than the 90000 bytes declared"))
                .verify(TIMEOUT);
        StepVerifier.create(Multipart.readFile(file, 110_000).doOnNext(ByteBuf::release))
                .expectNextCount(1)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(UploadSource.LengthMismatchException.class)
                        .hasMessageContaining("ended after 100000 of the 110000 bytes declared"))
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- presigned-URL flow

    @Test
    void aFileAboveTheDirectLimitGoesThroughThePresignedUrlWithoutTheApiKey() throws IOException {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(
                "{\"file_id\":\"reducto://4f1c8a9e\",\"presigned_url\":\"" + storageUrl() + "\"}")));
        server.stubFor(put(urlPathEqualTo("/storage/4f1c8a9e")).willReturn(aResponse().withStatus(200)));
        Path file = file("big.pdf", 200 * 1024);

        StepVerifier.create(client(1024).upload(file))
                .assertNext(upload -> {
                    assertThat(upload.fileId()).isEqualTo("reducto://4f1c8a9e");
                    assertThat(upload.presignedUrl()).as("spent, and a credential").isNull();
                })
                .expectComplete()
                .verify(TIMEOUT);

        LoggedRequest start = onlyUploadRequest();
        assertThat(start.getHeader("Authorization")).isEqualTo("Bearer " + WireMockReducto.API_KEY);
        assertThat(start.queryParameter("extension").firstValue()).isEqualTo("pdf");
        String contentType = start.getHeader("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String boundary = contentType.substring("multipart/form-data; boundary=".length());
        assertThat(start.getBodyAsString()).as("a form without fields, as the official SDKs send")
                .isEqualTo("--" + boundary + "--\r\n");
        assertThat(start.getHeader("Content-Length")).isEqualTo(Integer.toString(start.getBody().length));

        List<LoggedRequest> puts = server.requests("PUT", "/storage/4f1c8a9e");
        assertThat(puts).hasSize(1);
        LoggedRequest upload = puts.get(0);
        assertThat(upload.containsHeader("Authorization")).isFalse();
        assertThat(upload.containsHeader("Content-Type")).isFalse();
        assertThat(upload.queryParameter("X-Amz-Signature").firstValue()).isEqualTo("c2VjcmV0LXNpZ25hdHVyZQ");
        assertThat(upload.getHeader("Content-Length")).isEqualTo(Integer.toString(200 * 1024));
        assertThat(upload.getBody()).isEqualTo(Files.readAllBytes(file));
        assertThat(upload.getLoggedDate()).isAfterOrEqualTo(start.getLoggedDate());
    }

    @Test
    void aFailedPutNeverShowsThePresignedUrl() {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(
                "{\"file_id\":\"reducto://4f1c8a9e\",\"presigned_url\":\"" + storageUrl() + "\"}")));
        server.stubFor(put(urlPathEqualTo("/storage/4f1c8a9e")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")));

        StepVerifier.create(client(16).upload(UploadSource.of(new byte[64], "big.pdf")))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOfSatisfying(ReductoApiException.class,
                            api -> assertThat(api.status()).isEqualTo(403));
                    assertThat(fullText(error)).doesNotContain("storage").doesNotContain("c2VjcmV0")
                            .doesNotContain(WireMockReducto.API_KEY);
                })
                .verify(TIMEOUT);
    }

    @Test
    void aPresignedStartWithoutAUrlFailsClearly() {
        server.stubFor(post(urlPathEqualTo("/upload"))
                .willReturn(okJson("{\"file_id\":\"reducto://4f1c8a9e\",\"presigned_url\":null}")));

        StepVerifier.create(client(16).upload(UploadSource.of(new byte[64], "big.pdf")))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(ReductoException.class)
                        .hasMessageContaining("no presigned_url"))
                .verify(TIMEOUT);

        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(
                "{\"file_id\":\"reducto://4f1c8a9e\",\"presigned_url\":\"ftp://storage/" + SECRET + "\"}")));
        StepVerifier.create(client(16).upload(UploadSource.of(new byte[64], "big.pdf")))
                .expectErrorSatisfies(error -> assertThat(fullText(error))
                        .contains("not an absolute http(s) URL").doesNotContain("c2VjcmV0"))
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------- progress

    @Test
    void progressIsMonotonicEndsAtTheTotalAndCompletedComesLast() throws IOException {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        server.stubFor(put(urlPathEqualTo("/storage/4f1c8a9e")).willReturn(aResponse().withStatus(200)));
        Path file = file("progress.pdf", 5 * Multipart.CHUNK_SIZE + 1234);

        for (long limit : new long[] {1024L * 1024 * 1024, 1024}) {
            if (limit == 1024) {
                server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(
                        "{\"file_id\":\"reducto://4f1c8a9e\",\"presigned_url\":\"" + storageUrl() + "\"}")));
            }
            List<UploadEvent> events = client(limit).uploadWithProgress(UploadSource.of(file))
                    .collectList().block(TIMEOUT);

            assertThat(events).isNotNull().hasSizeGreaterThan(2);
            assertThat(events.get(events.size() - 1)).isInstanceOf(UploadEvent.Completed.class);
            List<UploadProgress> progress = events.subList(0, events.size() - 1).stream()
                    .map(event -> ((UploadEvent.Progress) event).progress()).toList();
            assertThat(progress.get(0)).isEqualTo(new UploadProgress(0, Files.size(file)));
            assertThat(progress).extracting(UploadProgress::bytesSent).isSorted().doesNotHaveDuplicates();
            assertThat(progress).allSatisfy(p -> assertThat(p.totalBytes()).isEqualTo(Files.size(file)));
            UploadProgress last = progress.get(progress.size() - 1);
            assertThat(last.isComplete()).isTrue();
            assertThat(last.fraction()).isEqualTo(1.0);
            assertThat(progress).hasSize(1 + 6); // 0, then one event per chunk
        }
    }

    @Test
    void progressNeverGoesBackWhenAnAttemptIsRetried() {
        server.answerInTurn("POST", "/upload", aResponse().withStatus(503), okJson(DIRECT_ANSWER));
        byte[] bytes = new byte[3 * Multipart.CHUNK_SIZE];

        List<UploadEvent> events = server.client().directUploadLimit(1024 * 1024).build()
                .uploadWithProgress(UploadSource.of(bytes, "r.pdf")).collectList().block(TIMEOUT);

        assertThat(server.requests("POST", "/upload")).hasSize(2);
        assertThat(events).isNotNull();
        assertThat(events.get(events.size() - 1)).isInstanceOf(UploadEvent.Completed.class);
        assertThat(events.subList(0, events.size() - 1)).extracting(e -> ((UploadEvent.Progress) e).progress())
                .extracting(UploadProgress::bytesSent)
                .containsExactly(0L, 65_536L, 131_072L, 196_608L);
    }

    // ---------------------------------------------------------------- retries

    @Test
    void aRepeatableSourceIsRetriedButAOneShotStreamIsSentOnce() {
        server.answerInTurn("POST", "/upload", aResponse().withStatus(503), okJson(DIRECT_ANSWER));
        byte[] bytes = {1, 2, 3, 4};

        StepVerifier.create(server.client().directUploadLimit(1024).build().upload(UploadSource.of(bytes, "a.pdf")))
                .expectNextCount(1).expectComplete().verify(TIMEOUT);
        List<LoggedRequest> attempts = server.requests("POST", "/upload");
        assertThat(attempts).hasSize(2)
                .allSatisfy(request -> assertThat(onlyPart(request).getBody().asBytes()).isEqualTo(bytes));

        server.resetRequests();
        server.resetScenarios();
        StepVerifier.create(server.client().directUploadLimit(1024).build()
                        .upload(UploadSource.of(Flux.just(ByteBuffer.wrap(bytes)), 4, "a.pdf")))
                .expectError(InternalServerException.class)
                .verify(TIMEOUT);
        assertThat(server.requests("POST", "/upload")).hasSize(1);
    }

    // ---------------------------------------------------------------- the body, structurally

    @Test
    void aFileIsReadInChunksOfAtMost64KiB() throws IOException {
        int size = 3 * 1024 * 1024 + 123;
        Path file = file("chunks.bin", size);
        List<Integer> sizes = new ArrayList<>();
        ByteArrayOutputStream content = new ByteArrayOutputStream();

        StepVerifier.create(Multipart.readFile(file, size))
                .thenConsumeWhile(chunk -> {
                    sizes.add(chunk.readableBytes());
                    assertThat(chunk.isDirect()).isTrue();
                    byte[] bytes = new byte[chunk.readableBytes()];
                    chunk.readBytes(bytes);
                    content.writeBytes(bytes);
                    chunk.release();
                    return true;
                })
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(sizes).hasSize(size / Multipart.CHUNK_SIZE + 1);
        assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(1, 64 * 1024));
        assertThat(content.toByteArray()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void aFileIsReadOnlyOnDemandOffTheCallersThreadAndClosedOnCancel() throws IOException {
        Path file = file("cancel.bin", 4 * 1024 * 1024);
        AtomicReference<FileChannel> opened = new AtomicReference<>();
        AtomicReference<Thread> readingThread = new AtomicReference<>();
        Multipart.FileOpener watched = path -> {
            readingThread.set(Thread.currentThread());
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            opened.set(channel);
            return channel;
        };

        StepVerifier.create(Multipart.readFile(file, Files.size(file), watched), 0)
                .expectSubscription()
                .thenRequest(2)
                .consumeNextWith(ByteBuf::release)
                .consumeNextWith(ByteBuf::release)
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(opened.get()).isNotNull();
        assertThat(opened.get().isOpen()).as("channel closed on cancel").isFalse();
        assertThat(readingThread.get().getName()).startsWith("boundedElastic");
    }

    @Test
    void aMultipartFileBodyDeclaresItsExactLength() {
        Multipart multipart = Multipart.withBoundary("b0undary");
        byte[] bytes = new byte[200_000];
        var body = multipart.fileField("file", "x.pdf", bytes.length,
                () -> Multipart.chunks(ByteBuffer.wrap(bytes)), true);

        long total = body.content().get().map(chunk -> {
            int n = chunk.readableBytes();
            assertThat(n).isLessThanOrEqualTo(Multipart.CHUNK_SIZE);
            chunk.release();
            return (long) n;
        }).reduce(0L, Long::sum).block(TIMEOUT);

        assertThat(body.length()).isEqualTo(total);
        assertThat(body.contentType()).isEqualTo("multipart/form-data; boundary=b0undary");
        assertThat(new String(multipart.emptyForm().bytes(), StandardCharsets.US_ASCII)).isEqualTo("--b0undary--\r\n");
    }

    // ---------------------------------------------------------------- the source

    @Test
    void sourcesCheckTheirArgumentsAndDeriveTheExtension() {
        assertThat(UploadSource.of(Path.of("dir", "Report.PDF")).extension()).contains("pdf");
        assertThat(UploadSource.of(Path.of(".bashrc")).extension()).isEmpty();
        assertThat(UploadSource.of(Path.of("README")).extension()).isEmpty();
        assertThat(UploadSource.of(Path.of("dir", "Report.PDF")).fileName()).isEqualTo("Report.PDF");
        assertThat(UploadSource.of(new byte[0], "a.b.xlsx").withExtension(".XLS").extension()).contains("XLS");
        assertThat(UploadSource.of(new byte[0], "a.pdf").isRepeatable()).isTrue();
        assertThat(UploadSource.of(Flux.empty(), 0, "a.pdf").isRepeatable()).isFalse();
        assertThat(UploadSource.of(Path.of("a.pdf")).toString()).contains("a.pdf");

        assertThatThrownBy(() -> UploadSource.of(Flux.empty(), -1, "a.pdf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> UploadSource.of(new byte[0], "  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> UploadSource.of(Path.of("/").getRoot()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no file name");
        assertThatThrownBy(() -> UploadSource.of(new byte[0], "a.pdf").withExtension("."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> UploadSource.of(new byte[0], "a.pdf").withExtension("p df"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UploadProgress(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new UploadProgress(1, 4).fraction()).isEqualTo(0.25);
        assertThat(Uploader.PUT_OPERATION).doesNotContain("http");
    }
}
