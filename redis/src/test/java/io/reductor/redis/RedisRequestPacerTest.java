package io.reductor.redis;

import io.lettuce.core.RedisClient;
import io.reductor.reactor.KeyLimits;
import io.reductor.reactor.RequestPacer.Lane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shared pacer against a real Redis: two pacers of one name (two instances of one API key) share the cut a 429
 * on one of them makes and take their turns from one schedule; pacers of other names stay apart; without Redis the
 * calls go on, paced in memory.
 */
class RedisRequestPacerTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Set<Lane> REQUESTS = Set.of(Lane.REQUESTS);

    @Test
    void anUnpacedLaneGivesTurnsAtOnce() {
        try (RedisRequestPacer pacer = RedisRequestPacer.create(REDIS.client(), RedisServerExtension.uniqueName("k"))) {
            for (int i = 0; i < 20; i++) {
                pacer.turn(Set.of(Lane.REQUESTS, Lane.JOB_POLLS)).block(Duration.ofSeconds(1));
            }
            assertThat(pacer.rate(Lane.REQUESTS)).isInfinite();
            assertThat(pacer.rate(Lane.JOB_POLLS)).isInfinite();
        }
    }

    @Test
    void aCutOnOneInstanceSpacesTheTurnsOfAll() {
        String name = RedisServerExtension.uniqueName("key");
        RedisClient other = REDIS.newClient();
        try (RedisRequestPacer a = RedisRequestPacer.create(REDIS.client(), name);
             RedisRequestPacer b = RedisRequestPacer.create(other, name);
             RedisRequestPacer elsewhere = RedisRequestPacer.create(REDIS.client(), name + "-other")) {
            String key = "reductor:pacer:{" + name + "}:requests";
            // the lane is paced at 100 calls a second, and in a spell of 429s begun half a second ago the service
            // let 30 calls of both instances through (written as the scripts write them)
            seedSpell(key, 100, 30);
            // a 429 on instance a, asking every call to wait 150 ms, so the turns below are reserved from a known
            // point (nearer than the horizon turns are reserved within)
            a.rateLimited(Lane.REQUESTS, Duration.ofMillis(150));
            awaitField(key, "held");
            awaitField(key, "measured");
            double cut = Double.parseDouble(REDIS.commands().hget(key, "rate"));
            assertThat(cut).as("the accepted rate: 30 answers over a little more than half a second")
                    .isBetween(55.0, 60.0);

            // the next turns of both instances come from one schedule, spaced by the shared rate
            long before = Long.parseLong(REDIS.commands().hget(key, "next"));
            a.turn(REQUESTS).subscribe();
            b.turn(REQUESTS).subscribe();
            a.turn(REQUESTS).subscribe();
            b.turn(REQUESTS).subscribe();
            long after = awaitNextAfter(key, before, 4, cut);
            assertThat(after - before).as("four turns, one spacing each, whoever took them")
                    .isCloseTo((long) (4 * 1_000_000 / cut), within((long) (0.2 * 4 * 1_000_000 / cut)));
            // b records the rate when its script's reply arrives, which may be just after Redis moved the schedule on
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Double.isInfinite(b.rate(Lane.REQUESTS)) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(b.rate(Lane.REQUESTS)).as("what instance b last read").isFinite();

            elsewhere.turn(REQUESTS).block(Duration.ofSeconds(1));
            assertThat(elsewhere.rate(Lane.REQUESTS)).as("another key's pacer").isInfinite();
        } finally {
            other.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void withoutRedisTheCallsGoOnPacedInMemory() {
        RedisClient doomed = REDIS.newClient();
        RedisRequestPacer pacer = RedisRequestPacer.create(doomed, RedisServerExtension.uniqueName("gone"));
        pacer.close();
        doomed.shutdown(Duration.ZERO, Duration.ofSeconds(2));

        pacer.turn(REQUESTS).block(Duration.ofSeconds(5));
        pacer.rateLimited(Lane.REQUESTS, Duration.ofMillis(200));

        long started = System.nanoTime();
        pacer.turn(REQUESTS).block(Duration.ofSeconds(5));
        assertThat(System.nanoTime() - started).as("the in-memory pacer held the call for the Retry-After")
                .isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
    }

    @Test
    void a429WithoutAnswersToMeasureOnlyHoldsTheLane() {
        String name = RedisServerExtension.uniqueName("held");
        try (RedisRequestPacer pacer = RedisRequestPacer.create(REDIS.client(), name)) {
            for (int i = 0; i < 20; i++) {
                pacer.turn(REQUESTS).block(Duration.ofSeconds(1));
            }
            pacer.rateLimited(Lane.REQUESTS, null);
            String key = "reductor:pacer:{" + name + "}:requests";
            awaitField(key, "refused_at");
            assertThat(REDIS.commands().hget(key, "rate")).as("not paced yet, nothing measured, no rate").isNull();
            assertThat(REDIS.commands().hget(key, "unmeasured")).as("measured when the hold ends").isEqualTo("1");
            long next = Long.parseLong(REDIS.commands().hget(key, "next"));
            long refusedAt = Long.parseLong(REDIS.commands().hget(key, "refused_at"));
            assertThat(next - refusedAt).as("held a second").isEqualTo(1_000_000);
        }
    }

    @Test
    void callsHeldBeforeThereIsARateAskAgainAndAreSpacedByTheRateGivenMeanwhile() {
        String name = RedisServerExtension.uniqueName("ask-again");
        try (RedisRequestPacer pacer = RedisRequestPacer.create(REDIS.client(), name)) {
            String key = "reductor:pacer:{" + name + "}:requests";
            pacer.rateLimited(Lane.REQUESTS, Duration.ofMillis(500)); // nothing to measure: held for 500 ms
            long holdEnds = Long.parseLong(awaitField(key, "held"));

            Mono<Void> held = Flux.merge(pacer.turn(REQUESTS), pacer.turn(REQUESTS), pacer.turn(REQUESTS)).then()
                    .cache();
            held.subscribe();
            // a script sent after the three turns on the pacer's connection: once it ran, so had they
            pacer.rateLimited(Lane.JOB_POLLS, null);
            awaitField("reductor:pacer:{" + name + "}:job_polls", "refused_at");
            // meanwhile another instance's 429 gave the lane a rate of 10 calls a second
            REDIS.commands().hset(key, Map.of("rate", "10", "refused_at", Long.toString(redisMicros())));

            held.block(Duration.ofSeconds(5));
            long next = Long.parseLong(REDIS.commands().hget(key, "next"));
            assertThat(next - holdEnds).as("three turns taken after the hold, 100 ms apart, not three calls at once")
                    .isBetween(300_000L, 400_000L);
        }
    }

    @Test
    void theFirstTurnAfterAHoldMeasuresTheAnswersOfTheCallsItHeldBack() {
        String name = RedisServerExtension.uniqueName("hold-end");
        try (RedisRequestPacer pacer = RedisRequestPacer.create(REDIS.client(), name)) {
            String key = "reductor:pacer:{" + name + "}:requests";
            seedAcceptedAnswers(key, 40);
            pacer.rateLimited(Lane.REQUESTS, Duration.ofMillis(200)); // not paced: held for 200 ms, unmeasured
            awaitField(key, "unmeasured");

            pacer.turn(REQUESTS).block(Duration.ofSeconds(5));
            assertThat(Double.parseDouble(REDIS.commands().hget(key, "rate")))
                    .as("the 80 answers of the ring's last seconds, a second").isEqualTo(80.0);
            assertThat(REDIS.commands().hget(key, "unmeasured")).isNull();
            assertThat(pacer.rate(Lane.REQUESTS)).isEqualTo(80.0);
        }
    }

    @Test
    void theFirst429OfASpellStartsWatchingItAndALaterOneCutsToWhatTheSpellLetThrough() {
        String name = RedisServerExtension.uniqueName("spell");
        try (RedisRequestPacer pacer = RedisRequestPacer.create(REDIS.client(), name)) {
            String key = "reductor:pacer:{" + name + "}:requests";
            REDIS.commands().hset(key, Map.of("rate", "150", "refused_at", Long.toString(redisMicros())));
            // the last seconds' answers, which say 200 a second (a token bucket's credit, say), are not what is read
            seedAcceptedAnswers(key, 200);

            pacer.rateLimited(Lane.REQUESTS, null);
            awaitField(key, "spell_at");
            assertThat(REDIS.commands().hget(key, "rate")).as("no cut yet").isEqualTo("150");
            assertThat(REDIS.commands().hget(key, "spell_answers")).as("counted from the spell's start").isEqualTo("0");

            // half a second into the spell, 50 answers were let through
            REDIS.commands().hset(key, Map.of("spell_at", Long.toString(redisMicros() - 500_000),
                    "spell_answers", "50"));
            pacer.rateLimited(Lane.REQUESTS, null);
            awaitField(key, "measured");
            assertThat(Double.parseDouble(REDIS.commands().hget(key, "rate")))
                    .as("50 answers over half a second and the few milliseconds since").isBetween(90.0, 100.0);
            assertThat(REDIS.commands().hget(key, "spell_at")).as("the spell is over with the cut").isNull();
        }
    }

    @Test
    void noTurnIsReservedFurtherAheadThanTheHorizon() {
        String name = RedisServerExtension.uniqueName("horizon");
        try (RedisRequestPacer pacer = RedisRequestPacer.create(REDIS.client(), name)) {
            String key = "reductor:pacer:{" + name + "}:requests";
            long next = redisMicros() + RedisRequestPacer.HORIZON.toNanos() / 1000 + 200_000;
            REDIS.commands().hset(key, Map.of("rate", "10", "refused_at", Long.toString(redisMicros()),
                    "next", Long.toString(next)));

            Mono<Void> turn = pacer.turn(REQUESTS).cache();
            turn.subscribe();
            // a script sent after the turn on the pacer's connection: once it ran, so had the turn's first ask
            pacer.rateLimited(Lane.JOB_POLLS, null);
            awaitField("reductor:pacer:{" + name + "}:job_polls", "refused_at");
            assertThat(Long.parseLong(REDIS.commands().hget(key, "next"))).as("not reserved 700 ms ahead")
                    .isEqualTo(next);
            assertThat(Long.parseLong(REDIS.commands().hget(key, "asks")))
                    .as("asks again once its turn is within the horizon; the next waiting call a spacing later")
                    .isEqualTo(next - RedisRequestPacer.HORIZON.toNanos() / 1000 + 100_000);

            turn.block(Duration.ofSeconds(5));
            assertThat(Long.parseLong(REDIS.commands().hget(key, "next"))).as("reserved when it was near, in order")
                    .isEqualTo(next + 100_000);
        }
    }

    @Test
    void aCutNeverMoreThanHalvesAMeasuredRate() {
        String name = RedisServerExtension.uniqueName("halves");
        try (RedisRequestPacer pacer = RedisRequestPacer.create(REDIS.client(), name)) {
            String key = "reductor:pacer:{" + name + "}:requests";
            seedSpell(key, 100, 5);

            pacer.rateLimited(Lane.REQUESTS, null);
            awaitField(key, "measured");
            assertThat(Double.parseDouble(REDIS.commands().hget(key, "rate"))).as("about 10 measured, 100 halved")
                    .isEqualTo(50.0);
        }
    }

    @Test
    void anAnswerRegainsFivePercentASecondAndIsCounted() {
        String name = RedisServerExtension.uniqueName("regain");
        try (RedisRequestPacer pacer = RedisRequestPacer.create(REDIS.client(), name)) {
            String key = "reductor:pacer:{" + name + "}:requests";
            long now = redisMicros();
            REDIS.commands().hset(key, Map.of("rate", "100", "raised_at", Long.toString(now - 1_000_000),
                    "refused_at", Long.toString(now)));

            pacer.answered(REQUESTS);
            String slot = "a" + (redisMicros() / 1_000_000) % 4;
            awaitField(key, slot);
            assertThat(Double.parseDouble(REDIS.commands().hget(key, "rate"))).as("a second's worth, once")
                    .isCloseTo(105.0, within(0.1));
            assertThat(REDIS.commands().hget(key, "spell_answers")).as("counted for a spell of 429s").isEqualTo("1");
        }
    }

    @Test
    void nearTheRateTheLastCutMeasuredALaneRegainsOnePercentASecond() {
        String name = RedisServerExtension.uniqueName("regain-near");
        try (RedisRequestPacer pacer = RedisRequestPacer.create(REDIS.client(), name)) {
            String key = "reductor:pacer:{" + name + "}:requests";
            long now = redisMicros();
            REDIS.commands().hset(key, Map.of("rate", "100", "measured", "100",
                    "raised_at", Long.toString(now - 1_000_000), "refused_at", Long.toString(now)));

            pacer.answered(REQUESTS);
            awaitField(key, "spell_answers");
            assertThat(Double.parseDouble(REDIS.commands().hget(key, "rate"))).as("1 % of 100, not 5 %")
                    .isCloseTo(101.0, within(0.1));
        }
    }

    @Test
    void withTheKeysLimitKnownTheInstancesArePacedAtItFromTheFirstTurn() {
        String name = RedisServerExtension.uniqueName("known");
        KeyLimits limits = new KeyLimits(10, Double.POSITIVE_INFINITY);
        RedisClient other = REDIS.newClient();
        try (RedisRequestPacer a = RedisRequestPacer.create(REDIS.client(), name, limits);
             RedisRequestPacer b = RedisRequestPacer.create(other, name, limits)) {
            assertThat(a.rate(Lane.REQUESTS)).isEqualTo(10.0);
            long started = System.nanoTime();
            Flux.merge(a.turn(REQUESTS), b.turn(REQUESTS), a.turn(REQUESTS), b.turn(REQUESTS))
                    .then().block(Duration.ofSeconds(5));
            assertThat(System.nanoTime() - started).as("four turns of both instances, 100 ms apart")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(280).toNanos());
            assertThat(b.rate(Lane.JOB_POLLS)).isInfinite();
        } finally {
            other.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void aLaneWithAKnownLimitIsCutBelowItByA429AndRegainsNoFurtherThanIt() {
        String name = RedisServerExtension.uniqueName("known-cut");
        try (RedisRequestPacer pacer = RedisRequestPacer.create(REDIS.client(), name,
                new KeyLimits(20, Double.POSITIVE_INFINITY))) {
            String key = "reductor:pacer:{" + name + "}:requests";
            // no rate of its own yet: paced at the known limit, and in a spell of 429s that let 5 calls through
            REDIS.commands().hset(key, Map.of("spell_at", Long.toString(redisMicros() - 500_000),
                    "spell_answers", "5"));
            pacer.rateLimited(Lane.REQUESTS, null);
            awaitField(key, "measured");
            assertThat(Double.parseDouble(REDIS.commands().hget(key, "rate"))).as("about 10 measured, 20 halved")
                    .isEqualTo(10.0);

            REDIS.commands().hset(key, Map.of("rate", "19.9", "measured", "5",
                    "raised_at", Long.toString(redisMicros() - 1_000_000)));
            pacer.answered(REQUESTS);
            for (int attempt = 0; attempt < 1_000 && REDIS.commands().hget(key, "rate").equals("19.9"); attempt++) {
                Thread.onSpinWait();
            }
            assertThat(Double.parseDouble(REDIS.commands().hget(key, "rate"))).as("5 % of 19.9, but 20 at most")
                    .isEqualTo(20.0);
        }
    }

    /** A lane paced at {@code rate} in a spell of 429s begun half a second ago that let {@code answers} through. */
    private static void seedSpell(String key, int rate, int answers) {
        long now = redisMicros();
        REDIS.commands().hset(key, Map.of("rate", Integer.toString(rate), "refused_at", Long.toString(now),
                "spell_at", Long.toString(now - 500_000), "spell_answers", Integer.toString(answers)));
    }

    /**
     * Writes {@code perSecond} accepted answers into the lane's ring for the second before Redis's current one and
     * for the current one, as pacer-answered.lua counts them.
     */
    private static void seedAcceptedAnswers(String key, int perSecond) {
        long second = redisMicros() / 1_000_000;
        for (long s = second - 1; s <= second; s++) {
            REDIS.commands().hset(key, Map.of("at" + s % 4, Long.toString(s), "a" + s % 4,
                    Integer.toString(perSecond)));
        }
    }

    private static long redisMicros() {
        List<String> time = REDIS.commands().time();
        return Long.parseLong(time.get(0)) * 1_000_000 + Long.parseLong(time.get(1));
    }

    /** The field once the asynchronous script run has written it. */
    private static String awaitField(String key, String field) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            String value = REDIS.commands().hget(key, field);
            if (value != null) {
                return value;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(field + " of " + key + " was never written");
    }

    /** The lane's next turn once {@code turns} reservations moved it on from {@code before}. */
    private static long awaitNextAfter(String key, long before, int turns, double rate) {
        long expected = before + (long) (0.8 * turns * 1_000_000 / rate);
        long next = before;
        for (int attempt = 0; attempt < 1_000 && next < expected; attempt++) {
            next = Long.parseLong(REDIS.commands().hget(key, "next"));
        }
        return next;
    }
}
