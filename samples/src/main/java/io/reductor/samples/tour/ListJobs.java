package io.reductor.samples.tour;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.job.ListJobsRequest;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.reactor.ReductoClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Tour: list the account's jobs, and resume a listing from a saved cursor.
 *
 * <p>{@link ReductoClient#jobs()} is every job, newest first, read from {@code GET /jobs} page by page only as far as
 * you consume it: {@code jobs().take(3)} costs one request. {@link ReductoClient#jobPages(ListJobsRequest)} gives the
 * pages themselves with their {@code next_cursor} ({@code null} on the last page): save the cursor, and later continue
 * with {@code request.withCursor(cursor)}, in this process or another.
 */
public final class ListJobs {

    /** Pages of two jobs, to make the paging visible. */
    static final ListJobsRequest PAGES_OF_TWO = ListJobsRequest.builder().limit(2).build();

    private ListJobs() {
    }

    /** Runs the sample: against the real API when {@code REDUCTO_API_KEY} is set, else on the simulator. */
    public static void main(String[] args) {
        run(System.getenv(), System.out);
    }

    /** The program, with its environment and output given. */
    static void run(Map<String, String> environment, PrintStream out) {
        try (Tour tour = Tour.start("ListJobs", environment, out)) {
            ReductoClient client = tour.client();
            if (tour.simulator().isPresent()) { // a new simulator has no jobs yet: start a few
                createJobs(client, 5).then().block();
            }
            newest(client, 3, out).then().block();
            String cursor = firstPage(client, out).block();   // save it: a file, a database row...
            if (cursor != null) {
                resume(client, cursor, out).take(2).then().block();
            }
        }
    }

    /** Starts {@code count} parse jobs, one after the other, and gives their ids in that order. */
    static Flux<String> createJobs(ReductoClient client, int count) {
        return client.upload(Tour.document("invoice-acme-1042.pdf"))
                .map(upload -> ParseRequest.builder().input(DocumentInput.fileId(upload.fileId())).build())
                .flatMapMany(request -> Flux.range(1, count).concatMap(i -> client.parse().runJob(request)))
                .map(SubmittedJob::jobId);
    }

    /** The {@code count} most recent jobs. */
    static Flux<JobSummary> newest(ReductoClient client, int count, PrintStream out) {
        return client.jobs().take(count)
                .doOnNext(job -> out.println("recent job " + job.jobId() + " " + job.type() + " " + job.status()));
    }

    /** Reads the first page of two and gives its cursor, or nothing when it is the only page. */
    static Mono<String> firstPage(ReductoClient client, PrintStream out) {
        return client.jobPages(PAGES_OF_TWO)
                .next()
                .doOnNext(page -> print("first page", page, out))
                .flatMap(page -> Mono.justOrEmpty(page.nextCursor()));
    }

    /** The pages after a saved cursor, fetched as they are read. */
    static Flux<JobsPage> resume(ReductoClient client, String cursor, PrintStream out) {
        return client.jobPages(PAGES_OF_TWO.withCursor(cursor))
                .doOnNext(page -> print("next page", page, out));
    }

    private static void print(String label, JobsPage page, PrintStream out) {
        List<String> ids = page.jobs().stream().map(JobSummary::jobId).toList();
        String next = page.nextCursor() == null ? ", the last" : ", next cursor " + page.nextCursor();
        out.println(label + ": " + ids + next);
    }
}
