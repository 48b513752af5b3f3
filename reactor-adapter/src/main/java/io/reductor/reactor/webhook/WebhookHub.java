package io.reductor.reactor.webhook;

import io.reductor.core.webhook.WebhookEvent;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * Where an application hands the webhooks it receives, so that jobs it awaits with
 * {@link io.reductor.reactor.ReductoClient#awaitCompletion(String)} finish the moment their webhook arrives instead of
 * at the next poll. Give the hub to {@link io.reductor.reactor.ReductoClient.Builder#webhookHub(WebhookHub)} and call
 * {@link #publish(WebhookEvent)} from the endpoint that receives Reducto's webhooks (after verifying them); a result
 * await ({@code awaitResult}, {@code runJobAndAwait}, {@code submitAll}) then waits for the webhook before its one
 * poll, and polls anyway after {@link io.reductor.reactor.AwaitOptions#webhookSilence()}.
 *
 * <p>{@link #create()} serves one process; the Redis hub of the {@code reductor-redis} module fans each webhook out to
 * every instance that shares its Redis, so that the instance awaiting a job hears of a webhook another one received.
 * Implementations drop repeated deliveries and are thread-safe; {@link WebhookArrivals} keeps the per-process record
 * that {@link #mark()} and {@link #arrivalAfter} read.
 */
public interface WebhookHub {

    /**
     * A hub for one process that remembers the last {@value WebhookDeduplicator#DEFAULT_CAPACITY} deliveries to drop
     * repeats.
     *
     * @return a new hub with its own deduplicator
     */
    static WebhookHub create() {
        return new LocalWebhookHub(WebhookDeduplicator.create());
    }

    /**
     * A hub for one process that drops repeated deliveries with {@code deduplicator}.
     *
     * @param deduplicator the deduplicator, which may also be applied elsewhere to share its memory; not {@code null}
     * @return a new hub
     */
    static WebhookHub of(WebhookDeduplicator deduplicator) {
        return new LocalWebhookHub(Objects.requireNonNull(deduplicator, "deduplicator"));
    }

    /**
     * Hands over a verified webhook; watchers of its job, wherever the hub reaches, poll at once.
     *
     * @param event a verified webhook; not {@code null}
     * @return whether it was new: {@code false} for a repeated delivery, which is dropped
     */
    Mono<Boolean> publish(WebhookEvent event);

    /**
     * A marker of how far deliveries have got in this process, to pass to {@link #arrivalAfter(String, long)}.
     *
     * @return the sequence number of the latest delivery this process heard of, {@code 0} before the first
     */
    long mark();

    /**
     * Completes as soon as a webhook for {@code jobId} has arrived after {@code mark} (at once if one already has);
     * never completes otherwise, so combine it with a timeout. With {@code mark} {@code 0} any webhook of the job
     * counts, however long ago it arrived.
     *
     * @param jobId the job whose webhook is awaited
     * @param mark  a value of {@link #mark()} taken before the wait began, or {@code 0}
     * @return a {@code Mono} that completes empty on the job's next webhook, or at once if one arrived since
     *         {@code mark}
     */
    Mono<Void> arrivalAfter(String jobId, long mark);
}
