package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.reactor.ReductoClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code seedCompletedJobs}: many finished jobs, listed by {@code GET /jobs} like jobs created by requests. */
class SeededJobsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Every page of {@code GET /jobs} with this limit, in order. */
    private static List<JsonNode> pages(ReductoSimulator simulator, int limit) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            RawHttp.Answer answer = RawHttp.call("GET", simulator.baseUrl() + "/jobs?limit=" + limit
                    + "&exclude_configs=true" + (cursor == null ? "" : "&cursor=" + cursor), RawHttp.auth(simulator),
                    null);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode page = answer.json();
            pages.add(page);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        return pages;
    }

    @Test
    void seededJobsArePagedNewestFirstWithCursors() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (ReductoSimulator simulator = ReductoSimulator.builder().clock(clock).start()) {
            List<String> seeded = simulator.seedCompletedJobs(1_234);

            List<JsonNode> pages = pages(simulator, 500);

            assertThat(pages).hasSize(3);
            assertThat(pages).extracting(page -> page.path("jobs").size()).containsExactly(500, 500, 234);
            List<String> ids = new ArrayList<>();
            List<Instant> created = new ArrayList<>();
            for (JsonNode page : pages) {
                for (JsonNode job : page.path("jobs")) {
                    ids.add(job.path("job_id").asText());
                    created.add(LocalDateTime.parse(job.path("created_at").asText()).toInstant(ZoneOffset.UTC));
                    assertThat(job.path("status").asText()).isEqualTo("Completed");
                    assertThat(job.path("raw_config").isNull()).isTrue();
                }
            }
            assertThat(ids).hasSize(1_234).containsExactlyElementsOf(seeded);
            assertThat(new HashSet<>(ids)).hasSize(1_234);
            assertThat(pages.get(2).path("next_cursor").isNull()).isTrue();
            assertThat(created).isSortedAccordingTo((a, b) -> b.compareTo(a));
            assertThat(created.get(0)).isBefore(clock.instant());
            assertThat(created.get(created.size() - 1)).isAfterOrEqualTo(clock.instant().minus(Duration.ofHours(11)));
            assertThat(simulator.retainedJobs()).isEqualTo(1_234);
            assertThat(simulator.counters().jobsCreated()).isZero();
        }
    }

    @Test
    void seededJobsListAfterEveryJobHeldAndReadLikeCompletedParses() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            ReductoClient client = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                    .build();
            String fileId = simulator.uploadDocument("note.txt", "Hello".getBytes(StandardCharsets.UTF_8));
            String real = client.parse().run(ParseRequest.builder().input(DocumentInput.fileId(fileId)).build())
                    .block(WAIT).response().jobId();
            List<String> first = simulator.seedCompletedJobs(3);
            List<String> second = simulator.seedCompletedJobs(2);

            List<String> listed = new ArrayList<>();
            pages(simulator, 2).forEach(page -> page.path("jobs").forEach(job -> listed.add(job.path("job_id")
                    .asText())));
            RawHttp.Answer one = RawHttp.call("GET", simulator.baseUrl() + "/job/" + first.get(0),
                    RawHttp.auth(simulator), null);

            assertThat(listed).containsExactly(real, first.get(0), first.get(1), first.get(2), second.get(0),
                    second.get(1));
            assertThat(one.json().path("status").asText()).isEqualTo(JobStatus.COMPLETED.value());
            assertThat(one.json().path("result").path("job_id").asText()).isEqualTo(first.get(0));
            assertThat(one.json().path("num_pages").asInt()).isEqualTo(1);
            assertThat(client.awaitResult(second.get(1)).block(WAIT)).isNotNull();
            assertThat(client.jobs().count().block(WAIT)).isEqualTo(6);
            assertThatThrownBy(() -> simulator.seedCompletedJobs(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
