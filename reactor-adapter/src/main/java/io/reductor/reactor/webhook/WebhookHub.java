package io.reductor.reactor.webhook;

import io.reductor.core.webhook.WebhookEvent;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where an application hands the webhooks it receives, so that jobs it awaits with
 * {@link io.reductor.reactor.ReductoClient#awaitCompletion(String)} finish the moment their webhook arrives instead of
 * at the next poll. Give the hub to {@link io.reductor.reactor.ReductoClient.Builder#webhookHub(WebhookHub)} and call
 * {@link #publish(WebhookEvent)} from the endpoint that receives Reducto's webhooks (after verifying them). Repeated
 * deliveries are dropped by a {@link WebhookDeduplicator}. Thread-safe.
 */
public final class WebhookHub {

    private final WebhookDeduplicator deduplicator;
    private final Sinks.Many<WebhookEvent> arrivals = Sinks.many().multicast().directBestEffort();
    private final Map<String, Long> lastArrival = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    private WebhookHub(WebhookDeduplicator deduplicator) {
        this.deduplicator = deduplicator;
    }

    /**
     * A hub that remembers the last {@value WebhookDeduplicator#DEFAULT_CAPACITY} deliveries to drop repeats.
     *
     * @return a new hub with its own deduplicator
     */
    public static WebhookHub create() {
        return new WebhookHub(WebhookDeduplicator.create());
    }

    /**
     * A hub that drops repeated deliveries with {@code deduplicator}.
     *
     * @param deduplicator the deduplicator, which may also be applied elsewhere to share its memory; not {@code null}
     * @return a new hub
     */
    public static WebhookHub of(WebhookDeduplicator deduplicator) {
        return new WebhookHub(Objects.requireNonNull(deduplicator, "deduplicator"));
    }

    /**
     * Hands over a verified webhook; waiting watchers of its job poll at once.
     *
     * @param event a verified webhook; not {@code null}
     * @return whether it was new (false for a repeated delivery, which is dropped)
     */
    public boolean publish(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        if (!deduplicator.firstDelivery(event)) {
            return false;
        }
        lastArrival.put(event.jobId(), sequence.incrementAndGet());
        synchronized (arrivals) {
            arrivals.tryEmitNext(event);
        }
        return true;
    }

    /**
     * A marker of how far deliveries have got, to pass to {@link #arrivalAfter(String, long)}.
     *
     * @return the sequence number of the latest new delivery, {@code 0} before the first
     */
    public long mark() {
        return sequence.get();
    }

    /**
     * Completes as soon as a webhook for {@code jobId} has arrived after {@code mark} (at once if one already has);
     * never completes otherwise, so combine it with a timeout.
     *
     * @param jobId the job whose webhook is awaited
     * @param mark  a value of {@link #mark()} taken before the wait began
     * @return a {@code Mono} that completes empty on the job's next webhook, or at once if one arrived since
     *         {@code mark}
     */
    public Mono<Void> arrivalAfter(String jobId, long mark) {
        Mono<Void> next = arrivals.asFlux().filter(event -> event.jobId().equals(jobId)).next().then();
        // subscribed after `next`, so a delivery in between is seen by one or the other
        Mono<Void> already = Mono.defer(() -> {
            Long last = lastArrival.get(jobId);
            return last != null && last > mark ? Mono.<Void>empty() : Mono.<Void>never();
        });
        return Mono.firstWithSignal(next, already);
    }
}
