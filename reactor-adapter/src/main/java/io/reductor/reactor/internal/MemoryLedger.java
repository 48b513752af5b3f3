package io.reductor.reactor.internal;

import io.reductor.reactor.BulkLedger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** {@link BulkLedger#inMemory()}: the entries in a map. */
public final class MemoryLedger implements BulkLedger {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Mono<Entry> find(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromSupplier(() -> entries.get(key));
    }

    @Override
    public Flux<Entry> inDoubt() {
        return Flux.defer(() -> Flux.fromStream(entries.values().stream().filter(Entry::inDoubt)));
    }

    @Override
    public Mono<Void> submitting(String key, String input, Instant recordedAt) {
        Entry entry = new Entry(key, input, null, recordedAt);
        return Mono.fromRunnable(() -> entries.put(key, entry));
    }

    @Override
    public Mono<Void> submitted(Entry entry) {
        Objects.requireNonNull(entry, "entry");
        return Mono.fromRunnable(() -> entries.put(entry.key(), entry));
    }
}
