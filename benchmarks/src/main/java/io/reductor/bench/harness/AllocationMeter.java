package io.reductor.bench.harness;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the bytes a JVM allocates on its heap over a stretch of work, summed over its threads with
 * {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])}: for each thread alive at the end, what it
 * allocated since the start (all of it for a thread started since).
 *
 * <p>A thread that ends before the reading takes its count with it: {@link Reading#threadsEnded()} says how many
 * did, so a reading that may be short says so. The count covers Java heap allocation by Java threads (TLABs and
 * outside them), not the JIT's or the collector's native memory, nor direct buffers.
 */
final class AllocationMeter {

    /**
     * What was allocated.
     *
     * @param bytes        heap bytes allocated by the threads alive at the end, since the start
     * @param threadsEnded threads that ended meanwhile, whose allocation is missing from {@code bytes}
     */
    record Reading(long bytes, long threadsEnded) {
    }

    private final com.sun.management.ThreadMXBean threads;
    private final Map<Long, Long> atStart = new HashMap<>();
    private final long startedBefore;

    private AllocationMeter() {
        this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        this.startedBefore = threads.getTotalStartedThreadCount();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                atStart.put(ids[i], bytes[i]);
            }
        }
    }

    /**
     * Starts counting now.
     *
     * @return the meter
     */
    static AllocationMeter start() {
        return new AllocationMeter();
    }

    /**
     * Reads what was allocated since {@link #start()}.
     *
     * @return the bytes and how many threads ended meanwhile
     */
    Reading read() {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        long total = 0;
        long alive = 0;
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                total += bytes[i] - atStart.getOrDefault(ids[i], 0L);
                alive++;
            }
        }
        long started = threads.getTotalStartedThreadCount() - startedBefore;
        return new Reading(total, Math.max(0, atStart.size() + started - alive));
    }
}
