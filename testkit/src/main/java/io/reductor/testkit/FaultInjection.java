package io.reductor.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Faults the simulator injects into API requests, each at a rate in {@code [0, 1]}, drawn from a {@link java.util.Random}
 * seeded with {@link #seed()} so that the same sequence of requests meets the same faults. Immutable; build with
 * {@link #builder()}. One draw per request picks at most one of:
 * <ul>
 *   <li>{@linkplain Builder#serviceUnavailable 503}: answered at once with {@code {"detail": ...}}; the request is
 *       <em>not</em> processed (no job is created);</li>
 *   <li>{@linkplain Builder#connectionReset connection reset}: the request <em>is</em> processed (a job may be
 *       created), then the connection is reset without an answer: the ambiguous failure that tempts clients to
 *       submit twice;</li>
 *   <li>{@linkplain Builder#truncatedBody truncated body}: processed, then half of the body is sent under the full
 *       {@code Content-Length} and the connection closed;</li>
 * </ul>
 * and independently a {@linkplain Builder#delay(double, Duration) delay} before the answer.
 *
 * <pre>{@code
 * ReductoSimulator.builder()
 *     .faults(FaultInjection.builder().seed(42).serviceUnavailable(0.1).connectionReset(0.05).build())
 *     .start();
 * }</pre>
 *
 * @param seed               the seed of the random draws
 * @param serviceUnavailable the rate of 503 answers
 * @param connectionReset    the rate of connection resets after processing
 * @param truncatedBody      the rate of truncated bodies after processing
 * @param delayRate          the rate of delayed answers
 * @param delay              the added delay
 * @param endpoints          the endpoints faults apply to, as {@code "POST /parse_async"} or
 *                           {@code "GET /job/{job_id}"}; empty means every API endpoint
 */
public record FaultInjection(long seed, double serviceUnavailable, double connectionReset, double truncatedBody,
                             double delayRate, Duration delay, Set<String> endpoints) {

    /** No faults at all. */
    public static final FaultInjection NONE = builder().build();

    /**
     * Checks rates and copies the endpoint set.
     *
     * @param seed               the seed of the random draws
     * @param serviceUnavailable the rate of 503 answers, in {@code [0, 1]}
     * @param connectionReset    the rate of resets after processing, in {@code [0, 1]}
     * @param truncatedBody      the rate of truncated bodies, in {@code [0, 1]}; with the two rates before, at most 1
     *                           in all
     * @param delayRate          the rate of delayed answers, in {@code [0, 1]}, drawn independently of the others
     * @param delay              the added delay; zero or more, not {@code null}
     * @param endpoints          the endpoints faults apply to; not {@code null}, empty for all
     * @throws IllegalArgumentException when a rate is outside {@code [0, 1]} or NaN, the three exclusive rates add up
     *                                  to more than 1, or {@code delay} is negative
     */
    public FaultInjection {
        rate(serviceUnavailable, "serviceUnavailable");
        rate(connectionReset, "connectionReset");
        rate(truncatedBody, "truncatedBody");
        rate(delayRate, "delayRate");
        if (serviceUnavailable + connectionReset + truncatedBody > 1.0 + 1e-9) {
            throw new IllegalArgumentException("the rates of 503, reset and truncation add up to more than 1");
        }
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative but was " + delay);
        }
        endpoints = Set.copyOf(endpoints);
    }

    /**
     * A builder with no faults and seed 0.
     *
     * @return a new builder; every rate 0, delay zero, all endpoints
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether any fault can happen.
     *
     * @return {@code true} when a rate is above 0; {@link #NONE} returns {@code false}
     */
    public boolean isActive() {
        return serviceUnavailable > 0 || connectionReset > 0 || truncatedBody > 0 || delayRate > 0;
    }

    /**
     * Whether faults apply to the endpoint named like {@code "POST /parse"}.
     *
     * @param endpoint the method and the spec's path template, such as {@code "GET /job/{job_id}"}
     * @return {@code true} when no endpoints were named or this is one of them
     */
    public boolean appliesTo(String endpoint) {
        return endpoints.isEmpty() || endpoints.contains(endpoint);
    }

    private static void rate(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a rate in [0, 1] but was " + value);
        }
    }

    /** Builds {@link FaultInjection} values. */
    public static final class Builder {
        private long seed;
        private double serviceUnavailable;
        private double connectionReset;
        private double truncatedBody;
        private double delayRate;
        private Duration delay = Duration.ZERO;
        private Set<String> endpoints = Set.of();

        private Builder() {
        }

        /**
         * The seed of the random draws; the same seed and request sequence give the same faults.
         *
         * @param seed any value; 0 by default
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The rate of 503 answers, before processing.
         *
         * @param rate the share of requests answered 503, from 0 to 1; checked by {@link #build()}
         * @return this builder
         */
        public Builder serviceUnavailable(double rate) {
            this.serviceUnavailable = rate;
            return this;
        }

        /**
         * The rate of connection resets, after processing.
         *
         * @param rate the share of requests whose connection is reset, from 0 to 1; checked by {@link #build()}
         * @return this builder
         */
        public Builder connectionReset(double rate) {
            this.connectionReset = rate;
            return this;
        }

        /**
         * The rate of bodies cut in half (under the full {@code Content-Length}), after processing.
         *
         * @param rate the share of answers truncated, from 0 to 1; checked by {@link #build()}
         * @return this builder
         */
        public Builder truncatedBody(double rate) {
            this.truncatedBody = rate;
            return this;
        }

        /**
         * The rate of answers held back by {@code delay} first.
         *
         * @param rate  the share of answers delayed, from 0 to 1; checked by {@link #build()}
         * @param delay how long a delayed answer is held back; not {@code null}, zero or more
         * @return this builder
         */
        public Builder delay(double rate, Duration delay) {
            this.delayRate = rate;
            this.delay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * Restricts faults to these endpoints, named like {@code "POST /parse_async"}.
         *
         * @param endpoints the method and path template of each, such as {@code "POST /parse"}; none means every
         *                  endpoint
         * @return this builder
         */
        public Builder endpoints(String... endpoints) {
            this.endpoints = Set.of(endpoints);
            return this;
        }

        /**
         * Restricts faults to these routes.
         *
         * @param routes the routes faults apply to; none means every route of the API
         * @return this builder
         */
        public Builder endpoints(SimulatorRoute... routes) {
            return endpoints(java.util.Arrays.stream(routes).map(SimulatorRoute::key).toArray(String[]::new));
        }

        /**
         * Creates the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException when a rate is outside {@code [0, 1]}, the three exclusive rates add up to
         *                                  more than 1, or the delay is negative
         */
        public FaultInjection build() {
            return new FaultInjection(seed, serviceUnavailable, connectionReset, truncatedBody, delayRate, delay,
                    endpoints);
        }
    }
}
