package io.reductor.redis;

import io.lettuce.core.RedisClient;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.KeyLimits;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.RequestPacer;
import io.reductor.testkit.RedisServer;
import io.reductor.testkit.ReductoSimulator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Several ingest instances of one API key against the simulator limited to 100 requests a second, with one shared
 * Redis pacer that learns the limit from 429s, then with one that is given it ({@link KeyLimits}), then each with its
 * own pacer, one right after the other; prints a table. The instances are separate
 * clients in one JVM: each has its own connection pool, adaptive limit and watcher, and with the Redis pacer its own
 * Redis connection, so what they share is exactly what separate processes would share. Run it with
 * {@code bash redis/run-harness} (it starts its own redis-server on a loopback port).
 *
 * <p>Arguments: instances, concurrency per instance, documents in all (defaults 4, 64, 2000), and {@code timeline}
 * to print, for each second of each run, the requests the simulator answered, its 429s and the shared request rate.
 */
public final class SharedPacerHarness {

    private static final double LIMIT = 100;

    private SharedPacerHarness() {
    }

    /** Runs both settings and prints one row each. */
    public static void main(String[] args) {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int documents = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        boolean timeline = args.length > 3 && args[3].equals("timeline");
        try (RedisServer redis = RedisServer.start();
             ReductoSimulator simulator = ReductoSimulator.builder().rateLimit(LIMIT)
                     .rateLimitRetryAfter(false) // as production answers: [CODE 1000] and no Retry-After
                     .start()) {
            for (int i = 0; i < documents; i++) {
                simulator.registerDocument(url(i), ("Document " + i).getBytes(StandardCharsets.UTF_8));
            }
            RedisClient client = RedisClient.create(redis.uri());
            System.out.printf("%d instances x concurrency %d, %d documents, simulator limited to %.0f requests/s%n",
                    instances, concurrency, documents, LIMIT);
            System.out.println("| pacer | completed | lost | jobs | requests | 429s | 429 share | seconds "
                    + "| accepted requests/s | of the limit | Redis scripts a request |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (Pacing pacing : Pacing.values()) {
                simulator.counters().reset();
                try (var connection = client.connect()) {
                    connection.sync().configResetstat();
                }
                System.out.println(run(simulator, client, pacing, instances, concurrency, documents, timeline));
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static String run(ReductoSimulator simulator, RedisClient redis, Pacing pacing, int instances,
            int concurrency, int documents, boolean timeline) {
        String name = RedisServerExtension.uniqueName("harness");
        List<ReductoClient> clients = new ArrayList<>();
        List<RedisRequestPacer> pacers = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            ReductoClient.Builder builder = ReductoClient.builder().apiKey(simulator.apiKey())
                    .baseUrl(simulator.baseUrl());
            if (pacing != Pacing.PER_INSTANCE) {
                RedisRequestPacer pacer = pacing == Pacing.SHARED_LEARNED ? RedisRequestPacer.create(redis, name)
                        : RedisRequestPacer.create(redis, name, new KeyLimits(LIMIT, Double.POSITIVE_INFINITY));
                pacers.add(pacer);
                builder.pacer(pacer);
            }
            clients.add(builder.build());
        }
        long started = System.nanoTime();
        Disposable sampler = timeline ? timeline(simulator, pacers) : Disposables.disposed();
        List<Flux<BulkEvent<Integer, ParseResponse>>> runs = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            int instance = i;
            runs.add(clients.get(i).parse().submitAll(
                    Flux.range(0, documents).filter(d -> d % instances == instance)
                            .map(d -> BulkDocument.remote(d, DocumentInput.url(url(d)))),
                    input -> ParseRequest.builder().input(input).build(),
                    BulkOptions.defaults().withConcurrency(concurrency)).filter(BulkEvent::isOutcome));
        }
        Map<String, Long> outcomes = Flux.merge(runs).collect(Collectors.groupingBy(
                event -> event.getClass().getSimpleName(), Collectors.counting())).block(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.dispose();
        clients.forEach(ReductoClient::close);
        pacers.forEach(RedisRequestPacer::close);
        long completed = outcomes.getOrDefault("Completed", 0L);
        long requests = simulator.counters().totalRequests();
        long refused = simulator.counters().rateLimitedRequests();
        double accepted = (requests - refused) / seconds;
        return String.format("| %s | %d | %d | %d | %d | %d | %.1f %% | %.1f | %.1f | %.2fx | %.2f |",
                pacing.label, completed, documents - completed,
                simulator.counters().jobsCreated(), requests, refused, 100.0 * refused / requests, seconds, accepted,
                accepted / LIMIT, (double) scriptRuns(redis) / requests);
    }

    /** Prints a line a second: requests and 429s in that second, and the shared request rate when there is one. */
    private static Disposable timeline(ReductoSimulator simulator, List<RedisRequestPacer> pacers) {
        long[] last = new long[2];
        return Flux.interval(Duration.ofSeconds(1)).subscribe(second -> {
            long requests = simulator.counters().totalRequests();
            long refused = simulator.counters().rateLimitedRequests();
            String rate = pacers.isEmpty() ? "" : String.format(" rate %.1f",
                    pacers.get(0).rate(RequestPacer.Lane.REQUESTS));
            System.out.printf("  %3ds requests %4d 429s %4d%s%n", second + 1, requests - last[0], refused - last[1],
                    rate);
            last[0] = requests;
            last[1] = refused;
        });
    }

    /** Script runs (EVALSHA and EVAL) since the statistics were last reset, from {@code INFO commandstats}. */
    private static long scriptRuns(RedisClient redis) {
        long runs = 0;
        try (var connection = redis.connect()) {
            for (String line : connection.sync().info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                    runs += Long.parseLong(line.replaceAll("^[^:]+:calls=(\\d+),.*", "$1"));
                }
            }
        }
        return runs;
    }

    /** The rows of the table. */
    private enum Pacing {
        SHARED_LEARNED("shared (Redis), limit learned"),
        SHARED_KNOWN("shared (Redis), limit given"),
        PER_INSTANCE("one per instance");

        private final String label;

        Pacing(String label) {
            this.label = label;
        }
    }

    private static String url(int i) {
        return "https://docs.example.com/doc-" + i + ".txt";
    }
}
