package io.reductor.bench.harness;

import io.reductor.testkit.ReductoSimulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How long the first {@link ReductoSimulator#start()} in a JVM takes: starts {@code N} fresh JVMs (default 5) on this
 * JVM's class path, one after another; each times its first start (wall time; CPU time of the calling thread, which is
 * about what the start takes on an idle machine; CPU time of the whole process meanwhile, background threads and the
 * JIT compiler included), a second start, and the first request the first simulator answers (an empty
 * {@code POST /parse}, refused with 422 after validation against the spec, sent at once after the start). Prints one
 * row per JVM, the medians and the load average, which on a shared machine says how far to trust the wall times.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar io.reductor.bench.harness.SimulatorStartup [N]}</pre>
 */
public final class SimulatorStartup {

    private static final String CHILD = "--child";

    private SimulatorStartup() {
    }

    /**
     * Runs the measurement, or, with {@code --child}, is one measured JVM.
     *
     * @param args the number of JVMs to start, or {@code --child}
     * @throws Exception when a JVM cannot be started or fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(CHILD)) {
            measure();
            return;
        }
        int runs = args.length == 0 ? 5 : Integer.parseInt(args[0]);
        String loadBefore = loadAverage();
        List<double[]> rows = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            rows.add(child());
        }
        String[] columns = {"first start ms", "caller CPU ms", "process CPU ms", "second start ms", "first 422 ms"};
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-8s", "JVM"));
        for (String column : columns) {
            table.append(String.format(Locale.ROOT, "%17s", column));
        }
        table.append('\n');
        for (int run = 0; run < rows.size(); run++) {
            table.append(row(String.valueOf(run + 1), rows.get(run)));
        }
        double[] medians = new double[columns.length];
        for (int column = 0; column < columns.length; column++) {
            int c = column;
            medians[column] = median(rows.stream().mapToDouble(row -> row[c]).toArray());
        }
        table.append(row("median", medians));
        System.out.print(table);
        System.out.printf(Locale.ROOT, "%d cores, Java %s; load average before %s, after %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore,
                loadAverage());
    }

    private static String row(String name, double[] values) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-8s", name));
        for (double value : values) {
            row.append(String.format(Locale.ROOT, "%17.1f", value));
        }
        return row.append('\n').toString();
    }

    /** Starts one measured JVM and reads the figures it prints. */
    private static double[] child() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SimulatorStartup.class.getName(), CHILD)
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
            }
        }
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("The measured JVM failed: " + String.join("\n", output));
        }
        String result = output.stream().filter(line -> line.startsWith("STARTUP ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("No figures from the JVM: " + String.join("\n", output)));
        return Arrays.stream(result.substring("STARTUP ".length()).split(" ")).mapToDouble(Double::parseDouble)
                .toArray();
    }

    /**
     * One measured JVM: prints {@code STARTUP <first> <caller CPU> <process CPU> <second> <first 422>} in
     * milliseconds.
     */
    private static void measure() throws IOException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = os.getProcessCpuTime();
        long callerCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try (ReductoSimulator first = ReductoSimulator.start()) {
            long started = System.nanoTime();
            long firstCallerCpu = threads.getCurrentThreadCpuTime() - callerCpu;
            long firstCpu = os.getProcessCpuTime() - cpu;
            int status = emptyParse(first.port());
            long answered = System.nanoTime();
            if (status != 422) {
                throw new IllegalStateException("POST /parse with {} answered " + status + ", not 422");
            }
            long second = System.nanoTime();
            try (ReductoSimulator ignored = ReductoSimulator.start()) {
                long secondStarted = System.nanoTime();
                System.out.printf(Locale.ROOT, "STARTUP %.1f %.1f %.1f %.1f %.1f%n", (started - start) / 1e6,
                        firstCallerCpu / 1e6, firstCpu / 1e6, (secondStarted - second) / 1e6,
                        (answered - started) / 1e6);
            }
        }
    }

    /** Sends {@code POST /parse} with {@code {}} over a plain socket (no HTTP client to load) and reads the status. */
    private static int emptyParse(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /parse HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + ReductoSimulator.DEFAULT_API_KEY + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                    + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : Math.max(sorted[middle - 1], sorted[middle]);
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.exists(loadavg)) {
            return "unknown";
        }
        String[] fields = Files.readString(loadavg).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
