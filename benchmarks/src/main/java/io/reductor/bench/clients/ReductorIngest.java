package io.reductor.bench.clients;

import io.reductor.bench.harness.ChildMain;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The ingest benchmark with Reductor: {@code --count} documents through {@code pipeline().submitAll(...)} with
 * {@code --concurrency} in flight, each awaited with the client's defaults (long-poll). The idiomatic call a user
 * makes. Arguments: {@code --base-url --api-key --pipeline-id --count --concurrency}, then either
 * {@code --document=reducto://...} (every document is that uploaded file) or {@code --file=<path>} (every document is
 * an upload of that file's bytes, as {@code invoice-<n>.txt}); the connection pool is sized to the concurrency.
 * Prints {@code RESULT {"completed","failed","rejected","seconds"}} (see {@link ChildMain}): failed counts jobs created
 * that did not complete, rejected the documents without a job (the upload or the submission failed). The client
 * lives as long as the process, so a warm run's measured work reuses the warm-up's client and connections.
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
            IntFunction<BulkDocument<Integer>> documents = documents(options);
            ReductoClient client = ReductoClient.builder()
                    .apiKey(ChildMain.required(options, "api-key"))
                    .baseUrl(ChildMain.required(options, "base-url"))
                    .maxConnections(concurrency)
                    .build();
            return () -> {
                AtomicInteger completed = new AtomicInteger();
                AtomicInteger failed = new AtomicInteger();
                AtomicInteger rejected = new AtomicInteger();
                long start = System.nanoTime();
                client.pipeline()
                        .submitAll(Flux.range(0, count).map(documents::apply),
                                input -> PipelineRequest.builder().input(input).pipelineId(pipelineId).build(),
                                BulkOptions.defaults().withConcurrency(concurrency))
                        .filter(BulkEvent::isOutcome)
                        .doOnNext(event -> {
                            AtomicInteger outcome = event instanceof BulkEvent.Completed<Integer, ?> ? completed
                                    : event instanceof BulkEvent.Rejected<Integer, ?> ? rejected : failed;
                            if (outcome != completed && failed.get() + rejected.get() < 3) {
                                System.err.println("document not completed: " + event);
                            }
                            outcome.incrementAndGet();
                        })
                        .blockLast();
                double seconds = (System.nanoTime() - start) / 1e9;
                return Map.of("completed", completed.get(), "failed", failed.get(), "rejected", rejected.get(),
                        "seconds", seconds);
            };
        });
    }

    /** Document {@code i}: the registered {@code --document}, or an upload of {@code --file}'s bytes. */
    private static IntFunction<BulkDocument<Integer>> documents(Map<String, String> options) throws IOException {
        if (options.containsKey("file")) {
            byte[] content = Files.readAllBytes(Path.of(options.get("file")));
            return i -> BulkDocument.local(i, UploadSource.of(content, "invoice-" + i + ".txt"));
        }
        DocumentInput document = DocumentInput.of(ChildMain.required(options, "document"));
        return i -> BulkDocument.remote(i, document);
    }
}
