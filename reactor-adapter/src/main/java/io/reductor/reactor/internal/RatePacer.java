package io.reductor.reactor.internal;

import io.reductor.reactor.KeyLimits;
import io.reductor.reactor.RequestPacer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Paces every call of one client to the rate the service accepts, learned from its 429 answers, so that bulk work
 * slows down to the limit instead of failing. Shared by all calls of a client (uploads, submissions, polls, listings)
 * and by the clients derived from it with {@code withOptions}.
 *
 * <p>The client's own {@link RequestPacer}. Two lanes, because Reducto has two limits: {@link Lane#REQUESTS} for
 * every call to the API (the per-key limit, {@code [CODE 1000]}, and 429s without a code), and {@link Lane#JOB_POLLS}
 * for {@code GET /job/{id}} (the polling limit, {@code [CODE 2000]}); a poll takes a turn in both. Calls to storage
 * URLs are not paced.
 *
 * <p>Each lane starts unpaced. After a 429 in a lane:
 * <ul>
 *   <li>every call of the lane waits for the server's {@code Retry-After} when it gives one;</li>
 *   <li>the lane's rate becomes the rate at which the service accepted its calls over the last second or two (calls
 *       sent, less those refused with 429; a slow call still under way counts as accepted), if that is lower, at most
 *       once a second, and never less than half the rate it had (so that one short measure, of a lane whose calls
 *       were few or that other clients of the key left nearly empty, cannot stall it): over a limit of L calls a
 *       second the service accepts about L, so the lane settles just under L, and an occasional 429 that is not
 *       about the rate (load shedding) takes off only the share it refused. Until the lane has sent calls in two
 *       seconds, {@value #EVIDENCE} at least, there is nothing to measure, and the lane is only held for the
 *       {@code Retry-After}, or a second without one; the calls held then ask for their turn again, so that a rate
 *       or a {@code Retry-After} the lane was given meanwhile applies to them;</li>
 *   <li>calls start one after another, spaced by the rate, which never falls below {@value #MIN_RATE} a second;</li>
 *   <li>each answer that is not a 429 raises the rate by 5 % of it a second, so the lane probes back towards the
 *       limit, and {@value #QUIET_SECONDS} s without a 429 end the pacing.</li>
 * </ul>
 * A lane whose limit the key's {@link KeyLimits} give starts paced at that limit instead of unpaced, never regains
 * past it, and returns to it after the quiet time.
 *
 * <p>Like TCP's congestion control it backs off at once and probes back slowly; unlike it, the cut is measured rather
 * than a fixed fraction, and turns are scheduled one by one rather than drawn from a token bucket, so calls never
 * burst. A poll reserves a turn in both lanes; a turn reserved by a call that is then cancelled is not given back,
 * but counts as sent only when it comes, so turns reserved ahead never inflate or hollow out the accepted rate.
 *
 * <p>Thread-safe: the state of each lane is changed under its own lock, briefly; nothing blocks, waits are
 * {@link Mono#delay} on the scheduler obtained per call, so virtual time drives them in tests.
 */
public final class RatePacer implements RequestPacer {

    private static final Set<Lane> NONE = Collections.unmodifiableSet(EnumSet.noneOf(Lane.class));
    private static final Set<Lane> REQUESTS_ONLY = Collections.unmodifiableSet(EnumSet.of(Lane.REQUESTS));
    private static final Set<Lane> POLL = Collections.unmodifiableSet(EnumSet.of(Lane.REQUESTS, Lane.JOB_POLLS));

    /** The lowest rate a lane is slowed to, in calls a second. */
    static final double MIN_RATE = 1.0;
    /** How many calls a lane must have sent in the last second or two for their accepted rate to mean something. */
    static final int EVIDENCE = 5;
    /** How long a lane goes without a 429 before it stops pacing. */
    static final long QUIET_SECONDS = 30;
    /** How much of its rate a lane regains for each second of answers that are not 429s. */
    static final double INCREASE_PER_SECOND = 0.05;
    /** How often a lane's rate may be cut: 429s of calls sent before the cut took effect say nothing new. */
    static final long DECREASE_SPACING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Supplier<Scheduler> scheduler;
    private final LaneState requests;
    private final LaneState polls;

    /** Creates a pacer whose clock and waits are those of the scheduler obtained per call. */
    public RatePacer(Supplier<Scheduler> scheduler) {
        this(scheduler, KeyLimits.unknown());
    }

    /** Creates a pacer that never goes faster than {@code limits}, its clock and waits those of the scheduler. */
    public RatePacer(Supplier<Scheduler> scheduler, KeyLimits limits) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(limits, "limits");
        this.requests = new LaneState(limits.of(Lane.REQUESTS));
        this.polls = new LaneState(limits.of(Lane.JOB_POLLS));
    }

    /** The lanes a call takes a turn in: none for storage URLs, both for job polls, {@code REQUESTS} otherwise. */
    public static Set<Lane> lanesOf(Call call) {
        if (!call.authenticated()) {
            return NONE;
        }
        return call.method().equals("GET") && call.operation().startsWith("GET /job/") ? POLL : REQUESTS_ONLY;
    }

    @Override
    public Mono<Void> turn(Set<Lane> lanes) {
        return Mono.defer(() -> {
            Scheduler timer = scheduler.get();
            long now = timer.now(TimeUnit.NANOSECONDS);
            long heldUntil = now;
            for (Lane lane : lanes) {
                heldUntil = Math.max(heldUntil, state(lane).holdEnd(now));
            }
            if (heldUntil > now) {
                // held by a 429 while not paced: ask again when the hold ends, so that the calls held together are
                // spaced by a rate (or held by a Retry-After) the lane was given meanwhile, not released all at once
                return Mono.delay(Duration.ofNanos(heldUntil - now), timer).then(turn(lanes));
            }
            long start = now;
            for (Lane lane : lanes) {
                start = Math.max(start, state(lane).reserve(now));
            }
            long wait = start - now;
            if (wait <= 0) {
                sent(lanes, now);
                return Mono.empty();
            }
            return Mono.delay(Duration.ofNanos(wait), timer)
                    .doOnNext(tick -> sent(lanes, timer.now(TimeUnit.NANOSECONDS)))
                    .then();
        });
    }

    /** Counts a call as sent in each of its lanes when its turn comes, not when it was reserved. */
    private void sent(Set<Lane> lanes, long now) {
        for (Lane lane : lanes) {
            state(lane).sent(now);
        }
    }

    @Override
    public void answered(Set<Lane> lanes) {
        long now = scheduler.get().now(TimeUnit.NANOSECONDS);
        for (Lane lane : lanes) {
            state(lane).answered(now);
        }
    }

    @Override
    public void rateLimited(Lane lane, Duration retryAfter) {
        state(lane).rateLimited(scheduler.get().now(TimeUnit.NANOSECONDS), retryAfter);
    }

    @Override
    public double rate(Lane lane) {
        return state(lane).rate();
    }

    private LaneState state(Lane lane) {
        return lane == Lane.REQUESTS ? requests : polls;
    }

    /** One lane: its rate, its schedule of turns, and counts of calls sent and refused, for the accepted rate. */
    private static final class LaneState {
        private static final long SECOND = 1_000_000_000L;
        /** The key's known limit for the lane, infinite when unknown: the rate never exceeds it. */
        private final double ceiling;
        private double rate;
        private long nextTurn = Long.MIN_VALUE;
        /** Until when the last {@code Retry-After} holds every call, or {@code Long.MIN_VALUE}. */
        private long retryAfterEnd = Long.MIN_VALUE;
        private long lastCut = Long.MIN_VALUE;
        private long lastRefusal = Long.MIN_VALUE;
        private long lastAnswer = Long.MIN_VALUE;
        private long windowStart = Long.MIN_VALUE;
        private int sentThisWindow;
        private int sentLastWindow;
        private int refusedThisWindow;
        private int refusedLastWindow;

        LaneState(double ceiling) {
            this.ceiling = ceiling;
            this.rate = ceiling;
        }

        synchronized double rate() {
            return rate;
        }

        /**
         * Until when a 429 holds the lane while it is not paced (a paced lane spaces its turns instead), or
         * {@code Long.MIN_VALUE}.
         */
        synchronized long holdEnd(long now) {
            endPacingIfQuiet(now);
            return Double.isInfinite(rate) ? nextTurn : Long.MIN_VALUE;
        }

        /** Reserves the next turn at or after {@code now} and gives its time. */
        synchronized long reserve(long now) {
            endPacingIfQuiet(now);
            if (Double.isInfinite(rate)) {
                return Math.max(now, nextTurn);
            }
            long turn = Math.max(now, nextTurn);
            nextTurn = turn + spacing();
            return turn;
        }

        private void endPacingIfQuiet(long now) {
            if (rate < ceiling && now - lastRefusal >= QUIET_SECONDS * SECOND) {
                rate = ceiling;
                // turns reserved while paced no longer space anything; only a Retry-After still holds
                nextTurn = retryAfterEnd;
            }
        }

        /** Counts a call sent at {@code now}, when its turn came. */
        synchronized void sent(long now) {
            roll(now);
            sentThisWindow++;
        }

        synchronized void answered(long now) {
            if (Double.isInfinite(rate)) {
                return;
            }
            long since = lastAnswer == Long.MIN_VALUE ? 0 : Math.max(0, now - lastAnswer);
            lastAnswer = now;
            rate = Math.min(ceiling, rate + rate * INCREASE_PER_SECOND * Math.min(1.0, since / 1e9));
        }

        synchronized void rateLimited(long now, Duration retryAfter) {
            roll(now);
            refusedThisWindow++;
            long wait = retryAfter != null ? retryAfter.toNanos() : SECOND;
            if (retryAfter != null) {
                retryAfterEnd = Math.max(retryAfterEnd, now + retryAfter.toNanos());
            }
            // measured once the lane sent calls in the second before this one too: a part of a second says little
            if (sentLastWindow > 0 && sentLastWindow + sentThisWindow >= EVIDENCE) {
                if (lastCut == Long.MIN_VALUE || now - lastCut >= DECREASE_SPACING_NANOS) {
                    lastCut = now;
                    lastAnswer = now;
                    // one short measure (of a lane whose calls were few, or that other clients of the key left
                    // nearly empty) must not stall the lane: a cut never more than halves the rate
                    double floor = Double.isInfinite(rate) ? MIN_RATE : Math.max(MIN_RATE, rate / 2);
                    rate = Math.max(floor, Math.min(rate, acceptedRate(now)));
                }
                wait = Math.max(retryAfter == null ? 0 : retryAfter.toNanos(), spacing());
            }
            lastRefusal = now;
            nextTurn = Math.max(nextTurn, now + wait);
        }

        private long spacing() {
            return (long) (1e9 / rate);
        }

        /**
         * Calls sent and not refused, a second, over the window before this one and this one so far.
         */
        private double acceptedRate(long now) {
            double elapsed = Math.min(1.0, (now - windowStart) / 1e9);
            int accepted = sentLastWindow + sentThisWindow - refusedLastWindow - refusedThisWindow;
            return Math.max(0, accepted) / (1.0 + elapsed);
        }

        /** Moves the one-second windows of sent and refused calls on to {@code now}. */
        private void roll(long now) {
            if (windowStart == Long.MIN_VALUE || now - windowStart >= 2 * SECOND) {
                sentLastWindow = 0;
                sentThisWindow = 0;
                refusedLastWindow = 0;
                refusedThisWindow = 0;
                windowStart = now;
            } else if (now - windowStart >= SECOND) {
                sentLastWindow = sentThisWindow;
                sentThisWindow = 0;
                refusedLastWindow = refusedThisWindow;
                refusedThisWindow = 0;
                windowStart += SECOND;
            }
        }
    }
}
