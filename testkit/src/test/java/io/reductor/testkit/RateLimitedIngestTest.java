package io.reductor.testkit;

import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk ingest against a service that keeps answering 429, with the client's defaults: every document is uploaded,
 * submitted and awaited, exactly one job each, and none is dropped, because every 429 (uploads, submissions, polls)
 * slows the client's pacer instead of failing the call.
 */
class RateLimitedIngestTest {

    private static final int DOCUMENTS = 200;

    @Test
    void everyDocumentCompletesOnceUnderASustainedRateLimit() {
        try (ReductoSimulator simulator = ReductoSimulator.builder()
                .rateLimit(100)
                .jobPollRateLimit(40)
                .rateLimitRetryAfter(false) // as production answers: [CODE 1000] and no Retry-After
                .start()) {
            simulator.registerPipeline("invoices", PipelineDefinition.parseOnly());
            ReductoClient client = ReductoClient.builder()
                    .apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl()).build();

            List<BulkEvent<Integer, PipelineResponse>> outcomes = client.pipeline().submitAll(
                            Flux.range(0, DOCUMENTS).map(i -> BulkDocument.local(i, UploadSource.of(
                                    ("Invoice " + i + " total " + (100 + i) + " EUR").getBytes(StandardCharsets.UTF_8),
                                    "invoice-" + i + ".txt"))),
                            input -> PipelineRequest.builder().input(input).pipelineId("invoices").build(),
                            BulkOptions.defaults().withConcurrency(64))
                    .filter(BulkEvent::isOutcome)
                    .collectList()
                    .block(Duration.ofMinutes(2));

            Map<String, Long> kinds = outcomes.stream().collect(Collectors.groupingBy(
                    outcome -> outcome.getClass().getSimpleName(), Collectors.counting()));
            assertThat(kinds).as("outcomes by kind").containsExactly(Map.entry("Completed", (long) DOCUMENTS));
            assertThat(outcomes).extracting(BulkEvent::key).doesNotHaveDuplicates().hasSize(DOCUMENTS);
            assertThat(simulator.counters().jobsCreated()).isEqualTo(DOCUMENTS);
            assertThat(simulator.counters().duplicateSubmissions()).isEmpty();
            // the limits were really hit: the pacer, not luck, got every document through
            assertThat(simulator.counters().rateLimitedRequests()).isPositive();
            client.close();
        }
    }
}
