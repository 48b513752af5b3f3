package io.reductor.reactor.internal;

import io.reductor.reactor.RequestPacer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.model.job.JobType;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.JobUpdate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reports to Micrometer: observations to an {@link ObservationRegistry} and meters to a {@link MeterRegistry}, either
 * of which may be absent. Every tag has a few known values: a route names its path parameters ({@code {job_id}}), never
 * their values, and no URL, job id or key is ever a tag. An observation's parent is the one in the subscriber's
 * Reactor context, if any, so that traces nest.
 */
public final class MicrometerTelemetry implements Telemetry {

    /** The observation of one HTTP exchange (one attempt of a call). */
    public static final String EXCHANGE = "reductor.http.exchange";
    /** The observation of one awaited job. */
    public static final String JOB_AWAIT = "reductor.job.await";
    /** Counts 429 answers. */
    public static final String RATE_LIMITED = "reductor.http.rate.limited";
    /** The rate a pacer lane allows, in calls a second. */
    public static final String PACER_RATE = "reductor.pacer.rate";
    /** Documents of bulk runs in flight. */
    public static final String BULK_IN_FLIGHT = "reductor.bulk.in.flight";
    /** Documents of bulk runs finished, by outcome. */
    public static final String BULK_DOCUMENTS = "reductor.bulk.documents";

    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final AtomicInteger bulkInFlight = new AtomicInteger();
    private final Map<String, Counter> bulkOutcomes;

    /**
     * Creates telemetry reporting to the given registries.
     *
     * @param observations where observations go, or {@code null} for none
     * @param meters       where meters go, or {@code null} for none
     */
    private MicrometerTelemetry(ObservationRegistry observations, MeterRegistry meters) {
        this.observations = observations == ObservationRegistry.NOOP ? null : observations;
        this.meters = meters;
        if (meters == null) {
            this.bulkOutcomes = Map.of();
            return;
        }
        Gauge.builder(BULK_IN_FLIGHT, bulkInFlight, AtomicInteger::get)
                .description("Documents of bulk runs between their start and their outcome").register(meters);
        this.bulkOutcomes = Map.of("completed", outcomeCounter("completed"), "failed", outcomeCounter("failed"),
                "rejected", outcomeCounter("rejected"));
    }

    /**
     * Telemetry for the given registries, or {@code null} when neither would ever record anything.
     *
     * @param observations where observations go, or {@code null}
     * @param meters       where meters go, or {@code null}
     */
    public static Telemetry of(ObservationRegistry observations, MeterRegistry meters) {
        boolean observing = observations != null && observations != ObservationRegistry.NOOP;
        return observing || meters != null ? new MicrometerTelemetry(observations, meters) : null;
    }

    /** Whether observations are recorded now: a registry may get its handlers after the client is built. */
    private boolean observing() {
        return observations != null && !observations.isNoop();
    }

    private Counter outcomeCounter(String outcome) {
        return Counter.builder(BULK_DOCUMENTS).tag("outcome", outcome)
                .description("Documents of bulk runs that ended, by outcome").register(meters);
    }

    @Override
    public <T> Mono<T> exchange(Call call, boolean retry, HttpExchange.ResponseHandler<T> handler,
            HttpExchange exchange) {
        if (!observing()) {
            return exchange.exchange(call, handler);
        }
        return Mono.deferContextual(context -> {
            Observation observation = Observation.createNotStarted(EXCHANGE, observations)
                    .contextualName(call.route())
                    .parentObservation(parent(context))
                    .lowCardinalityKeyValue("operation", call.route())
                    .lowCardinalityKeyValue("method", call.method())
                    .lowCardinalityKeyValue("retry", Boolean.toString(retry))
                    .start();
            ExchangeEnd end = new ExchangeEnd(observation);
            HttpExchange.ResponseHandler<T> seen = (status, headers, body) -> {
                end.status = status;
                return handler.handle(status, headers, body);
            };
            // stopped before the signal goes on, so that whoever sees the end sees the observation stopped
            return exchange.exchange(call, seen)
                    .doOnSuccess(ignored -> end.stop(null, false))
                    .doOnError(error -> end.stop(error, false))
                    .doOnCancel(() -> end.stop(null, true));
        });
    }

    /** Stops an exchange's observation once, with the status the response handler saw and how it ended. */
    private static final class ExchangeEnd {
        private final Observation observation;
        private final AtomicBoolean stopped = new AtomicBoolean();
        volatile int status = -1;

        ExchangeEnd(Observation observation) {
            this.observation = observation;
        }

