package io.reductor.reactor.internal;

import io.reductor.core.error.ReductoException;
import io.reductor.reactor.BulkLedger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@link BulkLedger#file(Path)}: one JSON object per line, {@code {"key","input","job_id","at"}}, the last line of a
 * key winning. Opened on first use: the entries are read, an unfinished last line (the process was killed while
 * writing it) is cut off, and the file is locked against other processes. Every write is appended and forced to the
 * device; the file work runs on Reactor's bounded elastic scheduler, never on the caller's thread.
 */
public final class FileLedger implements BulkLedger {


    private final Path file;
    private final Map<String, Entry> entries = new HashMap<>();
    private FileChannel channel;

    /** A ledger over {@code file}, opened on first use. */
    public FileLedger(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public Mono<Entry> find(String key) {
        Objects.requireNonNull(key, "key");
        return onFile(() -> entries.get(key));
    }

    @Override
    public Flux<Entry> inDoubt() {
        return onFile(() -> entries.values().stream().filter(Entry::inDoubt).toList()).flatMapMany(Flux::fromIterable);
    }

    @Override
    public Mono<Void> submitting(String key, String input, Instant recordedAt) {
        Entry entry = new Entry(key, input, null, recordedAt);
        return onFile(() -> append(entry)).then();
    }

    @Override
    public Mono<Void> submitted(Entry entry) {
        Objects.requireNonNull(entry, "entry");
        return onFile(() -> append(entry)).then();
    }

    /** Runs {@code work} on the open file, one at a time, off the caller's thread. */
    private <T> Mono<T> onFile(Callable<T> work) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                if (channel == null) {
                    open();
                }
                return work.call();
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Closes the file, which releases its lock; a later use opens it again. */
    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException error) {
                throw new UncheckedIOException("Could not close the bulk ledger " + file, error);
            } finally {
                channel = null;
                entries.clear();
            }
        }
    }

    private Boolean append(Entry entry) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((entry.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
        entries.put(entry.key(), entry);
        return Boolean.TRUE;
    }

    private void open() throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = opened.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        } catch (IOException | RuntimeException error) {
            opened.close();
            throw error;
        }
        if (lock == null) {
            opened.close();
            throw new ReductoException("The bulk ledger " + file + " is in use by another ledger or process; close "
                    + "that one first, or give each running process a file of its own");
        }
        long complete = read();
        opened.truncate(complete);
        opened.position(complete);
        channel = opened;
    }

    /** Reads every complete line into {@link #entries} and gives the length of the file up to its last one. */
    private long read() throws IOException {
        byte[] content = Files.readAllBytes(file);
        int start = 0;
        int lineNumber = 0;
        for (int end = 0; end < content.length; end++) {
            if (content[end] != '\n') {
                continue;
            }
            lineNumber++;
            String text = new String(content, start, end - start, StandardCharsets.UTF_8);
            start = end + 1;
            if (!text.isBlank()) {
                Entry entry = parse(text, lineNumber);
                entries.put(entry.key(), entry);
            }
        }
        return start;
    }

    private Entry parse(String line, int lineNumber) {
        try {
            return Entry.fromJson(line);
        } catch (IllegalArgumentException error) {
            throw new ReductoException("Line " + lineNumber + " of the bulk ledger " + file + " is not an entry ("
                    + error.getMessage() + "); repair or remove that line", error);
        }
    }
}
