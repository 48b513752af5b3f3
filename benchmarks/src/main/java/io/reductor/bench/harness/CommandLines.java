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
     * The command line of one client process, before the scenario's arguments. A JVM gets its heap, the extra client
     * JVM options and, with {@code --jfr}, a flight recording into {@code <logs>/<name>.jfr}.
     *
     * @param program the client
     * @param name    the run's name, for the recording's file name
     * @return the command line
     */
    public List<String> client(ClientProgram program, String name) {
        List<String> command = new ArrayList<>();
        if (program instanceof ClientProgram.Jvm jvm) {
            command.addAll(List.of(java, jvm.heap()));
            command.addAll(clientJvmOptions);
            if (flightRecordings) {
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
