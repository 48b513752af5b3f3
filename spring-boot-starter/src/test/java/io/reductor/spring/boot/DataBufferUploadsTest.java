package io.reductor.spring.boot;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.UploadReceipt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads from Spring's {@code Flux<DataBuffer>}: the bytes arrive whole, and every buffer is released. */
class DataBufferUploadsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);

    private static ReductoSimulator simulator;

    @TempDir
    Path spoolDirectory;

    private final List<NettyDataBuffer> created = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        simulator = ReductoSimulator.start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static ReductoClient client(long directUploadLimit) {
        return ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                .directUploadLimit(directUploadLimit).build();
    }

    /** {@code bytes} as Netty-backed buffers of {@code size}, made on demand and remembered to check their release. */
    private Flux<DataBuffer> dataBuffers(byte[] bytes, int size) {
        return Flux.range(0, (bytes.length + size - 1) / size).map(i -> {
            NettyDataBuffer buffer = BUFFERS.allocateBuffer(size);
            buffer.write(bytes, i * size, Math.min(size, bytes.length - i * size));
            created.add(buffer);
            return buffer;
        });
    }

    private void assertEveryBufferReleased() {
        assertThat(created).isNotEmpty().allSatisfy(buffer -> assertThat(buffer.getNativeBuffer().refCnt())
                .as("released").isZero());
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static UploadReceipt receiptOf(byte[] bytes) throws NoSuchAlgorithmException {
        return new UploadReceipt(bytes.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void aStreamedUploadArrivesWholeAndReleasesEveryBuffer() throws Exception {
        byte[] bytes = random(1_000_000);
        try (ReductoClient client = client(100_000_000)) {
            Upload upload = client.upload(DataBufferUploads.of(dataBuffers(bytes, 8192), "scan.pdf"))
                    .block(TIMEOUT);

            assertThat(upload).isNotNull();
            assertThat(simulator.receivedUpload(upload.fileId())).contains(receiptOf(bytes));
        }
        assertEveryBufferReleased();
    }

    @Test
    void aSpooledUploadTakesThePresignedUrlWhenLargeAndReleasesEveryBuffer() throws Exception {
        byte[] bytes = random(600_000);
        try (ReductoClient client = client(100_000)) {
            Upload upload = client.upload(DataBufferUploads.spooled(dataBuffers(bytes, 16_384), "big.pdf",
                    spoolDirectory)).block(TIMEOUT);

            assertThat(upload).isNotNull();
            assertThat(simulator.receivedUpload(upload.fileId())).contains(receiptOf(bytes));
        }
        assertEveryBufferReleased();
        try (Stream<Path> left = Files.list(spoolDirectory)) {
            assertThat(left).as("the temporary file is deleted").isEmpty();
        }
    }

    @Test
    void buffersTheSourceDropsItselfAreLeftToIt() throws Exception {
        byte[] bytes = random(100_000);
        NettyDataBuffer dropped = BUFFERS.allocateBuffer(16);
        // Spring's own operators release what they drop; a discard hook of ours would release it a second time
        Flux<DataBuffer> withADroppedBuffer = Flux.concat(Flux.just((DataBuffer) dropped), dataBuffers(bytes, 8192))
                .filter(buffer -> buffer.readableByteCount() > 0);
        try (ReductoClient client = client(100_000_000)) {
            Upload upload = client.upload(DataBufferUploads.of(withADroppedBuffer, "a.pdf")).block(TIMEOUT);

            assertThat(upload).isNotNull();
            assertThat(simulator.receivedUpload(upload.fileId())).contains(receiptOf(bytes));
        }
        assertEveryBufferReleased();
        assertThat(dropped.getNativeBuffer().refCnt()).as("not released by the upload").isEqualTo(1);
        dropped.getNativeBuffer().release();
    }

    @Test
    void aStreamPastTheDirectLimitFailsTypedAndReleasesWhatItTook() throws IOException {
        try (ReductoClient client = client(50_000)) {
            StepVerifier.create(client.upload(DataBufferUploads.of(dataBuffers(random(400_000), 10_000), "x.pdf")))
                    .expectError(UploadSource.StreamTooLargeException.class)
                    .verify(TIMEOUT);
        }
        assertEveryBufferReleased();
        assertThat(created.size()).as("the rest of the stream is not read").isLessThan(40);
    }
}
