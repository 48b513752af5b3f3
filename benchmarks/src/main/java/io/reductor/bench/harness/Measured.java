package io.reductor.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one client process reported, what the operating system accounted for it, and what the simulator saw of it.
 *
 * @param result            the process's {@code RESULT} object
 * @param workCpuSeconds    user + system CPU seconds between {@code GO} and {@code RESULT}
 * @param processCpuSeconds user + system CPU seconds over the process's whole life, start-up included
 * @param peakRssBytes      the process's peak resident set size ({@code VmHWM}) when it reported
 * @param requests          HTTP requests the simulator received between {@code GO} and {@code RESULT}
 */
public record Measured(JsonNode result, double workCpuSeconds, double processCpuSeconds, long peakRssBytes,
                       long requests) {

    /**
     * The peak resident set size in MiB.
     *
     * @return {@link #peakRssBytes()} / 2^20
     */
    public double peakRssMib() {
        return mib(peakRssBytes);
    }

    /**
     * The heap the client JVM allocated during the measured work ({@code allocatedBytes} of its {@code RESULT}, see
     * {@link ChildMain}), per unit of work.
     *
     * @param units the work's units, such as documents
     * @return KiB per unit, or {@code NaN} when the process does not report it (Node)
     */
    public double allocatedKibPer(int units) {
        JsonNode bytes = result.get("allocatedBytes");
        return bytes == null ? Double.NaN : bytes.asLong() / 1024.0 / units;
    }

    /**
     * A note for the progress line when the allocation count may be short: threads that ended during the work took
     * their counts with them.
     *
     * @return for example {@code " (allocation: 2 threads ended uncounted)"}, or nothing
     */
    public String allocationNote() {
        long ended = result.path("threadsEnded").asLong();
        return ended > 0 ? " (allocation: " + ended + " threads ended uncounted)" : "";
    }

    /**
     * A number of bytes in MiB.
     *
     * @param bytes bytes
     * @return bytes / 2^20
     */
    public static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
