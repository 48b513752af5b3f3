package io.reductor.reactor.internal;

import io.reductor.core.error.PaginationException;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.job.ListJobsRequest;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Walks {@code GET /jobs} cursor pages on demand. A page is fetched only when the subscriber has asked for more than
 * the pages before it held, never ahead, and never more than one at a time. Listing ends when {@code next_cursor} is
 * null, and fails with {@link PaginationException} on a cursor it has already followed or after
 * {@value #MAX_EMPTY_PAGES_IN_A_ROW} empty pages in a row that still carry a cursor; what was received before is
 * delivered first. Cancelling stops at once, aborting a fetch in flight.
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
        return walk(first, List::of);
    }

    /** The jobs of every page from {@code first} on, fetching a page only when its jobs are wanted. */
    public Flux<JobSummary> jobs(ListJobsRequest first) {
        return walk(first, page -> page.jobs() == null ? List.of() : page.jobs());
    }

    private <T> Flux<T> walk(ListJobsRequest first, Function<JobsPage, List<T>> itemsOf) {
        Objects.requireNonNull(first, "first");
        return Flux.create(sink -> new Walk<>(first, itemsOf, sink).start(), FluxSink.OverflowStrategy.IGNORE);
    }

    /** One subscription's walk: a buffer of the current page's items, drained as demand arrives. */
    private final class Walk<T> {
        private final Function<JobsPage, List<T>> itemsOf;
        private final FluxSink<T> sink;
        private final Queue<T> buffer = new ArrayDeque<>();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicLong requested = new AtomicLong();
        private final Set<String> followed = new HashSet<>();
        private ListJobsRequest next;
        private int emptyInARow;
        private boolean fetching;
        private boolean lastPage;
        private Throwable failure;
        private volatile Disposable inFlight;
        private volatile boolean cancelled;

        Walk(ListJobsRequest first, Function<JobsPage, List<T>> itemsOf, FluxSink<T> sink) {
            this.next = first;
            this.itemsOf = itemsOf;
            this.sink = sink;
            if (first.cursor() != null) {
                followed.add(first.cursor());
            }
        }

        void start() {
            sink.onRequest(n -> {
                requested.getAndUpdate(current -> current + n < 0 ? Long.MAX_VALUE : current + n);
                drain();
            });
            sink.onCancel(() -> {
                cancelled = true;
                Disposable fetchInFlight = inFlight;
                if (fetchInFlight != null) {
                    fetchInFlight.dispose();
                }
            });
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                synchronized (this) {
                    while (!cancelled && requested.get() > 0 && !buffer.isEmpty()) {
                        requested.getAndUpdate(current -> current == Long.MAX_VALUE ? current : current - 1);
                        sink.next(buffer.poll());
                    }
                    if (!cancelled && buffer.isEmpty() && !fetching) {
                        if (failure != null) {
                            sink.error(failure);
                            cancelled = true;
                        } else if (lastPage) {
                            sink.complete();
                            cancelled = true;
                        } else if (requested.get() > 0) {
                            fetching = true;
                            ListJobsRequest request = next;
                            inFlight = Mono.defer(() -> fetch.apply(request))
                                    .switchIfEmpty(Mono.error(() -> new PaginationException(
                                            "GET /jobs answered with no page")))
                                    .subscribe(this::received, this::failed);
                        }
                    }
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void received(JobsPage page) {
            synchronized (this) {
                fetching = false;
                List<T> items = itemsOf.apply(page);
                buffer.addAll(items);
                String cursor = page.nextCursor();
                if (cursor == null) {
                    lastPage = true;
                } else if (!followed.add(cursor)) {
                    failure = new PaginationException("GET /jobs returned the cursor " + cursor
                            + " a second time; stopping instead of listing the same jobs forever");
                } else {
                    emptyInARow = page.jobs() == null || page.jobs().isEmpty() ? emptyInARow + 1 : 0;
                    if (emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
                        failure = new PaginationException("GET /jobs returned " + emptyInARow
                                + " empty pages in a row that still had a next cursor; stopping");
                    }
                    next = next.withCursor(cursor);
                }
            }
            drain();
        }

        private void failed(Throwable error) {
            synchronized (this) {
                fetching = false;
                failure = error;
            }
            drain();
        }
    }
}
