package io.reductor.reactor.internal;

import io.reductor.core.error.PaginationException;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.job.ListJobsRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks {@code GET /jobs} cursor pages on demand. A page is fetched only when downstream demand reaches it: the next
 * page is requested after the previous page's jobs have all been delivered and more are wanted, never ahead. Listing
 * ends when {@code next_cursor} is null, and fails with {@link PaginationException} on a cursor it has already
 * followed or after {@value #MAX_EMPTY_PAGES_IN_A_ROW} empty pages in a row that still carry a cursor.
 */
public final class JobPager {

    /** How many empty pages with a cursor are followed in a row before listing gives up. */
    public static final int MAX_EMPTY_PAGES_IN_A_ROW = 10;

    private final Function<ListJobsRequest, Mono<JobsPage>> fetch;

    /** Creates a pager over {@code fetch}, one {@code GET /jobs} per call. */
    public JobPager(Function<ListJobsRequest, Mono<JobsPage>> fetch) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
    }

    /** The pages from {@code first} on, one request per page, each only when demanded. */
    public Flux<JobsPage> pages(ListJobsRequest first) {
        Objects.requireNonNull(first, "first");
        return Flux.defer(() -> {
            Walk walk = new Walk(first);
            // one tick per demanded page; concatMap without prefetch asks for the next tick only after the page came
            return Flux.<Boolean>generate(sink -> sink.next(Boolean.TRUE))
                    .concatMap(tick -> fetch.apply(walk.next).map(walk::advance), 0)
                    .takeUntil(page -> page.nextCursor() == null);
        });
    }

    /** The jobs of every page from {@code first} on, fetching a page only when its jobs are wanted. */
    public Flux<JobSummary> jobs(ListJobsRequest first) {
        return pages(first).concatMap(page -> page.jobs() == null ? Flux.empty() : Flux.fromIterable(page.jobs()), 0);
    }

    /** Where one subscription's walk stands. */
    private static final class Walk {
        private final Set<String> followed = new HashSet<>();
        private ListJobsRequest next;
        private int emptyInARow;

        Walk(ListJobsRequest first) {
            this.next = first;
            if (first.cursor() != null) {
                followed.add(first.cursor());
            }
        }

        JobsPage advance(JobsPage page) {
            String cursor = page.nextCursor();
            if (cursor == null) {
                return page;
            }
            if (!followed.add(cursor)) {
                throw new PaginationException("GET /jobs returned the cursor " + cursor
                        + " a second time; stopping instead of listing the same jobs forever");
            }
            boolean empty = page.jobs() == null || page.jobs().isEmpty();
            emptyInARow = empty ? emptyInARow + 1 : 0;
            if (emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
                throw new PaginationException("GET /jobs returned " + emptyInARow
                        + " empty pages in a row that still had a next cursor; stopping");
            }
            next = next.withCursor(cursor);
            return page;
        }
    }
}
