package io.reductor.reactor.internal;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A concurrency limit shared by every job-creating request of one client, adapting to the service's rate limits the
 * way TCP adapts to congestion (additive increase, multiplicative decrease): each 429 halves the limit (down to 1),
 * each success raises it by {@code 1/limit} (so by about one per round of successes) up to the maximum. A burst of
 * 429s therefore thins the traffic at once instead of turning into a storm of retries, and the rate recovers
 * gradually. Waiting for a permit does not block a thread: callers get a {@link Mono} that completes when a permit is
 * free, and cancelling it leaves the queue.
 */
public final class AdaptiveLimit {

    private final int max;
    private final Deque<MonoSink<Permit>> waiting = new ArrayDeque<>();
    private double limit;
    private int inUse;

    /**
     * Creates a limit that starts at, and never exceeds, {@code max}.
     *
     * @param max at least 1
     */
    public AdaptiveLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1 but was " + max);
        }
        this.max = max;
        this.limit = max;
    }

    /** A permit, once one is free; release it exactly once with the outcome of the request. */
    public Mono<Permit> acquire() {
        return Mono.<Permit>create(sink -> {
            Permit granted = null;
            synchronized (this) {
                if (inUse < currentLimit() && waiting.isEmpty()) {
                    inUse++;
                    granted = new Permit();
                } else {
                    waiting.addLast(sink);
                    sink.onCancel(() -> {
                        synchronized (this) {
                            waiting.remove(sink);
                        }
                    });
                }
            }
            if (granted != null) {
                sink.success(granted);
            }
        }).doOnDiscard(Permit.class, permit -> permit.release(false)); // granted to a subscriber that just left
    }

    /** The current limit, rounded down: how many requests may be in flight now. */
    public synchronized int currentLimit() {
        return Math.max(1, (int) limit);
    }

    /** How many permits are held. */
    public synchronized int inUse() {
        return inUse;
    }

    private void release(boolean rateLimited) {
        List<MonoSink<Permit>> ready = List.of();
        synchronized (this) {
            inUse--;
            limit = rateLimited ? Math.max(1.0, limit / 2) : Math.min(max, limit + 1.0 / limit);
            while (inUse < currentLimit() && !waiting.isEmpty()) {
                if (ready.isEmpty()) {
                    ready = new ArrayList<>();
                }
                inUse++;
                ready.add(waiting.pollFirst());
            }
        }
        for (MonoSink<Permit> sink : ready) {
            sink.success(new Permit());
        }
    }

    /** The right to send one request. */
    public final class Permit {
        private boolean released;

        private Permit() {
        }

        /** Returns the permit; {@code rateLimited} says whether the request met a 429. Later calls do nothing. */
        public void release(boolean rateLimited) {
            synchronized (AdaptiveLimit.this) {
                if (released) {
                    return;
                }
                released = true;
            }
            AdaptiveLimit.this.release(rateLimited);
        }
    }
}
