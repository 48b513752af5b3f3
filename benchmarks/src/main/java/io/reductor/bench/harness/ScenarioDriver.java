package io.reductor.bench.harness;

import io.reductor.bench.clients.Client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Drives any {@link Scenario} through the same loop: prepare it, one unmeasured warm-up run, then for each setting
 * every client {@linkplain Scenario#repetitions() repeatedly}, the clients taking turns going first so that none
 * always meets the machine in the same state, and per client and setting the run with the median time. Each run is a
 * fresh client process speaking {@link ChildMain}'s protocol, measured by {@link ChildProcess}.
 *
 * <p>What the harness failed to do is collected, not thrown: a client that could not run or failed, a row the
 * scenario finds wrong, fewer rows than settings times clients.
 */
public final class ScenarioDriver {

    /** The limit for one client process, from its start to its {@code RESULT}. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(30);

    /**
     * What one scenario produced.
     *
     * @param rows     per setting (in order) and client (in order), the median run
     * @param problems what the harness did not do, in words; empty when it did everything
     * @param <R>      the row type
     */
    public record Results<R>(List<R> rows, List<String> problems) {
    }

    private final List<Client> clients;
    private final CommandLines commands;
    private final Path logs;
    private final PrintStream out;

    /**
     * A driver.
     *
     * @param clients  the clients to measure, in report order, each in the scenarios that can run it
     * @param commands builds the client processes' command lines
     * @param logs     where each client process's standard error goes, as {@code <run name>.log}
     * @param out      where progress is printed
     */
    public ScenarioDriver(List<Client> clients, CommandLines commands, Path logs, PrintStream out) {
        this.clients = List.copyOf(clients);
        this.commands = commands;
        this.logs = logs;
        this.out = out;
    }

    /**
     * Runs a scenario to the end and closes it.
     *
     * @param scenario the scenario
     * @param <S>      its setting type
     * @param <R>      its row type
     * @return its rows and problems
     * @throws IOException if the scenario cannot be prepared or released
     * @throws InterruptedException if interrupted
     */
    public <S, R> Results<R> drive(Scenario<S, R> scenario) throws IOException, InterruptedException {
        List<Client> measured = clients.stream().filter(scenario.programs()::containsKey).toList();
        List<R> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (scenario) {
            scenario.open();
            Scenario.WarmUp<S> warmUp = scenario.warmUp();
            out.println("  warm-up of the simulator (not measured):");
            run(scenario, warmUp.setting(), warmUp.client(),
                    "warm-up-" + scenario.runName(warmUp.setting(), warmUp.client()), problems);
            int repetitions = scenario.repetitions();
            int round = 0;
            for (S setting : scenario.settings()) {
                Map<Client, List<R>> runs = new EnumMap<>(Client.class);
                for (int repetition = 0; repetition < repetitions; repetition++) {
                    for (Client client : rotated(measured, round++)) {
                        String name = scenario.runName(setting, client)
                                + (repetitions > 1 ? "-" + (repetition + 1) : "");
                        run(scenario, setting, client, name, problems).ifPresent(row ->
                                runs.computeIfAbsent(client, key -> new ArrayList<>()).add(row));
                    }
                }
                measured.stream().filter(runs::containsKey)
                        .forEach(client -> rows.add(median(runs.get(client), scenario::seconds)));
            }
            int expected = scenario.settings().size() * measured.size();
            if (rows.size() != expected) {
                problems.add(0, scenario.name() + ": " + rows.size() + " of " + expected + " client runs happened");
            }
        }
        return new Results<>(List.copyOf(rows), List.copyOf(problems));
    }

    private <S, R> Optional<R> run(Scenario<S, R> scenario, S setting, Client client, String name,
                                   List<String> problems) throws InterruptedException {
        ClientProgram program = scenario.programs().get(client);
        Optional<String> unavailable = commands.unavailable(program);
        if (unavailable.isPresent()) {
            out.println("  " + client + ": skipped, " + unavailable.get());
            return Optional.empty();
        }
        Path log = logs.resolve(name + ".log");
        try (SimulatorRun run = scenario.start(setting)) {
            List<String> command = new ArrayList<>(commands.client(program, name));
            command.addAll(run.arguments());
            out.println(scenario.headline(setting, client));
            Measured measured;
            try (ChildProcess process = ChildProcess.start(name, command, log)) {
                measured = process.run(RUN_LIMIT, () -> run.simulator().counters().totalRequests());
            }
            R row = scenario.row(setting, client, run, measured);
            out.println(scenario.summary(row));
            scenario.problem(row).ifPresent(problem -> problems.add(scenario.name() + " " + name + ": " + problem));
            return Optional.of(row);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage()).startsWith(name) ? e.getMessage()
                    : name + ": " + e;
            out.println("    FAILED: " + message);
            problems.add(scenario.name() + " " + message + " (log: " + log + ")");
            return Optional.empty();
        }
    }

    /** The list turned left by {@code round} places: each round, the next element goes first. */
    static <T> List<T> rotated(List<T> list, int round) {
        List<T> order = new ArrayList<>(list);
        Collections.rotate(order, -round);
        return order;
    }

    /** The run with the median time (the upper median of an even count). */
    static <R> R median(List<R> runs, ToDoubleFunction<R> seconds) {
        return runs.stream().sorted(Comparator.comparingDouble(seconds)).toList().get(runs.size() / 2);
    }
}
