package io.reductor.reactor.internal;

import io.reductor.core.error.ApiErrors;
import io.reductor.core.error.InternalServerException;
import io.reductor.core.error.PaginationException;
import io.reductor.core.model.common.Timestamp;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.job.ListJobsRequest;
import org.junit.jupiter.api.Test;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JobPager} against a fake {@code GET /jobs}: one request per demanded page and never ahead, cursors passed on,
 * loops and endless empty pages stopped, errors passed through, cancellation honoured, each subscription a new walk.
 * The fake answers with a non-fusable, non-callable Mono, like real HTTP, so no operator can peek at a page early.
 */
class JobPagerTest {

    /** A guard against a hang, never reached when the pager works: these tests do not depend on real time. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** More fetches than any test needs: past this the fake fails the listing, so a loop cannot hang a test. */
    private static final int MAX_FETCHES = 100;

    private static final ListJobsRequest FIRST = ListJobsRequest.builder().limit(100).excludeConfigs(true).build();

    /** A fake {@code GET /jobs}: answers by cursor (null is the first page), records every request it receives. */
    private static final class FakeJobs implements Function<ListJobsRequest, Mono<JobsPage>> {
        private final Map<String, JobsPage> pagesByCursor = new HashMap<>();
        private final List<ListJobsRequest> requests = new CopyOnWriteArrayList<>();
        private Function<Mono<JobsPage>, Mono<JobsPage>> shape = Function.identity();

        FakeJobs page(String cursor, JobsPage page) {
            pagesByCursor.put(cursor, page);
            return this;
        }

        /** Applies e.g. a delay to every answer. */
        FakeJobs shaped(Function<Mono<JobsPage>, Mono<JobsPage>> shape) {
            this.shape = shape;
            return this;
        }

        @Override
        public Mono<JobsPage> apply(ListJobsRequest request) {
            // the request counts when it is sent, i.e. on subscription, like an HTTP client
            return shape.apply(Mono.defer(() -> {
                requests.add(request);
                if (requests.size() > MAX_FETCHES) {
                    return Mono.error(new AssertionError("runaway listing: " + requests.size() + " fetches"));
                }
                JobsPage page = pagesByCursor.get(request.cursor());
                return page == null
                        ? Mono.error(new AssertionError("no page for cursor " + request.cursor()))
                        : Mono.just(page);
            }).hide());
        }

        int fetches() {
            return requests.size();
        }

        List<String> cursors() {
            return requests.stream().map(ListJobsRequest::cursor).collect(Collectors.toList());
        }
    }

    private static JobSummary job(String id) {
        return JobSummary.builder()
                .jobId(id)
                .status(JobStatus.COMPLETED)
                .type(JobType.PARSE)
                .rawConfig("{}")
                .createdAt(Timestamp.of(Instant.parse("2026-01-01T00:00:00Z")))
                .numPages(1)
                .totalPages(1)
                .duration(1.0)
                .build();
    }

    /** A page of {@code count} jobs named {@code prefix-0 ...}. */
    private static JobsPage page(String prefix, int count, String nextCursor) {
        List<JobSummary> jobs = IntStream.range(0, count).mapToObj(i -> job(prefix + "-" + i)).toList();
        return JobsPage.builder().jobs(jobs).nextCursor(nextCursor).build();
    }

    /** Three full pages of 100: p1 (cursor c2), p2 (cursor c3), p3 (last). */
    private static FakeJobs threePages() {
        return new FakeJobs()
                .page(null, page("p1", 100, "c2"))
                .page("c2", page("p2", 100, "c3"))
                .page("c3", page("p3", 100, null));
    }

    @Test
    void theFakeIsNeitherCallableNorFusableLikeRealHttp() {
        Mono<JobsPage> answer = threePages().apply(FIRST);
        assertThat(answer).isNotInstanceOf(Callable.class).isNotInstanceOf(Fuseable.class);
    }

