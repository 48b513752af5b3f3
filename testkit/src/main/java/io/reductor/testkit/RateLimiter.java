package io.reductor.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per key: {@code perSecond} requests a second with a burst of one second's worth. Time comes from the
 * simulator's scheduler, so virtual time drives it too. Thread-safe.
 */
final class RateLimiter {

    private final double perSecond;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** Forgets every bucket: each key starts again with a full one. */
    void clear() {
        buckets.clear();
    }

    /** Takes a token for {@code key}: {@code null} when allowed, else how long until a token is free. */
    Duration acquire(String key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(perSecond, nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    private static final class Bucket {
        private final double rate;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(double rate, long now) {
            this.rate = rate;
            this.capacity = Math.max(1, rate);
            this.tokens = capacity;
            this.last = now;
        }

        synchronized Duration take(long now) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return null;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9));
        }
    }
}
