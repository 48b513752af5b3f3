package io.reductor.redis;

import io.reductor.core.model.job.JobStatus;
import io.reductor.core.webhook.WebhookEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.reductor.redis.RedisServerExtension.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RedisWebhookHub} against a real Redis, each hub standing for one instance: a webhook published on one hub
 * ends the awaits of its job on every hub of the channel; a delivery published on two hubs counts once, by message id
 * or by job and status; a hub created after the webhook arrived ends an await for any arrival ({@code mark} 0) at
 * once; hubs of different channels hear nothing of each other; the keys expire after the retention; a closed hub
 * refuses deliveries; a thousand deliveries and a thousand awaits made at once from Reactor's parallel threads all
 * complete.
 *
 * <p>That something does not happen is shown without waiting: {@link #fence} publishes a new job's webhook through
 * the hub and waits until its subscription hears it. Redis runs commands one at a time and a connection's replies and
 * messages come in order, so by then the hub has had the reply of every Redis check an await made before, and every
 * message published before, on any channel.
 */
class RedisWebhookHubTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<RedisWebhookHub> hubs = new ArrayList<>();

    @AfterEach
    void closeHubs() {
        hubs.forEach(RedisWebhookHub::close);
    }

    @Test
    void aWebhookPublishedOnOneInstanceEndsTheAwaitsOnEvery() throws Exception {
        String channel = uniqueName("fan-out");
        RedisWebhookHub a = hub(channel);
        RedisWebhookHub b = hub(channel);
        long markA = a.mark();
        long markB = b.mark();
        CompletableFuture<Void> waitingOnB = b.arrivalAfter("job-1", markB).toFuture();

        assertThat(a.publish(completed("job-1", "msg-1")).block(WAIT)).isTrue();

        waitingOnB.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        a.arrivalAfter("job-1", markA).block(WAIT);
        b.arrivalAfter("job-1", markB).block(WAIT);
        assertThat(b.mark()).isEqualTo(markB + 1);
    }

    @Test
    void oneDeliveryPublishedOnTwoInstancesCountsOnce() {
        String channel = uniqueName("dedupe");
        RedisWebhookHub a = hub(channel);
        RedisWebhookHub b = hub(channel);
        long markB = b.mark();

        List<Boolean> both = Flux.merge(a.publish(completed("job-2", "msg-2")), b.publish(completed("job-2", "msg-2")))
                .collectList().block(WAIT);

        assertThat(both).containsExactlyInAnyOrder(true, false);
        assertThat(b.publish(completed("job-2", "msg-2")).block(WAIT)).as("the same message again").isFalse();
        assertThat(a.publish(completed("job-2", "msg-other")).block(WAIT)).as("same job and status").isFalse();
        assertThat(a.publish(completed("job-2", null)).block(WAIT)).as("same job and status, unsigned").isFalse();
        assertThat(b.publish(WebhookEvent.of("job-3", JobStatus.COMPLETED, null, "msg-2")).block(WAIT))
                .as("same message id, another job").isFalse();
        assertThat(b.publish(WebhookEvent.of("job-2", JobStatus.FAILED, null, null)).block(WAIT))
                .as("another status").isTrue();
        fence(b);
        assertThat(b.mark() - markB).as("arrivals heard: job-2 completed, job-2 failed, the fence").isEqualTo(3);
    }

    @Test
    void anInstanceStartedAfterTheWebhookEndsAnAwaitForAnyArrivalAtOnce() {
        String channel = uniqueName("late");
        RedisWebhookHub a = hub(channel);
        assertThat(a.publish(completed("job-4", "msg-4")).block(WAIT)).isTrue();

        RedisWebhookHub c = hub(channel);

        assertThat(c.mark()).as("c was not subscribed when the webhook came").isZero();
        c.arrivalAfter("job-4", 0).block(WAIT);
        CompletableFuture<Void> otherJob = c.arrivalAfter("job-never", 0).toFuture();
        fence(c);
        assertThat(otherJob).as("a job without a webhook").isNotDone();
    }

    @Test
    void hubsOfDifferentChannelsHearNothingOfEachOther() {
        RedisWebhookHub x = hub(uniqueName("channel-x"));
        RedisWebhookHub y = hub(uniqueName("channel-y"));
        fence(y); // a mark above 0: the first await below listens to y's subscription alone
        CompletableFuture<Void> pending = y.arrivalAfter("job-5", y.mark()).toFuture();

        assertThat(x.publish(completed("job-5", "msg-5")).block(WAIT)).isTrue();
        CompletableFuture<Void> anyArrival = y.arrivalAfter("job-5", 0).toFuture();

        fence(y);
        assertThat(pending).as("y's subscription heard x's webhook").isNotDone();
        assertThat(anyArrival).as("y found x's arrival in Redis").isNotDone();
        assertThat(y.publish(completed("job-5", "msg-5")).block(WAIT)).as("x's delivery is new to y").isTrue();
        pending.join();
    }

    @Test
    void theKeysExpireAfterTheRetention() {
        String channel = uniqueName("retention");
        hub(channel).publish(completed("job-6", "msg-6")).block(WAIT);
        String shortChannel = uniqueName("short");
        RedisWebhookHub shortLived = RedisWebhookHub.create(REDIS.client(), shortChannel, Duration.ofMillis(90_500));
        hubs.add(shortLived);
        shortLived.publish(completed("job-6", null)).block(WAIT);
        String shortPrefix = "reductor:webhooks:{" + shortChannel + "}:";

        String prefix = "reductor:webhooks:{" + channel + "}:";
        assertThat(REDIS.commands().ttl(prefix + "arrived:job-6")).isBetween(86_390L, 86_400L);
        assertThat(REDIS.commands().ttl(prefix + "delivery:msg:msg-6")).isBetween(86_390L, 86_400L);
        assertThat(REDIS.commands().ttl(prefix + "delivery:job:job-6:completed")).isBetween(86_390L, 86_400L);
        assertThat(REDIS.commands().ttl(shortPrefix + "arrived:job-6")).as("rounded up to 91 s").isBetween(81L, 91L);
        assertThatThrownBy(() -> RedisWebhookHub.create(REDIS.client(), channel, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedHubRefusesDeliveriesAndTheOthersGoOn() {
        String channel = uniqueName("closed");
        RedisWebhookHub a = hub(channel);
        RedisWebhookHub b = hub(channel);

        a.close();

        assertThatThrownBy(() -> a.publish(completed("job-7", "msg-7")).block(WAIT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed")
                .hasMessageContaining("job-7");
        long markB = b.mark();
        assertThat(b.publish(completed("job-7", "msg-7")).block(WAIT)).isTrue();
        b.arrivalAfter("job-7", markB).block(WAIT);
    }

    @Test
    void manyDeliveriesAndAwaitsAtOnceFromEventLoopsAllComplete() {
        // many threads writing to one connection at once: see LettuceBlockHoundIntegration
        String channel = uniqueName("load");
        RedisWebhookHub a = hub(channel);
        List<Boolean> published = Flux.range(0, 1_000)
                .flatMap(i -> a.publish(completed("job-" + i, "msg-" + i)).subscribeOn(Schedulers.parallel()), 256)
                .collectList().block(WAIT);
        assertThat(published).hasSize(1_000).containsOnly(true);

        RedisWebhookHub c = hub(channel);
        Long completed = Flux.range(0, 1_000)
                .flatMap(i -> c.arrivalAfter("job-" + i, 0).thenReturn(i).subscribeOn(Schedulers.parallel()), 256)
                .count().block(WAIT);

        assertThat(completed).isEqualTo(1_000);
    }

    /**
     * Publishes a webhook of a new job through {@code hub} and waits until the hub's subscription hears it: after
     * that, the hub has had every reply to commands it sent before and every message Redis published before.
     */
    private static void fence(RedisWebhookHub hub) {
        String jobId = "fence-" + UUID.randomUUID();
        long mark = hub.mark();
        assertThat(hub.publish(completed(jobId, null)).block(WAIT)).isTrue();
        hub.arrivalAfter(jobId, mark).block(WAIT);
    }

    private RedisWebhookHub hub(String channel) {
        RedisWebhookHub hub = RedisWebhookHub.create(REDIS.client(), channel);
        hubs.add(hub);
        return hub;
    }

    private static WebhookEvent completed(String jobId, String messageId) {
        return WebhookEvent.of(jobId, JobStatus.COMPLETED, null, messageId);
    }
}