    @Test
    void takingOneAndAHalfPagesFetchesExactlyTwo() {
        FakeJobs fake = threePages();

        StepVerifier.create(new JobPager(fake).jobs(FIRST).take(150))
                .expectNextCount(150)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.fetches()).isEqualTo(2);
        assertThat(fake.cursors()).containsExactly(null, "c2");
    }

    @Test
    void jobsFetchesTheNextPageOnlyWhenAJobBeyondTheCurrentPageIsRequested() {
        FakeJobs fake = threePages();

        StepVerifier.create(new JobPager(fake).jobs(FIRST), 0)
                .expectSubscription()
                .then(() -> assertThat(fake.fetches()).as("fetches before any request").isZero())
                .thenRequest(1)
                .expectNextMatches(j -> j.jobId().equals("p1-0"))
                .then(() -> assertThat(fake.fetches()).as("fetches after request(1)").isEqualTo(1))
                .thenRequest(99)
                .expectNextCount(99)
                .then(() -> assertThat(fake.fetches()).as("fetches after the whole first page").isEqualTo(1))
                .thenRequest(1)
                .expectNextMatches(j -> j.jobId().equals("p2-0"))
                .then(() -> assertThat(fake.fetches()).as("fetches after the first job of page 2").isEqualTo(2))
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(fake.fetches()).isEqualTo(2);
    }

    @Test
    void nothingIsFetchedBeforeARequest() {
        FakeJobs fake = threePages();
        JobPager pager = new JobPager(fake);

        StepVerifier.create(pager.pages(FIRST), 0)
                .expectSubscription()
                .then(() -> assertThat(fake.fetches()).as("pages: fetches before a request").isZero())
                .thenCancel()
                .verify(TIMEOUT);
        StepVerifier.create(pager.jobs(FIRST), 0)
                .expectSubscription()
                .then(() -> assertThat(fake.fetches()).as("jobs: fetches before a request").isZero())
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(fake.fetches()).isZero();
    }

    @Test
    void pagesAreFetchedOnlyOnDemandAndEndOnANullCursor() {
        FakeJobs fake = threePages();

        StepVerifier.create(new JobPager(fake).pages(FIRST), 0)
                .expectSubscription()
                .then(() -> assertThat(fake.fetches()).as("no fetch before a request").isZero())
                .thenRequest(1)
                .expectNextMatches(p -> p.jobs().get(0).jobId().equals("p1-0"))
                .then(() -> assertThat(fake.fetches()).isEqualTo(1))
                .thenRequest(1)
                .expectNextMatches(p -> p.jobs().get(0).jobId().equals("p2-0"))
                .then(() -> assertThat(fake.fetches()).isEqualTo(2))
                .thenRequest(1)
                .expectNextMatches(p -> p.jobs().get(0).jobId().equals("p3-0") && p.nextCursor() == null)
                .then(() -> assertThat(fake.fetches()).isEqualTo(3))
                // the last page had no cursor: completion without any further request or fetch
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.fetches()).isEqualTo(3);
    }

    @Test
    void theLastPageEndsTheListingEvenWithUnboundedDemand() {
        FakeJobs fake = threePages();

        StepVerifier.create(new JobPager(fake).jobs(FIRST))
                .expectNextCount(300)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.fetches()).isEqualTo(3);
    }

    @Test
    void eachRequestCarriesTheCursorOfThePreviousPageAndKeepsLimitAndExcludeConfigs() {
        FakeJobs fake = threePages();

        StepVerifier.create(new JobPager(fake).pages(FIRST)).expectNextCount(3).expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.requests).containsExactly(
                new ListJobsRequest(100, null, true),
                new ListJobsRequest(100, "c2", true),
                new ListJobsRequest(100, "c3", true));
    }

    @Test
    void aStartingCursorIsSentOnTheFirstRequest() {
        FakeJobs fake = new FakeJobs()
                .page("c2", page("p2", 3, "c3"))
                .page("c3", page("p3", 2, null));
        ListJobsRequest start = FIRST.withCursor("c2");

        StepVerifier.create(new JobPager(fake).jobs(start)).expectNextCount(5).expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.requests).containsExactly(
                new ListJobsRequest(100, "c2", true),
                new ListJobsRequest(100, "c3", true));
    }

    @Test
    void aRepeatedCursorFailsWithPaginationExceptionInsteadOfLooping() {
        // c2 -> c3 -> c2 again: the service sends us in a circle
        FakeJobs fake = new FakeJobs()
                .page(null, page("p1", 2, "c2"))
                .page("c2", page("p2", 2, "c3"))
                .page("c3", page("p3", 2, "c2"));

        StepVerifier.create(new JobPager(fake).jobs(FIRST))
                // the jobs of every page received are delivered, then the error
                .expectNextCount(6)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(PaginationException.class)
                        .hasMessageContaining("c2")
                        .hasMessageContaining("second time"))
                .verify(TIMEOUT);

        // bounded: the three pages, never c2 a second time
        assertThat(fake.cursors()).containsExactly(null, "c2", "c3");
    }

    @Test
    void aPageThatPointsToItselfFailsWithoutFetchingItAgain() {
        FakeJobs fake = new FakeJobs().page(null, page("p1", 1, "c2")).page("c2", page("p2", 1, "c2"));

        StepVerifier.create(new JobPager(fake).pages(FIRST))
                .expectNextMatches(p -> p.nextCursor().equals("c2") && p.jobs().get(0).jobId().equals("p1-0"))
                .expectNextMatches(p -> p.nextCursor().equals("c2") && p.jobs().get(0).jobId().equals("p2-0"))
                .expectError(PaginationException.class)
                .verify(TIMEOUT);

        assertThat(fake.cursors()).containsExactly(null, "c2");
    }

    @Test
    void theStartingCursorComingBackIsAnError() {
        FakeJobs fake = new FakeJobs()
                .page("c5", page("p5", 1, "c6"))
                .page("c6", page("p6", 1, "c5"));

        StepVerifier.create(new JobPager(fake).jobs(FIRST.withCursor("c5")))
                .expectNextMatches(j -> j.jobId().equals("p5-0"))
                .expectNextMatches(j -> j.jobId().equals("p6-0"))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(PaginationException.class)
                        .hasMessageContaining("c5"))
                .verify(TIMEOUT);

        assertThat(fake.cursors()).containsExactly("c5", "c6");
    }

    @Test
    void anEmptyPageWithACursorIsFollowed() {
        FakeJobs fake = new FakeJobs()
                .page(null, page("p1", 0, "c2"))
                .page("c2", page("p2", 0, "c3"))
                .page("c3", page("p3", 2, null));

        StepVerifier.create(new JobPager(fake).jobs(FIRST), 0)
                .thenRequest(1)
                .expectNextMatches(j -> j.jobId().equals("p3-0"))
                .thenRequest(1)
                .expectNextMatches(j -> j.jobId().equals("p3-1"))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.cursors()).containsExactly(null, "c2", "c3");
    }

    @Test
    void aPageWhoseJobsAreNullIsTreatedAsEmpty() {
        // the record keeps what the decoder gives; a null list must not break jobs()
        FakeJobs fake = new FakeJobs()
                .page(null, new JobsPage(null, "c2", Map.of()))
                .page("c2", page("p2", 1, null));

        StepVerifier.create(new JobPager(fake).jobs(FIRST))
                .expectNextMatches(j -> j.jobId().equals("p2-0"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void tooManyEmptyPagesInARowFailAfterExactlyThatManyFetches() {
        FakeJobs fake = new FakeJobs();
        int max = JobPager.MAX_EMPTY_PAGES_IN_A_ROW;
        fake.page(null, page("e", 0, "e1"));
        for (int i = 1; i <= max + 5; i++) {
            fake.page("e" + i, page("e", 0, "e" + (i + 1)));
        }

        StepVerifier.create(new JobPager(fake).jobs(FIRST))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(PaginationException.class)
                        .hasMessageContaining(max + " empty pages in a row"))
                .verify(TIMEOUT);

        assertThat(fake.fetches()).isEqualTo(max);
    }

    @Test
    void emptyPagesOnlyCountWhenInARow() {
        // max-1 empty pages, one job, max-1 empty pages again, then the end: never max in a row
        int max = JobPager.MAX_EMPTY_PAGES_IN_A_ROW;
        FakeJobs fake = new FakeJobs();
        List<JobsPage> walk = new ArrayList<>();
        for (int i = 0; i < max - 1; i++) {
            walk.add(page("a" + i, 0, null));
        }
        walk.add(page("full", 1, null));
        for (int i = 0; i < max - 1; i++) {
            walk.add(page("b" + i, 0, null));
        }
        walk.add(page("last", 1, null));
        for (int i = 0; i < walk.size(); i++) {
            String cursor = i == 0 ? null : "k" + i;
            String next = i == walk.size() - 1 ? null : "k" + (i + 1);
            fake.page(cursor, walk.get(i).toBuilder().nextCursor(next).build());
        }

        StepVerifier.create(new JobPager(fake).jobs(FIRST))
                .expectNextMatches(j -> j.jobId().equals("full-0"))
                .expectNextMatches(j -> j.jobId().equals("last-0"))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.fetches()).isEqualTo(2 * max);
    }

    @Test
    void cancellingAfterTheFirstJobStopsFetching() {
        FakeJobs fake = threePages();

        StepVerifier.create(new JobPager(fake).jobs(FIRST), 1)
                .expectNextCount(1)
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(fake.fetches()).isEqualTo(1);
    }

    @Test
    void cancellingWhileAPageIsInFlightCancelsItAndFetchesNothingMore() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        List<String> cancelled = new CopyOnWriteArrayList<>();
        FakeJobs fake = new FakeJobs()
                .page(null, page("p1", 1, "c2"))
                .page("c2", page("p2", 1, "c3"))
                .page("c3", page("p3", 1, null))
                .shaped(answer -> answer.delayElement(Duration.ofSeconds(1), vts)
                        .doOnCancel(() -> cancelled.add("cancelled")));

        StepVerifier.withVirtualTime(() -> new JobPager(fake).jobs(FIRST), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectNextMatches(j -> j.jobId().equals("p1-0"))
                // the second page is now in flight, answering at 2 s; cancel half-way
                .thenAwait(Duration.ofMillis(500))
                .thenCancel()
                .verify(TIMEOUT);
        vts.advanceTimeBy(Duration.ofMinutes(1));

        assertThat(fake.cursors()).containsExactly(null, "c2");
        assertThat(cancelled).hasSize(1);
    }

    @Test
    void takeOneCancelsAfterTheFirstJobEvenWhenPagesAreSlow() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        FakeJobs fake = threePages().shaped(answer -> answer.delayElement(Duration.ofSeconds(3), vts));

        StepVerifier.withVirtualTime(() -> new JobPager(fake).jobs(FIRST).take(1), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(2999))
                .thenAwait(Duration.ofMillis(1))
                .expectNextCount(1)
                .expectComplete()
                .verify(TIMEOUT);
        vts.advanceTimeBy(Duration.ofMinutes(1));

        assertThat(fake.fetches()).isEqualTo(1);
    }

    private static InternalServerException serviceUnavailable() {
        return (InternalServerException) ApiErrors.fromResponse(503,
                Map.of("content-type", List.of("application/json")),
                "{\"detail\":\"overloaded\"}".getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void aFirstPageErrorEndsTheListingWithThatError() {
        InternalServerException boom = serviceUnavailable();
        AtomicInteger calls = new AtomicInteger();
        Function<ListJobsRequest, Mono<JobsPage>> fetch = request -> Mono.defer(() -> {
            calls.incrementAndGet();
            return Mono.<JobsPage>error(boom);
        }).hide();

        StepVerifier.create(new JobPager(fetch).jobs(FIRST))
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(boom))
                .verify(TIMEOUT);

        assertThat(calls).hasValue(1);
    }

    @Test
    void aLaterPageErrorEndsTheListingWithThatErrorAfterTheEarlierJobs() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        InternalServerException boom = serviceUnavailable();
        AtomicInteger calls = new AtomicInteger();
        // like HTTP: each answer arrives a second after the request
        Function<ListJobsRequest, Mono<JobsPage>> fetch = request -> Mono.defer(() -> {
            int call = calls.incrementAndGet();
            return call == 1 ? Mono.just(page("p1", 2, "c2")) : Mono.<JobsPage>error(boom);
        }).hide().delaySubscription(Duration.ofSeconds(1), vts);

        StepVerifier.withVirtualTime(() -> new JobPager(fetch).jobs(FIRST), () -> vts, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(1))
                .expectNextMatches(j -> j.jobId().equals("p1-0"))
                .expectNextMatches(j -> j.jobId().equals("p1-1"))
                .thenAwait(Duration.ofSeconds(1))
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(boom))
                .verify(TIMEOUT);

        assertThat(calls).hasValue(2);
    }

    @Test
    void theJobsOfAPageAreNotLostWhenTheNextPageFails() {
        // a slow consumer takes one job at a time; page 2 must not be fetched (and fail) while page 1 is unread
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        InternalServerException boom = serviceUnavailable();
        AtomicInteger calls = new AtomicInteger();
        Function<ListJobsRequest, Mono<JobsPage>> fetch = request -> Mono.defer(() -> {
            int call = calls.incrementAndGet();
            return call == 1 ? Mono.just(page("p1", 3, "c2")) : Mono.<JobsPage>error(boom);
        }).hide().delaySubscription(Duration.ofSeconds(1), vts);

        StepVerifier.withVirtualTime(() -> new JobPager(fetch).jobs(FIRST), () -> vts, 0)
                .thenRequest(1)
                .thenAwait(Duration.ofSeconds(1))
                .expectNextMatches(j -> j.jobId().equals("p1-0"))
                .thenAwait(Duration.ofSeconds(10))
                .thenRequest(1)
                .expectNextMatches(j -> j.jobId().equals("p1-1"))
                .thenRequest(1)
                .expectNextMatches(j -> j.jobId().equals("p1-2"))
                .then(() -> assertThat(calls).as("page 2 not fetched before a 4th job is wanted").hasValue(1))
                .thenRequest(1)
                .thenAwait(Duration.ofSeconds(1))
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(boom))
                .verify(TIMEOUT);
    }

    @Test
    void anAnswerWithoutAPageIsAnErrorNotTheEnd() {
        AtomicInteger calls = new AtomicInteger();
        Function<ListJobsRequest, Mono<JobsPage>> fetch = request -> Mono.defer(() -> {
            calls.incrementAndGet();
            return Mono.<JobsPage>empty();
        }).hide();

        StepVerifier.create(new JobPager(fetch).jobs(FIRST))
                .expectError(PaginationException.class)
                .verify(TIMEOUT);

        assertThat(calls).hasValue(1);
    }

    @Test
    void eachSubscriptionWalksFromTheStartAgain() {
        FakeJobs fake = threePages();
        Flux<JobSummary> jobs = new JobPager(fake).jobs(FIRST);

        assertThat(fake.fetches()).as("assembling fetches nothing").isZero();
        StepVerifier.create(jobs).expectNextCount(300).expectComplete()
                .verify(TIMEOUT);
        // a shared walk would find c2 already followed and fail, or start past the end
        StepVerifier.create(jobs)
                .expectNextMatches(j -> j.jobId().equals("p1-0"))
                .expectNextCount(299)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.cursors()).containsExactly(null, "c2", "c3", null, "c2", "c3");
    }

    @Test
    void concurrentSubscriptionsDoNotShareState() {
        FakeJobs fake = threePages();
        Flux<JobsPage> pages = new JobPager(fake).pages(FIRST);

        StepVerifier.create(Flux.merge(pages, pages).map(p -> p.jobs().get(0).jobId()).collectList())
                .assertNext(ids -> assertThat(ids).containsExactlyInAnyOrder(
                        "p1-0", "p1-0", "p2-0", "p2-0", "p3-0", "p3-0"))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(fake.fetches()).isEqualTo(6);
    }
}
