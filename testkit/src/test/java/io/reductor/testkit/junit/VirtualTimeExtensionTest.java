package io.reductor.testkit.junit;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.reactor.JobUpdate;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.SimulatorRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code StepVerifier.withVirtualTime} over the client's awaits, through the extension: each test has its own
 * scheduler (the second test would find the first one disposed by {@code StepVerifier} otherwise), the simulator and
 * the client run on it, and {@code awaitRequests} before each advance makes every status arrive at its virtual time.
 */
class VirtualTimeExtensionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUEUE = Duration.ofSeconds(5);
    private static final Duration PAGE = Duration.ofSeconds(10);

    @RegisterExtension
    static final ReductoSimulatorExtension SIMULATOR = ReductoSimulatorExtension.builder()
            .simulator(simulator -> simulator.queueTime(QUEUE).processingTimePerPage(PAGE))
            .virtualTime()
            .build();

    private static String submit(ReductoClient client, ReductoSimulator simulator) {
        String fileId = simulator.uploadDocument("note.txt", "Total: 42".getBytes(StandardCharsets.UTF_8));
        return client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(fileId)).build())
                .block(WAIT).jobId();
    }

    @Test
    void eachStatusArrivesAtItsVirtualTime(ReductoClient client, ReductoSimulator simulator,
            VirtualTimeScheduler time) {
        String jobId = submit(client, simulator);

        StepVerifier.withVirtualTime(() -> client.awaitCompletion(jobId).map(JobUpdate::status), () -> time,
                        Long.MAX_VALUE)
                .expectNext(JobStatus.PENDING)
                .then(() -> simulator.awaitRequests(SimulatorRoute.GET_JOB, 2))
                .thenAwait(QUEUE)
                .expectNext(JobStatus.IN_PROGRESS)
                .then(() -> simulator.awaitRequests(SimulatorRoute.GET_JOB, 3))
                .thenAwait(PAGE)
                .expectNext(JobStatus.COMPLETING)
                .then(() -> simulator.awaitRequests(SimulatorRoute.GET_JOB, 4))
                .thenAwait(QUEUE)
                .expectNext(JobStatus.COMPLETED)
                .expectComplete()
                .verify(WAIT);

        assertThat(time.now(TimeUnit.SECONDS)).isEqualTo(20);
        assertThat(simulator.counters().requests(SimulatorRoute.GET_JOB)).as("one poll, then a long poll per change")
                .isEqualTo(4);
    }

    @Test
    void theSimulatorsClockFollowsVirtualTime(ReductoClient client, ReductoSimulator simulator,
            VirtualTimeScheduler time) {
        Instant first = client.getJob(submit(client, simulator)).block(WAIT).createdAt().toInstant();
        time.advanceTimeBy(Duration.ofHours(13));
        Instant second = client.getJob(submit(client, simulator)).block(WAIT).createdAt().toInstant();

        assertThat(Duration.between(first, second)).isEqualTo(Duration.ofHours(13));
        assertThat(client.jobs().collectList().block(WAIT)).as("the first job expired after 12 hours of virtual time")
                .hasSize(1);
    }

    @Test
    void aSecondTestHasItsOwnSchedulerAndOneAdvancePastTheJobGivesTheResult(ReductoClient client,
            ReductoSimulator simulator, VirtualTimeScheduler time) {
        String jobId = submit(client, simulator);

        StepVerifier.withVirtualTime(() -> client.awaitResult(jobId), () -> time, Long.MAX_VALUE)
                .thenAwait(QUEUE.plus(PAGE).plus(QUEUE))
                .assertNext(result -> assertThat(((FullResult) ((JobResult.Parse) result).response().result())
                        .chunks().get(0).content()).contains("Total: 42"))
                .expectComplete()
                .verify(WAIT);

        assertThat(simulator.counters().jobsCreated()).as("the first test's job was reset away").isEqualTo(1);
    }
}
