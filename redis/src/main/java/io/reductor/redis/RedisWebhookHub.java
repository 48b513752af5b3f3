package io.reductor.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.reductor.core.webhook.WebhookEvent;
import io.reductor.reactor.webhook.WebhookArrivals;
import io.reductor.reactor.webhook.WebhookDeduplicator;
import io.reductor.reactor.webhook.WebhookHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link WebhookHub} shared by every instance whose hub has the same channel on one Redis: a webhook received and
 * published by any instance wakes the awaits of its job on all of them, so the instance awaiting a job need not be
 * the one Reducto's webhook reached.
 *
 * <p>{@link #publish} runs one Lua script that drops a repeated delivery (one with the message id, or the job id and
 * status, of a delivery published by any instance within the retention: {@link WebhookDeduplicator}'s rule), and
 * otherwise records the delivery, records that the job's webhook arrived and publishes the job's id on the channel;
 * every hub of the channel, this one included, hears it through its subscription and records the arrival in its own
 * {@link WebhookArrivals}, which {@link #mark()} and {@link #arrivalAfter} read. An await asking for any arrival ever
 * ({@code mark} {@code 0}, as an outcome-only await does) also asks Redis whether the job's webhook arrived, so an
 * await begun on an instance started after the webhook still ends at once.
 *
 * <p>Keys, for a channel {@code C}: the pub/sub channel {@code reductor:webhooks:{C}}; the keys
 * {@code reductor:webhooks:{C}:delivery:job:<job id>:<status>}, {@code reductor:webhooks:{C}:delivery:msg:<message
 * id>} and {@code reductor:webhooks:{C}:arrived:<job id>}, each kept for the retention ({@link #DEFAULT_RETENTION}
 * unless given). Arrivals published while an instance's subscription is down (Redis restarting, a network break; the
 * client resubscribes on reconnecting) do not reach that instance's running awaits, which then poll after their
 * {@link io.reductor.reactor.AwaitOptions#webhookSilence() webhook silence}: a missed webhook costs time, never a
 * result.
 *
 * <p>Thread-safe; nothing blocks but {@link #create} (which connects and subscribes) and {@link #close()} (which
 * disconnects), so call those at startup and shutdown, not on an event loop.
 */
public final class RedisWebhookHub implements WebhookHub, AutoCloseable {

    /**
     * How long deliveries and arrivals are remembered by default: 24 hours, longer than Reducto keeps a job's result
     * (12 hours), so that any await that can still get a result hears of an earlier webhook, and any redelivery
     * Reducto or Svix makes is recognised.
     */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    private static final Logger LOG = LoggerFactory.getLogger(RedisWebhookHub.class);
    private static final LuaScript PUBLISH = LuaScript.load("webhook-publish.lua");

    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final RedisReactiveCommands<String, String> redis;
    private final WebhookArrivals arrivals = new WebhookArrivals();
    private final String channel;
    private final String pubSubChannel;
    private final String retentionSeconds;
    private volatile boolean closed;

    private RedisWebhookHub(StatefulRedisConnection<String, String> commands,
            StatefulRedisPubSubConnection<String, String> subscription, String channel, Duration retention) {
        this.commands = commands;
        this.subscription = subscription;
        this.redis = commands.reactive();
        this.channel = channel;
        this.pubSubChannel = "reductor:webhooks:{" + channel + "}";
        // EX takes whole seconds: a retention with a fraction is rounded up
        this.retentionSeconds = Long.toString(retention.plusNanos(999_999_999L).getSeconds());
    }

    /**
     * Connects a hub of {@code channel} that remembers deliveries for {@link #DEFAULT_RETENTION}; see
     * {@link #create(RedisClient, String, Duration)}.
     *
     * @param client  the Redis client; it stays the caller's to shut down
     * @param channel names the hub among the hubs of this Redis, the same in every instance that shares webhooks
     * @return a subscribed hub; {@link #close()} it when done
     * @throws io.lettuce.core.RedisException when Redis cannot be reached
     */
    public static RedisWebhookHub create(RedisClient client, String channel) {
        return create(client, channel, DEFAULT_RETENTION);
    }

    /**
     * Connects a hub of {@code channel}: opens a connection for commands and one subscribed to the channel, blocking
     * the calling thread until Redis has confirmed the subscription (so a webhook published after this returns
     * reaches the hub), so call it at startup.
     *
     * @param client    the Redis client; it stays the caller's to shut down
     * @param channel   names the hub among the hubs of this Redis (its pub/sub channel and the prefix of its keys),
     *                  the same in every instance that shares webhooks; not blank
     * @param retention how long each delivery (to drop repeats) and each job's arrival (for awaits begun later) is
     *                  remembered in Redis; positive, rounded up to whole seconds; the same in every instance
     * @return a subscribed hub; {@link #close()} it when done
     * @throws io.lettuce.core.RedisException when Redis cannot be reached
     */
    public static RedisWebhookHub create(RedisClient client, String channel, Duration retention) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(retention, "retention");
        if (channel.isBlank()) {
            throw new IllegalArgumentException("channel must not be blank: it names the hub in Redis");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        StatefulRedisConnection<String, String> commands = client.connect();
        StatefulRedisPubSubConnection<String, String> subscription = null;
        try {
            subscription = client.connectPubSub();
            RedisWebhookHub hub = new RedisWebhookHub(commands, subscription, channel, retention);
            subscription.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String jobId) {
                    if (hub.pubSubChannel.equals(from)) {
                        hub.arrivals.arrived(jobId);
                    }
                }
            });
            subscription.sync().subscribe(hub.pubSubChannel);
            return hub;
        } catch (RuntimeException error) {
            if (subscription != null) {
                subscription.close();
            }
            commands.close();
            throw error;
        }
    }

    /**
     * Publishes a verified webhook to every hub of the channel, unless it repeats a delivery any of them published
     * within the retention.
     *
     * @param event a verified webhook; not {@code null}
     * @return whether it was new; an error when Redis cannot be reached within the client's command timeout (answer
     *     the delivery with a 5xx so that it is sent again), or an {@link IllegalStateException} once the hub is
     *     {@linkplain #close() closed}
     */
    @Override
    public Mono<Boolean> publish(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        String prefix = pubSubChannel + ":";
        String status = event.status().value().toLowerCase(Locale.ROOT);
        String jobKey = prefix + "delivery:job:" + event.jobId() + ":" + status;
        String arrivedKey = arrivedKey(event.jobId());
        String[] keys = event.messageId() == null ? new String[] {jobKey, arrivedKey}
                : new String[] {jobKey, arrivedKey, prefix + "delivery:msg:" + event.messageId()};
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(new IllegalStateException("The Redis webhook hub of channel \"" + channel
                        + "\" is closed; the webhook of job " + event.jobId() + " was not published"));
            }
            return PUBLISH.<Long>run(redis, ScriptOutputType.INTEGER, keys, retentionSeconds, pubSubChannel,
                    event.jobId()).map(reply -> reply == 1L);
        });
    }

    /** {@inheritDoc} Arrivals count here once this hub's subscription has heard of them. */
    @Override
    public long mark() {
        return arrivals.mark();
    }

    /**
     * Completes when this hub's subscription hears of a webhook of {@code jobId} after {@code mark}, at once if it
     * already has; with {@code mark} {@code 0} also at once when Redis holds an arrival of the job within the
     * retention, from whichever instance. Never completes otherwise, nor fails: when Redis cannot be asked, only this
     * hub's own arrivals count (and after {@link #close()}, only those it heard before).
     *
     * @param jobId the job whose webhook is awaited
     * @param mark  a value of {@link #mark()} taken before the wait began, or {@code 0} for any arrival ever
     * @return a {@code Mono} that completes empty on the job's arrival
     */
    @Override
    public Mono<Void> arrivalAfter(String jobId, long mark) {
        Objects.requireNonNull(jobId, "jobId");
        Mono<Void> heard = arrivals.arrivalAfter(jobId, mark);
        if (mark != 0) {
            return heard;
        }
        // subscribed after `heard`, so an arrival published meanwhile is seen by one or the other
        Mono<Void> recorded = Mono.defer(() -> closed ? Mono.<Void>never()
                : redis.exists(arrivedKey(jobId))
                        .onErrorResume(error -> {
                            LOG.debug("Could not ask Redis whether job {} had its webhook: {}", jobId,
                                    error.toString());
                            return Mono.just(0L);
                        })
                        .flatMap(count -> count > 0 ? Mono.<Void>empty() : Mono.<Void>never()));
        return Mono.firstWithSignal(heard, recorded);
    }

    /**
     * Unsubscribes and closes the hub's connections, waiting until they are closed; closing again does nothing.
     * Later {@link #publish} calls fail with an {@link IllegalStateException}; awaits no longer hear of arrivals, and
     * end at their webhook silence.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            subscription.close();
        } finally {
            commands.close();
        }
    }

    @Override
    public String toString() {
        return "RedisWebhookHub[" + pubSubChannel + "]";
    }

    private String arrivedKey(String jobId) {
        return pubSubChannel + ":arrived:" + jobId;
    }
}
