package io.reductor.reactor.internal;

import io.reductor.reactor.RequestPacer;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.JobUpdate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the client reports about its work: an observation of each HTTP exchange and of each awaited job, and meters
 * of 429 answers, the pacer's rates and bulk submissions. Its one implementation, {@link MicrometerTelemetry}, is
 * made only when the application gives the builder a registry; a client without one holds {@code null} instead, so
 * that no work is done and no Micrometer class is loaded.
 */
public interface Telemetry {

    /**
     * One attempt of {@code call} through {@code exchange}, observed from its start to its end.
     *
     * @param retry   whether an earlier attempt of the call failed
     * @param handler reads the response
     */
    <T> Mono<T> exchange(Call call, boolean retry, HttpExchange.ResponseHandler<T> handler, HttpExchange exchange);

    /** The updates of one awaited job, observed from subscription to the terminal status or the end of the wait. */
    Flux<JobUpdate> awaitJob(Flux<JobUpdate> updates);

    /** Counts a 429 answer to {@code call}, refused in {@code lane}. */
    void rateLimited(Call call, RequestPacer.Lane lane);

    /** Reports the current rate of each of the pacer's lanes. */
    void watch(RequestPacer pacer);

    /** The events of one document of a bulk run, counted in flight until they end and by outcome. */
    <K, R> Flux<BulkEvent<K, R>> bulkDocument(Flux<BulkEvent<K, R>> events);
}
