package io.reductor.samples.tour;

import io.reductor.core.model.parse.ParseResponse;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.junit.WithReductoSimulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@WithReductoSimulator
class BulkSubmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void theProgramParsesTheBundledDocumentsThenAwaitsTheSavedJobs() {
        Map<String, String> jobIds = BulkSubmission.run(Map.of(), out);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).startsWith("BulkSubmission: no REDUCTO_API_KEY set");
        assertThat(jobIds).containsOnlyKeys(BulkSubmission.DOCUMENTS);
        assertThat(output.lines().filter(line -> line.startsWith("submitted "))).hasSize(4);
        assertThat(output.lines().filter(line -> line.startsWith("completed "))).as("4 submitted, then 4 resumed")
                .hasSize(8);
    }

    @Test
    void oneOutcomePerDocumentAtMostTwoInFlightAndResumingSubmitsNothing(ReductoClient client,
            ReductoSimulator simulator) {
        List<BulkDocument<String>> documents = new ArrayList<>(BulkSubmission.DOCUMENTS.stream()
                .map(name -> BulkDocument.local(name, Tour.document(name))).toList());
        documents.add(BulkDocument.local("broken.bin", UploadSource.of(new byte[] {0, 1, 2, 3, (byte) 0xff},
                "broken.bin")));
        Map<String, String> jobIds = new ConcurrentHashMap<>();

        List<BulkEvent<String, ParseResponse>> events = BulkSubmission.submitAll(client, documents, jobIds, out)
                .collectList().block(WAIT);

        Map<String, List<BulkEvent<String, ParseResponse>>> outcomes = events.stream()
                .filter(BulkEvent::isOutcome).collect(Collectors.groupingBy(BulkEvent::key));
        assertThat(outcomes).containsOnlyKeys(documents.stream().map(BulkDocument::key).toList());
        assertThat(outcomes.values()).allSatisfy(list -> assertThat(list).hasSize(1));
        assertThat(BulkSubmission.DOCUMENTS).allSatisfy(name ->
                assertThat(outcomes.get(name).get(0)).isInstanceOf(BulkEvent.Completed.class));
        assertThat(outcomes.get("broken.bin").get(0)).isNotInstanceOf(BulkEvent.Completed.class);
        assertThat(maxAwaitedAtOnce(events)).isBetween(1, 2);

        Map<String, String> submitted = events.stream()
                .filter(event -> event instanceof BulkEvent.Submitted<String, ParseResponse>)
                .map(event -> (BulkEvent.Submitted<String, ParseResponse>) event)
                .collect(Collectors.toMap(BulkEvent.Submitted::key, BulkEvent.Submitted::jobId));
        assertThat(jobIds).isEqualTo(submitted);
        long jobsBefore = simulator.counters().jobsCreated();

        List<BulkEvent<String, ParseResponse>> resumed = BulkSubmission.awaitSaved(client, jobIds, out)
                .collectList().block(WAIT);

        assertThat(resumed).allMatch(BulkEvent::isOutcome).hasSize(jobIds.size());
        Map<String, String> resumedJobs = new HashMap<>();
        for (BulkEvent<String, ParseResponse> event : resumed) {
            if (event instanceof BulkEvent.Completed<String, ParseResponse> completed) {
                resumedJobs.put(completed.key(), completed.jobId());
                assertThat(completed.result().result()).isEqualTo(((BulkEvent.Completed<String, ParseResponse>)
                        outcomes.get(completed.key()).get(0)).result().result());
            } else if (event instanceof BulkEvent.Failed<String, ParseResponse> failed) {
                resumedJobs.put(failed.key(), failed.jobId());
                assertThat(failed.key()).isEqualTo("broken.bin");
            }
        }
        assertThat(resumedJobs).isEqualTo(jobIds);
        assertThat(simulator.counters().jobsCreated()).as("awaiting submits nothing").isEqualTo(jobsBefore);
        assertThat(simulator.counters().duplicateSubmissions()).isEmpty();
    }

    /** The most jobs between their Submitted event and their outcome at any point of the stream. */
    private static int maxAwaitedAtOnce(List<BulkEvent<String, ParseResponse>> events) {
        Set<String> awaited = new HashSet<>();
        int max = 0;
        for (BulkEvent<String, ParseResponse> event : events) {
            if (event instanceof BulkEvent.Submitted) {
                awaited.add(event.key());
            } else {
                awaited.remove(event.key());
            }
            max = Math.max(max, awaited.size());
        }
        return max;
    }
}
