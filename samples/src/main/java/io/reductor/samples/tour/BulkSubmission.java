package io.reductor.samples.tour;

import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.PendingJob;
import io.reductor.reactor.ReductoClient;
import reactor.core.publisher.Flux;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tour: many documents through parse jobs with bounded concurrency, exactly one outcome each, and resuming from saved
 * job ids.
 *
 * <p>{@code parse().submitAll(documents, requestFor, options)} uploads each local document, submits its job, awaits
 * it, and emits {@link BulkEvent.Submitted} as soon as the job exists, then exactly one outcome:
 * {@link BulkEvent.Completed}, {@link BulkEvent.Failed} (the job failed) or {@link BulkEvent.Rejected} (no job was
 * created). {@code BulkOptions.withConcurrency(2)} keeps at most two documents in flight; documents are read from the
 * source only as room frees up. Save each {@code Submitted} job id: after a crash, {@code parse().awaitAll(...)} awaits
 * those jobs instead of submitting (and paying for) the documents again.
 */
public final class BulkSubmission {

    static final List<String> DOCUMENTS = List.of("invoice-acme-1042.pdf", "services-agreement.pdf",
            "quarterly-report-q1.pdf", "purchase-order-7731.pdf");
    static final BulkOptions TWO_AT_A_TIME = BulkOptions.defaults().withConcurrency(2);

    private BulkSubmission() {
    }

    /** Runs the sample: against the real API when {@code REDUCTO_API_KEY} is set, else on the simulator. */
    public static void main(String[] args) {
        run(System.getenv(), System.out);
    }

    /** The program, with its environment and output given; gives the saved job ids. */
    static Map<String, String> run(Map<String, String> environment, PrintStream out) {
        List<BulkDocument<String>> documents = DOCUMENTS.stream()
                .map(name -> BulkDocument.local(name, Tour.document(name)))
                .toList();
        Map<String, String> jobIds = new ConcurrentHashMap<>();   // in a real service: a table, a file...
        try (Tour tour = Tour.start("BulkSubmission", environment, out)) {
            submitAll(tour.client(), documents, jobIds, out).then().block();
            out.println("Later, say after a restart: awaiting the saved jobs instead of submitting again");
            awaitSaved(tour.client(), jobIds, out).then().block();
        }
        return jobIds;
    }

    /** Parses every document, at most two at a time, saving each job id in {@code jobIds} as soon as it is known. */
    static Flux<BulkEvent<String, ParseResponse>> submitAll(ReductoClient client,
            List<BulkDocument<String>> documents, Map<String, String> jobIds, PrintStream out) {
        return client.parse()
                .submitAll(Flux.fromIterable(documents), input -> ParseRequest.builder().input(input).build(),
                        TWO_AT_A_TIME)
                .doOnNext(event -> {
                    if (event instanceof BulkEvent.Submitted<String, ParseResponse> submitted) {
                        jobIds.put(submitted.key(), submitted.jobId());
                    }
                    print(event, out);
                });
    }

    /** Awaits jobs submitted earlier, by document name and job id: one outcome each. */
    static Flux<BulkEvent<String, ParseResponse>> awaitSaved(ReductoClient client, Map<String, String> jobIds,
            PrintStream out) {
        return client.parse()
                .awaitAll(Flux.fromIterable(jobIds.entrySet())
                        .map(saved -> new PendingJob<>(saved.getKey(), saved.getValue())), TWO_AT_A_TIME)
                .doOnNext(event -> print(event, out));
    }

    private static void print(BulkEvent<String, ParseResponse> event, PrintStream out) {
        if (event instanceof BulkEvent.Submitted<String, ParseResponse> submitted) {
            out.println("submitted " + submitted.key() + " as job " + submitted.jobId());
        } else if (event instanceof BulkEvent.Completed<String, ParseResponse> completed) {
            out.println("completed " + completed.key() + ": " + completed.result().usage().numPages() + " page(s)");
        } else if (event instanceof BulkEvent.Failed<String, ParseResponse> failed) {
            out.println("failed    " + failed.key() + " (job " + failed.jobId() + "): " + failed.error().getMessage());
        } else if (event instanceof BulkEvent.Rejected<String, ParseResponse> rejected) {
            out.println("rejected  " + rejected.key() + ": " + rejected.error().getMessage());
        }
    }
}
