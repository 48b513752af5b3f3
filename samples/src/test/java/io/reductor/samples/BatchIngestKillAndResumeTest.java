package io.reductor.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.job.JobSummary;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.PipelineDefinition;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.SimulatorRoute;
import io.reductor.testkit.UploadReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main sample with {@code --resume}, killed with {@code kill -9} in the middle of 1,000 documents and started
 * again with the same command: every document ends with exactly one job, none submitted twice, none lost. The sample
 * runs in a child JVM against a simulator in this one, which keeps the jobs of the killed run.
 */
class BatchIngestKillAndResumeTest {

    private static final int DOCUMENTS = 1_000;
    /** Pipeline submissions the first run makes before it is killed; the other documents are still to come. */
    private static final int SUBMITTED_BEFORE_THE_KILL = 300;
    /**
     * Submissions waited for at a time: {@code awaitRequests} gives up after 30 seconds, so waiting step by step fails
     * only when the run stops making progress, not when a busy machine starts the child JVM slowly.
     */
    private static final int STEP = 50;
    private static final int CONCURRENCY = 64;
    /**
     * Each one-page document is in flight at least this long, so the 700 documents left at the kill need at least
     * {@code 700 / 64 * 200 ms}, over two seconds, and the first run cannot finish before it is killed.
     */
    private static final Duration PROCESSING_TIME = Duration.ofMillis(200);
    private static final String PIPELINE = "kill-and-resume";
    private static final JsonCodec CODEC = JsonCodec.standard();

    @Test
    void aRunKilledMidwayAndStartedAgainWithItsLedgerGivesEveryDocumentExactlyOneJob(@TempDir Path work)
            throws IOException, InterruptedException {
        Path in = Files.createDirectory(work.resolve("in"));
        Map<String, String> nameByDigest = new HashMap<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            String name = String.format(Locale.ROOT, "doc-%04d.txt", i);
            byte[] content = ("Document " + i + "\nTotal: " + i + " items\n").getBytes(StandardCharsets.UTF_8);
            Files.write(in.resolve(name), content);
            nameByDigest.put(sha256(content), name);
        }
        Path out = work.resolve("out");
        // the flags of the sample's own batch JVM (exec:exec@batch), which halve its CPU time on a short run
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BatchIngest.class.getName(),
                "--pipeline", PIPELINE, "--resume", work.resolve("ledger.jsonl").toString(), "--out", out.toString(),
                "--concurrency", String.valueOf(CONCURRENCY), in.toString());

        try (ReductoSimulator simulator = ReductoSimulator.builder().processingTimePerPage(PROCESSING_TIME).start();
             ReductoClient client = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                     .build()) {
            simulator.registerPipeline(PIPELINE, PipelineDefinition.parseOnly());

            Path firstLog = work.resolve("first.log");
            Process first = start(command, simulator, firstLog);
            try {
                for (int submitted = STEP; submitted <= SUBMITTED_BEFORE_THE_KILL; submitted += STEP) {
                    simulator.awaitRequests(SimulatorRoute.PIPELINE_ASYNC, submitted);
                }
                assertThat(first.isAlive()).as(() -> "the first run before the kill: " + log(firstLog)).isTrue();
            } finally {
                first.destroyForcibly().waitFor();
            }
            long jobsAtTheKill = simulator.counters().jobsCreated();
            assertThat(jobsAtTheKill).as("jobs when the first run was killed")
                    .isBetween((long) SUBMITTED_BEFORE_THE_KILL, DOCUMENTS - 1L);

            Path secondLog = work.resolve("second.log");
            Process second = start(command, simulator, secondLog);
            try {
                assertThat(second.waitFor(3, TimeUnit.MINUTES)).as(() -> "the second run ended within 3 minutes: " + log(secondLog))
                        .isTrue();
            } finally {
                second.destroyForcibly();
            }
            String printed = log(secondLog);
            assertThat(second.exitValue()).as(printed).isZero();
            assertThat(printed).contains(DOCUMENTS + " completed, 0 failed");

            Map<String, String> jobByName = new HashMap<>();
            List<String> namesOfJobs = new ArrayList<>();
            for (JobSummary job : client.jobs().collectList().block(Duration.ofSeconds(30))) {
                String name = nameByDigest.get(simulator.receivedUpload(inputOf(job)).map(UploadReceipt::sha256)
                        .orElseThrow());
                namesOfJobs.add(name);
                jobByName.put(name, job.jobId());
            }
            assertThat(namesOfJobs).as("the document of each job").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(nameByDigest.values());
            assertThat(simulator.counters().jobsCreated()).isEqualTo(DOCUMENTS);
            for (String name : nameByDigest.values()) {
                JsonNode result = CODEC.readTree(Files.readAllBytes(out.resolve(name + ".json")));
                assertThat(result.path("job_id").asText()).as(name).isEqualTo(jobByName.get(name));
                assertThat(result.path("result").path("result").path("parse").isObject()).as(name).isTrue();
            }
            assertThat(printed).contains("Resuming with the ledger");
        }
    }

    /** Starts the sample against the simulator, as a user with an API key would, its output going to {@code log}. */
    private static Process start(List<String> command, ReductoSimulator simulator, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(ReductoClient.API_KEY_VARIABLE, simulator.apiKey());
        builder.environment().put(ReductoClient.BASE_URL_VARIABLE, simulator.baseUrl());
        return builder.start();
    }

    /** The {@code reducto://} file id a job was submitted with, from the request it keeps. */
    private static String inputOf(JobSummary job) {
        return CODEC.readTree(job.rawConfig().getBytes(StandardCharsets.UTF_8)).path("input").asText();
    }

    private static String log(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
