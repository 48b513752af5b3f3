package io.reductor.bench.harness;

import io.reductor.bench.clients.Client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Drives any {@link Scenario} through the same loop: prepare it, one unmeasured warm-up run, then for each setting
 * every {@link Contender} (each client in each of the scenario's {@linkplain Scenario#modes() modes}, and cold in each
 * of its {@linkplain Scenario#recipes JVM recipes}) {@linkplain Scenario#repetitions() repeatedly}, the
 * contenders taking turns going first so that none always meets the machine in the same state, and per contender and
 * setting the run with the median time. Each run is a fresh client process speaking {@link ChildMain}'s protocol,
 * measured by {@link ChildProcess}; a warm run's process does the work once unmeasured before the measured work.
 * Before the first run of a recipe with an AppCDS archive, a training run of the same client and setting, not
 * reported, writes the archive ({@link CommandLines#archiveTraining}).
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
            Contender warmUpRun = Contender.cold(warmUp.client());
            run(scenario, warmUp.setting(), warmUpRun,
                    "warm-up-" + scenario.runName(warmUp.setting(), warmUp.client()), Run.UNREPORTED, problems);
            int repetitions = scenario.repetitions();
            int round = 0;
            int expected = 0;
            Set<Client> trained = EnumSet.noneOf(Client.class);
            for (S setting : scenario.settings()) {
                List<Contender> contenders = contenders(scenario, setting, measured);
                expected += contenders.size();
                for (Contender contender : contenders) {
                    if (contender.jvm().classDataArchive() && trained.add(contender.client())) {
                        out.println("  training run for " + contender.client() + "'s class-data archive (not"
                                + " measured):");
                        run(scenario, setting, contender, "cds-training-" + scenario.runName(setting,
                                contender.client()), Run.ARCHIVE_TRAINING, problems);
                    }
                }
                Map<Contender, List<R>> runs = new HashMap<>();
                for (int repetition = 0; repetition < repetitions; repetition++) {
                    for (Contender contender : rotated(contenders, round++)) {
                        String name = scenario.runName(setting, contender.client()) + contender.nameSuffix()
                                + (repetitions > 1 ? "-" + (repetition + 1) : "");
                        run(scenario, setting, contender, name, Run.MEASURED, problems).ifPresent(row ->
                                runs.computeIfAbsent(contender, key -> new ArrayList<>()).add(row));
                    }
                }
                contenders.stream().filter(runs::containsKey)
                        .forEach(contender -> rows.add(median(runs.get(contender), scenario::seconds)));
            }
            if (rows.size() != expected) {
                problems.add(0, scenario.name() + ": " + rows.size() + " of " + expected + " client runs happened");
            }
        }
        return new Results<>(List.copyOf(rows), List.copyOf(problems));
    }

    /** What a run is for. */
    private enum Run {
        /** Reported: a row. */
        MEASURED,
        /** Warms the simulator up. */
        UNREPORTED,
        /** Writes the class-data archive a recipe maps. */
        ARCHIVE_TRAINING
    }

    /** The contenders of a setting: per client, each mode, and in a JVM each of the scenario's recipes for it. */
    static <S> List<Contender> contenders(Scenario<S, ?> scenario, S setting, List<Client> clients) {
        List<Contender> contenders = new ArrayList<>();
        for (Client client : clients) {
            for (Mode mode : scenario.modes()) {
                List<JvmRecipe> recipes = scenario.programs().get(client) instanceof ClientProgram.Jvm
                        ? scenario.recipes(setting, client, mode) : List.of(JvmRecipe.DEFAULT);
                recipes.forEach(recipe -> contenders.add(new Contender(client, mode, recipe)));
            }
        }
        return contenders;
    }

    private <S, R> Optional<R> run(Scenario<S, R> scenario, S setting, Contender contender, String name, Run purpose,
                                   List<String> problems) throws InterruptedException {
        ClientProgram program = scenario.programs().get(contender.client());
        Optional<String> unavailable = commands.unavailable(program);
        if (unavailable.isPresent()) {
            out.println("  " + contender.client() + ": skipped, " + unavailable.get());
            return Optional.empty();
        }
        Path log = logs.resolve(name + ".log");
        try (SimulatorRun run = scenario.start(setting)) {
            boolean warm = contender.mode() == Mode.WARM;
            if (purpose == Run.ARCHIVE_TRAINING) {
                Optional<Path> archive = commands.archive(program);
                if (archive.isPresent()) {
                    Files.deleteIfExists(archive.get());
                }
            }
            List<String> command = new ArrayList<>(purpose == Run.ARCHIVE_TRAINING
                    ? commands.archiveTraining(program, name, contender.jvm())
                    : commands.client(program, name, contender.jvm()));
            command.addAll(run.arguments());
            if (warm) {
                command.add("--" + ChildMain.WARM_UP + "=true");
            }
            out.println(scenario.headline(setting, contender.client())
                    + (contender.nameSuffix().isEmpty() ? "" : " [" + contender.label() + "]"));
            Measured measured;
            try (ChildProcess process = ChildProcess.start(name, command, log)) {
                measured = process.run(RUN_LIMIT, () -> run.simulator().counters().totalRequests(), warm,
                        () -> scenario.beforeMeasuredWork(run));
            }
            R row = scenario.row(setting, contender, run, measured);
            out.println(scenario.summary(row) + measured.allocationNote());
            if (purpose == Run.ARCHIVE_TRAINING) {
                commands.archive(program).filter(archive -> !Files.isRegularFile(archive)).ifPresent(archive ->
                        problems.add(scenario.name() + " " + name + ": no class-data archive was written to "
                                + archive));
            }
            scenario.problem(row).ifPresent(problem -> problems.add(scenario.name() + " " + name + ": " + problem));
            return purpose == Run.MEASURED ? Optional.of(row) : Optional.empty();
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
