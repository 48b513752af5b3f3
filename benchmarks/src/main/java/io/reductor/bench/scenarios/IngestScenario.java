package io.reductor.bench.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.bench.clients.Client;
import io.reductor.bench.clients.RawNettyIngest;
import io.reductor.bench.clients.RawNettyTreeIngest;
import io.reductor.bench.clients.ReductorIngest;
import io.reductor.bench.clients.TypeScriptSdk;
import io.reductor.bench.harness.ClientProgram;
import io.reductor.bench.harness.Contender;
import io.reductor.bench.harness.JvmRecipe;
import io.reductor.bench.harness.Measured;
import io.reductor.bench.harness.Mode;
import io.reductor.bench.harness.RunOptions;
import io.reductor.bench.harness.Scenario;
import io.reductor.bench.harness.SimulatorRun;
import io.reductor.bench.report.Report.IngestRow;
import io.reductor.bench.report.ReportTables;
import io.reductor.testkit.PipelineDefinition;
import io.reductor.testkit.ReductoSimulator;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Ingest: {@code --documents} documents (a one-page text invoice, uploaded once) through {@code POST /pipeline_async}
 * with a parse-only pipeline, each awaited to completion, for every simulated processing time and concurrency, each
 * client cold and warm ({@code --modes}). Each run gets a fresh simulator, so jobs and counters start from zero; a warm
 * run's warm-up and measured work share it (the warm-up's finished jobs stay; the requests are counted for the
 * measured work alone). Client JVMs run with {@code -Xmx512m}; Reductor's runs are also measured with each of
 * {@code --jvm-recipes} in its mode. A run whose jobs did not all complete is a harness problem.
 */
public final class IngestScenario implements Scenario<IngestScenario.Load, IngestRow> {

    /**
     * One ingest setting.
     *
     * @param processingMs the simulator's processing time per job
     * @param concurrency  jobs in flight at most
     * @param documents    documents submitted
     */
    public record Load(int processingMs, int concurrency, int documents) {
    }

    private static final String PIPELINE = "bench-pipeline";
    private static final String HEAP = "-Xmx512m";
    private static final Map<Client, ClientProgram> PROGRAMS =
            Collections.unmodifiableMap(new EnumMap<>(Map.of(
                    Client.REDUCTOR, new ClientProgram.Jvm(ReductorIngest.class, HEAP),
                    Client.RAW_REACTOR_NETTY, new ClientProgram.Jvm(RawNettyIngest.class, HEAP),
                    Client.RAW_REACTOR_NETTY_TREE, new ClientProgram.Jvm(RawNettyTreeIngest.class, HEAP),
                    Client.TS_SDK_POLL, TypeScriptSdk.ingest(Client.TS_SDK_POLL),
                    Client.TS_SDK_LONG_POLL, TypeScriptSdk.ingest(Client.TS_SDK_LONG_POLL))));

    private final List<Load> settings;
    private final Load warmUp;
    private final int repetitions;
    private final boolean longPollUntilFinished;
    private final List<Mode> modes;
    private final List<JvmRecipe> reductorRecipes;

    /**
     * The ingest scenario of a run: {@code --processing} times {@code --concurrency}, {@code --documents},
     * {@code --repetitions} (default 1), {@code --long-poll}.
     *
     * @param options the run's options
     */
    public IngestScenario(RunOptions options) {
        this.settings = options.processing().stream().flatMap(processingMs -> options.concurrency().stream()
                .map(concurrency -> new Load(processingMs, concurrency, options.documents()))).toList();
        this.warmUp = new Load(0, 64, options.smoke() ? 300 : 5_000);
        this.repetitions = options.repetitions(1);
        this.longPollUntilFinished = options.longPollUntilFinished();
        this.modes = options.modes();
        this.reductorRecipes = Stream.concat(Stream.of(JvmRecipe.DEFAULT), options.jvmRecipes().stream()).toList();
    }

    @Override
    public String name() {
        return "ingest";
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

    /** The default JVM, and for Reductor each of {@code --jvm-recipes} of the mode too. */
    @Override
    public List<JvmRecipe> recipes(Load load, Client client, Mode mode) {
        return client == Client.REDUCTOR ? reductorRecipes.stream().filter(recipe -> recipe.measures(mode)).toList()
                : List.of(JvmRecipe.DEFAULT);
    }

    @Override
    public int repetitions() {
        return repetitions;
    }

    @Override
    public WarmUp<Load> warmUp() {
        return new WarmUp<>(Client.RAW_REACTOR_NETTY, warmUp);
    }

    @Override
    public SimulatorRun start(Load load) {
        ReductoSimulator simulator = ReductoSimulator.builder()
                .processingTimePerPage(Duration.ofMillis(load.processingMs()))
                .queueTime(Duration.ZERO)
                .longPollUntilFinished(longPollUntilFinished)
                .start();
        try {
            simulator.registerPipeline(PIPELINE, PipelineDefinition.parseOnly());
            String document = simulator.uploadDocument("invoice.txt", BenchDocuments.invoice());
            return SimulatorRun.fresh(simulator, "--pipeline-id=" + PIPELINE, "--document=" + document,
                    "--count=" + load.documents(), "--concurrency=" + load.concurrency());
        } catch (RuntimeException | Error e) {
            simulator.close();
            throw e;
        }
    }

    @Override
    public String runName(Load load, Client client) {
        return client.id() + "-" + load.processingMs() + "ms-c" + load.concurrency();
    }

    @Override
    public String headline(Load load, Client client) {
        return String.format("  ingest %-18s %3d ms processing, concurrency %3d, %,d documents ...", client,
                load.processingMs(), load.concurrency(), load.documents());
    }

    @Override
    public IngestRow row(Load load, Contender contender, SimulatorRun run, Measured measured) {
        JsonNode result = measured.result();
        int count = load.documents();
        int completed = result.path("completed").asInt();
        double seconds = result.path("seconds").asDouble();
        return new IngestRow(contender.client().id(), contender.mode().id(), contender.jvm().id(),
                load.processingMs(), load.concurrency(), count, completed,
                result.path("failed").asInt() + result.path("rejected").asInt(), seconds, completed / seconds,
                (double) measured.requests() / count, measured.workCpuSeconds() * 1000 / count,
                measured.allocatedKibPer(count), measured.processCpuSeconds(), measured.peakRssMib());
    }

    @Override
    public double seconds(IngestRow row) {
        return row.seconds();
    }

    @Override
    public String summary(IngestRow row) {
        return String.format("    %,d completed, %d failed in %.2f s: %.0f jobs/s, %.2f requests/job, %.3f CPU s per"
                        + " 1,000 jobs, %s KiB allocated per job, peak RSS %.0f MiB", row.completed(), row.failed(),
                row.seconds(), row.jobsPerSecond(), row.requestsPerJob(), row.cpuSecondsPer1000(),
                ReportTables.fixed(row.allocatedKibPerJob(), 1), row.peakRssMb());
    }

    @Override
    public Optional<String> problem(IngestRow row) {
        return row.failed() > 0 || row.completed() != row.documents()
                ? Optional.of(row.completed() + " completed, " + row.failed() + " failed")
                : Optional.empty();
    }
}
