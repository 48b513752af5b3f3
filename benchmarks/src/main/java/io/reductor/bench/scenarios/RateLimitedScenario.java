package io.reductor.bench.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.bench.clients.Client;
import io.reductor.bench.clients.ReductorIngest;
import io.reductor.bench.clients.TypeScriptSdk;
import io.reductor.bench.harness.ClientProgram;
import io.reductor.bench.harness.Contender;
import io.reductor.bench.harness.Measured;
import io.reductor.bench.harness.Mode;
import io.reductor.bench.harness.RunOptions;
import io.reductor.bench.harness.RunOptions.RateLimit;
import io.reductor.bench.harness.Scenario;
import io.reductor.bench.harness.SimulatorRun;
import io.reductor.bench.report.Report.RateLimitedRow;
import io.reductor.bench.report.ReportTables;
import io.reductor.testkit.PipelineDefinition;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.SimulatorCounters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ingest against a rate-limited service: {@code --rate-limited-documents} documents, each uploaded
 * ({@code POST /upload} of a one-page invoice), submitted ({@code POST /pipeline_async}) and awaited
 * ({@code GET /job/{id}}), with {@code concurrency} in flight, against a simulator limited to {@code requests/s} on
 * every request and {@code polls/s} on job polls (which count against both), for each setting of
 * {@code --rate-limits}. Beyond a limit the simulator answers as the real service does: 429 {@code [CODE 1000]} (or
 * {@code [CODE 2000]} for a poll) without {@code Retry-After}.
 *
 * <p>The clients use their defaults: Reductor's {@code submitAll} with the concurrency, the TypeScript SDK with the
 * same number of workers and its own retries. The TypeScript harness abandons an upload that has had no answer for
 * 10 seconds (a retried upload of reductoai 0.16.0 never gets one) and counts the document as rejected and stalled.
 * A Reductor run that loses a document (failed, rejected) or creates a second job for one is a harness problem, since
 * not losing any is the client's promise; the TypeScript SDK giving up on documents is a result, reported in its
 * row.
 *
 * <p>Each client is measured cold and warm ({@code --modes}). A warm run's warm-up (the same number of documents)
 * and measured work talk to the same simulator, {@linkplain ReductoSimulator#reset() reset} in between: its jobs,
 * uploads and counters forgotten and its rate limits refilled, so the measured work starts from the state a cold run
 * starts from, while the client keeps what it learnt (its connections, compiled code, and Reductor's adaptive limit).
 */
public final class RateLimitedScenario implements Scenario<RateLimitedScenario.Load, RateLimitedRow> {

    /**
     * One rate-limited setting.
     *
     * @param limit     the simulator's limits and the clients' concurrency
     * @param documents documents to ingest
     */
    public record Load(RateLimit limit, int documents) {

        /**
         * The least time the limits allow for the documents: 3 requests each (upload, submit, one poll) at the
         * request limit, or one poll each at the poll limit, whichever is longer. The simulator's buckets start full
         * (one second's worth), so a run may beat it by up to a second.
         *
         * @return seconds
         */
        public double floorSeconds() {
            return Math.max(3.0 * documents / limit.requestsPerSecond(),
                    (double) documents / limit.pollsPerSecond());
        }
    }

    private static final String PIPELINE = "bench-pipeline";
    private static final String HEAP = "-Xmx512m";
    /**
     * How long the TypeScript harness waits for an upload's answer before it abandons the upload: the simulator
     * answers an upload at once (200 or 429), and the SDK's own backoff between its retries is a few seconds, so an
     * upload without an answer after this long is stalled (see {@code benchmarks/node/ingest.mjs}).
     */
    private static final String UPLOAD_STALL = "--upload-stall-seconds=10";
    private static final Map<Client, ClientProgram> PROGRAMS =
            Collections.unmodifiableMap(new EnumMap<>(Map.of(
                    Client.REDUCTOR, new ClientProgram.Jvm(ReductorIngest.class, HEAP),
                    Client.TS_SDK_POLL, TypeScriptSdk.ingest(Client.TS_SDK_POLL, UPLOAD_STALL),
                    Client.TS_SDK_LONG_POLL, TypeScriptSdk.ingest(Client.TS_SDK_LONG_POLL, UPLOAD_STALL))));

    private final List<Load> settings;
    private final Load warmUp;
    private final int repetitions;
    private final List<Mode> modes;
    private Path invoice;

    /**
     * The rate-limited scenario of a run: {@code --rate-limits}, {@code --rate-limited-documents},
     * {@code --repetitions} (default 1).
     *
     * @param options the run's options
     */
    public RateLimitedScenario(RunOptions options) {
        this.settings = options.rateLimits().stream()
                .map(limit -> new Load(limit, options.rateLimitedDocuments())).toList();
        this.warmUp = new Load(new RateLimit(1000, 200, 64), options.smoke() ? 20 : 200);
        this.repetitions = options.repetitions(1);
        this.modes = options.modes();
    }

    @Override
    public String name() {
        return "rate-limited";
    }

    @Override
    public Map<Client, ClientProgram> programs() {
        return PROGRAMS;
    }

    @Override
    public List<Load> settings() {
        return settings;
    }

    @Override
    public List<Mode> modes() {
        return modes;
    }

    /** Forgets the warm-up's jobs, uploads and counts and refills the rate limits. */
    @Override
    public void beforeMeasuredWork(SimulatorRun run) {
        run.simulator().reset();
    }

    @Override
    public int repetitions() {
        return repetitions;
    }

    @Override
    public WarmUp<Load> warmUp() {
        return new WarmUp<>(Client.REDUCTOR, warmUp);
    }

    /** Writes the invoice every document is an upload of. */
    @Override
    public void open() throws IOException {
        invoice = Files.createTempFile("reductor-bench-invoice", ".txt");
        Files.write(invoice, BenchDocuments.invoice());
    }

    @Override
    public SimulatorRun start(Load load) {
        RateLimit limit = load.limit();
        ReductoSimulator simulator = ReductoSimulator.builder()
                .processingTimePerPage(Duration.ZERO)
                .queueTime(Duration.ZERO)
                .rateLimit(limit.requestsPerSecond())
                .jobPollRateLimit(limit.pollsPerSecond())
                .rateLimitRetryAfter(false)
                .start();
        try {
            simulator.registerPipeline(PIPELINE, PipelineDefinition.parseOnly());
            return SimulatorRun.fresh(simulator, "--pipeline-id=" + PIPELINE, "--file=" + invoice,
                    "--count=" + load.documents(), "--concurrency=" + limit.concurrency());
        } catch (RuntimeException | Error e) {
            simulator.close();
            throw e;
        }
    }

    @Override
    public String runName(Load load, Client client) {
        RateLimit limit = load.limit();
        return client.id() + "-rate-" + limit.requestsPerSecond() + "-" + limit.pollsPerSecond() + "-c"
                + limit.concurrency();
    }

    @Override
    public String headline(Load load, Client client) {
        RateLimit limit = load.limit();
        return String.format("  rate-limited %-18s %,d requests/s, %,d job polls/s, concurrency %d, %,d documents"
                        + " (floor %.1f s) ...", client, limit.requestsPerSecond(), limit.pollsPerSecond(),
                limit.concurrency(), load.documents(), load.floorSeconds());
    }

    @Override
    public RateLimitedRow row(Load load, Contender contender, SimulatorRun run, Measured measured) {
        JsonNode result = measured.result();
        RateLimit limit = load.limit();
        SimulatorCounters counters = run.simulator().counters();
        long duplicates = counters.jobsByInput().values().stream().mapToLong(jobs -> jobs - 1).sum();
        double seconds = result.path("seconds").asDouble();
        return new RateLimitedRow(contender.client().id(), contender.mode().id(), limit.requestsPerSecond(),
                limit.pollsPerSecond(), limit.concurrency(), load.documents(), result.path("completed").asInt(),
                result.path("failed").asInt(), result.path("rejected").asInt(), result.path("stalled").asInt(),
                counters.jobsCreated(), duplicates,
                counters.rateLimitedRequests(), (double) measured.requests() / load.documents(), seconds,
                load.floorSeconds(), seconds / load.floorSeconds(), measured.workCpuSeconds(),
                measured.allocatedKibPer(load.documents()), measured.processCpuSeconds(), measured.peakRssMib());
    }

    @Override
    public double seconds(RateLimitedRow row) {
        return row.seconds();
    }

    @Override
    public String summary(RateLimitedRow row) {
        return String.format("    %,d completed, %,d failed, %,d rejected; %,d jobs created, %,d duplicates; %,d 429s,"
                        + " %.2f requests/document; %.1f s = %.2fx the floor; %.2f CPU s, %s KiB allocated per"
                        + " document, peak RSS %.0f MiB",
                row.completed(), row.failed(), row.rejected(), row.jobsCreated(), row.duplicateJobs(),
                row.rateLimitedAnswers(), row.requestsPerDocument(), row.seconds(), row.floorMultiple(),
                row.cpuSeconds(), ReportTables.fixed(row.allocatedKibPerDocument(), 1), row.peakRssMb());
    }

    /**
     * Reductor losing or duplicating a document; any client whose outcomes do not add up to the documents (the
     * harness lost count).
     */
    @Override
    public Optional<String> problem(RateLimitedRow row) {
        if (row.completed() + row.failed() + row.rejected() != row.documents()) {
            return Optional.of("outcomes for " + (row.completed() + row.failed() + row.rejected()) + " of "
                    + row.documents() + " documents");
        }
        if (row.client().equals(Client.REDUCTOR.id()) && !row.everyDocumentOnce()) {
            return Optional.of(row.completed() + " completed, " + row.failed() + " failed, " + row.rejected()
                    + " rejected, " + row.jobsCreated() + " jobs created (" + row.duplicateJobs()
                    + " duplicates) for " + row.documents() + " documents");
        }
        return Optional.empty();
    }

    /** Deletes the invoice file. */
    @Override
    public void close() throws IOException {
        if (invoice != null) {
            Files.deleteIfExists(invoice);
        }
    }
}
