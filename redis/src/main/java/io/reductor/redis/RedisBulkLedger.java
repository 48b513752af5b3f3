package io.reductor.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.reductor.core.error.ReductoException;
import io.reductor.reactor.BulkLedger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Objects;

/**
 * A {@link BulkLedger} in Redis, shared by every instance that opens it under the same name: a run killed on one
 * instance can be resumed on another, and each sees the jobs the others recorded.
 *
 * <p>Layout, for a ledger named {@code N}: the hash {@code reductor:ledger:{N}} maps each document's key to its entry
 * as JSON, {@code {"key", "input", "job_id", "at"}} ({@code job_id} {@code null} while in doubt, {@code at} an ISO-8601
 * instant); the set {@code reductor:ledger:{N}:in-doubt} holds the keys of the documents in doubt. (The braces are a
 * hash tag: both keys live on one node of a cluster.) {@link #submitting} and {@link #submitted} each update both keys
 * in one Lua script, so the set never disagrees with the hash; the last entry recorded for a key wins, as in the other
 * ledgers. Entries stay until the keys are deleted ({@code DEL reductor:ledger:{N} reductor:ledger:{N}:in-doubt}),
 * for instance once a run is complete.
 *
 * <p>Durability is Redis's: an entry counts as recorded once Redis has acknowledged it, which is in its memory. A Redis
 * without persistence loses the whole ledger when it restarts (and the next run then submits every document again);
 * run the ledger's Redis with {@code appendonly yes} and {@code appendfsync everysec} (an entry may be lost if the
 * machine fails within that second) or {@code appendfsync always} (none is). With a replica and failover, an entry
 * acknowledged by a primary that fails before replicating it is lost too.
 *
 * <p>Thread-safe; nothing blocks but {@link #create} (which connects) and {@link #close()} (which disconnects), so call
 * those at startup and shutdown, not on an event loop.
 */
public final class RedisBulkLedger implements BulkLedger {

    private static final LuaScript RECORD = LuaScript.load("ledger-record.lua");
    /** How many keys of the in-doubt set one {@code SSCAN} step (and one {@code HMGET}) asks for. */
    private static final int PAGE = 500;

    private final StatefulRedisConnection<String, String> connection;
    private final RedisReactiveCommands<String, String> redis;
    private final String name;
    private final String entriesKey;
    private final String inDoubtKey;
    private volatile boolean closed;

    private RedisBulkLedger(StatefulRedisConnection<String, String> connection, String name) {
        this.connection = connection;
        this.redis = connection.reactive();
        this.name = name;
        this.entriesKey = "reductor:ledger:{" + name + "}";
        this.inDoubtKey = entriesKey + ":in-doubt";
    }

    /**
     * Opens the ledger {@code name} on its own connection; blocks the calling thread while it connects, so call it at
     * startup.
     *
     * @param client the Redis client; it stays the caller's to shut down
     * @param name   names the ledger in this Redis, the same in every instance and every run that share it; not blank
     * @return the ledger; {@link #close()} it when done
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static RedisBulkLedger create(RedisClient client, String name) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank: it names the ledger in Redis");
        }
        // Jackson's classes are loaded here, on the caller's thread, rather than on an event loop at the first entry
        Entry.fromJson(new Entry("k", "\"i\"", "j", Instant.EPOCH).toJson());
        return new RedisBulkLedger(client.connect(), name);
    }

    @Override
    public Mono<Entry> find(String key) {
        Objects.requireNonNull(key, "key");
        return open().then(Mono.defer(() -> redis.hget(entriesKey, key))).map(json -> decode(key, json));
    }

    /**
     * The entries in doubt, read a page of keys at a time from the in-doubt set ({@code SSCAN}) and their entries from
     * the hash ({@code HMGET}); an entry recorded as submitted in the meantime is left out.
     */
    @Override
    public Flux<Entry> inDoubt() {
        return open().thenMany(Flux.defer(() -> ScanStream.sscan(redis, inDoubtKey, ScanArgs.Builder.limit(PAGE))))
                .distinct() // SSCAN may give a key twice
                .buffer(PAGE)
                .concatMap(keys -> redis.hmget(entriesKey, keys.toArray(String[]::new)))
                .filter(KeyValue::hasValue)
                .map(value -> decode(value.getKey(), value.getValue()))
                .filter(Entry::inDoubt);
    }

    @Override
    public Mono<Void> submitting(String key, String input, Instant recordedAt) {
        return record(new Entry(key, input, null, recordedAt));
    }

    @Override
    public Mono<Void> submitted(Entry entry) {
        return record(Objects.requireNonNull(entry, "entry"));
    }

    /**
     * Closes the ledger's connection, waiting until it is closed; the entries stay in Redis. Closing again does
     * nothing; other calls after that fail with an {@link IllegalStateException}.
     */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "RedisBulkLedger[" + entriesKey + "]";
    }

    private Mono<Void> record(Entry entry) {
        String json = entry.toJson();
        return open().then(Mono.defer(() -> RECORD.<Long>run(redis, ScriptOutputType.INTEGER,
                new String[] {entriesKey, inDoubtKey}, entry.key(), json, entry.inDoubt() ? "1" : "0"))).then();
    }

    private Mono<Void> open() {
        return Mono.defer(() -> closed ? Mono.error(new IllegalStateException("The Redis bulk ledger \"" + name
                + "\" is closed; create another one to use it again")) : Mono.empty());
    }

    private Entry decode(String key, String json) {
        try {
            return Entry.fromJson(json);
        } catch (IllegalArgumentException error) {
            throw new ReductoException("The entry of \"" + key + "\" in the Redis bulk ledger " + entriesKey
                    + " is not an entry (" + error.getMessage() + "); repair or delete that field of the hash", error);
        }
    }
}
