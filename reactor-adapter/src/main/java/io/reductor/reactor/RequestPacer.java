package io.reductor.reactor;

import io.reductor.reactor.internal.RatePacer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Set;

/**
 * Paces a client's calls to the rate the service accepts, learned from its 429 answers. Every call to the API waits
 * for its {@link #turn}, and its answer is reported back ({@link #answered} or {@link #rateLimited}). The client makes
 * its own pacer unless the builder is given one ({@link ReductoClient.Builder#pacer(RequestPacer)}): give one pacer
 * to every client that uses the same API key, since Reducto's limits belong to the key. The Redis pacer of the
 * {@code reductor-redis} module shares one key's pace between processes.
 *
 * <p>Implementations are thread-safe and never block; waits are timers.
 */
public interface RequestPacer {

    /**
     * A pacer in this process's memory, like the one each client makes for itself, to give to several clients of
     * one API key; its waits run on {@link Schedulers#parallel()} (so virtual time in tests drives them).
     *
     * @return a new pacer with no lane paced
     */
    static RequestPacer inMemory() {
        return inMemory(KeyLimits.unknown());
    }

    /**
     * A pacer in this process's memory, as {@link #inMemory()}, that never sends faster than the key's known limits.
     *
     * @param limits the key's limits; not {@code null}
     * @return a new pacer, pacing each lane whose limit is known at that limit until a 429 slows it further
     */
    static RequestPacer inMemory(KeyLimits limits) {
        return new RatePacer(Schedulers::parallel, limits);
    }

    /** Reducto's two limits, each paced on its own. */
    enum Lane {
        /** Every call to the API: the per-key limit ({@code [CODE 1000]}, and 429s without a code). */
        REQUESTS,
        /** {@code GET /job/{id}}: the polling limit ({@code [CODE 2000]}); a poll takes a turn in both lanes. */
        JOB_POLLS
    }

    /**
     * Completes when a call may start: at once while its lanes are not paced, otherwise at its turn.
     *
     * @param lanes the lanes the call takes a turn in; not empty
     * @return completes empty when the call may start
     */
    Mono<Void> turn(Set<Lane> lanes);

    /**
     * Reports that a call was answered with something other than a 429.
     *
     * @param lanes the lanes the call took a turn in
     */
    void answered(Set<Lane> lanes);

    /**
     * Reports a 429 in {@code lane}.
     *
     * @param lane       the lane whose limit the service enforced
     * @param retryAfter how long the service asked every call to wait, or {@code null} when it did not say
     */
    void rateLimited(Lane lane, Duration retryAfter);

    /**
     * The rate {@code lane} is paced to now, for metrics.
     *
     * @param lane the lane
     * @return calls a second, {@link Double#POSITIVE_INFINITY} while the lane is not paced
     */
    double rate(Lane lane);
}
