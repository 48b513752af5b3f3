package io.reductor.reactor.webhook;

import io.reductor.core.model.job.JobStatus;
import io.reductor.core.webhook.WebhookEvent;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookDeduplicatorTest {

    private static WebhookEvent signed(String messageId, String jobId, JobStatus status) {
        return WebhookEvent.of(jobId, status, null, messageId);
    }

    private static WebhookEvent direct(String jobId, JobStatus status) {
        return WebhookEvent.of(jobId, status, null, null);
    }

    @Test
    void sameMessageIdIsDeliveredOnce() {
        WebhookEvent first = signed("msg_1", "job-1", JobStatus.COMPLETED);
        WebhookEvent retry = signed("msg_1", "job-1", JobStatus.COMPLETED);

        StepVerifier.create(Flux.just(first, retry, retry).transform(WebhookDeduplicator.create()))
                .expectNext(first)
                .verifyComplete();
    }

    @Test
    void sameJobAndStatusIsDeliveredOnceEvenUnderAnotherMessageId() {
        WebhookEvent first = signed("msg_1", "job-1", JobStatus.COMPLETED);
        WebhookEvent resent = signed("msg_2", "job-1", JobStatus.COMPLETED);
        WebhookEvent statusWrittenDifferently = direct("job-1", JobStatus.of("completed"));

        StepVerifier.create(Flux.just(first, resent, statusWrittenDifferently).transform(WebhookDeduplicator.create()))
                .expectNext(first)
                .verifyComplete();
    }

    @Test
    void directRetriesAreDeliveredOnceButOtherJobsAndStatusesPass() {
        WebhookEvent completed = direct("job-1", JobStatus.COMPLETED);
        WebhookEvent failed = direct("job-1", JobStatus.FAILED);
        WebhookEvent otherJob = direct("job-2", JobStatus.COMPLETED);

        StepVerifier.create(Flux.just(completed, completed, failed, completed, otherJob, failed, otherJob)
                        .transform(WebhookDeduplicator.create()))
                .expectNext(completed, failed, otherJob)
                .verifyComplete();
    }

    @Test
    void sameMessageIdWithAnotherBodyIsStillADuplicate() {
        WebhookEvent first = signed("msg_1", "job-1", JobStatus.COMPLETED);
        WebhookEvent sameId = signed("msg_1", "job-9", JobStatus.FAILED);

        StepVerifier.create(Flux.just(first, sameId).transform(WebhookDeduplicator.create()))
                .expectNext(first)
                .verifyComplete();
    }

    @Test
    void memoryIsSharedByEveryStreamTheDeduplicatorIsAppliedTo() {
        WebhookDeduplicator deduplicator = WebhookDeduplicator.create();
        WebhookEvent event = signed("msg_1", "job-1", JobStatus.COMPLETED);

        StepVerifier.create(Flux.just(event).transform(deduplicator)).expectNext(event).verifyComplete();
        StepVerifier.create(Flux.just(event).transform(deduplicator)).verifyComplete();
        StepVerifier.create(Mono.just(event).filter(deduplicator::firstDelivery)).verifyComplete();
    }

    @Test
    void capacityBoundsTheMemoryAndTheOldestDeliveryIsForgottenFirst() {
        WebhookDeduplicator deduplicator = WebhookDeduplicator.ofCapacity(2);
        WebhookEvent one = signed("msg_1", "job-1", JobStatus.COMPLETED);
        WebhookEvent two = signed("msg_2", "job-2", JobStatus.COMPLETED);
        WebhookEvent three = direct("job-3", JobStatus.FAILED);

        StepVerifier.create(Flux.just(one, two, three, three, two, one, three).transform(deduplicator))
                .expectNext(one, two, three, one) // one was forgotten when three came; then two is forgotten
                .verifyComplete();
        assertThat(deduplicator.size()).isEqualTo(2);
        // remembered now: three, one
        StepVerifier.create(Flux.just(three, one, two).transform(deduplicator)).expectNext(two).verifyComplete();
    }

    @Test
    void retentionForgetsDeliveriesOnTheInjectedClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        WebhookDeduplicator deduplicator = WebhookDeduplicator.of(100, Duration.ofMinutes(10), clock);
        WebhookEvent event = signed("msg_1", "job-1", JobStatus.COMPLETED);

        assertThat(deduplicator.firstDelivery(event)).isTrue();
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        StepVerifier.create(Flux.just(event).transform(deduplicator)).verifyComplete();
        assertThat(deduplicator.size()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(deduplicator.size()).isZero();
        StepVerifier.create(Flux.just(event).transform(deduplicator)).expectNext(event).verifyComplete();
        StepVerifier.create(Flux.just(event).transform(deduplicator)).verifyComplete();
    }

    @Test
    void concurrentDuplicatesLetExactlyOneThrough() {
        WebhookDeduplicator deduplicator = WebhookDeduplicator.create();
        Flux<WebhookEvent> copies = Flux.fromStream(IntStream.range(0, 1_000)
                        .mapToObj(i -> signed("msg_1", "job-1", JobStatus.COMPLETED)))
                .parallel(8).runOn(Schedulers.parallel())
                .filter(deduplicator::firstDelivery)
                .sequential();

        StepVerifier.create(copies).expectNextCount(1).verifyComplete();
    }

    @Test
    void invalidBoundsAreRefused() {
        Clock clock = Clock.systemUTC();

        assertThatThrownBy(() -> WebhookDeduplicator.ofCapacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookDeduplicator.of(1, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookDeduplicator.of(1, Duration.ofSeconds(-1), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookDeduplicator.of(1, Duration.ofSeconds(1), null))
                .isInstanceOf(NullPointerException.class);
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
