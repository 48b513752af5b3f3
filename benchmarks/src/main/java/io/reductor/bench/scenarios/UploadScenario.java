package io.reductor.bench.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.bench.clients.Client;
import io.reductor.bench.clients.RawNettyUpload;
import io.reductor.bench.clients.ReductorUpload;
import io.reductor.bench.harness.ClientProgram;
import io.reductor.bench.harness.Contender;
import io.reductor.bench.harness.Measured;
import io.reductor.bench.harness.RunOptions;
import io.reductor.bench.harness.Scenario;
import io.reductor.bench.harness.SimulatorRun;
import io.reductor.bench.report.Report.UploadRow;
import io.reductor.testkit.ReductoSimulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Upload: one large file of random bytes (1 GiB, 32 MiB in a smoke run), direct (multipart {@code POST /upload}) and
 * presigned ({@code PUT} to the storage URL), by client JVMs limited to a 64 MiB heap. Each run gets a fresh simulator
 * that streams the body through, counting and hashing it; a row is verified only when size and SHA-256 match the
 * file, and an unverified row is a harness problem.
 */
public final class UploadScenario implements Scenario<String, UploadRow> {

    /** The heap of the upload and listing clients: both must work within 64 MB. */
    static final String CONSTRAINED_HEAP = "-Xmx64m";

    private static final List<String> PATHS = List.of("direct", "presigned");
    private static final Map<Client, ClientProgram> PROGRAMS =
            Collections.unmodifiableMap(new EnumMap<>(Map.of(
                    Client.REDUCTOR, new ClientProgram.Jvm(ReductorUpload.class, CONSTRAINED_HEAP),
                    Client.RAW_REACTOR_NETTY, new ClientProgram.Jvm(RawNettyUpload.class, CONSTRAINED_HEAP))));

    private final int repetitions;
    private final long size;
    private final Path file;
    private String sha256;

    /**
     * The upload scenario of a run: {@code --repetitions} (default 3, 1 in a smoke run).
     *
     * @param options the run's options
     */
    public UploadScenario(RunOptions options) {
        this.repetitions = options.repetitions(options.smoke() ? 1 : 3);
        this.size = options.smoke() ? 32L << 20 : 1L << 30;
        this.file = Path.of("benchmarks", "target", "bench-data", "upload-" + size + ".bin");
    }

    @Override
    public String name() {
        return "upload";
    }

    @Override
    public Map<Client, ClientProgram> programs() {
        return PROGRAMS;
    }

    @Override
    public List<String> settings() {
        return PATHS;
    }

    @Override
    public int repetitions() {
        return repetitions;
    }

    @Override
    public WarmUp<String> warmUp() {
        return new WarmUp<>(Client.RAW_REACTOR_NETTY, "direct");
    }

    /** Writes the file. */
    @Override
    public void open() throws IOException {
        Files.createDirectories(file.getParent());
        System.out.printf("  upload: writing a %,d-byte file of random bytes ...%n", size);
        sha256 = RandomFile.write(file, size);
    }

    @Override
    public SimulatorRun start(String path) {
        return SimulatorRun.fresh(ReductoSimulator.builder().discardUploadContent(true).start(),
                "--file=" + file, "--path=" + path);
    }

    @Override
    public String runName(String path, Client client) {
        return client.id() + "-upload-" + path;
    }

    @Override
    public String headline(String path, Client client) {
        return String.format("  upload %-18s %-9s %,d bytes, %s ...", client, path, size, CONSTRAINED_HEAP);
    }

    @Override
    public UploadRow row(String path, Contender contender, SimulatorRun run, Measured measured) {
        Client client = contender.client();
        JsonNode result = measured.result();
        double seconds = result.path("seconds").asDouble();
        boolean verified = run.simulator().receivedUpload(result.path("fileId").asText())
                .filter(receipt -> receipt.bytes() == size && receipt.sha256().equals(sha256))
                .isPresent();
        return new UploadRow(client.id(), path, size, seconds, size / seconds / 1e6, verified,
                Measured.mib(result.path("heapPeakBytes").asLong()), Measured.mib(result.path("heapMaxBytes").asLong()),
                measured.peakRssMib(), measured.workCpuSeconds());
    }

    @Override
    public double seconds(UploadRow row) {
        return row.seconds();
    }

    @Override
    public String summary(UploadRow row) {
        return String.format("    %.2f s: %.0f MB/s, received intact: %s, heap peak %.1f MiB of %.0f,"
                        + " peak RSS %.0f MiB", row.seconds(), row.mbPerSecond(), row.verified() ? "yes" : "NO",
                row.heapPeakMb(), row.heapMaxMb(), row.peakRssMb());
    }

    @Override
    public Optional<String> problem(UploadRow row) {
        return row.verified() ? Optional.empty() : Optional.of("the simulator did not receive the file intact");
    }

    /** Deletes the file. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
