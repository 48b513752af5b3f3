package io.reductor.samples;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.PageSelection;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.ParseSettings;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.JobUpdate;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.ReductoEnvironment;
import io.reductor.reactor.RetryPolicy;
import io.reductor.reactor.UploadSource;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.SimulatorRoute;
import io.reductor.testkit.junit.ReductoSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Java snippets of README.md, each between a {@code // snippet: NAME} line and {@code // end snippet}, compiled
 * with the tests; {@link ReadmeSnippetsTest} checks that README shows them exactly as they are here. The methods are
 * never run: the snippets only have to compile with the imports above; the test class {@link AwaitInVirtualTime} is
 * run, as {@link ReadmeVirtualTimeTest}.
 */
@SuppressWarnings("unused")
final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    static void tour(ParseRequest request, List<Path> paths) {
        // snippet: tour
        ReductoClient client = ReductoClient.create();   // REDUCTO_API_KEY, optional REDUCTO_BASE_URL

        // upload (streamed from disk; presigned flow above 100 MB) and parse synchronously
        Mono<ParseResponse> parsed = client.upload(Path.of("report.pdf"))
                .flatMap(upload -> client.parse().run(ParseRequest.builder()
                        .input(DocumentInput.fileId(upload.fileId()))
                        .settings(ParseSettings.builder().pageRange(PageSelection.range(1, 5)).build())
                        .build()))
                .map(RunResult::response);

        // or as a job: the first status at once, then each transition as it happens (long-polling), then the result
        Flux<JobUpdate> updates = client.parse().runJob(request)
                .flatMapMany(job -> client.awaitCompletion(job.jobId()));

        // thousands of documents, at most 64 in flight, exactly one outcome each, job ids as soon as known
        Flux<BulkEvent<String, PipelineResponse>> events = client.pipeline().submitAll(
                Flux.fromIterable(paths).map(path -> BulkDocument.file(path.toString(), path)),
                input -> PipelineRequest.builder().input(input).pipelineId("invoices").build(),
                BulkOptions.defaults().withConcurrency(64));

        // every job of the account, fetched page by page only as far as you read
        Flux<JobSummary> recent = client.jobs().take(150);   // two requests

        // a deployed pipeline's execution log, as Studio shows it: its jobs, newest first, paged the same way
        Flux<JobSummary> runs = client.pipeline().executions("invoices").take(20);
        // end snippet
    }

    static void uploads(ReductoClient client, Flux<ByteBuffer> body) {
        // snippet: uploads
        // a file: streamed from disk and retried; through a presigned URL above the direct-upload limit (100 MB)
        Mono<Upload> fromFile = client.upload(Path.of("scan.pdf"));

        // a stream of unknown length, such as a request body being received: sent chunked as it arrives, never held
        // whole, never retried; past the direct-upload limit it fails with UploadSource.StreamTooLargeException
        Mono<Upload> streamed = client.upload(UploadSource.of(body, "scan.pdf"));

        // the same stream at any size: written to a temporary file first, then uploaded like a file
        Mono<Upload> spooled = client.upload(UploadSource.spooled(body, "scan.pdf"));
        // end snippet
    }

    static void unions(JobResponse job) {
        // snippet: unions
        if (job.result() instanceof JobResult.Parse parse && parse.response().result() instanceof FullResult full) {
            full.chunks().forEach(chunk -> System.out.println(chunk.content()));
        }
        // end snippet
    }

    static void realApi() {
        // snippet: real-api
        ReductoClient client = ReductoClient.builder()
                .apiKey(System.getenv("REDUCTO_API_KEY"))
                .environment(ReductoEnvironment.EU)            // or .baseUrl("https://..."), not both
                .retryPolicy(RetryPolicy.defaults().withMaxRetries(4))
                .maxConnections(128)
                .build();
        // end snippet
    }

    /** The virtual-time recipe of README's testing section, run by {@link ReadmeVirtualTimeTest}. */
    static class AwaitInVirtualTime {
        // snippet: virtual-time
        @RegisterExtension
        static final ReductoSimulatorExtension SIMULATOR = ReductoSimulatorExtension.builder()
                .simulator(simulator -> simulator.queueTime(Duration.ofSeconds(5))
                        .processingTimePerPage(Duration.ofSeconds(10)))
                .client(client -> client.retryPolicy(RetryPolicy.defaults().withMaxRetries(1)))
                .virtualTime()                    // each test gets its own VirtualTimeScheduler
                .build();

        @Test
        void eachStatusArrivesWhenVirtualTimeReachesIt(ReductoClient client, ReductoSimulator simulator,
                VirtualTimeScheduler time) {
            String fileId = simulator.uploadDocument("note.txt", "Total: 42".getBytes(StandardCharsets.UTF_8));
            String jobId = client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(fileId)).build())
                    .block(Duration.ofSeconds(30)).jobId();

            StepVerifier.withVirtualTime(() -> client.awaitCompletion(jobId).map(JobUpdate::status),
                            () -> time, Long.MAX_VALUE)
                    .expectNext(JobStatus.PENDING)                                    // first poll: at once
                    .then(() -> simulator.awaitRequests(SimulatorRoute.GET_JOB, 2))   // the long poll is held
                    .thenAwait(Duration.ofSeconds(5))                                 // the queue time
                    .expectNext(JobStatus.IN_PROGRESS)
                    .then(() -> simulator.awaitRequests(SimulatorRoute.GET_JOB, 3))
                    .thenAwait(Duration.ofSeconds(10))                                // one page
                    .expectNext(JobStatus.COMPLETING)
                    .then(() -> simulator.awaitRequests(SimulatorRoute.GET_JOB, 4))
                    .thenAwait(Duration.ofSeconds(5))
                    .expectNext(JobStatus.COMPLETED)
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));                                  // real time, if it hangs
        }
        // end snippet
    }
}
