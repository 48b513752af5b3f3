package io.reductor.testkit;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.function.Function;

/**
 * Measures the simulator's throughput with the Reductor client on loopback (a harness, not a test): {@code GET
 * /version}, then {@code POST /parse_async} each followed by one {@code GET /job}, then whole job cycles
 * ({@code parse_async} and {@code awaitResult} with long polls), each at concurrency 64. Client and server share the
 * machine, so the figures are for both together.
 *
 * <pre>
 * ./mvnw -q -pl testkit -am test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
 *     -Dmdep.includeScope=test
 * java -cp testkit/target/test-classes:testkit/target/classes:$(cat testkit/target/classpath.txt) \
 *     io.reductor.testkit.SimulatorThroughput [requests]
 * </pre>
 */
public final class SimulatorThroughput {

    private static final int CONCURRENCY = 64;

    private SimulatorThroughput() {
    }

    /** Runs the measurement; the optional argument is the number of requests per phase (default 20,000). */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        try (ReductoSimulator simulator = ReductoSimulator.builder().processingTimePerPage(Duration.ofMillis(10))
                .start()) {
            ReductoClient client = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                    .maxConnections(CONCURRENCY).build();
            String fileId = client.upload(UploadSource.of(TestDocuments.invoicePdf(), "invoice.pdf")).block()
                    .fileId();
            ParseRequest parse = ParseRequest.builder().input(DocumentInput.fileId(fileId)).build();

            run("warm-up (GET /version + parse_async/job)", n / 4, 2, i -> client.version()
                    .then(client.parse().runJob(parse)).flatMap(job -> client.getJob(job.jobId())));
            run("GET /version", n, 1, i -> client.version());
            run("POST /parse_async + GET /job", n / 2, 2, i -> client.parse().runJob(parse)
                    .flatMap(job -> client.getJob(job.jobId())));
            run("job cycles: parse_async + awaitResult (long poll), 10 ms/page x 2 pages", n / 10, 0,
                    i -> client.parse().runJob(parse).flatMap(job -> client.awaitResult(job.jobId())));
            System.out.printf("simulator saw %,d requests, %,d jobs%n", simulator.counters().totalRequests(),
                    simulator.counters().jobsCreated());
        }
    }

    private static void run(String name, int operations, int requestsPerOperation,
            Function<Integer, Mono<?>> operation) {
        long start = System.nanoTime();
        Long done = Flux.range(0, operations).flatMap(operation::apply, CONCURRENCY).count().block();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (requestsPerOperation > 0) {
            System.out.printf("%-72s %,8d requests in %6.2f s = %,9.0f requests/s%n", name,
                    done * requestsPerOperation, seconds, done * requestsPerOperation / seconds);
        } else {
            System.out.printf("%-72s %,8d jobs     in %6.2f s = %,9.0f jobs/s%n", name, done, seconds,
                    done / seconds);
        }
    }
}
