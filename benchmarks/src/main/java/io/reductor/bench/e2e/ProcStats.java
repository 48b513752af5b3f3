package io.reductor.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and peak resident set size, as the Linux kernel accounts them in {@code /proc/<pid>/stat}
 * (user and system time, fields 14 and 15, in clock ticks) and {@code /proc/<pid>/status} ({@code VmHWM}).
 *
 * @param cpuSeconds    user + system CPU seconds so far
 * @param peakRssBytes  the largest resident set size so far
 */
record ProcStats(double cpuSeconds, long peakRssBytes) {

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux this runs on, read once to be sure. */
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    /** Reads the figures of a live process. */
    static ProcStats of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name in field 2 is in parentheses and may hold spaces: count fields after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long peakKb = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no VmHWM in /proc/" + pid + "/status"));
            return new ProcStats((double) ticks / TICKS_PER_SECOND, peakKb * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc for process " + pid
                    + " (the end-to-end benchmarks need Linux)", e);
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
