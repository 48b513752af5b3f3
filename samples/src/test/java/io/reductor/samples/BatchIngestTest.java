package io.reductor.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the main sample end to end on the embedded simulator, as README's first command does, and with
 * {@code --resume} against a simulator of the test's own, which outlives a run.
 */
class BatchIngestTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final BatchIngest program = new BatchIngest(new PrintStream(printed, true, StandardCharsets.UTF_8), false);

    @Test
    void ingestsTheBundledDocumentsOnTheSimulatorAndWritesOneResultEach(@TempDir Path out) throws IOException {
        int status = program.run(new String[] {"--out", out.toString()}, Map.of());

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output.lines().findFirst()).get().asString()
                .startsWith("Reductor batch ingest: no REDUCTO_API_KEY set, so running against the embedded Reducto "
                        + "simulator at http://127.0.0.1:");
        assertThat(output).contains("4 completed, 0 failed");
        try (var files = Files.list(out)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("invoice-acme-1042.pdf.json", "services-agreement.pdf.json",
                            "quarterly-report-q1.pdf.json", "purchase-order-7731.pdf.json");
        }
        JsonNode invoice = JsonCodec.standard().readTree(Files.readAllBytes(out.resolve("invoice-acme-1042.pdf.json")));
        assertThat(invoice.path("job_id").asText()).isNotBlank();
        assertThat(invoice.path("result").path("result").path("parse").path("result").path("chunks").get(0)
                .path("content").asText()).contains("Invoice 1042").contains("Total due: 52.92 USD");
        assertThat(invoice.path("result").path("result").path("extract").isMissingNode()).isFalse();
    }

    @Test
    void aDocumentThatFailsIsReportedAndTheExitStatusSaysSo(@TempDir Path in, @TempDir Path out) throws IOException {
        Files.writeString(in.resolve("notes.txt"), "Meeting notes\nTotal: 12 items\n");
        Files.write(in.resolve("broken.bin"), new byte[] {0, 1, 2, 3, (byte) 0xff});

        int status = program.run(new String[] {"--out", out.toString(), "--concurrency", "2", in.toString()},
                Map.of());

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(1);
        assertThat(output).contains("done    notes.txt").contains("FAILED  broken.bin").contains("1 completed, 1 failed");
        assertThat(JsonCodec.standard().readTree(Files.readAllBytes(out.resolve("broken.bin.json"))).path("error")
                .asText()).isNotBlank();
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy(@TempDir Path out) {
        assertThat(program.run(new String[] {"--concurrency", "zero"}, Map.of())).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("--concurrency must be a whole number, not zero").contains("usage: BatchIngest");
    }

    @Test
    void resumeWithoutALedgerFileExitsWithTwoAndSaysWhy() {
        assertThat(program.run(new String[] {"--out", "results", "--resume"}, Map.of())).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("error: --resume needs a value")
                .contains("usage: BatchIngest [--pipeline ID] [--concurrency N] [--out DIR] [--resume LEDGER]");
    }

    @Test
    void resumeOnTheEmbeddedSimulatorIsRefusedSinceItKeepsNoJobsBetweenRuns(@TempDir Path folder) {
        int status = program.run(new String[] {"--resume", folder.resolve("ledger.jsonl").toString()}, Map.of());

        assertThat(status).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("error: --resume needs a service that keeps its jobs between runs");
        assertThat(folder.resolve("ledger.jsonl")).doesNotExist();
    }

    @Test
    void aSecondRunWithTheSameLedgerAwaitsTheJobsOfTheFirstAndSubmitsNone(@TempDir Path folder) throws IOException {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            Map<String, String> environment = Map.of(ReductoClient.API_KEY_VARIABLE, simulator.apiKey(),
                    ReductoClient.BASE_URL_VARIABLE, simulator.baseUrl());
            // the bundled documents, copied to a new temporary folder by each run: known by their resource names
            String[] args = {"--out", folder.resolve("out").toString(), "--resume",
                    folder.resolve("ledger.jsonl").toString()};
            assertThat(program.run(args, environment)).as(printed.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("Recording each document's job in the ledger " + folder.resolve("ledger.jsonl"));
            JsonNode first = JsonCodec.standard().readTree(Files.readAllBytes(folder.resolve("out")
                    .resolve("invoice-acme-1042.pdf.json")));

            ByteArrayOutputStream again = new ByteArrayOutputStream();
            int status = new BatchIngest(new PrintStream(again, true, StandardCharsets.UTF_8), false)
                    .run(args, environment);

            String output = again.toString(StandardCharsets.UTF_8);
            assertThat(status).as(output).isZero();
            assertThat(output.lines()).contains("Resuming with the ledger " + folder.resolve("ledger.jsonl")
                    + ": 4 of 4 documents have a job, awaited rather than submitted again");
            assertThat(output).contains("4 completed, 0 failed");
            assertThat(simulator.counters().jobsCreated()).isEqualTo(4);
            assertThat(JsonCodec.standard().readTree(Files.readAllBytes(folder.resolve("out")
                    .resolve("invoice-acme-1042.pdf.json"))).path("job_id")).isEqualTo(first.path("job_id"));
        }
    }
}
