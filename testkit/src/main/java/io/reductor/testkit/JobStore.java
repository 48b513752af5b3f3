package io.reductor.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.charset.StandardCharsets;

/**
 * The simulator's jobs, newest first for listing, forgotten once older than the retention period (12 hours by
 * default, measured on the configured clock): an expired job is answered like an unknown one.
 */
final class JobStore {

    private final Map<String, Job> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Job> bySequence = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;
    private final Duration retention;

    JobStore(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    void add(Job job) {
        byId.put(job.id, job);
        bySequence.put(job.sequence, job);
        if (job.sequence % 1024 == 0) {
            sweep();
        }
    }

    /**
     * Adds jobs made by {@code factory} as older than every job held: the {@code i}-th (0 the newest) gets a sequence
     * below all others, and never above 0 (jobs created by requests count from 1), so listing order and sweeping
     * (oldest sequence first) stay right.
     *
     * @param count   how many
     * @param factory makes the {@code i}-th job from its index and sequence
     */
    synchronized void addOldest(int count, java.util.function.BiFunction<Integer, Long, Job> factory) {
        long below = bySequence.isEmpty() ? 1 : Math.min(1, bySequence.firstKey());
        for (int i = 0; i < count; i++) {
            Job job = factory.apply(i, below - 1 - i);
            byId.put(job.id, job);
            bySequence.put(job.sequence, job);
        }
    }

    /** The creation time of the oldest job held, or {@code null} when there is none. */
    Instant oldestCreatedAt() {
        Map.Entry<Long, Job> oldest = bySequence.firstEntry();
        return oldest == null ? null : oldest.getValue().createdAt;
    }

    /** The job, or {@code null} when unknown or expired. */
    Job get(String id) {
        Job job = byId.get(id);
        if (job == null) {
            return null;
        }
        if (expired(job)) {
            remove(job);
            return null;
        }
        return job;
    }

    boolean expired(Job job) {
        return !job.createdAt.plus(retention).isAfter(clock.instant());
    }

    /**
     * One page of jobs, newest first.
     *
     * @param limit  the page size
     * @param cursor the cursor from the previous page, or {@code null} for the first page
     * @return the jobs, and the next cursor or {@code null} on the last page
     */
    Page page(int limit, String cursor) {
        sweep();
        NavigableMap<Long, Job> newestFirst = bySequence.descendingMap();
        if (cursor != null) {
            newestFirst = newestFirst.tailMap(decode(cursor), false);
        }
        List<Job> jobs = new ArrayList<>(Math.min(limit, 128));
        Job last = null;
        for (Job job : newestFirst.values()) {
            if (jobs.size() == limit) {
                return new Page(jobs, encode(last.sequence));
            }
            jobs.add(job);
            last = job;
        }
        return new Page(jobs, null);
    }

    /**
     * A page of jobs.
     *
     * @param jobs       the jobs
     * @param nextCursor the cursor of the next page, or {@code null}
     */
    record Page(List<Job> jobs, String nextCursor) {
    }

    /** Whether a cursor is one this store handed out. */
    static boolean validCursor(String cursor) {
        try {
            decode(cursor);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String encode(long sequence) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("job:" + sequence).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor) {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!text.startsWith("job:")) {
            throw new IllegalArgumentException("not a cursor");
        }
        try {
            return Long.parseLong(text.substring(4));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }

    /** Forgets expired jobs; the oldest come first, so this stops at the first live one. */
    void sweep() {
        Instant now = clock.instant();
        for (Job job : bySequence.values()) {
            if (job.createdAt.plus(retention).isAfter(now)) {
                break;
            }
            remove(job);
        }
    }

    private void remove(Job job) {
        job.cancel();
        byId.remove(job.id, job);
        bySequence.remove(job.sequence, job);
    }

    int size() {
        return byId.size();
    }

    /** Cancels every running job. */
    void cancelAll() {
        byId.values().forEach(Job::cancel);
    }

    /** Cancels every running job and forgets every job. */
    void clear() {
        cancelAll();
        byId.clear();
        bySequence.clear();
    }
}
