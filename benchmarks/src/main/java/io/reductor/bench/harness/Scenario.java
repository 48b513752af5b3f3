package io.reductor.bench.harness;

import io.reductor.bench.clients.Client;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of end-to-end measurement (ingest, upload, listing), driven by {@link ScenarioDriver}: what it sets up,
 * which clients it can run in which settings, how a run's client is started and pointed at a simulator, and what row
 * a run produces. The driver owns everything the scenarios share: the warm-up, the order of the clients, the
 * repetitions and their median, the process protocol and the checks.
 *
 * @param <S> a setting of the scenario, which every client is measured in (for ingest, a processing time and a
 *            concurrency)
 * @param <R> the report row of one run
 */
public interface Scenario<S, R> extends AutoCloseable {

    /**
     * The client and setting of the run that warms the simulator up before the measured ones and is not reported.
     *
     * @param client  the client
     * @param setting the setting
     * @param <S>     the scenario's setting type
     */
    record WarmUp<S>(Client client, S setting) {
    }

    /**
     * The scenario's name, as in {@code --scenarios} and in messages.
     *
     * @return for example {@code "ingest"}
     */
    String name();

    /**
     * The clients this scenario can measure, each with how its process is started. The run's options choose which of
     * them are measured.
     *
     * @return the programs by client
     */
    Map<Client, ClientProgram> programs();

    /**
     * The settings, each measured with every client, in report order.
     *
     * @return the settings
     */
    List<S> settings();

    /**
     * Whether each client is measured cold (a fresh process), warm (the same process after a warm-up of the same
     * size), or both.
     *
     * @return the modes, in report order; cold only unless the scenario says otherwise
     */
    default List<Mode> modes() {
        return List.of(Mode.COLD);
    }

    /**
     * The JVM recipes a client's runs in one mode are measured with in a setting, each a row of its own.
     *
     * @param setting the setting
     * @param client  the client
     * @param mode    cold or warm
     * @return the recipes, {@link JvmRecipe#DEFAULT} first; only the default unless the scenario says otherwise
     */
    default List<JvmRecipe> recipes(S setting, Client client, Mode mode) {
        return List.of(JvmRecipe.DEFAULT);
    }

    /**
     * Prepares the simulator between a warm run's warm-up and its measured work, while the client waits.
     *
     * @param run the simulator the run talks to
     */
    default void beforeMeasuredWork(SimulatorRun run) {
    }

    /**
     * Measured runs per client and setting; the run with the median time is reported.
     *
     * @return at least 1
     */
    int repetitions();

    /**
     * The unmeasured first run: the simulator runs in the runner's JVM, and without a warm-up whichever client came
     * first would also pay for the simulator's JIT compilation.
     *
     * @return the warm-up run
     */
    WarmUp<S> warmUp();

    /**
     * Prepares what every run shares (a file, a seeded simulator); called once, before the warm-up.
     *
     * @throws IOException if it cannot
     */
    default void open() throws IOException {
    }

    /**
     * Starts (or hands out) the simulator one run talks to.
     *
     * @param setting the run's setting
     * @return the simulator and the client's arguments
     */
    SimulatorRun start(S setting);

    /**
     * The run's name, for its log file and flight recording.
     *
     * @param setting the setting
     * @param client  the client
     * @return for example {@code "reductor-0ms-c64"}
     */
    String runName(S setting, Client client);

    /**
     * The line printed when a run starts.
     *
     * @param setting the setting
     * @param client  the client
     * @return the line, without its line end
     */
    String headline(S setting, Client client);

    /**
     * The report row of a run that completed the protocol.
     *
     * @param setting   the setting
     * @param contender the client, cold or warm, and its JVM recipe
     * @param run       the simulator it talked to, still running (to check what it received)
     * @param measured  what was measured
     * @return the row
     */
    R row(S setting, Contender contender, SimulatorRun run, Measured measured);

    /**
     * The wall time of a row's work, by which the median run is chosen.
     *
     * @param row a row
     * @return seconds
     */
    double seconds(R row);

    /**
     * The line printed when a run ends.
     *
     * @param row its row
     * @return the line, without its line end
     */
    String summary(R row);

    /**
     * What the row says went wrong with the harness, as opposed to a target missed: jobs that failed, an upload that
     * arrived damaged, a listing that came up short.
     *
     * @param row a row
     * @return the problem, or empty
     */
    Optional<String> problem(R row);

    /**
     * Releases what {@link #open()} prepared.
     *
     * @throws IOException if it cannot
     */
    @Override
    default void close() throws IOException {
    }
}
