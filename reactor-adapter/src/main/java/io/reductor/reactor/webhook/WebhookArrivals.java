package io.reductor.reactor.webhook;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The webhooks one process has heard of, numbered in the order they came, for a {@link WebhookHub} to answer
 * {@link WebhookHub#mark()} and {@link WebhookHub#arrivalAfter} with. It remembers the last
 * {@value #DEFAULT_CAPACITY} jobs that had one; a watcher of a job forgotten since just polls after its silence.
 * Thread-safe.
 */
public final class WebhookArrivals {

    /** How many jobs' latest arrivals are remembered. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Sinks.Many<String> jobIds = Sinks.many().multicast().directBestEffort();
    private final Map<String, Long> lastArrival;
    private long sequence;

    /** An empty record remembering {@value #DEFAULT_CAPACITY} jobs. */
    public WebhookArrivals() {
        this.lastArrival = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > DEFAULT_CAPACITY;
            }
        };
    }

    /**
     * Records that a webhook of {@code jobId} arrived (here or, through a shared hub, anywhere): its watchers wake.
     *
     * @param jobId the job; not {@code null}
     */
    public void arrived(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        synchronized (this) {
            lastArrival.remove(jobId);
            lastArrival.put(jobId, ++sequence);
            jobIds.tryEmitNext(jobId);
        }
    }

    /**
     * How far arrivals have got.
     *
     * @return the number of the latest arrival, {@code 0} before the first
     */
    public synchronized long mark() {
        return sequence;
    }

    /**
     * Completes when a webhook of {@code jobId} arrived after {@code mark}, at once if one already has.
     *
     * @param jobId the job
     * @param mark  a value of {@link #mark()} taken before the wait began, or {@code 0} for any arrival
     * @return a {@code Mono} that completes empty on the arrival; never completes without one
     */
    public Mono<Void> arrivalAfter(String jobId, long mark) {
        Objects.requireNonNull(jobId, "jobId");
        Mono<Void> next = jobIds.asFlux().filter(jobId::equals).next().then();
        // subscribed after `next`, so an arrival in between is seen by one or the other
        Mono<Void> already = Mono.defer(() -> {
            Long last;
            synchronized (this) {
                last = lastArrival.get(jobId);
            }
            return last != null && last > mark ? Mono.<Void>empty() : Mono.<Void>never();
        });
        return Mono.firstWithSignal(next, already);
    }
}
