package io.reductor.testkit;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.reactor.AwaitOptions;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkLedger;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.ReductoClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code submitAll} with a {@link BulkLedger} against the simulator: a second run over the same documents awaits the
 * recorded jobs and creates none; a document left in doubt (its request reached the service, its job id was never
 * recorded) is matched to its job in the job list instead of being submitted again; one left in doubt whose request
 * never arrived is submitted once; two documents with one key are refused; the file ledger reads back what it wrote,
 * ignores a line cut short by a kill, and refuses a second user of its file.
 */
class BulkLedgerTest {

    private static final int DOCUMENTS = 30;
    private static final BulkOptions OPTIONS = BulkOptions.defaults().withConcurrency(8)
            .withAwaitOptions(AwaitOptions.defaults().withoutLongPoll()
                    .withIntervals(Duration.ofMillis(5), Duration.ofMillis(20), 2));

    private ReductoSimulator simulator;
    private ReductoClient client;

    @BeforeEach
    void start() {
        simulator = ReductoSimulator.start();
        for (int i = 0; i < DOCUMENTS; i++) {
            simulator.registerDocument(url(i), ("Document " + i).getBytes(StandardCharsets.UTF_8));
        }
        client = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void aSecondRunAwaitsTheRecordedJobsAndCreatesNone() {
        BulkLedger ledger = BulkLedger.inMemory();
        List<BulkEvent<String, ParseResponse>> first = run(IntStream.range(0, DOCUMENTS), ledger);
        assertThat(completedKeys(first)).hasSize(DOCUMENTS);
        assertThat(simulator.counters().jobsCreated()).isEqualTo(DOCUMENTS);

        List<BulkEvent<String, ParseResponse>> second = run(IntStream.range(0, DOCUMENTS), ledger);

        assertThat(completedKeys(second)).hasSize(DOCUMENTS);
        assertThat(simulator.counters().jobsCreated()).as("jobs after the second run").isEqualTo(DOCUMENTS);
        assertThat(jobIds(second)).isEqualTo(jobIds(first));
    }

    @Test
    void aDocumentInDoubtIsMatchedToTheJobItsRequestCreated() {
        BulkLedger ledger = BulkLedger.inMemory();
        // a crash after the service accepted document 3's job and before its id was recorded
        String input = "\"" + url(3) + "\"";
        ledger.submitting("doc-3", input, Instant.now()).block();
        String orphan = client.parse().runJob(ParseRequest.builder().input(DocumentInput.url(url(3))).build())
                .block().jobId();
        // and one whose request never reached the service
        ledger.submitting("doc-4", "\"" + url(4) + "\"", Instant.now()).block();

        List<BulkEvent<String, ParseResponse>> events = run(IntStream.range(0, 6), ledger);

        assertThat(completedKeys(events)).containsExactlyInAnyOrder("doc-0", "doc-1", "doc-2", "doc-3", "doc-4",
                "doc-5");
        assertThat(jobIds(events)).containsEntry("doc-3", orphan);
        assertThat(simulator.counters().jobsCreated()).as("the orphan and one job per other document").isEqualTo(6);
        assertThat(simulator.counters().duplicateSubmissions()).isEmpty();
        assertThat(ledger.inDoubt().collectList().block()).isEmpty();
        assertThat(ledger.find("doc-3").block().jobId()).isEqualTo(orphan);
    }

    @Test
    void twoDocumentsWithOneKeyAreRefusedNotMerged() {
        List<BulkEvent<String, ParseResponse>> events = client.parse().submitAll(
                        Flux.just(BulkDocument.remote("same", DocumentInput.url(url(0))),
                                BulkDocument.remote("same", DocumentInput.url(url(1)))),
                        input -> ParseRequest.builder().input(input).build(), OPTIONS.withLedger(BulkLedger.inMemory()))
                .filter(BulkEvent::isOutcome).collectList().block(Duration.ofSeconds(30));

        assertThat(events).hasSize(2);
        assertThat(events).filteredOn(event -> event instanceof BulkEvent.Rejected<?, ?>).singleElement()
                .satisfies(event -> assertThat(((BulkEvent.Rejected<?, ?>) event).error())
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"same\""));
        assertThat(simulator.counters().jobsCreated()).isEqualTo(1);
    }

    @Test
    void aFileLedgerOpenedAgainResumesAndIgnoresALineCutShort(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("ledger.jsonl");
        List<BulkEvent<String, ParseResponse>> first;
        try (BulkLedger ledger = BulkLedger.file(file)) {
            first = run(IntStream.range(0, 10), ledger);
        }
        // what a kill in the middle of a write leaves
        Files.writeString(file, "{\"key\":\"doc-9\",\"inp", StandardOpenOption.APPEND);

        List<BulkEvent<String, ParseResponse>> second;
        try (BulkLedger reopened = BulkLedger.file(file)) {
            second = run(IntStream.range(0, 10), reopened);
        }

        assertThat(jobIds(second)).isEqualTo(jobIds(first)).hasSize(10);
        assertThat(simulator.counters().jobsCreated()).isEqualTo(10);
        assertThat(Files.readString(file)).endsWith("}\n").doesNotContain("\"inp\n");
    }

    @Test
    void aFileLedgerInUseIsRefusedWithAClearError(@TempDir Path folder) {
        Path file = folder.resolve("ledger.jsonl");
        try (BulkLedger first = BulkLedger.file(file)) {
            first.find("anything").block();

            assertThatThrownBy(() -> BulkLedger.file(file).find("anything").block())
                    .hasMessageContaining("is in use by another ledger or process");
        }
        try (BulkLedger afterClose = BulkLedger.file(file)) {
            assertThat(afterClose.find("anything").blockOptional()).isEmpty();
        }
    }

    @Test
    void aBrokenLineInTheMiddleIsReportedWithItsNumber(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("ledger.jsonl");
        Files.writeString(file, "{\"key\":\"a\",\"input\":\"\\\"x\\\"\",\"job_id\":null,\"at\":\"2026-01-01T00:00:00Z\"}\n"
                + "not json\n");

        assertThatThrownBy(() -> BulkLedger.file(file).find("a").block())
                .hasMessageContaining("Line 2 of the bulk ledger");
    }

    private List<BulkEvent<String, ParseResponse>> run(IntStream indexes, BulkLedger ledger) {
        return client.parse().submitAll(
                        Flux.fromStream(indexes.boxed()).map(i -> BulkDocument.remote("doc-" + i,
                                DocumentInput.url(url(i)))),
                        input -> ParseRequest.builder().input(input).build(), OPTIONS.withLedger(ledger))
                .collectList().block(Duration.ofSeconds(30));
    }

    private static List<String> completedKeys(List<BulkEvent<String, ParseResponse>> events) {
        return events.stream().filter(event -> event instanceof BulkEvent.Completed<?, ?>).map(BulkEvent::key)
                .toList();
    }

    private static Map<String, String> jobIds(List<BulkEvent<String, ParseResponse>> events) {
        return events.stream().filter(event -> event instanceof BulkEvent.Completed<?, ?>)
                .map(event -> (BulkEvent.Completed<String, ParseResponse>) event)
                .collect(Collectors.toMap(BulkEvent.Completed::key, BulkEvent.Completed::jobId));
    }

    private static String url(int i) {
        return "https://docs.example.com/doc-" + i + ".txt";
    }
}
