package io.reductor.bench.harness;

import io.reductor.testkit.ReductoSimulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulator one measured run talks to, and the arguments that point a client at it. A scenario hands out either a
 * fresh simulator, stopped when the run ends, or one it keeps for all its runs.
 */
public final class SimulatorRun implements AutoCloseable {

    private final ReductoSimulator simulator;
    private final List<String> arguments;
    private final boolean stopAfterRun;

    private SimulatorRun(ReductoSimulator simulator, List<String> arguments, boolean stopAfterRun) {
        this.simulator = simulator;
        List<String> all = new ArrayList<>(List.of("--base-url=" + simulator.baseUrl(),
                "--api-key=" + simulator.apiKey()));
        all.addAll(arguments);
        this.arguments = List.copyOf(all);
        this.stopAfterRun = stopAfterRun;
    }

    /**
     * A simulator started for this run alone, stopped when it ends.
     *
     * @param simulator the started simulator
     * @param arguments the client's arguments besides {@code --base-url} and {@code --api-key}
     * @return the run's simulator
     */
    public static SimulatorRun fresh(ReductoSimulator simulator, String... arguments) {
        return new SimulatorRun(simulator, List.of(arguments), true);
    }

    /**
     * A simulator the scenario keeps for all its runs (and stops itself).
     *
     * @param simulator the started simulator
     * @param arguments the client's arguments besides {@code --base-url} and {@code --api-key}
     * @return the run's simulator
     */
    public static SimulatorRun shared(ReductoSimulator simulator, String... arguments) {
        return new SimulatorRun(simulator, List.of(arguments), false);
    }

    /**
     * The simulator.
     *
     * @return the simulator
     */
    public ReductoSimulator simulator() {
        return simulator;
    }

    /**
     * The client's arguments: {@code --base-url}, {@code --api-key}, then the scenario's.
     *
     * @return {@code --name=value} arguments
     */
    public List<String> arguments() {
        return arguments;
    }

    /** Stops the simulator if it was started for this run alone. */
    @Override
    public void close() {
        if (stopAfterRun) {
            simulator.close();
        }
    }
}
