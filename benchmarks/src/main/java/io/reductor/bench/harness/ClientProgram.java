package io.reductor.bench.harness;

import java.util.List;

/** How a client process is started: a JVM with a main class, or a Node script. {@link CommandLines} builds it. */
public sealed interface ClientProgram {

    /**
     * A Java client: a main class of the benchmarks jar, run under {@link ChildMain}'s protocol.
     *
     * @param main the class whose {@code main} runs the client
     * @param heap the JVM's heap option, for example {@code "-Xmx64m"}
     */
    record Jvm(Class<?> main, String heap) implements ClientProgram {
    }

    /**
     * A Node client: a script in the Node directory ({@code benchmarks/node}) speaking the same protocol.
     *
     * @param script         the script's file name
     * @param requiredModule the npm package it needs installed under {@code node_modules}
     * @param arguments      arguments it always gets, before the scenario's
     */
    record Node(String script, String requiredModule, List<String> arguments) implements ClientProgram {

        /** Copies the arguments. */
        public Node {
            arguments = List.copyOf(arguments);
        }
    }
}
