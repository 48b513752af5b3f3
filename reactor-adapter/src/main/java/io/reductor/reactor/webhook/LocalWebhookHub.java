package io.reductor.reactor.webhook;

import io.reductor.core.webhook.WebhookEvent;
import reactor.core.publisher.Mono;

import java.util.Objects;

/** {@link WebhookHub#create()}: deliveries deduplicated and recorded in this process. */
final class LocalWebhookHub implements WebhookHub {

    private final WebhookDeduplicator deduplicator;
    private final WebhookArrivals arrivals = new WebhookArrivals();

    LocalWebhookHub(WebhookDeduplicator deduplicator) {
        this.deduplicator = deduplicator;
    }

    @Override
    public Mono<Boolean> publish(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        return Mono.fromSupplier(() -> {
            if (!deduplicator.firstDelivery(event)) {
                return false;
            }
            arrivals.arrived(event.jobId());
            return true;
        });
    }

    @Override
    public long mark() {
        return arrivals.mark();
    }

    @Override
    public Mono<Void> arrivalAfter(String jobId, long mark) {
        return arrivals.arrivalAfter(jobId, mark);
    }
}
