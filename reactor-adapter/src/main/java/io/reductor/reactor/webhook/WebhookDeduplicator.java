package io.reductor.reactor.webhook;

import io.reductor.core.webhook.WebhookEvent;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Drops redeliveries of webhooks. Reducto retries direct webhooks up to 3 times and Svix retries signed ones, so the
 * same event can arrive more than once; a delivery is a duplicate when an earlier one had the same
 * {@linkplain WebhookEvent#messageId() message id}, or the same job id and status.
 *
 * <p>Memory is bounded: the most recent {@code capacity} deliveries are remembered and, when a retention is given,
 * each is forgotten once that long has passed on the injected clock. A duplicate arriving after its original was
 * forgotten passes again. The memory belongs to the instance and is shared by every stream it is applied to (a
 * duplicate is dropped whichever request or subscription it arrives through); it is thread-safe and never blocks.
 *
 * <p>Use it as a transformer, {@code events.transform(deduplicator)}, or per request with
 * {@code receiver.receive(headers, body).filter(deduplicator::firstDelivery)}. Apply it only to verified events: a
 * rejected request never reaches it and so is never remembered.
 */
public final class WebhookDeduplicator implements Function<Flux<WebhookEvent>, Flux<WebhookEvent>> {

    /** The capacity of {@link #create()}: 10,000 deliveries. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, Delivery> byKey = new HashMap<>();
    private final ArrayDeque<Delivery> arrivals = new ArrayDeque<>();

    private WebhookDeduplicator(int capacity, Duration retention, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        this.capacity = capacity;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * A deduplicator remembering the last {@value #DEFAULT_CAPACITY} deliveries, with no time limit.
     *
     * @return a new deduplicator with its own, empty memory
     */
    public static WebhookDeduplicator create() {
        return ofCapacity(DEFAULT_CAPACITY);
    }

    /**
     * A deduplicator remembering the last {@code capacity} deliveries, with no time limit.
     *
     * @param capacity how many deliveries to remember; at least 1
     * @return a new deduplicator with its own, empty memory
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public static WebhookDeduplicator ofCapacity(int capacity) {
        return new WebhookDeduplicator(capacity, null, null);
    }

    /**
     * A deduplicator remembering the last {@code capacity} deliveries, each for {@code retention} as measured by
     * {@code clock}.
     *
     * @param capacity  how many deliveries to remember; at least 1
     * @param retention how long each delivery is remembered; positive
     * @param clock     the clock that ages deliveries, such as a test's fixed or mutable clock; not {@code null}
     * @return a new deduplicator with its own, empty memory
     * @throws IllegalArgumentException if {@code capacity} is less than 1 or {@code retention} is not positive
     */
    public static WebhookDeduplicator of(int capacity, Duration retention, Clock clock) {
        return new WebhookDeduplicator(capacity, Objects.requireNonNull(retention, "retention"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Records a delivery and says whether it is the first of its event: {@code false} when an earlier delivery that is
     * still remembered had the same message id, or the same job id and status.
     *
     * @param event a verified webhook; not {@code null}
     * @return {@code true} for the first delivery, which is now remembered; {@code false} for a duplicate
     */
    public synchronized boolean firstDelivery(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        Instant now = clock == null ? null : clock.instant();
        forgetExpired(now);
        String jobKey = "job\u0000" + event.jobId() + "\u0000" + event.status().value().toLowerCase(Locale.ROOT);
        String messageKey = event.messageId() == null ? null : "msg\u0000" + event.messageId();
        if (byKey.containsKey(jobKey) || (messageKey != null && byKey.containsKey(messageKey))) {
            return false;
        }
        Delivery delivery = new Delivery(jobKey, messageKey, now);
        arrivals.addLast(delivery);
        byKey.put(jobKey, delivery);
        if (messageKey != null) {
            byKey.put(messageKey, delivery);
        }
        if (arrivals.size() > capacity) {
            forget(arrivals.removeFirst());
        }
        return true;
    }

    /** The events of {@code events} that are first deliveries, in order; duplicates are dropped. */
    @Override
    public Flux<WebhookEvent> apply(Flux<WebhookEvent> events) {
        return events.filter(this::firstDelivery);
    }

    /**
     * How many deliveries are remembered now.
     *
     * @return the number of remembered deliveries, at most the capacity, after forgetting the expired ones
     */
    public synchronized int size() {
        forgetExpired(clock == null ? null : clock.instant());
        return arrivals.size();
    }

    private void forgetExpired(Instant now) {
        if (now == null) {
            return;
        }
        while (!arrivals.isEmpty() && !now.isBefore(arrivals.peekFirst().at().plus(retention))) {
            forget(arrivals.removeFirst());
        }
    }

    private void forget(Delivery delivery) {
        byKey.remove(delivery.jobKey(), delivery);
        if (delivery.messageKey() != null) {
            byKey.remove(delivery.messageKey(), delivery);
        }
    }

    private record Delivery(String jobKey, String messageKey, Instant at) {
    }
}
