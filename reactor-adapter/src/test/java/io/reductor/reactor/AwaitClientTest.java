package io.reductor.reactor;

import io.reductor.core.error.JobFailedException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Awaiting jobs through the whole client against {@link FakeReducto}, in virtual time (which replaces
 * {@code Schedulers.parallel()}, the client's default scheduler, and the fake's hold scheduler): status transitions,
 * typed results and failures, long-poll parameters against a service that answers at once and one that holds, and
 * on-demand paging of {@code GET /jobs}.
 */
class AwaitClientTest {

    private static final Duration PLENTY = Duration.ofHours(1);
    private static final String URL = "https://docs.example/report.pdf";

    private static ReductoClient client(FakeReducto fake) {
        return ReductoClient.builder()
                .apiKey("test-key")
                .baseUrl("https://api.reducto.test")
                .exchange(fake)
                .build();
    }

    private static ParseRequest request(String url) {
        return ParseRequest.builder().input(DocumentInput.url(url)).build();
    }

    /** Creates a job through the client and gives its id. */
    private static String submit(ReductoClient client, String url) {
        AtomicReference<String> id = new AtomicReference<>();
        StepVerifier.create(client.parse().runJob(request(url)))
                .consumeNextWith(job -> id.set(job.jobId()))
                .verifyComplete();
        return id.get();
    }

    @Test
    void awaitCompletionEmitsEachStatusOnceThenTheTypedResult() {
        FakeReducto fake = new FakeReducto(1L).polls(2, 2);
        ReductoClient client = client(fake);
        String jobId = submit(client, URL);

        // the service ignores the long poll: Pending, Pending, (1 s) InProgress, InProgress, (1 s) Completed
        StepVerifier.withVirtualTime(() -> client.awaitCompletion(jobId))
                .assertNext(update -> {
                    assertThat(update.jobId()).isEqualTo(jobId);
                    assertThat(update.status()).isEqualTo(JobStatus.PENDING);
                    assertThat(update.isTerminal()).isFalse();
                    assertThat(update.result()).isEmpty();
                })
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(update -> {
                    assertThat(update.status()).isEqualTo(JobStatus.IN_PROGRESS);
                    assertThat(update.progress()).contains(0.5);
                })
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(update -> {
                    assertThat(update.status()).isEqualTo(JobStatus.COMPLETED);
                    assertThat(update.isTerminal()).isTrue();
                    assertThat(update.result()).get().isInstanceOfSatisfying(JobResult.Parse.class, parse -> {
                        assertThat(parse.response().jobId()).isEqualTo(jobId);
                        assertThat(parse.response().result()).isInstanceOf(FullResult.class);
                    });
                })
                .verifyComplete();

        // five polls, none after the terminal status: the first without holding, then long polls of 20 s
        assertThat(fake.requests(FakeReducto.GET_JOB)).isEqualTo(5);
        assertThat(fake.jobQueries()).containsExactly("", "timeout=20", "timeout=20", "timeout=20", "timeout=20");
    }

    @Test
    void againstAServiceThatHoldsLongPollsTheNextPollFollowsAtOnce() {
        FakeReducto fake = new FakeReducto(2L).polls(2, 2)
                .longPoll(FakeReducto.LongPoll.HOLD, Duration.ofSeconds(20));
        ReductoClient client = client(fake);
        String jobId = submit(client, URL);

        // the first poll is answered at once; each long poll after it is held 20 s, and no interval is added
        // between held polls: updates at 0 s, 40 s and 80 s
        StepVerifier.withVirtualTime(() -> client.awaitCompletion(jobId))
                .expectSubscription()
                .assertNext(update -> assertThat(update.status()).isEqualTo(JobStatus.PENDING))
                .expectNoEvent(Duration.ofSeconds(39))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(update -> assertThat(update.status()).isEqualTo(JobStatus.IN_PROGRESS))
                .expectNoEvent(Duration.ofSeconds(39))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(update -> assertThat(update.status()).isEqualTo(JobStatus.COMPLETED))
                .verifyComplete();

        assertThat(fake.jobQueries()).containsExactly("", "timeout=20", "timeout=20", "timeout=20", "timeout=20");
    }

