package io.reductor.reactor;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.reductor.core.error.InternalServerException;
import io.reductor.reactor.internal.Multipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads from streams whose length is not known up front: sent chunked straight through, or spooled to a temporary
 * file first.
 */
class StreamedUploadTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DIRECT_ANSWER =
            "{\"file_id\":\"reducto://4f1c8a9e-0d5b-4a57-9d2e-6f0c1b2a3d4e.pdf\",\"presigned_url\":null}";

    @TempDir
    Path spoolDirectory;

    @RegisterExtension
    static final WireMockReducto server = new WireMockReducto();

    /** A client that does not retry. */
    private ReductoClient client(long directUploadLimit) {
        return server.client().directUploadLimit(directUploadLimit).retryPolicy(RetryPolicy.none()).build();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** {@code bytes} as buffers of {@code size} bytes, counting subscriptions and the bytes pulled. */
    private static Flux<ByteBuffer> buffers(byte[] bytes, int size, AtomicInteger subscriptions, AtomicLong pulled) {
        return Flux.range(0, (bytes.length + size - 1) / size)
                .map(i -> ByteBuffer.wrap(bytes, i * size, Math.min(size, bytes.length - i * size)).slice())
                .doOnNext(buffer -> pulled.addAndGet(buffer.remaining()))
                .doOnSubscribe(subscription -> subscriptions.incrementAndGet());
    }

    /**
     * {@code bytes} through one buffer of {@code size}, filled with the next slice, emitted, and zeroed as soon as
     * {@code onNext} returns, as a source that reuses or releases its buffers does.
     */
    private static Flux<ByteBuffer> reusedBuffer(byte[] bytes, int size) {
        ByteBuffer reused = ByteBuffer.allocate(size);
        return Flux.<ByteBuffer, Integer>generate(() -> 0, (offset, sink) -> {
            if (offset >= bytes.length) {
                sink.complete();
            } else {
                reused.clear();
                reused.put(bytes, offset, Math.min(size, bytes.length - offset)).flip();
                sink.next(reused);
                Arrays.fill(reused.array(), (byte) 0);
            }
            return offset + size;
        });
    }

    private static byte[] onlyPartBody(LoggedRequest request) {
        Collection<Request.Part> parts = request.getParts();
        assertThat(parts).hasSize(1);
        Request.Part part = parts.iterator().next();
        assertThat(part.getName()).isEqualTo("file");
        return part.getBody().asBytes();
    }

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            return files.toList();
        }
    }

    // ---------------------------------------------------------------- unknown length, straight through

    @Test
    void aStreamOfUnknownLengthGoesOutChunkedInOneDirectRequest() {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        byte[] bytes = random(300_000);
        AtomicInteger subscriptions = new AtomicInteger();

        StepVerifier.create(client(1_000_000).upload(
                        UploadSource.of(buffers(bytes, 70_000, subscriptions, new AtomicLong()), "scan.PDF")))
                .assertNext(upload -> assertThat(upload.fileId()).startsWith("reducto://"))
                .expectComplete()
                .verify(TIMEOUT);

        List<LoggedRequest> requests = server.requests("POST", "/upload");
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(request.containsHeader("Content-Length")).isFalse();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + WireMockReducto.API_KEY);
        assertThat(request.queryParameter("extension").firstValue()).isEqualTo("pdf");
        assertThat(onlyPartBody(request)).isEqualTo(bytes);
        assertThat(subscriptions).hasValue(1);
    }

    @Test
    void theCallersBufferMayBeReusedAsSoonAsOnNextReturns() {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        byte[] bytes = random(40 * 100_000);

        StepVerifier.create(client(10_000_000).upload(UploadSource.of(reusedBuffer(bytes, 100_000), "reused.bin")))
                .expectNextCount(1).expectComplete().verify(TIMEOUT);

        assertThat(onlyPartBody(server.requests("POST", "/upload").get(0))).isEqualTo(bytes);
    }

    @Test
    void buffersAreCopiedWhenEmittedNotWhenTheConnectionAsksForThem() {
        byte[] bytes = random(8 * 100_000);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        // one chunk at a time, asked for from another thread, as a connection asks when its writes are done
        Multipart.copies(reusedBuffer(bytes, 100_000)).publishOn(Schedulers.single(), 1).doOnNext(chunk -> {
            byte[] copy = new byte[chunk.readableBytes()];
            chunk.readBytes(copy).release();
            received.writeBytes(copy);
        }).blockLast(TIMEOUT);

        assertThat(received.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void aStreamPastTheDirectLimitIsAbortedWithATypedErrorBeforeReadingOn() {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        AtomicLong pulled = new AtomicLong();

        StepVerifier.create(client(200_000).upload(UploadSource.of(
                        buffers(random(5_000_000), 50_000, new AtomicInteger(), pulled), "huge.pdf")))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(UploadSource.StreamTooLargeException.class)
                            .hasMessageContaining("200000 bytes")
                            .hasMessageContaining("UploadSource.spooled");
                    assertThat(((UploadSource.StreamTooLargeException) error).limit()).isEqualTo(200_000);
                })
                .verify(TIMEOUT);

        // a few buffers of look-ahead at most: the rest of the stream is never read
        assertThat(pulled.get()).isLessThan(500_000);
        assertThat(server.requests("POST", "/upload").stream().filter(r -> r.getBody().length > 0)
                .filter(r -> !r.getParts().isEmpty()).toList())
                .as("no complete multipart body reached the server").isEmpty();
    }

    @Test
    void aStreamOfUnknownLengthIsSentOnceEvenWhenTheAnswerIsRetryable() {
        server.answerInTurn("POST", "/upload", aResponse().withStatus(503), okJson(DIRECT_ANSWER));
        AtomicInteger subscriptions = new AtomicInteger();

        StepVerifier.create(server.client().build().upload(UploadSource.of(
                        buffers(random(1000), 100, subscriptions, new AtomicLong()), "once.pdf")))
                .expectError(InternalServerException.class)
                .verify(TIMEOUT);

        assertThat(server.requests("POST", "/upload")).hasSize(1);
        assertThat(subscriptions).hasValue(1);
    }

    @Test
    void progressOfAStreamIsUnknownUntilItEndsAndThenComplete() {
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(DIRECT_ANSWER)));
        byte[] bytes = random(3 * 65_536);

        List<UploadEvent> events = client(1_000_000)
                .uploadWithProgress(UploadSource.of(buffers(bytes, 65_536, new AtomicInteger(), new AtomicLong()),
                        "p.pdf"))
                .collectList().block(TIMEOUT);

        assertThat(events).isNotNull();
        assertThat(events.get(events.size() - 1)).isInstanceOf(UploadEvent.Completed.class);
        List<UploadProgress> progress = events.subList(0, events.size() - 1).stream()
                .map(event -> ((UploadEvent.Progress) event).progress()).toList();
        assertThat(progress).containsExactly(
                new UploadProgress(0, UploadProgress.UNKNOWN_LENGTH),
                new UploadProgress(65_536, UploadProgress.UNKNOWN_LENGTH),
                new UploadProgress(131_072, UploadProgress.UNKNOWN_LENGTH),
                new UploadProgress(196_608, UploadProgress.UNKNOWN_LENGTH),
                new UploadProgress(196_608, 196_608));
        assertThat(progress.get(1).isLengthKnown()).isFalse();
        assertThat(progress.get(1).fraction()).isZero();
        assertThat(progress.get(1).isComplete()).isFalse();
        assertThat(progress.get(4).isComplete()).isTrue();
    }

    // ---------------------------------------------------------------- spooled

    @Test
    void aSpooledStreamIsSentWithItsLengthAndRetriedFromTheFileThenDeleted() throws IOException {
        server.answerInTurn("POST", "/upload", aResponse().withStatus(503), okJson(DIRECT_ANSWER));
        byte[] bytes = random(250_000);
        AtomicInteger subscriptions = new AtomicInteger();

        StepVerifier.create(server.client().build().upload(UploadSource.spooled(
                        buffers(bytes, 30_000, subscriptions, new AtomicLong()), "spooled.pdf", spoolDirectory)))
                .expectNextCount(1).expectComplete().verify(TIMEOUT);

        List<LoggedRequest> attempts = server.requests("POST", "/upload");
        assertThat(attempts).hasSize(2).allSatisfy(request -> {
            assertThat(request.getHeader("Content-Length")).isEqualTo(Integer.toString(request.getBody().length));
            assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
            assertThat(onlyPartBody(request)).isEqualTo(bytes);
        });
        assertThat(subscriptions).as("the stream is read once; the retry reads the file").hasValue(1);
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aSpooledStreamAboveTheDirectLimitGoesThroughThePresignedUrl() throws IOException {
        String storage = server.baseUrl() + "/storage/4f1c8a9e?X-Amz-Signature=abc";
        server.stubFor(post(urlPathEqualTo("/upload")).willReturn(okJson(
                "{\"file_id\":\"reducto://4f1c8a9e\",\"presigned_url\":\"" + storage + "\"}")));
        server.stubFor(put(urlPathEqualTo("/storage/4f1c8a9e")).willReturn(aResponse().withStatus(200)));
        byte[] bytes = random(500_000);

        StepVerifier.create(client(100_000).upload(UploadSource.spooled(
                        buffers(bytes, 64_000, new AtomicInteger(), new AtomicLong()), "big.pdf", spoolDirectory)))
                .assertNext(upload -> assertThat(upload.fileId()).isEqualTo("reducto://4f1c8a9e"))
                .expectComplete()
                .verify(TIMEOUT);

        List<LoggedRequest> puts = server.requests("PUT", "/storage/4f1c8a9e");
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).getHeader("Content-Length")).isEqualTo("500000");
        assertThat(puts.get(0).getBody()).isEqualTo(bytes);
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aStreamThatFailsWhileSpooledFailsTheUploadWithItsErrorAndLeavesNoFile() throws IOException {
        IOException broken = new IOException("the client went away");
        Flux<ByteBuffer> failing = Flux.concat(Flux.just(ByteBuffer.wrap(random(10_000))), Flux.error(broken));

        StepVerifier.create(client(1_000_000).upload(UploadSource.spooled(failing, "f.pdf", spoolDirectory)))
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(broken))
                .verify(TIMEOUT);

        assertThat(server.requests("POST", "/upload")).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void cancellingWhileSpoolingDeletesTheFile() throws IOException {
        AtomicLong pulled = new AtomicLong();
        Flux<ByteBuffer> endless = Flux.<ByteBuffer>generate(sink -> sink.next(ByteBuffer.allocate(8192)))
                .doOnNext(buffer -> pulled.addAndGet(buffer.remaining()));

        StepVerifier.create(client(1_000_000).upload(UploadSource.spooled(endless, "e.pdf", spoolDirectory)))
                .expectSubscription()
                .then(() -> awaitTrue(() -> pulled.get() > 1_000_000))
                .thenCancel()
                .verify(TIMEOUT);

        awaitTrue(() -> spoolFilesQuietly().isEmpty());
        assertThat(server.requests("POST", "/upload")).isEmpty();
    }

    @Test
    void sourcesOfUnknownLengthDescribeThemselves() {
        UploadSource streamed = UploadSource.of(Flux.empty(), "a.pdf");
        UploadSource spooled = UploadSource.spooled(Flux.empty(), "b.docx");

        assertThat(streamed.isRepeatable()).isFalse();
        assertThat(spooled.isRepeatable()).isTrue();
        assertThat(streamed.toString()).contains("length unknown");
        assertThat(spooled.toString()).contains("spooled");
        assertThat(spooled.withoutExtension().toString()).contains("spooled");
        assertThat(spooled.extension()).contains("docx");
    }

    private List<Path> spoolFilesQuietly() {
        try {
            return spoolFiles();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits on a condition that another thread makes true soon (the file deletion runs off this thread). */
    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition did not become true within " + TIMEOUT);
            }
            Thread.yield();
        }
    }
}
