package io.reductor.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The runner's side of the {@link ChildMain} protocol: starts one measured client process, reads its CPU time and the
 * simulator's request count when it is ready and again when it reports, so the figures cover exactly the measured
 * work, and its peak RSS.
 */
final class ChildProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END = "\u0000end";

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("ERROR reading the process's output: " + e.getMessage());
            }
            lines.add(END);
        }, "bench-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a client process.
     *
     * @param name    a short name for messages and the log file
     * @param command the command line
     * @param log     where its standard error goes
     */
    static ChildProcess start(String name, List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ChildProcess(name, process);
    }

    /**
     * Runs the protocol to the end: READY, GO, (for a warm run: WARMED, then {@code beforeMeasured}, then GO again),
     * RESULT, then closes stdin and waits for the process to exit. CPU time and requests are read around the last
     * GO and RESULT only.
     *
     * @param timeout        the limit for READY, WARMED and RESULT
     * @param requests       the number of HTTP requests the simulator has received so far
     * @param warm           whether the process was started for a warm run (with {@code --warm-up=true})
     * @param beforeMeasured what to do between a warm run's warm-up and its measured work
     */
    Measured run(Duration timeout, LongSupplier requests, boolean warm, Runnable beforeMeasured)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        expect("READY", deadline);
        OutputStream stdin = process.getOutputStream();
        if (warm) {
            go(stdin);
            System.out.println("    warm-up done (not reported): " + expect("WARMED ", deadline));
            beforeMeasured.run();
        }
        long requestsBefore = requests.getAsLong();
        ProcStats ready = ProcStats.of(process.pid());
        go(stdin);
        String result = expect("RESULT ", deadline);
        ProcStats done = ProcStats.of(process.pid());
        stdin.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not exit after its stdin closed");
        }
        return new Measured(JSON.readTree(result), done.cpuSeconds() - ready.cpuSeconds(), done.cpuSeconds(),
                done.peakRssBytes(), requests.getAsLong() - requestsBefore);
    }

    private static void go(OutputStream stdin) throws IOException {
        stdin.write("GO\n".getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
    }

    private String expect(String prefix, long deadline) throws InterruptedException {
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException(name + " sent no " + prefix.trim() + " before the time limit");
            }
            if (line.equals(END)) {
                throw new IllegalStateException(name + " exited before " + prefix.trim());
            }
            if (line.startsWith("ERROR")) {
                throw new IllegalStateException(name + " failed: " + line.substring(5).trim());
            }
            if (line.startsWith(prefix) || line.equals(prefix.trim())) {
                return line.substring(Math.min(line.length(), prefix.length()));
            }
            System.out.println("  [" + name + "] " + line);
        }
    }

    /** Kills the process if it is still running. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
