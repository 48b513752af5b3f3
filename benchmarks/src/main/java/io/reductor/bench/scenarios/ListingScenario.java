package io.reductor.bench.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.bench.clients.Client;
import io.reductor.bench.clients.RawNettyListing;
import io.reductor.bench.clients.ReductorListing;
import io.reductor.bench.harness.ClientProgram;
import io.reductor.bench.harness.Contender;
import io.reductor.bench.harness.Measured;
import io.reductor.bench.harness.RunOptions;
import io.reductor.bench.harness.Scenario;
import io.reductor.bench.harness.SimulatorRun;
import io.reductor.bench.report.Report.ListingRow;
import io.reductor.testkit.ReductoSimulator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Listing: every job of a simulator seeded with 100,000 finished jobs (5,000 in a smoke run), through
 * {@code GET /jobs} in pages of 500 with {@code exclude_configs}, by client JVMs limited to a 64 MiB heap. All runs
 * share the one seeded simulator; a listing that comes up short is a harness problem.
 */
public final class ListingScenario implements Scenario<Integer, ListingRow> {

    /** The API's largest page. */
    private static final int PAGE_SIZE = 500;
    private static final String HEAP = UploadScenario.CONSTRAINED_HEAP;
    private static final Map<Client, ClientProgram> PROGRAMS =
            Collections.unmodifiableMap(new EnumMap<>(Map.of(
                    Client.REDUCTOR, new ClientProgram.Jvm(ReductorListing.class, HEAP),
                    Client.RAW_REACTOR_NETTY, new ClientProgram.Jvm(RawNettyListing.class, HEAP))));

    private final int repetitions;
    private final int jobs;
    private ReductoSimulator simulator;

    /**
     * The listing scenario of a run: {@code --repetitions} (default 3, 1 in a smoke run).
     *
     * @param options the run's options
     */
    public ListingScenario(RunOptions options) {
        this.repetitions = options.repetitions(options.smoke() ? 1 : 3);
        this.jobs = options.smoke() ? 5_000 : 100_000;
    }

    @Override
    public String name() {
        return "listing";
    }

    @Override
    public Map<Client, ClientProgram> programs() {
        return PROGRAMS;
    }

    /** One setting: the page size. */
    @Override
    public List<Integer> settings() {
        return List.of(PAGE_SIZE);
    }

    @Override
    public int repetitions() {
        return repetitions;
    }

    @Override
    public WarmUp<Integer> warmUp() {
        return new WarmUp<>(Client.RAW_REACTOR_NETTY, PAGE_SIZE);
    }

    /** Starts the simulator and seeds it with the jobs. */
    @Override
    public void open() {
        simulator = ReductoSimulator.start();
        simulator.seedCompletedJobs(jobs);
    }

    @Override
    public SimulatorRun start(Integer pageSize) {
        return SimulatorRun.shared(simulator, "--page-size=" + pageSize);
    }

    @Override
    public String runName(Integer pageSize, Client client) {
        return client.id() + "-listing";
    }

    @Override
    public String headline(Integer pageSize, Client client) {
        return String.format("  listing %-18s %,d jobs in pages of %d, %s ...", client, jobs, pageSize, HEAP);
    }

    @Override
    public ListingRow row(Integer pageSize, Contender contender, SimulatorRun run, Measured measured) {
        Client client = contender.client();
        JsonNode result = measured.result();
        long received = result.path("jobs").asLong();
        double seconds = result.path("seconds").asDouble();
        return new ListingRow(client.id(), received, jobs, measured.requests(), seconds, received / seconds,
                Measured.mib(result.path("heapPeakBytes").asLong()), Measured.mib(result.path("heapMaxBytes").asLong()),
                measured.peakRssMib(), measured.workCpuSeconds());
    }

    @Override
    public double seconds(ListingRow row) {
        return row.seconds();
    }

    @Override
    public String summary(ListingRow row) {
        return String.format("    %,d jobs in %.2f s (%,d requests): %,.0f jobs/s, heap peak %.1f MiB of %.0f",
                row.jobs(), row.seconds(), row.requests(), row.jobsPerSecond(), row.heapPeakMb(), row.heapMaxMb());
    }

    @Override
    public Optional<String> problem(ListingRow row) {
        return row.jobs() == row.expected() ? Optional.empty()
                : Optional.of("listed " + row.jobs() + " of " + row.expected() + " jobs");
    }

    /** Stops the simulator. */
    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
