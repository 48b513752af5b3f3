package io.reductor.bench.scenarios;

import io.reductor.testkit.PipelineDefinition;
import io.reductor.testkit.ReductoSimulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The documents and payloads the benchmarks share. */
public final class BenchDocuments {

    private BenchDocuments() {
    }

    /**
     * A one-page plain-text invoice (about 1.5 KB): cheap for the simulator to read, so the clients' costs stand out.
     *
     * @return its UTF-8 bytes
     */
    public static byte[] invoice() {
        StringBuilder text = new StringBuilder("INVOICE 2026-0042\nAcme Parts Ltd, 1 Harbour Road\n\n");
        for (int line = 1; line <= 30; line++) {
            text.append("Item ").append(line).append(": widget type ").append((char) ('A' + line % 26))
                    .append(", quantity ").append(line * 3).append(", amount ").append(line * 17).append(".00 EUR\n");
        }
        return text.append("\nTotal due: 7,905.00 EUR\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The body of {@code GET /job/{id}} for a completed parse-only pipeline job on {@link #invoice()}, exactly as the
     * simulator sends it to the clients of the ingest benchmark (about 11.5 KB).
     *
     * @return the JSON bytes
     */
    public static byte[] completedPipelineJob() throws IOException, InterruptedException {
        try (ReductoSimulator simulator = ReductoSimulator.builder().processingTimePerPage(Duration.ZERO)
                .queueTime(Duration.ZERO).start()) {
            simulator.registerPipeline("bench-pipeline", PipelineDefinition.parseOnly());
            String document = simulator.uploadDocument("invoice.txt", invoice());
            HttpClient http = HttpClient.newHttpClient();
            String submitted = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/pipeline_async"))
                    .header("Authorization", "Bearer " + simulator.apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"input\":\"" + document + "\",\"pipeline_id\":\"bench-pipeline\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            String jobId = submitted.replaceAll(".*\"job_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            for (int poll = 0; poll < 10; poll++) {
                byte[] job = http.send(HttpRequest.newBuilder(
                                URI.create(simulator.baseUrl() + "/job/" + jobId + "?timeout=10"))
                        .header("Authorization", "Bearer " + simulator.apiKey()).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                if (new String(job, StandardCharsets.UTF_8).contains("\"status\":\"Completed\"")) {
                    return job;
                }
            }
            throw new IllegalStateException("the simulator's pipeline job did not complete: " + submitted);
        }
    }
}
