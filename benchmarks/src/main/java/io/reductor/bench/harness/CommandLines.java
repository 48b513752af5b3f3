package io.reductor.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the command lines of client processes and of JMH from the run's options: which Java, which jar, the extra
 * client JVM options, a flight recording per client, which Node and where its scripts are.
 */
public final class CommandLines {

    private final String java;
    private final Path jar;
    private final List<String> clientJvmOptions;
    private final boolean flightRecordings;
    private final Path logs;
    private final String node;
    private final Path nodeDir;

    /**
     * Command lines for a run.
     *
     * @param options the run's options
     * @param jar     the benchmarks jar the client JVMs run from
     */
    public CommandLines(RunOptions options, Path jar) {
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.jar = jar;
        this.clientJvmOptions = options.clientJvmOptions();
        this.flightRecordings = options.flightRecordings();
        this.logs = options.logs();
        this.node = options.node();
        this.nodeDir = options.nodeDir();
    }

    /**
     * The command line of one client process, before the scenario's arguments. A JVM gets its heap (the recipe's if
     * it has one, else the scenario's), the recipe's options and archive, the extra client JVM options and, with
     * {@code --jfr}, a flight recording into {@code <logs>/<name>.jfr}. A Node process ignores the recipe.
     *
     * @param program the client
     * @param name    the run's name, for the recording's file name
     * @param recipe  how the JVM is tuned
     * @return the command line
     */
    public List<String> client(ClientProgram program, String name, JvmRecipe recipe) {
        return command(program, name, recipe, "-XX:SharedArchiveFile=");
    }

    /**
     * The command line of the run that writes a recipe's class-data archive (see {@link #archive}): the same as
     * {@link #client}, except that the JVM writes the classes it loaded into the archive when it exits
     * ({@code -XX:ArchiveClassesAtExit}, a dynamic archive on top of the JDK's own).
     *
     * @param program the client
     * @param name    the run's name
     * @param recipe  a recipe with {@linkplain JvmRecipe#classDataArchive() an archive}
     * @return the command line
     */
    public List<String> archiveTraining(ClientProgram program, String name, JvmRecipe recipe) {
        return command(program, name, recipe, "-XX:ArchiveClassesAtExit=");
    }

    /**
     * Where the class-data archive of a JVM client is written and read: {@code <logs>/<main class>.jsa}.
     *
     * @param program the client
     * @return the archive's path, or empty for a Node client
     */
    public Optional<Path> archive(ClientProgram program) {
        return program instanceof ClientProgram.Jvm jvm
                ? Optional.of(logs.resolve(jvm.main().getSimpleName() + ".jsa")) : Optional.empty();
    }

    private List<String> command(ClientProgram program, String name, JvmRecipe recipe, String archiveOption) {
        List<String> command = new ArrayList<>();
        if (program instanceof ClientProgram.Jvm jvm) {
            command.addAll(List.of(java, recipe.heap().orElse(jvm.heap())));
            command.addAll(recipe.options());
            if (recipe.classDataArchive()) {
                command.add(archiveOption + archive(program).orElseThrow().toAbsolutePath());
            }
            command.addAll(clientJvmOptions);
            if (flightRecordings) {
                // deep enough for a job result's decoding, whose stacks pass JFR's default of 64 frames
                command.add("-XX:FlightRecorderOptions:stackdepth=256");
                command.add("-XX:StartFlightRecording:settings=profile,filename=" + logs.resolve(name + ".jfr"));
            }
            command.addAll(List.of("-cp", jar.toString(), jvm.main().getName()));
        } else if (program instanceof ClientProgram.Node script) {
            command.addAll(List.of(node, nodeDir.resolve(script.script()).toString()));
            command.addAll(script.arguments());
        }
        return command;
    }

    /**
     * Why a client cannot run on this machine.
     *
     * @param program the client
     * @return the reason, or empty when it can run
     */
    public Optional<String> unavailable(ClientProgram program) {
        if (program instanceof ClientProgram.Node script
                && !Files.isDirectory(nodeDir.resolve("node_modules").resolve(script.requiredModule()))) {
            return Optional.of(nodeDir + "/node_modules has no " + script.requiredModule()
                    + " (run npm ci there, as benchmarks/run does) or Node is missing");
        }
        return Optional.empty();
    }

    /**
     * The command line that runs the benchmarks jar's own main class (JMH's).
     *
     * @param arguments its arguments
     * @return the command line
     */
    public List<String> jar(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(arguments);
        return command;
    }
}
