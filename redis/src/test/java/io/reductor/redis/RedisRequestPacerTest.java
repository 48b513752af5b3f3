package io.reductor.redis;

import io.lettuce.core.RedisClient;
import io.reductor.reactor.RequestPacer.Lane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
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
            // 20 calls sent at once by the two instances, 10 of them refused: the service accepted about 10
            for (int i = 0; i < 10; i++) {
                a.turn(REQUESTS).block(Duration.ofSeconds(1));
                b.turn(REQUESTS).block(Duration.ofSeconds(1));
            }
            for (int i = 0; i < 9; i++) {
                a.rateLimited(Lane.REQUESTS, null);
            }
            // the last asks every call to wait 2 s, so the turns below are reserved from one known point on
            a.rateLimited(Lane.REQUESTS, Duration.ofSeconds(2));
            String key = "reductor:pacer:{" + name + "}:requests";
            awaitField(key, "held");
            double cut = Double.parseDouble(REDIS.commands().hget(key, "rate"));
            assertThat(cut).as("the accepted rate: 10 calls over the part of a second so far, or over 1-2 s")
                    .isGreaterThanOrEqualTo(RedisRequestPacer.MIN_RATE);

            // the next turns of both instances come from one schedule, spaced by the shared rate
            long before = Long.parseLong(REDIS.commands().hget(key, "next"));
            a.turn(REQUESTS).subscribe();
            b.turn(REQUESTS).subscribe();
            a.turn(REQUESTS).subscribe();
            b.turn(REQUESTS).subscribe();
            long after = awaitNextAfter(key, before, 4, cut);
            assertThat(after - before).as("four turns, one spacing each, whoever took them")
                    .isCloseTo((long) (4 * 1_000_000 / cut), within((long) (0.2 * 4 * 1_000_000 / cut)));
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
