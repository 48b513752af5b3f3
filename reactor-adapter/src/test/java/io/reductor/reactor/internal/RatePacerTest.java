package io.reductor.reactor.internal;

import io.reductor.reactor.KeyLimits;
import io.reductor.reactor.RequestPacer;
import io.reductor.reactor.RetryPolicy;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The client-wide pacer in virtual time: unpaced at first, spaced after a 429, probing back up, lanes apart. */
class RatePacerTest {

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();
    private final RatePacer pacer = new RatePacer(() -> vts);

    @Test
    void callsAreNotPacedUntilTheFirst429() {
        List<Long> starts = startTimes(20, submit());

        assertThat(starts).containsOnly(0L);
        assertThat(pacer.rate(RequestPacer.Lane.REQUESTS)).isInfinite();
    }

    @Test
    void after429CallsAreSpacedAtTheRateTheServiceAccepted() {
        double rate = refusedASecondAfterAccepting(30); // 30 calls accepted, then one refused a second later
        assertThat(rate).isCloseTo(29, within(0.5));
        List<Long> starts = startTimes(5, submit());
        double spacing = 1000 / rate;
        // the first waits one spacing after the 429, each next one spacing later (to the millisecond)
        assertThat(starts).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat((double) starts.get(i)).isCloseTo(1000 + (i + 1) * spacing, within(1.0));
        }
    }

    @Test
    void aRetryAfterHoldsEveryCallOfTheLane() {
        accept(1, submit());
        pacer.rateLimited(RequestPacer.Lane.REQUESTS, Duration.ofSeconds(7));

        assertThat(startTimes(1, submit()).get(0)).isEqualTo(7_000L);
    }

    @Test
    void manyConcurrent429sCutTheRateOnceASecond() {
        double cut = refusedASecondAfterAccepting(100);
        for (int i = 0; i < 50; i++) {
            pacer.rateLimited(RequestPacer.Lane.REQUESTS, null);
        }

        assertThat(cut).isCloseTo(99, within(1.0));
        assertThat(pacer.rate(RequestPacer.Lane.REQUESTS)).isEqualTo(cut);
    }

    @Test
    void anOccasional429TakesOffOnlyTheShareOfCallsItRefused() {
        // a service that accepts 96 % of 200 calls a second and refuses the rest for reasons of its own
        accept(200, submit());
        for (int i = 0; i < 7; i++) {
            pacer.rateLimited(RequestPacer.Lane.REQUESTS, null);
        }
        vts.advanceTimeBy(Duration.ofSeconds(1));
        pacer.rateLimited(RequestPacer.Lane.REQUESTS, null);

        assertThat(pacer.rate(RequestPacer.Lane.REQUESTS)).isCloseTo(192, within(1.0));
    }

    @Test
    void answersRaiseTheRateByAbout5PercentASecond() {
        double cut = refusedASecondAfterAccepting(10);

        for (int second = 1; second <= 10; second++) {
            vts.advanceTimeBy(Duration.ofSeconds(1));
            pacer.answered(RatePacer.lanesOf(submit()));
        }

        assertThat(pacer.rate(RequestPacer.Lane.REQUESTS)).isCloseTo(cut * Math.pow(1.05, 10), within(0.01 * cut));
    }

    @Test
    void thePollingLimitSlowsPollsOnlyAndAPollTakesATurnInBothLanes() {
        accept(30, poll());
        vts.advanceTimeBy(Duration.ofSeconds(1));
        pacer.rateLimited(RequestPacer.Lane.JOB_POLLS, null);

        assertThat(pacer.rate(RequestPacer.Lane.JOB_POLLS)).isFinite();
        assertThat(pacer.rate(RequestPacer.Lane.REQUESTS)).isInfinite();
        assertThat(startTimes(3, submit())).containsOnly(vts.now(TimeUnit.MILLISECONDS));
        assertThat(RatePacer.lanesOf(poll())).containsExactly(RequestPacer.Lane.REQUESTS, RequestPacer.Lane.JOB_POLLS);
        assertThat(RatePacer.lanesOf(submit())).containsExactly(RequestPacer.Lane.REQUESTS);
    }

    @Test
    void storageCallsAreNeverPaced() {
        accept(10, submit());
        pacer.rateLimited(RequestPacer.Lane.REQUESTS, Duration.ofMinutes(1));
        Call storage = new Call("PUT", URI.create("https://storage.example/put"), "PUT presigned upload URL", Map.of(),
                RequestBody.NONE, Call.Safety.REPEATABLE, false, Duration.ofSeconds(60), RetryPolicy.defaults(), null);

        assertThat(RatePacer.lanesOf(storage)).isEmpty();
        assertThat(startTimes(3, storage)).containsOnly(0L);
    }

    @Test
    void theRateNeverFallsBelowTheFloor() {
        // four calls sent and refused (too few to measure: the lane is held a second); a second later one more is
        // sent and refused: nothing was accepted
        startTimes(4, submit());
        for (int i = 0; i < 4; i++) {
            pacer.rateLimited(RequestPacer.Lane.REQUESTS, null);
        }
        startTimes(1, submit());
        pacer.rateLimited(RequestPacer.Lane.REQUESTS, null);

        assertThat(pacer.rate(RequestPacer.Lane.REQUESTS)).isEqualTo(RatePacer.MIN_RATE);
    }

    @Test
    void aCutNeverMoreThanHalvesTheRate() {
        double rate = refusedASecondAfterAccepting(30);
        // the next ten calls are all refused, and a second after the cut so is one more: nothing was accepted
        startTimes(10, submit());
        for (int i = 0; i < 10; i++) {
            pacer.rateLimited(RequestPacer.Lane.REQUESTS, null);
        }
        vts.advanceTimeBy(Duration.ofSeconds(1));
        pacer.rateLimited(RequestPacer.Lane.REQUESTS, null);

        assertThat(pacer.rate(RequestPacer.Lane.REQUESTS)).isEqualTo(rate / 2);
    }

    /**
     * Calls held by a 429 that had nothing to measure ask for their turn again when the hold ends, so that a
     * {@code Retry-After} given while they waited holds them too, rather than their starting at the first hold's end.
     */
    @Test
    void callsHeldBeforeThereIsARateAskAgainWhenTheHoldEnds() {
        accept(1, submit());
        pacer.rateLimited(RequestPacer.Lane.REQUESTS, null);
        List<Long> starts = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            pacer.turn(RatePacer.lanesOf(submit()))
                    .subscribe(null, null, () -> starts.add(vts.now(TimeUnit.MILLISECONDS)));
        }
        vts.advanceTimeBy(Duration.ofMillis(500));
        pacer.rateLimited(RequestPacer.Lane.REQUESTS, Duration.ofSeconds(3));

        assertThat(startTimes(1, submit())).containsOnly(3_500L);
        assertThat(starts).containsOnly(3_500L).hasSize(3);
    }

    @Test
    void aLone429WithoutEvidenceOfARateOnlyPausesTheLaneForASecond() {
        accept(1, submit());
        pacer.rateLimited(RequestPacer.Lane.REQUESTS, null);

        assertThat(pacer.rate(RequestPacer.Lane.REQUESTS)).isInfinite();
        assertThat(startTimes(3, submit())).containsOnly(1_000L);
    }

    @Test
    void thirtySecondsWithoutA429EndThePacing() {
        assertThat(refusedASecondAfterAccepting(20)).isFinite();

        vts.advanceTimeBy(Duration.ofSeconds(RatePacer.QUIET_SECONDS));
        long now = vts.now(TimeUnit.MILLISECONDS);

        assertThat(startTimes(5, submit())).containsOnly(now);
        assertThat(pacer.rate(RequestPacer.Lane.REQUESTS)).isInfinite();
    }

    /**
     * Turns reserved while the lane was paced (here 40 seconds' worth) do not hold back the calls that come after the
     * pacing has ended: a lane that is not paced has no schedule.
     */
    @Test
    void whenThePacingEndsLaterCallsDoNotWaitForTurnsReservedBeforeIt() {
        assertThat(refusedASecondAfterAccepting(30)).isCloseTo(29, within(0.5));
        for (int i = 0; i < 40 * 29; i++) {
            pacer.turn(RatePacer.lanesOf(submit())).subscribe();
        }

        vts.advanceTimeBy(Duration.ofSeconds(RatePacer.QUIET_SECONDS));
        long now = vts.now(TimeUnit.MILLISECONDS);

        assertThat(startTimes(1, submit())).containsOnly(now);
        assertThat(pacer.rate(RequestPacer.Lane.REQUESTS)).isInfinite();
    }

    /**
     * Turns reserved ahead are counted as sent when they come: a 429 near the end of three seconds of turns reserved
     * at once measures the rate they were sent at, rather than finding the windows empty (they were all counted at
     * the reservation) and pausing the lane for a second.
     */
    @Test
    void turnsReservedAheadCountAsSentWhenTheyCome() {
        double rate = refusedASecondAfterAccepting(30);
        Flux.range(0, (int) (3 * rate)).flatMap(i -> pacer.turn(RatePacer.lanesOf(submit()))).subscribe();

        vts.advanceTimeBy(Duration.ofMillis(2_900));
        pacer.rateLimited(RequestPacer.Lane.REQUESTS, null);

        assertThat(pacer.rate(RequestPacer.Lane.REQUESTS)).isCloseTo(rate, within(1.5));
        long now = vts.now(TimeUnit.MILLISECONDS);
        // the turns still reserved end about 100 ms from now; the next comes one spacing after them
        assertThat(startTimes(1, submit()).get(0) - now).isLessThan(200L);
    }

    @Test
    void aLaneWithAKnownLimitIsPacedAtItFromTheFirstCall() {
        RatePacer limited = new RatePacer(() -> vts, new KeyLimits(10, Double.POSITIVE_INFINITY));

        assertThat(startTimes(limited, 4, submit())).containsExactly(0L, 100L, 200L, 300L);
        assertThat(limited.rate(RequestPacer.Lane.REQUESTS)).isEqualTo(10.0);
        assertThat(limited.rate(RequestPacer.Lane.JOB_POLLS)).isInfinite();
    }

    @Test
    void aLaneCutBelowItsKnownLimitRegainsUpToItAndReturnsToItWhenQuiet() {
        RatePacer limited = new RatePacer(() -> vts, new KeyLimits(20, Double.POSITIVE_INFINITY));
        startTimes(limited, 20, submit()); // a second of calls at the limit
        for (int i = 0; i < 20; i++) {
            limited.answered(RatePacer.lanesOf(submit()));
        }
        for (int i = 0; i < 10; i++) {
            limited.rateLimited(RequestPacer.Lane.REQUESTS, null);
        }
        vts.advanceTimeBy(Duration.ofSeconds(1));
        limited.rateLimited(RequestPacer.Lane.REQUESTS, null);
        double cut = limited.rate(RequestPacer.Lane.REQUESTS);
        assertThat(cut).as("nearly all refused, but a cut at most halves").isEqualTo(10.0);

        for (int second = 0; second < 20; second++) {
            vts.advanceTimeBy(Duration.ofSeconds(1));
            limited.answered(RatePacer.lanesOf(submit()));
        }
        assertThat(limited.rate(RequestPacer.Lane.REQUESTS)).as("5 % a second for 20 s, but no more than the limit")
                .isEqualTo(20.0);

        vts.advanceTimeBy(Duration.ofSeconds(RatePacer.QUIET_SECONDS));
        long now = vts.now(TimeUnit.MILLISECONDS);
        assertThat(startTimes(limited, 2, submit())).containsExactly(now, now + 50);
    }

    /**
     * Asks for {@code count} turns at once and advances virtual time a millisecond at a time until all have come,
     * giving the virtual millisecond of each start; time stops at the last start.
     */
    private List<Long> startTimes(int count, Call call) {
        return startTimes(pacer, count, call);
    }

    private List<Long> startTimes(RatePacer pacer, int count, Call call) {
        List<Long> starts = new CopyOnWriteArrayList<>();
        Flux.range(0, count)
                .flatMap(i -> pacer.turn(RatePacer.lanesOf(call))
                        .then(Mono.fromRunnable(() -> starts.add(vts.now(TimeUnit.MILLISECONDS)))))
                .subscribe();
        for (int step = 0; starts.size() < count; step++) {
            assertThat(step).as("turns still waiting after an hour").isLessThan(3_600_000);
            vts.advanceTimeBy(Duration.ofMillis(1));
        }
        return starts;
    }

    /**
     * {@code count} calls sent and accepted now, and one refused with 429 a second later (without
     * {@code Retry-After}); gives the lane's rate after that refusal.
     */
    private double refusedASecondAfterAccepting(int count) {
        accept(count, submit());
        vts.advanceTimeBy(Duration.ofSeconds(1));
        pacer.rateLimited(RequestPacer.Lane.REQUESTS, null);
        return pacer.rate(RequestPacer.Lane.REQUESTS);
    }

    /** {@code count} calls sent and accepted now. */
    private void accept(int count, Call call) {
        startTimes(count, call);
        for (int i = 0; i < count; i++) {
            pacer.answered(RatePacer.lanesOf(call));
        }
    }

    private static Call submit() {
        return call("POST", "POST /pipeline_async");
    }

    private static Call poll() {
        return call("GET", "GET /job/abc");
    }

    private static Call call(String method, String operation) {
        return new Call(method, URI.create("https://platform.reducto.ai/x"), operation, Map.of(), RequestBody.NONE,
                Call.Safety.REPEATABLE, true, Duration.ofSeconds(60), RetryPolicy.defaults(), null);
    }
}
