package io.reductor.reactor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.reactor.internal.FileLedger;
import io.reductor.reactor.internal.MemoryLedger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a bulk submission keeps, for each document, the job it created, so that a run killed part way and started
 * again with the same ledger ({@link BulkOptions#withLedger(BulkLedger)}) awaits the jobs that already exist and
 * submits only the rest. For each document the runner records two entries:
 * <ol>
 *   <li>{@link #submitting} before it sends the job's request: the document is now <em>in doubt</em>, since a crash
 *       after the service accepted the job but before its id was recorded leaves a job nobody knows;</li>
 *   <li>{@link #submitted} as soon as the service gave the job's id, before the job is awaited.</li>
 * </ol>
 * A later run awaits a document's recorded job instead of submitting it again. It looks for the jobs of documents
 * still in doubt in the service's job list ({@code GET /jobs}, whose {@code raw_config} holds the input each job was
 * submitted with) and adopts the one submitted with the same input; only a document with no such job is submitted
 * again.
 *
 * <p>Keys are the documents' {@linkplain BulkDocument#key() keys} as {@link String#valueOf(Object) strings}: they
 * must name a document the same way in every run. Implementations: {@link #inMemory()} (one process),
 * {@link #file(Path)} (JSON lines, survives the process) and the Redis ledger of the {@code reductor-redis} module
 * (shared by instances). Implementations are thread-safe and never block the calling thread.
 */
public interface BulkLedger extends AutoCloseable {

    /**
     * What the ledger holds for one document.
     *
     * @param key        the document's key
     * @param input      the document as the job's request gave it ({@code input} or {@code document_url}), as JSON
     * @param jobId      the job the service created, or {@code null} while the document is in doubt
     * @param recordedAt when the entry was recorded, by the clock of the process that recorded it
     */
    record Entry(String key, String input, String jobId, Instant recordedAt) {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        /**
         * Checks the arguments.
         *
         * @param key        not {@code null}
         * @param input      not {@code null}
         * @param jobId      the job's id, or {@code null} when not known
         * @param recordedAt not {@code null}
         */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(recordedAt, "recordedAt");
        }

        /**
         * Whether the request may have reached the service without its job's id being recorded.
         *
         * @return {@code true} when there is no job id
         */
        public boolean inDoubt() {
            return jobId == null;
        }

        /**
         * The entry as one JSON object, {@code {"key","input","job_id","at"}} ({@code job_id} {@code null} while in
         * doubt, {@code at} an ISO-8601 instant): how the file and Redis ledgers store it.
         *
         * @return the JSON text, on one line
         */
        public String toJson() {
            ObjectNode node = MAPPER.createObjectNode();
            node.put("key", key);
            node.put("input", input);
            node.put("job_id", jobId);
            node.put("at", recordedAt.toString());
            return node.toString();
        }

        /**
         * Reads an entry written by {@link #toJson()}.
         *
         * @param json the JSON text
         * @return the entry
         * @throws IllegalArgumentException saying what is wrong when {@code json} is not such an entry
         */
        public static Entry fromJson(String json) {
            JsonNode node;
            try {
                node = MAPPER.readTree(json);
            } catch (JsonProcessingException error) {
                throw new IllegalArgumentException("not JSON: " + error.getOriginalMessage(), error);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String at = text(node, "at");
            Instant recordedAt;
            try {
                recordedAt = Instant.parse(at);
            } catch (RuntimeException error) {
                throw new IllegalArgumentException("\"at\" is not an instant: " + at, error);
            }
            JsonNode jobId = node.path("job_id");
            return new Entry(text(node, "key"), text(node, "input"),
                    jobId.isTextual() ? jobId.asText() : null, recordedAt);
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual()) {
                throw new IllegalArgumentException("no text field \"" + field + "\"");
            }
            return value.asText();
        }
    }

    /**
     * The entry of one document.
     *
     * @param key the document's key
     * @return its entry, or empty when the ledger has none
     */
    Mono<Entry> find(String key);

    /**
     * The documents whose request may have been sent without their job's id being recorded.
     *
     * @return the entries with no job id
     */
    Flux<Entry> inDoubt();

    /**
     * Records that the job of a document is about to be requested; completes once the entry is durable.
     *
     * @param key        the document's key
     * @param input      the document as the request gives it, as JSON
     * @param recordedAt now
     * @return completes when recorded
     */
    Mono<Void> submitting(String key, String input, Instant recordedAt);

    /**
     * Records the job the service created for a document; completes once the entry is durable.
     *
     * @param entry the document's entry, with its job id
     * @return completes when recorded
     */
    Mono<Void> submitted(Entry entry);

    /** Releases what the ledger holds open (a file and its lock, a connection); the entries stay where they are. */
    @Override
    default void close() {
    }

    /**
     * A ledger in this process's memory: it survives a failed subscription and a second {@code submitAll} over the
     * same documents, not the process.
     *
     * @return a new, empty ledger
     */
    static BulkLedger inMemory() {
        return new MemoryLedger();
    }

    /**
     * A ledger in a file of JSON lines, one entry per line, appended as the run goes and read back when opened. It
     * survives the process being killed at any point (an unfinished last line is ignored); each entry is forced to
     * the device before it counts as recorded, so it also survives the machine losing power. One process at a
     * time may use a file: {@link #close()} the ledger to let another open it.
     *
     * @param file the ledger's file, created when missing
     * @return a ledger over {@code file}; its entries are read on first use
     */
    static BulkLedger file(Path file) {
        return new FileLedger(Objects.requireNonNull(file, "file"));
    }
}
