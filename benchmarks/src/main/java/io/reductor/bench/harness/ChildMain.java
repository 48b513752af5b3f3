package io.reductor.bench.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol every measured client process follows, so the runner can read its CPU time and memory from the
 * operating system for exactly the measured work (the Node harness in {@code benchmarks/node} speaks it too):
 *
 * <ol>
 *   <li>the runner starts the process with {@code --name=value} arguments;</li>
 *   <li>the process prepares everything that is not the work (clients built, files opened) and prints
 *       {@code READY};</li>
 *   <li>the runner reads the process's CPU time from {@code /proc/<pid>/stat} and writes {@code GO} on its stdin;</li>
 *   <li>only when started with {@code --warm-up=true} (a warm run): the process does the work once, unmeasured,
 *       and prints {@code WARMED <one-line JSON object>}; the runner prepares the simulator for the measured part
 *       (the scenario may reset it), reads the CPU time again and writes {@code GO} again;</li>
 *   <li>the process does the work and prints {@code RESULT <one-line JSON object>}, to which it adds
 *       {@code allocatedBytes} and {@code threadsEnded} (see {@link AllocationMeter}) for the measured work;</li>
 *   <li>the runner reads CPU time and peak RSS ({@code VmHWM}) from {@code /proc} and closes stdin;</li>
 *   <li>the process exits 0 when stdin closes.</li>
 * </ol>
 *
 * <p>A failure prints {@code ERROR <message>} and exits 1. Anything else a process prints is passed through as log.
 */
public final class ChildMain {

    /** The argument that asks for a warm run; {@link #run} consumes it. */
    public static final String WARM_UP = "warm-up";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The work a client process measures. */
    @FunctionalInterface
    public interface Work {
        /**
         * Runs the measured work.
         *
         * @return the figures to report, written as the {@code RESULT} JSON object (numbers and strings only)
         * @throws Exception on failure; the process reports {@code ERROR} and exits 1
         */
        Map<String, Object> run() throws Exception;
    }

    /** Prepares a {@link Work} from the process's arguments. */
    @FunctionalInterface
    public interface Setup {
        /**
         * Builds what the work needs, before {@code READY}.
         *
         * @param args the {@code --name=value} arguments
         * @return the work to run on {@code GO}
         * @throws Exception on failure; the process reports {@code ERROR} and exits 1
         */
        Work prepare(Map<String, String> args) throws Exception;
    }

    private ChildMain() {
    }

    /**
     * Runs the protocol: setup, {@code READY}, wait for {@code GO}, work, {@code RESULT}, wait for stdin to close.
     *
     * @param args  the process's arguments, each {@code --name=value}
     * @param setup what builds the work
     */
    public static void run(String[] args, Setup setup) {
        PrintStream out = System.out;
        try {
            Map<String, String> arguments = parse(args);
            boolean warmUp = Boolean.parseBoolean(arguments.remove(WARM_UP));
            Work work = setup.prepare(arguments);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            out.println("READY");
            out.flush();
            expectGo(in);
            if (warmUp) {
                out.println("WARMED " + toJson(work.run()));
                out.flush();
                expectGo(in);
            }
            MeasuredWork measured = new MeasuredWork();
            measured.begin();
            AllocationMeter allocation = AllocationMeter.start();
            Map<String, Object> result = new LinkedHashMap<>(work.run());
            AllocationMeter.Reading allocated = allocation.read();
            measured.commit();
            result.put("allocatedBytes", allocated.bytes());
            result.put("threadsEnded", allocated.threadsEnded());
            out.println("RESULT " + toJson(result));
            out.flush();
            while (in.readLine() != null) {
                // wait for the runner to close stdin after it has read /proc
            }
            System.exit(0);
        } catch (Throwable e) {
            out.println("ERROR " + (e.getMessage() == null ? e.toString() : e.toString().replace('\n', ' ')));
            out.flush();
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void expectGo(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (!"GO".equals(line)) {
            throw new IllegalStateException("expected GO on stdin but read " + line);
        }
    }

    /**
     * A {@code RESULT} with the JVM's heap figures added: {@code heapPeakBytes}, the largest heap occupancy seen
     * (summed over the heap pools' peak usage, an upper bound on the live heap at any moment, since pools peak at
     * different times), and {@code heapMaxBytes}, the largest heap the JVM may grow to ({@code -Xmx}).
     *
     * @param figures the work's own figures
     * @return them and the heap figures, in that order
     */
    public static Map<String, Object> withHeapFigures(Map<String, Object> figures) {
        Map<String, Object> result = new LinkedHashMap<>(figures);
        result.put("heapPeakBytes", ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage == null ? 0 : usage.getUsed())
                .sum());
        result.put("heapMaxBytes", Runtime.getRuntime().maxMemory());
        return result;
    }

    /**
     * Reads a required argument.
     *
     * @param args the parsed arguments
     * @param name its name, without {@code --}
     * @return its value
     * @throws IllegalArgumentException if it is missing
     */
    public static String required(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing argument --" + name + "=...");
        }
        return value;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("arguments are --name=value, but got " + arg);
            }
            parsed.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return parsed;
    }

    static String toJson(Map<String, Object> values) throws JsonProcessingException {
        return JSON.writeValueAsString(values);
    }
}
