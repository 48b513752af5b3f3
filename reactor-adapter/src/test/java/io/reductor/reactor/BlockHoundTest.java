package io.reductor.reactor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that BlockHound is live over the test suite (the {@code blockhound} profile, on by default) and that
 * {@link FileIoBlockHoundIntegration} adds the NIO file reads its defaults miss. If the profile or the service file
 * went missing, these tests fail: the blocking calls would simply succeed. Skipped only when BlockHound was switched
 * off on purpose with {@code -DnoBlockHound}.
 */
@DisabledIfSystemProperty(named = "noBlockHound", matches = ".*", disabledReason = "BlockHound is off (-DnoBlockHound)")
class BlockHoundTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void sleepingOnTheParallelSchedulerIsCaught() {
        Mono<Integer> blocking = Mono.fromCallable(() -> {
            Thread.sleep(1); // the point of the probe: BlockHound must catch it
            return 1;
        }).subscribeOn(Schedulers.parallel());

        StepVerifier.create(blocking)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("java.lang.Thread.sleep"))
                .verify(WAIT);
    }

    @Test
    void sleepingOnBoundedElasticIsAllowed() {
        Mono<Integer> blocking = Mono.fromCallable(() -> {
            Thread.sleep(1); // allowed: boundedElastic is meant for blocking work
            return 1;
        }).subscribeOn(Schedulers.boundedElastic());

        StepVerifier.create(blocking).expectNext(1).verifyComplete();
    }

    @Test
    void positionalFileChannelReadOnTheParallelSchedulerIsCaught(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("doc.txt"), "%PDF-1.7 not really", StandardCharsets.UTF_8);
        // Opened here, on the test thread, so that only the positional read runs on the parallel thread.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int before = FileIoBlockHoundIntegration.detections().size();
            Mono<Integer> read = Mono.fromCallable(() -> channel.read(ByteBuffer.allocate(8), 0))
                    .subscribeOn(Schedulers.parallel());

            StepVerifier.create(read)
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(BlockingOperationError.class)
                            .hasMessageContaining("sun.nio.ch.FileDispatcherImpl.pread0"))
                    .verify(WAIT);
            assertThat(FileIoBlockHoundIntegration.detections().subList(before,
                    FileIoBlockHoundIntegration.detections().size()))
                    .anySatisfy(detection -> assertThat(detection)
                            .startsWith("sun.nio.ch.FileDispatcherImpl.pread0 on parallel-"));
        }
    }

    @Test
    void sequentialFileChannelReadOnTheParallelSchedulerIsCaught(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("doc.txt"), "%PDF-1.7 not really", StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Mono<Integer> read = Mono.fromCallable(() -> channel.read(ByteBuffer.allocate(8)))
                    .subscribeOn(Schedulers.parallel());

            StepVerifier.create(read)
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(BlockingOperationError.class)
                            .hasMessageContaining("sun.nio.ch.FileDispatcherImpl.read0"))
                    .verify(WAIT);
        }
    }

    @Test
    void openingAFileOnTheParallelSchedulerIsCaught(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("doc.txt"), "x", StandardCharsets.UTF_8);
        Mono<Long> open = Mono.fromCallable(() -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                return channel.size();
            }
        }).subscribeOn(Schedulers.parallel());

        StepVerifier.create(open)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("sun.nio.fs.UnixNativeDispatcher.open0"))
                .verify(WAIT);
    }

    @Test
    void fileChannelReadOnBoundedElasticIsAllowed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("doc.txt"), "%PDF-1.7", StandardCharsets.UTF_8);
        Mono<Integer> read = Mono.fromCallable(() -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                return channel.read(ByteBuffer.allocate(8), 0);
            }
        }).subscribeOn(Schedulers.boundedElastic());

        StepVerifier.create(read).expectNext(8).verifyComplete();
    }
}
