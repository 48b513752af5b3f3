package io.reductor.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and peak resident set size, as the Linux kernel accounts them in {@code /proc/<pid>/stat}
 * (user and system time, fields 14 and 15, in clock ticks) and {@code /proc/<pid>/status} ({@code VmHWM}).
 *
 * <p>The kernel updates the high-water mark lazily, so two reads of {@code VmHWM} of one live process can go down as
 * well as up; the runner reads it once, after the work.
 *
 * @param cpuSeconds    user + system CPU seconds so far
 * @param peakRssBytes  the largest resident set size so far
 */
record ProcStats(double cpuSeconds, long peakRssBytes) {

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux this runs on, read once to be sure. */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    /** Reads the figures of a live process. */
    static ProcStats of(long pid) {
        try {
            Path proc = Path.of("/proc", Long.toString(pid));
            return parse(Files.readString(proc.resolve("stat")), Files.readString(proc.resolve("status")),
                    TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc for process " + pid
                    + " (the end-to-end benchmarks need Linux)", e);
        }
    }

    /**
     * Reads the figures from the text of {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}.
     *
     * @param stat           one line, fields separated by spaces, the command name in parentheses as field 2
     * @param status         lines of {@code Name:\tvalue}, among them {@code VmHWM:\t<n> kB}
     * @param ticksPerSecond the unit of the CPU times in {@code stat}
     */
    static ProcStats parse(String stat, String status, long ticksPerSecond) {
        // The command name in field 2 is in parentheses and may hold spaces and parentheses: count fields after the
        // last ')'. Field 3 (the state) is then index 0, so utime (14) and stime (15) are indexes 11 and 12.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long peakKb = status.lines()
                .filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no VmHWM in the process's status"));
        return new ProcStats((double) ticks / ticksPerSecond, peakKb * 1024);
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
