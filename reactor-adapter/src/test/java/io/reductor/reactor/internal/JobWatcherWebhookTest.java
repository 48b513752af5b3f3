package io.reductor.reactor.internal;

import io.reductor.core.model.job.GetJobRequest;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.webhook.WebhookEvent;
import io.reductor.reactor.AwaitOptions;
import io.reductor.reactor.JobUpdate;
import io.reductor.reactor.webhook.WebhookHub;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** With a webhook hub, an awaited job finishes when its webhook arrives; polling is only the fallback. */
class JobWatcherWebhookTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final WebhookHub hub = WebhookHub.create();
    private final AtomicReference<JobStatus> serverStatus = new AtomicReference<>(JobStatus.PENDING);
    private final List<Long> pollTimes = new CopyOnWriteArrayList<>();
    private final List<GetJobRequest> requests = new CopyOnWriteArrayList<>();
    private final JobWatcher watcher = new JobWatcher(request -> Mono.defer(() -> {
        requests.add(request);
        pollTimes.add(time.now(TimeUnit.SECONDS));
        return Mono.just(JobResponse.builder().status(serverStatus.get()).build());
    }), jobId -> Mono.empty(), () -> time, hub);

    @Test
    void theWebhookEndsTheWaitAtOnce() {
        StepVerifier.withVirtualTime(() -> watcher.watch("job-1", AwaitOptions.defaults()), () -> time, Long.MAX_VALUE)
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(5)))
                .then(() -> {
                    serverStatus.set(JobStatus.COMPLETED);
                    assertThat(hub.publish(WebhookEvent.of("job-1", JobStatus.COMPLETED, null, "msg-1")).block())
                            .isTrue();
                })
                .expectNextMatches(JobUpdate::isTerminal)
                .verifyComplete();

        assertThat(pollTimes).containsExactly(0L, 5L);
        assertThat(requests).allSatisfy(request -> assertThat(request.longPollTimeout()).isNull());
    }

    @Test
    void withoutAWebhookItPollsAfterTheSilence() {
        AwaitOptions options = AwaitOptions.defaults().withWebhookSilence(Duration.ofSeconds(30));

        StepVerifier.withVirtualTime(() -> watcher.watch("job-2", options), () -> time, Long.MAX_VALUE)
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .then(() -> serverStatus.set(JobStatus.COMPLETED))
                .expectNoEvent(Duration.ofSeconds(29))
                .thenAwait(Duration.ofSeconds(1))
                .expectNextMatches(JobUpdate::isTerminal)
                .verifyComplete();

        assertThat(pollTimes).containsExactly(0L, 30L);
    }

    @Test
    void webhooksOfOtherJobsAndRepeatedDeliveriesDoNotWakeTheWatcher() {
        StepVerifier.withVirtualTime(() -> watcher.watch("job-3", AwaitOptions.defaults()), () -> time, Long.MAX_VALUE)
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .then(() -> hub.publish(WebhookEvent.of("another-job", JobStatus.COMPLETED, null, "msg-9")).block())
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(10)))
                .then(() -> assertThat(pollTimes).containsExactly(0L))
                .then(() -> assertThat(hub.publish(WebhookEvent.of("another-job", JobStatus.COMPLETED, null,
                        "msg-9")).block()).isFalse())
                .then(() -> serverStatus.set(JobStatus.FAILED))
                .thenAwait(Duration.ofSeconds(50))
                .expectNextMatches(update -> update.status().equals(JobStatus.FAILED))
                .verifyComplete();

        assertThat(pollTimes).containsExactly(0L, 60L);
    }

    @Test
    void aWebhookThatArrivedDuringThePollIsNotMissed() {
        JobWatcher racing = new JobWatcher(request -> Mono.defer(() -> {
            pollTimes.add(time.now(TimeUnit.SECONDS));
            JobStatus status = serverStatus.get();
            if (pollTimes.size() == 1) {
                // the webhook arrives while the first poll is on its way back
                serverStatus.set(JobStatus.COMPLETED);
                hub.publish(WebhookEvent.of("job-4", JobStatus.COMPLETED, null, "msg-4")).block();
            }
            return Mono.just(JobResponse.builder().status(status).build());
        }), jobId -> Mono.empty(), () -> time, hub);

        StepVerifier.withVirtualTime(() -> racing.watch("job-4", AwaitOptions.defaults()), () -> time, Long.MAX_VALUE)
                .expectNextMatches(update -> update.status().equals(JobStatus.PENDING))
                .expectNextMatches(JobUpdate::isTerminal)
                .verifyComplete();

        assertThat(pollTimes).containsExactly(0L, 0L);
    }

    @Test
    void anOutcomeAwaitWaitsForTheWebhookAndPollsOnce() {
        StepVerifier.withVirtualTime(() -> watcher.watch("job-5", AwaitOptions.defaults(), false).last(),
                        () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(7)))
                .then(() -> assertThat(pollTimes).as("no poll before the webhook").isEmpty())
                .then(() -> {
                    serverStatus.set(JobStatus.COMPLETED);
                    hub.publish(WebhookEvent.of("job-5", JobStatus.COMPLETED, null, "msg-5")).block();
                })
                .expectNextMatches(JobUpdate::isTerminal)
                .verifyComplete();

        assertThat(pollTimes).containsExactly(7L);
    }

    @Test
    void anOutcomeAwaitBegunAfterItsWebhookPollsAtOnce() {
        serverStatus.set(JobStatus.COMPLETED);
        hub.publish(WebhookEvent.of("job-6", JobStatus.COMPLETED, null, "msg-6")).block();
        time.advanceTimeBy(Duration.ofSeconds(3));

        StepVerifier.withVirtualTime(() -> watcher.watch("job-6", AwaitOptions.defaults(), false).last(),
                        () -> time, Long.MAX_VALUE)
                .expectNextMatches(JobUpdate::isTerminal)
                .verifyComplete();

        assertThat(pollTimes).containsExactly(3L);
    }
}