        void stop(Throwable error, boolean cancelled) {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            observation.lowCardinalityKeyValue("status", status < 0 ? "none" : Integer.toString(status))
                    .lowCardinalityKeyValue("outcome", outcome(error, cancelled));
            if (error != null) {
                observation.error(error);
            }
            observation.stop();
        }

        private String outcome(Throwable error, boolean cancelled) {
            if (cancelled) {
                return "cancelled";
            }
            if (status == 429) {
                return "rate_limited";
            }
            if (status >= 500) {
                return "server_error";
            }
            if (status >= 400) {
                return "client_error";
            }
            return error == null ? "success" : "error";
        }
    }

    @Override
    public Flux<JobUpdate> awaitJob(Flux<JobUpdate> updates) {
        if (!observing()) {
            return updates;
        }
        return Flux.deferContextual(context -> {
            Observation observation = Observation.createNotStarted(JOB_AWAIT, observations)
                    .parentObservation(parent(context))
                    .start();
            AwaitEnd end = new AwaitEnd(observation);
            return updates.doOnNext(update -> end.last = update)
                    .doOnComplete(() -> end.stop(null, false))
                    .doOnError(error -> end.stop(error, false))
                    .doOnCancel(() -> end.stop(null, true));
        });
    }

    /** Stops a wait's observation once, with the job's last update and how the wait ended. */
    private static final class AwaitEnd {
        private final Observation observation;
        private final AtomicBoolean stopped = new AtomicBoolean();
        volatile JobUpdate last;

        AwaitEnd(Observation observation) {
            this.observation = observation;
        }

        void stop(Throwable error, boolean cancelled) {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            JobType type = last == null ? null : last.response().type();
            observation.contextualName("await " + resource(type))
                    .lowCardinalityKeyValue("resource", resource(type))
                    .lowCardinalityKeyValue("status", status(error, cancelled));
            if (error != null) {
                observation.error(error);
            }
            observation.stop();
        }

        private static String resource(JobType type) {
            return type != null && type.isKnown() ? type.value().toLowerCase(Locale.ROOT) : "unknown";
        }

        /** The terminal status, or why the wait ended without one. */
        private String status(Throwable error, boolean cancelled) {
            if (last != null && last.isTerminal()) {
                return last.status().value().toLowerCase(Locale.ROOT);
            }
            if (error instanceof ReductoTimeoutException) {
                return "timeout";
            }
            return cancelled ? "abandoned" : "error";
        }
    }

    @Override
    public void rateLimited(Call call, RequestPacer.Lane lane) {
        if (meters != null) {
            Counter.builder(RATE_LIMITED).tag("operation", call.route()).tag("lane", laneName(lane))
                    .description("429 answers from the service").register(meters).increment();
        }
    }

    @Override
    public void watch(RequestPacer pacer) {
        if (meters == null) {
            return;
        }
        for (RequestPacer.Lane lane : RequestPacer.Lane.values()) {
            Gauge.builder(PACER_RATE, pacer, watched -> {
                        double rate = watched.rate(lane);
                        return Double.isInfinite(rate) ? Double.NaN : rate;
                    })
                    .tag("lane", laneName(lane)).baseUnit("calls/s")
                    .description("The rate the pacer allows: the key's known limit, or what 429s taught; "
                            + "NaN while not paced")
                    .register(meters);
        }
    }

    @Override
    public <K, R> Flux<BulkEvent<K, R>> bulkDocument(Flux<BulkEvent<K, R>> events) {
        if (meters == null) {
            return events;
        }
        return Flux.defer(() -> {
            bulkInFlight.incrementAndGet();
            AtomicBoolean ended = new AtomicBoolean();
            Runnable end = () -> {
                if (ended.compareAndSet(false, true)) {
                    bulkInFlight.decrementAndGet();
                }
            };
            // counted out before the end goes on, so that whoever sees the end sees the gauge without it
            return events.doOnNext(this::countOutcome).doOnTerminate(end).doOnCancel(end);
        });
    }

    private void countOutcome(BulkEvent<?, ?> event) {
        String outcome = event instanceof BulkEvent.Completed<?, ?> ? "completed"
                : event instanceof BulkEvent.Failed<?, ?> ? "failed"
                : event instanceof BulkEvent.Rejected<?, ?> ? "rejected" : null;
        if (outcome != null) {
            bulkOutcomes.get(outcome).increment();
        }
    }

    private static String laneName(RequestPacer.Lane lane) {
        return lane.name().toLowerCase(Locale.ROOT);
    }

    private static Observation parent(ContextView context) {
        return context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
    }
}
