package io.reductor.samples.tour;

import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobsPage;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.junit.WithReductoSimulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithReductoSimulator
class ListJobsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void theProgramListsRecentJobsAndResumesFromTheCursor() {
        ListJobs.run(Map.of(), out);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).startsWith("ListJobs: no REDUCTO_API_KEY set");
        assertThat(output.lines().filter(line -> line.startsWith("recent job "))).hasSize(3);
        assertThat(output).contains("first page: [").contains("next page: [").contains(", the last");
    }

    @Test
    void listsNewestFirstOnDemandAndResumesFromASavedCursor(ReductoClient client, ReductoSimulator simulator) {
        List<String> created = ListJobs.createJobs(client, 5).collectList().block(WAIT);
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        simulator.counters().reset();

        List<JobSummary> recent = ListJobs.newest(client, 3, out).collectList().block(WAIT);
        assertThat(recent).extracting(JobSummary::jobId).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(simulator.counters().requests("GET /jobs")).as("one page of 100 covers three jobs").isEqualTo(1);

        String cursor = ListJobs.firstPage(client, out).block(WAIT);
        assertThat(cursor).isNotBlank();
        List<JobsPage> rest = ListJobs.resume(client, cursor, out).collectList().block(WAIT);

        assertThat(rest).hasSize(2);
        assertThat(rest.get(1).nextCursor()).isNull();
        assertThat(rest.stream().flatMap(page -> page.jobs().stream()).map(JobSummary::jobId))
                .as("the jobs after the first page, none repeated, none missed")
                .containsExactlyElementsOf(newestFirst.subList(2, 5));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("first page: " + newestFirst.subList(0, 2) + ", next cursor " + cursor);
    }
}
