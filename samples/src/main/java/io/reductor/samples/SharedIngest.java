package io.reductor.samples;

import io.lettuce.core.RedisClient;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.webhook.SvixWebhookVerifier;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.webhook.WebhookReceiver;
import io.reductor.redis.RedisBulkLedger;
import io.reductor.redis.RedisRequestPacer;
import io.reductor.redis.RedisWebhookHub;
import io.reductor.testkit.RedisServer;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.SimulatorRoute;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several ingest instances of one API key and one webhook receiver, sharing one Redis, on the embedded simulator:
 * the shape of an ingest service scaled out behind a load balancer. Each part is built as its own process would
 * build it, with its own Redis connections:
 * <ul>
 *   <li>the <b>webhook receiver</b> ({@link #webhookReceiver}) verifies each signed (Svix) delivery and publishes it to
 *       its {@link RedisWebhookHub}; the simulator delivers every job's webhook there, as Reducto delivers to one
 *       URL;</li>
 *   <li>each <b>ingest instance</b> ({@link #ingestInstance}) submits its share of the documents with
 *       {@code submitAll}, its client paced by a {@link RedisRequestPacer} shared by all instances of the key, its
 *       awaits woken by the webhooks its own hub of the same channel hears, and each document's job recorded in a
 *       {@link RedisBulkLedger}.</li>
 * </ul>
 * Then it prints, for every instance, what was completed and what it cost: requests per job close to 2 means one
 * submission and one check, the webhook having ended each await.
 *
 * <pre>
 * SharedIngest [--redis URI] [--instances N] [--documents N] [--concurrency N] [--rate-limit PER_SECOND]
 * </pre>
 *
 * <p>Without {@code --redis} it starts a {@code redis-server} from the {@code PATH} on a free loopback port (the
 * Debian package {@code redis-server}) and stops it at the end. The simulator starts empty each run, so the ledger
 * gets a name of its own each run. Exits 0 when every document completed, 1 otherwise, 2 on bad arguments.
 */
public final class SharedIngest {

    private static final String USAGE = "usage: SharedIngest [--redis URI] [--instances N] [--documents N] "
            + "[--concurrency N] [--rate-limit PER_SECOND]";
    /** The name all instances give the API key's pacer, and the channel of their webhook hubs. */
    private static final String KEY_NAME = "sample-key";
    private static final String CHANNEL = "reductor-sample-webhooks";
    private static final String WEBHOOK_PATH = "/webhooks/reducto";

    private final PrintStream out;

    SharedIngest(PrintStream out) {
        this.out = out;
    }

    /** Runs the program and exits with its status. */
    public static void main(String[] args) {
        System.exit(new SharedIngest(System.out).run(args));
    }

    /** What one instance did. */
    record InstanceReport(int instance, int documents, long completed, long failed) {
    }

    /** What the whole run did: the instances' reports and the simulator's counts. */
    record RunReport(List<InstanceReport> instances, long jobs, long requests, long jobChecks, long rateLimited,
            long webhooksPublished, double seconds) {

        long completed() {
            return instances.stream().mapToLong(InstanceReport::completed).sum();
        }

        int documents() {
            return instances.stream().mapToInt(InstanceReport::documents).sum();
        }
    }

    /** Runs the program; returns the exit status. */
    int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException error) {
            out.println(error.getMessage());
            out.println(USAGE);
            return 2;
        }
        RunReport report;
        if (options.redis() != null) {
            report = run(options, options.redis());
        } else {
            try (RedisServer redis = RedisServer.start()) {
                out.println("Started redis-server on " + redis.uri() + " for this run (--redis URI to use another).");
                report = run(options, redis.uri());
            }
        }
        print(report);
        return report.completed() == report.documents() ? 0 : 1;
    }

    /** The run against the Redis at {@code redisUri}. */
    RunReport run(Options options, String redisUri) {
        String secret = newSvixSecret();
        RedisClient redis = RedisClient.create(redisUri);
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            RedisWebhookHub receiverHub = RedisWebhookHub.create(redis, CHANNEL);
            closing.add(receiverHub);
            AtomicLong published = new AtomicLong();
            DisposableServer receiver = webhookReceiver(receiverHub, secret, published);
            closing.add(receiver::disposeNow);
            ReductoSimulator simulator = ReductoSimulator.builder().rateLimit(options.rateLimit())
                    .rateLimitRetryAfter(false) // as Reducto answers: [CODE 1000] without a Retry-After
                    .svixEndpoint("http://127.0.0.1:" + receiver.port() + WEBHOOK_PATH).svixSecret(secret)
                    .start();
            closing.add(simulator);
            for (int i = 0; i < options.documents(); i++) {
                simulator.registerDocument(url(i), ("Document " + i).getBytes(StandardCharsets.UTF_8));
            }
            out.printf("%d ingest instances x concurrency %d, %d documents, one webhook receiver, simulator "
                    + "limited to %.0f requests/s%n", options.instances(), options.concurrency(), options.documents(),
                    options.rateLimit());

            String ledgerName = "sample-run-" + UUID.randomUUID();
            long started = System.nanoTime();
            List<Mono<InstanceReport>> instances = new ArrayList<>();
            for (int i = 0; i < options.instances(); i++) {
                instances.add(ingestInstance(i, options, redis, simulator, ledgerName, closing));
            }
            List<InstanceReport> reports = Flux.merge(instances).collectSortedList(
                    (a, b) -> Integer.compare(a.instance(), b.instance())).block();
            double seconds = (System.nanoTime() - started) / 1e9;
            return new RunReport(reports, simulator.counters().jobsCreated(), simulator.counters().totalRequests(),
                    simulator.counters().requests(SimulatorRoute.GET_JOB),
                    simulator.counters().rateLimitedRequests(), published.get(), seconds);
        } finally {
            for (int i = closing.size() - 1; i >= 0; i--) {
                try {
                    closing.get(i).close();
                } catch (Exception error) {
                    out.println("closing: " + error);
                }
            }
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /**
     * The webhook receiver's part: an HTTP endpoint on 127.0.0.1 that verifies each delivery and publishes it to the
     * hub, answering 204 (400 to a delivery that fails verification, so that it is not retried as if we were down).
     */
    static DisposableServer webhookReceiver(RedisWebhookHub hub, String secret, AtomicLong published) {
        WebhookReceiver receiver = WebhookReceiver.of(SvixWebhookVerifier.of(secret));
        return HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes.post(WEBHOOK_PATH,
                (request, response) -> {
                    return receiver.receive(request)
                            .flatMap(hub::publish)
                            .doOnNext(isNew -> {
                                if (isNew) {
                                    published.incrementAndGet();
                                }
                            })
                            .then(response.status(204).send())
                            .onErrorResume(error -> response.status(400).sendString(Mono.just(error.getMessage()))
                                    .then());
                })).bindNow();
    }

    /**
     * One ingest instance's part: a client of the key paced by the shared pacer and woken by its own hub, submitting
     * documents {@code instance, instance + N, ...} with a ledger, each with a Svix webhook.
     */
    private static Mono<InstanceReport> ingestInstance(int instance, Options options, RedisClient redis,
            ReductoSimulator simulator, String ledgerName, List<AutoCloseable> closing) {
        RedisRequestPacer pacer = RedisRequestPacer.create(redis, KEY_NAME);
        RedisWebhookHub hub = RedisWebhookHub.create(redis, CHANNEL);
        RedisBulkLedger ledger = RedisBulkLedger.create(redis, ledgerName);
        ReductoClient client = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                .pacer(pacer).webhookHub(hub).build();
        closing.add(pacer);
        closing.add(hub);
        closing.add(ledger);
        closing.add(client);
        List<Integer> share = new ArrayList<>();
        for (int d = instance; d < options.documents(); d += options.instances()) {
            share.add(d);
        }
        AsyncOptions webhook = AsyncOptions.builder().webhook(WebhookConfig.svix()).build();
        return client.parse().submitAll(
                        Flux.fromIterable(share).map(d -> BulkDocument.remote(url(d), DocumentInput.url(url(d)))),
                        input -> ParseRequest.builder().input(input).async(webhook).build(),
                        BulkOptions.defaults().withConcurrency(options.concurrency()).withLedger(ledger))
                .filter(BulkEvent::isOutcome)
                .reduce(new long[2], (counts, event) -> {
                    counts[event instanceof BulkEvent.Completed<?, ?> ? 0 : 1]++;
                    return counts;
                })
                .map(counts -> new InstanceReport(instance, share.size(), counts[0], counts[1]));
    }

    private void print(RunReport report) {
        out.println("| instance | documents | completed | failed |");
        out.println("|---|---:|---:|---:|");
        for (InstanceReport instance : report.instances()) {
            out.printf("| %d | %d | %d | %d |%n", instance.instance(), instance.documents(), instance.completed(),
                    instance.failed());
        }
        out.printf("%d of %d completed in %.1f s: %d jobs, %d webhooks published, %d requests (%.2f a job), "
                        + "%d job checks (%.2f a job), %d answered 429%n", report.completed(), report.documents(),
                report.seconds(), report.jobs(), report.webhooksPublished(), report.requests(),
                (double) report.requests() / Math.max(1, report.jobs()), report.jobChecks(),
                (double) report.jobChecks() / Math.max(1, report.jobs()), report.rateLimited());
    }

    private static String newSvixSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String url(int i) {
        return "https://docs.example.com/doc-" + i + ".txt";
    }

    /** The command line. */
    record Options(String redis, int instances, int documents, int concurrency, double rateLimit) {

        static Options parse(String[] args) {
            String redis = null;
            int instances = 2;
            int documents = 200;
            int concurrency = 32;
            double rateLimit = 100;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--redis" -> redis = value;
                    case "--instances" -> instances = positive(flag, value);
                    case "--documents" -> documents = positive(flag, value);
                    case "--concurrency" -> concurrency = positive(flag, value);
                    case "--rate-limit" -> rateLimit = positive(flag, value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            return new Options(redis, instances, documents, concurrency, rateLimit);
        }

        private static int positive(String flag, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new IllegalArgumentException(flag + " needs a whole number above 0, not " + value);
        }
    }
}
