package io.reductor.redis;

import io.lettuce.core.RedisClient;
import io.reductor.core.error.ReductoException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.reactor.AwaitOptions;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkLedger;
import io.reductor.reactor.BulkLedger.Entry;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.reductor.redis.RedisServerExtension.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RedisBulkLedger} against a real Redis: entries round-trip with every field under the documented keys; the
 * in-doubt listing holds exactly the documents without a job, over more than one {@code SSCAN} page; recording the
 * job takes a document out of doubt; two ledger objects of one name on two connections (two processes) see each
 * other's entries and ledgers of other names see none; {@code submitAll} resumed with a new ledger object creates no
 * jobs, and adopts the job of a document left in doubt; a broken entry and a closed ledger fail clearly.
 */
class RedisBulkLedgerTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final BulkOptions OPTIONS = BulkOptions.defaults().withConcurrency(8)
            .withAwaitOptions(AwaitOptions.defaults().withoutLongPoll()
                    .withIntervals(Duration.ofMillis(5), Duration.ofMillis(20), 2));

    @Test
    void anEntryRoundTripsUnderTheDocumentedKeys() {
        String name = uniqueName("round-trip");
        Instant at = Instant.parse("2026-03-01T10:15:30.123456789Z");
        try (RedisBulkLedger ledger = RedisBulkLedger.create(REDIS.client(), name)) {
            assertThat(ledger.find("doc-1").blockOptional()).isEmpty();

            ledger.submitting("doc-1", "\"https://docs.example.com/ä.pdf\"", at).block(WAIT);

            assertThat(ledger.find("doc-1").block(WAIT))
                    .isEqualTo(new Entry("doc-1", "\"https://docs.example.com/ä.pdf\"", null, at));
            String hash = "reductor:ledger:{" + name + "}";
            assertThat(REDIS.commands().hget(hash, "doc-1")).contains("\"job_id\":null");
            assertThat(REDIS.commands().sismember(hash + ":in-doubt", "doc-1")).isTrue();

            Entry submitted = new Entry("doc-1", "\"https://docs.example.com/ä.pdf\"", "job-1", at.plusSeconds(1));
            ledger.submitted(submitted).block(WAIT);

            assertThat(ledger.find("doc-1").block(WAIT)).isEqualTo(submitted);
            assertThat(REDIS.commands().sismember(hash + ":in-doubt", "doc-1")).isFalse();
        }
    }

    @Test
    void inDoubtListsExactlyTheDocumentsWithoutAJob() {
        // 1,500 documents in doubt: the set is read in several SSCAN pages of 500
        int documents = 1_500;
        try (RedisBulkLedger ledger = RedisBulkLedger.create(REDIS.client(), uniqueName("in-doubt"))) {
            Flux.range(0, documents).flatMap(i -> ledger.submitting("doc-" + i, "\"" + i + "\"", Instant.now()))
                    .blockLast(WAIT);
            // every third one then gets its job
            Flux.range(0, documents).filter(i -> i % 3 == 0)
                    .flatMap(i -> ledger.submitted(new Entry("doc-" + i, "\"" + i + "\"", "job-" + i, Instant.now())))
                    .blockLast(WAIT);

            List<Entry> inDoubt = ledger.inDoubt().collectList().block(WAIT);

            assertThat(inDoubt).allSatisfy(entry -> assertThat(entry.inDoubt()).isTrue())
                    .extracting(Entry::key)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, documents).filter(i -> i % 3 != 0)
                            .mapToObj(i -> "doc-" + i).toList());
        }
    }

    @Test
    void recordingTheJobTakesTheDocumentOutOfDoubt() {
        String name = uniqueName("cleared");
        try (RedisBulkLedger ledger = RedisBulkLedger.create(REDIS.client(), name)) {
            ledger.submitting("a", "\"a\"", Instant.now()).block(WAIT);
            ledger.submitting("b", "\"b\"", Instant.now()).block(WAIT);
            assertThat(ledger.inDoubt().map(Entry::key).collectList().block(WAIT)).containsExactlyInAnyOrder("a", "b");

            ledger.submitted(new Entry("a", "\"a\"", "job-a", Instant.now())).block(WAIT);
            ledger.submitted(new Entry("b", "\"b\"", "job-b", Instant.now())).block(WAIT);

            assertThat(ledger.inDoubt().collectList().block(WAIT)).isEmpty();
            assertThat(REDIS.commands().exists("reductor:ledger:{" + name + "}:in-doubt")).isZero();
        }
    }

    @Test
    void twoInstancesOfOneLedgerSeeEachOthersEntries() {
        String name = uniqueName("shared");
        RedisClient other = REDIS.newClient();
        try (RedisBulkLedger first = RedisBulkLedger.create(REDIS.client(), name);
                RedisBulkLedger second = RedisBulkLedger.create(other, name);
                RedisBulkLedger unrelated = RedisBulkLedger.create(other, uniqueName("unrelated"))) {
            first.submitting("doc", "\"doc\"", Instant.now()).block(WAIT);

            assertThat(second.find("doc").block(WAIT).inDoubt()).isTrue();
            assertThat(second.inDoubt().map(Entry::key).collectList().block(WAIT)).containsExactly("doc");

            second.submitted(new Entry("doc", "\"doc\"", "job-7", Instant.now())).block(WAIT);

            assertThat(first.find("doc").block(WAIT).jobId()).isEqualTo("job-7");
            assertThat(first.inDoubt().collectList().block(WAIT)).isEmpty();
            assertThat(unrelated.find("doc").blockOptional()).isEmpty();
        } finally {
            other.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void aRunResumedWithAnotherLedgerObjectCreatesNoJobs() {
        String name = uniqueName("resume");
        try (Simulated simulated = new Simulated(10)) {
            List<BulkEvent<String, ParseResponse>> first;
            try (RedisBulkLedger ledger = RedisBulkLedger.create(REDIS.client(), name)) {
                first = simulated.run(IntStream.range(0, 10), ledger);
            }
            assertThat(completed(first)).hasSize(10);
            assertThat(simulated.simulator.counters().jobsCreated()).isEqualTo(10);

            // another process, another connection, the same ledger
            List<BulkEvent<String, ParseResponse>> second;
            try (RedisBulkLedger ledger = RedisBulkLedger.create(REDIS.client(), name)) {
                second = simulated.run(IntStream.range(0, 10), ledger);
            }

            assertThat(completed(second)).isEqualTo(completed(first));
            assertThat(simulated.simulator.counters().jobsCreated()).as("jobs after the second run").isEqualTo(10);
        }
    }

    @Test
    void aDocumentLeftInDoubtIsMatchedToItsJobInsteadOfSubmittedAgain() {
        try (Simulated simulated = new Simulated(4);
                RedisBulkLedger ledger = RedisBulkLedger.create(REDIS.client(), uniqueName("doubt"))) {
            // a process killed after the service accepted doc-2's job and before its id was recorded
            ledger.submitting("doc-2", "\"" + url(2) + "\"", Instant.now()).block(WAIT);
            String orphan = simulated.client.parse().runJob(ParseRequest.builder().input(DocumentInput.url(url(2)))
                    .build()).block(WAIT).jobId();

            List<BulkEvent<String, ParseResponse>> events = simulated.run(IntStream.range(0, 4), ledger);

            assertThat(completed(events)).containsEntry("doc-2", orphan).hasSize(4);
            assertThat(simulated.simulator.counters().jobsCreated()).isEqualTo(4);
            assertThat(simulated.simulator.counters().duplicateSubmissions()).isEmpty();
            assertThat(ledger.inDoubt().collectList().block(WAIT)).isEmpty();
        }
    }

    @Test
    void aBrokenEntryIsReportedWithItsKey() {
        String name = uniqueName("broken");
        REDIS.commands().hset("reductor:ledger:{" + name + "}", "doc-9", "not json");
        try (RedisBulkLedger ledger = RedisBulkLedger.create(REDIS.client(), name)) {
            assertThatThrownBy(() -> ledger.find("doc-9").block(WAIT)).isInstanceOf(ReductoException.class)
                    .hasMessageContaining("\"doc-9\"").hasMessageContaining("reductor:ledger:{" + name + "}");
        }
    }

    @Test
    void aClosedLedgerFailsClearly() {
        RedisBulkLedger ledger = RedisBulkLedger.create(REDIS.client(), uniqueName("closed"));
        ledger.close();

        assertThatThrownBy(() -> ledger.submitting("a", "\"a\"", Instant.now()).block(WAIT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> ledger.inDoubt().blockLast(WAIT)).isInstanceOf(IllegalStateException.class);
    }

    private static Map<String, String> completed(List<BulkEvent<String, ParseResponse>> events) {
        return events.stream().filter(event -> event instanceof BulkEvent.Completed<?, ?>)
                .map(event -> (BulkEvent.Completed<String, ParseResponse>) event)
                .collect(Collectors.toMap(BulkEvent.Completed::key, BulkEvent.Completed::jobId));
    }

    private static String url(int i) {
        return "https://docs.example.com/doc-" + i + ".txt";
    }

    /** A simulator holding {@code documents} documents, and a client of it. */
    private static final class Simulated implements AutoCloseable {
        final ReductoSimulator simulator = ReductoSimulator.start();
        final ReductoClient client;

        Simulated(int documents) {
            for (int i = 0; i < documents; i++) {
                simulator.registerDocument(url(i), ("Document " + i).getBytes(StandardCharsets.UTF_8));
            }
            client = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl()).build();
        }

        List<BulkEvent<String, ParseResponse>> run(IntStream indexes, BulkLedger ledger) {
            return client.parse().submitAll(
                            Flux.fromStream(indexes.boxed()).map(i -> BulkDocument.remote("doc-" + i,
                                    DocumentInput.url(url(i)))),
                            input -> ParseRequest.builder().input(input).build(), OPTIONS.withLedger(ledger))
                    .collectList().block(WAIT);
        }

        @Override
        public void close() {
            client.close();
            simulator.close();
        }
    }
}