    @Test
    void withoutLongPollThePollsCarryNoTimeout() {
        FakeReducto fake = new FakeReducto(3L).polls(1, 1);
        ReductoClient client = client(fake);
        String jobId = submit(client, URL);

        StepVerifier.withVirtualTime(() -> client.awaitResult(jobId, AwaitOptions.defaults().withoutLongPoll()))
                .thenAwait(PLENTY)
                .assertNext(result -> assertThat(result).isInstanceOf(JobResult.Parse.class))
                .verifyComplete();

        assertThat(fake.jobQueries()).hasSize(3).allSatisfy(query -> assertThat(query).isEmpty());
    }

    @Test
    void awaitResultOfAFailedJobFailsWithTheReason() {
        FakeReducto fake = new FakeReducto(4L).polls(1, 1).failing(input -> input.contains("locked"));
        ReductoClient client = client(fake);
        String url = "https://docs.example/locked.pdf";
        String jobId = submit(client, url);

        StepVerifier.withVirtualTime(() -> client.awaitResult(jobId))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(JobFailedException.class);
                    JobFailedException failed = (JobFailedException) error;
                    assertThat(failed.jobId()).isEqualTo(jobId);
                    assertThat(failed.status()).isEqualTo("Failed");
                    assertThat(failed.isCancelled()).isFalse();
                    assertThat(failed.reason()).contains("Configured to fail: " + url);
                })
                .verify();
    }

    @Test
    void runJobAndAwaitGivesTheParseResponse() {
        FakeReducto fake = new FakeReducto(5L).polls(1, 2);
        ReductoClient client = client(fake);

        StepVerifier.withVirtualTime(() -> client.parse().runJobAndAwait(request(URL)))
                .thenAwait(PLENTY)
                .assertNext(response -> {
                    assertThat(fake.jobs()).hasSize(1);
                    FakeReducto.Job job = fake.jobs().values().iterator().next();
                    assertThat(job.input()).isEqualTo(URL);
                    assertThat(response.jobId()).isEqualTo(job.id());
                    assertThat(response.result()).isInstanceOf(FullResult.class);
                    assertThat(response.usage().numPages()).isEqualTo(1);
                })
                .verifyComplete();

        assertThat(fake.requests(FakeReducto.PARSE)).isEqualTo(1);
        // only the outcome is wanted, so every poll is a long poll, the first included: no request spent on a status
        // nobody sees
        assertThat(fake.jobQueries()).isNotEmpty().allSatisfy(query -> assertThat(query).isEqualTo("timeout=20"));
    }

    @Test
    void cancellingAnAwaitThatCancelsTheJobEndsItAsCancelled() {
        FakeReducto fake = new FakeReducto(8L).polls(5, 5);
        ReductoClient client = client(fake);
        String jobId = submit(client, URL);

        StepVerifier.withVirtualTime(() -> client.awaitCompletion(jobId,
                        AwaitOptions.defaults().withCancelJobOnCancel(true)).take(1))
                .assertNext(update -> assertThat(update.status()).isEqualTo(JobStatus.PENDING))
                .verifyComplete();
        assertThat(fake.requests(FakeReducto.CANCEL)).isEqualTo(1);
        assertThat(fake.job(jobId).cancelled()).isTrue();

        StepVerifier.withVirtualTime(() -> client.awaitResult(jobId))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(JobFailedException.class);
                    assertThat(((JobFailedException) error).isCancelled()).isTrue();
                    assertThat(((JobFailedException) error).status()).isEqualTo("Cancelled");
                })
                .verify();
    }

    @Test
    void takingOneHundredFiftyJobsFetchesExactlyTwoPages() {
        FakeReducto fake = new FakeReducto(6L).listedJobs(450);
        ReductoClient client = client(fake);
        List<JobSummary> jobs = new ArrayList<>();

        StepVerifier.create(client.jobs().take(150))
                .recordWith(() -> jobs)
                .expectNextCount(150)
                .verifyComplete();

        assertThat(jobs.stream().map(JobSummary::jobId))
                .containsExactlyElementsOf(IntStream.range(0, 150).mapToObj(i -> "listed-" + i).toList());
        assertThat(fake.requests(FakeReducto.LIST_JOBS)).isEqualTo(2);
        assertThat(fake.listQueries()).containsExactly("", "cursor=cursor-100");
    }

    @Test
    void jobsPagesToTheEndAndStopsOnTheLastPage() {
        FakeReducto fake = new FakeReducto(7L).listedJobs(250);

        StepVerifier.create(client(fake).jobs())
                .expectNextCount(250)
                .verifyComplete();

        assertThat(fake.listQueries()).containsExactly("", "cursor=cursor-100", "cursor=cursor-200");
    }
}
