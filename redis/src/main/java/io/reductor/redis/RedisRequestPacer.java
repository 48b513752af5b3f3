package io.reductor.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.reductor.reactor.KeyLimits;
import io.reductor.reactor.RequestPacer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One API key's pace shared by every process that uses the key: the state of each lane (its rate, its schedule of
 * turns, the answers and 429s of the last seconds) lives in a Redis hash, and each turn, each answer and each 429 is
 * one Lua script run atomically on Redis's clock. So N instances take turns from one schedule and, together, approach
 * the key's limit instead of each overshooting it on its own.
 *
 * <p>The rule, close to the client's own pacer's ({@link RequestPacer#inMemory()}): unpaced until a 429 (or paced at
 * the key's limit from the start, when it is given as {@link KeyLimits}). A 429 in an unpaced lane holds it (its
 * {@code Retry-After}, or a second), and the first turn asked for after the hold gives the lane the rate the service
 * accepted the held-back burst at. In a paced lane, the first 429 of a spell starts watching it: once the service
 * refuses, what it lets through is the rate it accepts, so the answers other than 429 of all instances over the next
 * quarter of a second or more measure the rate to cut to, uninflated by credit a token bucket saved while the lane went
 * slower. A cut never takes off more than half of the rate. Each answer regains 5 % of the rate a second, but only
 * 1 % within 10 % above the rate the last cut measured, so that the lane probes slowly where the limit was found, and
 * never past a known limit. No turn is reserved more than a quarter of a second ahead: a call whose turn would be
 * further is given a time to ask again, from a second schedule spaced like the turns, so that a cut spaces the waiting
 * calls by the new rate instead of their going at turns reserved at the old one. Unpaced (or back at the known limit)
 * after 30 s without a 429.
 *
 * <p>A turn costs one script run (one more for each hold or horizon it waits out) and an answer one more that is not
 * waited for (a loopback round trip is tens of microseconds, against the milliseconds of a call to Reducto). When
 * Redis cannot be reached the calls go on, paced by an in-memory pacer of this process, and a warning is logged at
 * most once a minute; nothing fails because of Redis. Thread-safe; nothing blocks but {@link #create}, which
 * connects.
 */
public final class RedisRequestPacer implements RequestPacer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRequestPacer.class);

    /** How long a lane goes without a 429 before it stops pacing, as the in-memory pacer. */
    static final Duration QUIET = Duration.ofSeconds(30);
    /** How much of its rate a lane regains a second. */
    static final double INCREASE_PER_SECOND = 0.05;
    /** How much it regains a second while its rate is less than {@link #NEAR} above the rate its last cut measured. */
    static final double INCREASE_NEAR_LIMIT = 0.01;
    /** How far above the rate its last cut measured a lane probes slowly, as a fraction of that rate. */
    static final double NEAR = 0.1;
    /** Answers (429s included) a lane must have had in the last second or two for their rate to mean something. */
    static final int EVIDENCE = 5;
    /** The lowest rate, calls a second. */
    static final double MIN_RATE = 1.0;
    /** How far ahead a turn may be reserved: a call whose turn is further waits and asks again. */
    static final Duration HORIZON = Duration.ofMillis(250);
    /** How long a spell of 429s is watched before the answers it let through measure the rate to cut to. */
    static final Duration SPELL_WATCH = Duration.ofMillis(250);
    private static final long WARNING_SPACING_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final LuaScript TURN = LuaScript.load("pacer-turn.lua");
    private static final String QUIET_MICROS = Long.toString(QUIET.toNanos() / 1000);
    private static final String EVIDENCE_ARG = Integer.toString(EVIDENCE);
    private static final String MIN_RATE_ARG = Double.toString(MIN_RATE);
    private static final String HORIZON_MICROS = Long.toString(HORIZON.toNanos() / 1000);
    private static final String SPELL_WATCH_MICROS = Long.toString(SPELL_WATCH.toNanos() / 1000);
    private static final LuaScript ANSWERED = LuaScript.load("pacer-answered.lua");
    private static final String[] INCREASES = {Double.toString(INCREASE_PER_SECOND),
        Double.toString(INCREASE_NEAR_LIMIT), Double.toString(NEAR)};
    private static final LuaScript RATE_LIMITED = LuaScript.load("pacer-limited.lua");

    private final StatefulRedisConnection<String, String> connection;
    private final RedisReactiveCommands<String, String> redis;
    private final Map<Lane, String> keys = new EnumMap<>(Lane.class);
    private final Map<Lane, Double> rates = new EnumMap<>(Lane.class);
    private final Map<Lane, String> ceilings = new EnumMap<>(Lane.class);
    private final RequestPacer fallback;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_SPACING_NANOS);

    private RedisRequestPacer(StatefulRedisConnection<String, String> connection, String name, KeyLimits limits) {
        this.connection = connection;
        this.redis = connection.reactive();
        this.fallback = RequestPacer.inMemory(limits);
        for (Lane lane : Lane.values()) {
            // one hash tag per pacer, so that a poll's two lanes are on one node of a cluster
            keys.put(lane, "reductor:pacer:{" + name + "}:" + lane.name().toLowerCase(Locale.ROOT));
            double limit = limits.of(lane);
            ceilings.put(lane, Double.isInfinite(limit) ? "-1" : Double.toString(limit));
            rates.put(lane, limit);
        }
    }

    /**
     * Connects a pacer for one API key; blocks the calling thread while it connects, so call it at startup.
     *
     * @param client the Redis client; it stays the caller's to shut down
     * @param name   names the API key among the pacers of this Redis, the same in every instance of the key; not
     *               the key itself, which should not be written to Redis
     * @return a pacer; {@link #close()} it when done
     */
    public static RedisRequestPacer create(RedisClient client, String name) {
        return create(client, name, KeyLimits.unknown());
    }

    /**
     * Connects a pacer for one API key whose limits are known, so that the instances together never send faster
     * than the limits allow, from the first call on; blocks the calling thread while it connects.
     *
     * @param client the Redis client; it stays the caller's to shut down
     * @param name   names the API key among the pacers of this Redis, as in {@link #create(RedisClient, String)}
     * @param limits the key's limits ({@link KeyLimits#documented()}, or your key's); give every instance the same
     * @return a pacer; {@link #close()} it when done
     */
    public static RedisRequestPacer create(RedisClient client, String name, KeyLimits limits) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limits, "limits");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank: it names the API key the pacer paces");
        }
        return new RedisRequestPacer(client.connect(), name, limits);
    }

    @Override
    public Mono<Void> turn(Set<Lane> lanes) {
        Objects.requireNonNull(lanes, "lanes");
        List<Lane> ordered = List.copyOf(lanes);
        String[] laneKeys = ordered.stream().map(keys::get).toArray(String[]::new);
        return TURN.<List<Object>>run(redis, ScriptOutputType.MULTI, laneKeys,
                        withCeilings(ordered, QUIET_MICROS, EVIDENCE_ARG, MIN_RATE_ARG, HORIZON_MICROS))
                .flatMap(values -> {
                    for (int i = 0; i < ordered.size(); i++) {
                        record(ordered.get(i), ((Number) values.get(i + 2)).longValue());
                    }
                    long waitMicros = ((Number) values.get(0)).longValue();
                    boolean askAgain = ((Number) values.get(1)).longValue() == 1;
                    if (waitMicros <= 0 && !askAgain) {
                        return Mono.<Void>empty();
                    }
                    Mono<Void> wait = Mono.delay(Duration.of(Math.max(0, waitMicros), ChronoUnit.MICROS)).then();
                    // held by a 429, or given a time to ask again rather than a turn beyond the horizon
                    return askAgain ? wait.then(Mono.defer(() -> turn(lanes))) : wait;
                })
                .onErrorResume(error -> {
                    warn(error);
                    return fallback.turn(lanes);
                });
    }

    /** Counts the answer in Redis, where a paced lane regains rate from it, without waiting for Redis. */
    @Override
    public void answered(Set<Lane> lanes) {
        Objects.requireNonNull(lanes, "lanes");
        fallback.answered(lanes);
        List<Lane> ordered = List.copyOf(lanes);
        String[] laneKeys = ordered.stream().map(keys::get).toArray(String[]::new);
        ANSWERED.<Long>run(redis, ScriptOutputType.INTEGER, laneKeys, withCeilings(ordered, INCREASES))
                .subscribe(null, this::warn);
    }

    @Override
    public void rateLimited(Lane lane, Duration retryAfter) {
        Objects.requireNonNull(lane, "lane");
        fallback.rateLimited(lane, retryAfter);
        long retryMicros = retryAfter == null ? -1 : retryAfter.toNanos() / 1000;
        RATE_LIMITED.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {keys.get(lane)},
                        Long.toString(retryMicros), EVIDENCE_ARG, MIN_RATE_ARG,
                        SPELL_WATCH_MICROS, ceilings.get(lane))
                .subscribe(rate -> record(lane, rate), this::warn);
    }

    /** The lane's shared rate as the last script run on this instance left it. */
    @Override
    public double rate(Lane lane) {
        synchronized (rates) {
            return rates.get(lane);
        }
    }

    /** Closes the connection; calls paced after that use this process's own pacer. */
    @Override
    public void close() {
        connection.close();
    }

    /** {@code args} followed by the known limit of each of {@code lanes}, in their order, as the scripts take them. */
    private String[] withCeilings(List<Lane> lanes, String... args) {
        String[] all = Arrays.copyOf(args, args.length + lanes.size());
        for (int i = 0; i < lanes.size(); i++) {
            all[args.length + i] = ceilings.get(lanes.get(i));
        }
        return all;
    }

    private void record(Lane lane, long milliRate) {
        synchronized (rates) {
            rates.put(lane, milliRate < 0 ? Double.POSITIVE_INFINITY : milliRate / 1000.0);
        }
    }

    private void warn(Throwable error) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARNING_SPACING_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("The shared pacer cannot reach Redis ({}); pacing this process on its own until it can",
                    error.toString());
        }
    }
}
