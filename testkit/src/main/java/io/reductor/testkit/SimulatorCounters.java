package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a simulator has seen, for tests and benchmarks: requests per endpoint (named like {@code "POST /parse_async"}
 * or {@code "GET /job/{job_id}"}), jobs created (in total, per type, per {@code async.metadata} value and per document
 * input, so duplicate submissions show), and the 429s and faults it answered with. Live and thread-safe: reads see
 * counts as they grow; {@link #reset()} starts again from zero. Route names are the {@link SimulatorRoute#key()} of
 * each route; every method taking one also takes the {@link SimulatorRoute}.
 */
public final class SimulatorCounters {

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> jobsByType = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> jobsByMetadata = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> jobsByInput = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();
    private final LongAdder jobs = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder webhooks = new LongAdder();
    /** Requests taken in per route: answered, or held with their wake-ups registered (see {@link #takenIn}). */
    private final Map<String, AtomicLong> takenIn = new ConcurrentHashMap<>();
    /** Threads in {@link #awaitTakenIn}; a request taken in wakes them only when there are some. */
    private final AtomicInteger waiting = new AtomicInteger();

    SimulatorCounters() {
    }

    void request(String endpoint) {
        requests.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    void job(String type, JsonNode metadata, String input) {
        jobs.increment();
        jobsByType.computeIfAbsent(type, k -> new LongAdder()).increment();
        if (metadata != null && !metadata.isNull() && !metadata.isMissingNode()) {
            jobsByMetadata.computeIfAbsent(metadataKey(metadata), k -> new LongAdder()).increment();
        }
        if (input != null) {
            jobsByInput.computeIfAbsent(input, k -> new LongAdder()).increment();
        }
    }

    /**
     * Counts a request of {@code endpoint} as taken in: the simulator has answered it (a job it creates exists, with
     * its timers registered), or holds it as a long poll whose wake-ups are registered. Called once per request.
     */
    void takenIn(String endpoint) {
        takenIn.computeIfAbsent(endpoint, k -> new AtomicLong()).incrementAndGet();
        if (waiting.get() > 0) {
            synchronized (waiting) {
                waiting.notifyAll();
            }
        }
    }

    /**
     * Blocks the calling thread, without sleeping, until {@code count} requests of {@code endpoint} have been taken in
     * since the start or the last reset.
     *
     * @throws AssertionError when {@code timeout} passes first
     */
    void awaitTakenIn(String endpoint, long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (waiting) {
            waiting.incrementAndGet(); // before reading the count, so that a request taken in after it wakes this
            try {
                while (takenInSoFar(endpoint) < count) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("Waited " + timeout.toMillis() + " ms for " + count + " requests of "
                                + endpoint + " to be taken in, but saw " + takenInSoFar(endpoint) + "; " + this);
                    }
                    TimeUnit.NANOSECONDS.timedWait(waiting, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for requests of " + endpoint, e);
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    private long takenInSoFar(String endpoint) {
        AtomicLong count = takenIn.get(endpoint);
        return count == null ? 0 : count.get();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void fault(String kind) {
        faults.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void webhook() {
        webhooks.increment();
    }

    /**
     * The key under which a metadata value is counted: its JSON text as the codec writes it.
     *
     * @param metadata the {@code async.metadata} value of a request; not {@code null}
     * @return a text value as itself, any other value as its compact JSON text
     */
    public static String metadataKey(JsonNode metadata) {
        return metadata.isTextual() ? metadata.textValue() : metadata.toString();
    }

    /**
     * Requests to one endpoint, such as {@code "POST /parse_async"} or {@code "GET /job/{job_id}"}.
     *
     * @param endpoint the method and the spec's path template, such as {@code "GET /job/{job_id}"}
     * @return the count so far, 0 for an endpoint never called
     */
    public long requests(String endpoint) {
        LongAdder count = requests.get(endpoint);
        return count == null ? 0 : count.sum();
    }

    /**
     * Requests to one route.
     *
     * @param route the route; not {@code null}
     * @return the count so far, 0 for a route never called
     */
    public long requests(SimulatorRoute route) {
        return requests(route.key());
    }

    /**
     * Requests per endpoint, sorted by endpoint.
     *
     * @return a sorted snapshot that does not change as more requests arrive
     */
    public Map<String, Long> requests() {
        return snapshot(requests);
    }

    /**
     * All requests.
     *
     * @return the count of every request received, unknown routes included
     */
    public long totalRequests() {
        return requests.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Jobs created, by sync and async calls alike.
     *
     * @return the count so far; requests refused before a job exists (bad key, invalid body, rate limit) add nothing
     */
    public long jobsCreated() {
        return jobs.sum();
    }

    /**
     * Jobs created per job type ({@code "Parse"}, {@code "Extract"}, ...).
     *
     * @return a sorted snapshot by job type
     */
    public Map<String, Long> jobsByType() {
        return snapshot(jobsByType);
    }

    /**
     * Jobs created with this {@code async.metadata}: a string as itself, any other JSON value by its compact JSON text
     * (see {@link #metadataKey}).
     *
     * @param key the metadata value as {@link #metadataKey} writes it
     * @return the count so far, 0 when no job had this metadata
     */
    public long jobsWithMetadata(String key) {
        LongAdder count = jobsByMetadata.get(key);
        return count == null ? 0 : count.sum();
    }

    /**
     * Jobs created per {@code async.metadata} key.
     *
     * @return a sorted snapshot by metadata key
     */
    public Map<String, Long> jobsByMetadata() {
        return snapshot(jobsByMetadata);
    }

    /**
     * Jobs created per document input ({@code reducto://...}, a URL, or {@code jobid://...}).
     *
     * @return a sorted snapshot by input, exactly as the requests sent it
     */
    public Map<String, Long> jobsByInput() {
        return snapshot(jobsByInput);
    }

    /**
     * Metadata keys with more than one job: duplicate submissions.
     *
     * @return a sorted snapshot of the metadata keys counted more than once, with their counts
     */
    public Map<String, Long> duplicateSubmissions() {
        Map<String, Long> duplicates = new TreeMap<>();
        jobsByMetadata.forEach((key, count) -> {
            if (count.sum() > 1) {
                duplicates.put(key, count.sum());
            }
        });
        return duplicates;
    }

    /**
     * Requests answered with 429.
     *
     * @return the count so far, over both rate limits
     */
    public long rateLimitedRequests() {
        return rateLimited.sum();
    }

    /**
     * Faults injected, by kind: {@code "503"}, {@code "reset"}, {@code "truncated"}, {@code "delay"}.
     *
     * @return a sorted snapshot by kind; kinds never injected are absent
     */
    public Map<String, Long> faults() {
        return snapshot(faults);
    }

    /**
     * Webhook deliveries attempted.
     *
     * @return the count so far, failed deliveries included
     */
    public long webhookDeliveries() {
        return webhooks.sum();
    }

    /** Sets every count back to zero. */
    public void reset() {
        requests.clear();
        takenIn.clear();
        jobsByType.clear();
        jobsByMetadata.clear();
        jobsByInput.clear();
        faults.clear();
        jobs.reset();
        rateLimited.reset();
        webhooks.reset();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, value) -> copy.put(key, value.sum()));
        return copy;
    }

    @Override
    public String toString() {
        return "SimulatorCounters{requests=" + requests() + ", jobs=" + jobsCreated() + ", rateLimited="
                + rateLimitedRequests() + ", faults=" + faults() + "}";
    }
}
