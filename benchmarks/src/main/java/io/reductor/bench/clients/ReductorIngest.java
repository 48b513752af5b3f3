package io.reductor.bench.clients;

import io.reductor.bench.harness.ChildMain;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.ReductoClient;
import reactor.core.publisher.Flux;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ingest benchmark with Reductor: {@code --count} documents through {@code pipeline().submitAll(...)} with
 * {@code --concurrency} in flight, each awaited with the client's defaults (long-poll). The idiomatic call a user
 * makes, with the connection pool sized to the concurrency. Arguments: {@code --base-url --api-key --pipeline-id
 * --document --count --concurrency}; prints {@code RESULT {"completed","failed","seconds"}} (see {@link ChildMain}).
 */
public final class ReductorIngest {

    private ReductorIngest() {
    }

    /**
     * Runs the scenario under the {@link ChildMain} protocol.
     *
     * @param args {@code --name=value} arguments
     */
    public static void main(String[] args) {
        ChildMain.run(args, options -> {
            int count = Integer.parseInt(ChildMain.required(options, "count"));
            int concurrency = Integer.parseInt(ChildMain.required(options, "concurrency"));
            String pipelineId = ChildMain.required(options, "pipeline-id");
            DocumentInput document = DocumentInput.of(ChildMain.required(options, "document"));
            ReductoClient client = ReductoClient.builder()
                    .apiKey(ChildMain.required(options, "api-key"))
                    .baseUrl(ChildMain.required(options, "base-url"))
                    .maxConnections(concurrency)
                    .build();
            return () -> {
                AtomicInteger completed = new AtomicInteger();
                AtomicInteger failed = new AtomicInteger();
                long start = System.nanoTime();
                client.pipeline()
                        .submitAll(Flux.range(0, count).map(i -> BulkDocument.remote(i, document)),
                                input -> PipelineRequest.builder().input(input).pipelineId(pipelineId).build(),
                                BulkOptions.defaults().withConcurrency(concurrency))
                        .filter(BulkEvent::isOutcome)
                        .doOnNext(event -> {
                            if (event instanceof BulkEvent.Completed<Integer, ?>) {
                                completed.incrementAndGet();
                            } else if (failed.getAndIncrement() < 3) {
                                System.err.println("job failed: " + event);
                            }
                        })
                        .blockLast();
                double seconds = (System.nanoTime() - start) / 1e9;
                client.close();
                return Map.of("completed", completed.get(), "failed", failed.get(), "seconds", seconds);
            };
        });
    }
}
