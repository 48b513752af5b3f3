package io.reductor.samples.tour;

import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.reactor.AwaitOptions;
import io.reductor.reactor.JobUpdate;
import io.reductor.reactor.ReductoClient;
import reactor.core.publisher.Flux;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Tour: start a parse job and watch it until it finishes.
 *
 * <p>{@code parse().runJob(...)} ({@code POST /parse_async}) gives the job id at once.
 * {@link ReductoClient#awaitCompletion(String, AwaitOptions)} then emits a {@link JobUpdate} for the first status it
 * sees and one per change ({@code Pending}, {@code InProgress}, ... {@code Completed}); the last one carries the
 * result, or the reason when the job failed. Its first {@code GET /job/{id}} is answered at once, so the first status
 * shows immediately; then it long-polls, so a job costs a few requests, whatever its length. {@link AwaitOptions} tunes the wait; here {@code withTimeout} limits the whole wait: when it
 * passes, the stream fails with a {@link ReductoTimeoutException} and the job keeps running (await it again later, or
 * use {@code withCancelJobOnCancel(true)} to cancel jobs you stop waiting for). {@link ReductoClient#awaitResult} is
 * the same wait giving only the result.
 */
public final class AwaitCompletion {

    private AwaitCompletion() {
    }

    /** Runs the sample: against the real API when {@code REDUCTO_API_KEY} is set, else on the simulator. */
    public static void main(String[] args) {
        run(System.getenv(), System.out);
    }

    /** The program, with its environment and output given. */
    static JobUpdate run(Map<String, String> environment, PrintStream out) {
        try (Tour tour = Tour.start("AwaitCompletion", environment, out,
                simulator -> simulator.processingTimePerPage(Duration.ofMillis(300)))) {
            ReductoClient client = tour.client();
            AwaitOptions options = AwaitOptions.defaults().withTimeout(Duration.ofMinutes(5));
            return client.upload(Tour.document("quarterly-report-q1.pdf"))
                    .flatMapMany(upload -> parseAndAwait(client, DocumentInput.fileId(upload.fileId()), options, out))
                    .blockLast();
        }
    }

    /** Parses {@code input} as a job, printing each status change, and ends with the final update. */
    static Flux<JobUpdate> parseAndAwait(ReductoClient client, DocumentInput input, AwaitOptions options,
            PrintStream out) {
        return client.parse().runJob(ParseRequest.builder().input(input).build())
                .doOnNext(job -> out.println("started job " + job.jobId()))
                .flatMapMany(job -> client.awaitCompletion(job.jobId(), options))
                .doOnNext(update -> {
                    out.println("status " + update.status().value()
                            + update.progress().map(progress -> " (progress " + progress + ")").orElse(""));
                    update.reason().ifPresent(reason -> out.println("reason: " + reason));
                    if (update.result().orElse(null) instanceof JobResult.Parse parse
                            && parse.response().result() instanceof FullResult full) {
                        full.chunks().forEach(chunk -> out.println(chunk.content()));
                    }
                });
    }
}
