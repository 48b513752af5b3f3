package io.reductor.reactor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reductor.core.error.ReductoApiException;
import io.reductor.core.error.ReductoConnectionException;
import io.reductor.core.error.JobCreationUncertainException;
import io.reductor.core.error.JobFailedException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.ParseUsage;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code submitAll}/{@code awaitAll} of the whole client (transport, retries, adaptive limit, uploader, job watcher,
 * bulk runner) against {@link FakeReducto}: exactly one outcome per document under injected faults, no document
 * submitted twice, bounded documents in flight, backpressure from a slow subscriber to the source, uploads of local
 * documents, the client-wide adaptive limit under a burst of 429s, resuming from stored job ids, and isolation of one
 * bad document.
 *
 * <p>The small runs with uploads or a bad document run in real time with 1-2 ms polling intervals and 1-4 ms
 * backoffs, on the client's own threads, so the bulk machinery meets real concurrency; nothing asserts on timing. The
 * others, the 1,000-document run under faults among them, run in virtual time ({@code StepVerifier.withVirtualTime}
 * replaces {@code Schedulers.parallel()}, the client's and the fake's scheduler), on one thread, so their figures are
 * exact and their duration does not depend on the machine's load.
 */
class BulkSubmissionTest {

    private static final int CONCURRENCY = 64;
    private static final AwaitOptions FAST_POLLING = AwaitOptions.defaults().withoutLongPoll()
            .withIntervals(Duration.ofMillis(1), Duration.ofMillis(2), 1.5);
    private static final BulkOptions OPTIONS = BulkOptions.defaults().withConcurrency(CONCURRENCY)
            .withAwaitOptions(FAST_POLLING);
    private static final RetryPolicy FAST_RETRIES = RetryPolicy.defaults().withMaxRetries(5)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(4));
    /** A bound for real-time runs that should take a few seconds; virtual-time runs cost no wall time. */
    private static final Duration REAL_TIME_LIMIT = Duration.ofSeconds(30);
    private static final Duration PLENTY = Duration.ofHours(1);

    static ReductoClient client(FakeReducto fake) {
        return client(fake, 64);
    }

    static ReductoClient client(FakeReducto fake, int maxConnections) {
        return ReductoClient.builder()
                .apiKey("test-key")
                .baseUrl("https://api.reducto.test")
                .retryPolicy(FAST_RETRIES)
                .maxConnections(maxConnections)
                .exchange(fake)
                .build();
    }

    static String url(int i) {
        return "https://docs.example/" + i + ".pdf";
    }

    static BulkDocument<Integer> remote(int i) {
        return BulkDocument.remote(i, DocumentInput.url(url(i)));
    }

    static ParseRequest parse(DocumentInput input) {
        return ParseRequest.builder().input(input).build();
    }

    // --- 1,000 documents under faults --------------------------------------------------------------------------------

    @Test
    void aThousandDocumentsUnderFaultsGiveExactlyOneOutcomeEachAndNoDuplicateJobs() {
        int documents = 1_000;
        AtomicLong settled = new AtomicLong();
        // rates that make every kind of fault happen some 20 times or more among 1,000 documents
        FakeReducto fake = new FakeReducto(20260301L)
                .faults(0.02, 0.04, 0.04, 0.02)
                .failedJobs(0.03)
                .polls(1, 1)
                .trackDocumentsAgainst(settled::get);
        ReductoClient client = client(fake);
        List<BulkEvent<Integer, ParseResponse>> events = new ArrayList<>();

        // In virtual time: the 429s teach the client's pacer the rate the service accepted over the last second, and
        // in real time that rate is whatever a loaded machine managed to send, so pacing, and the run, slowed down
        // with the machine's load (past any fixed real-time limit). Virtual time measures the service, not the
        // machine, and costs only the CPU the run needs.
        StepVerifier.withVirtualTime(() -> client.parse()
                        .submitAll(Flux.range(0, documents).map(BulkSubmissionTest::remote),
                                BulkSubmissionTest::parse, OPTIONS)
                        .doOnNext(event -> {
                            events.add(event); // onNext is serialised: a plain list is enough
                            if (event.isOutcome()) {
                                settled.incrementAndGet();
                            }
                        })
                        .then())
                .thenAwait(Duration.ofDays(1))
                .expectComplete()
                .verify(Duration.ofMinutes(5)); // a guard against a hang, however loaded the machine

        // exactly one outcome per key, after its Submitted, none missing, none twice
        Map<Integer, List<BulkEvent<Integer, ParseResponse>>> byKey = events.stream()
                .collect(Collectors.groupingBy(BulkEvent::key, LinkedHashMap::new, Collectors.toList()));
        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, documents).boxed().toList());
        Map<Class<?>, Integer> outcomes = new HashMap<>();
        Map<Class<?>, Integer> rejections = new HashMap<>();
        int submitted = 0;
        int jobFailures = 0;
        for (Map.Entry<Integer, List<BulkEvent<Integer, ParseResponse>>> entry : byKey.entrySet()) {
            int key = entry.getKey();
            List<BulkEvent<Integer, ParseResponse>> own = entry.getValue();
            assertThat(own.stream().filter(BulkEvent::isOutcome)).as("outcomes of %s", key).hasSize(1);
            BulkEvent<Integer, ParseResponse> outcome = own.get(own.size() - 1);
            assertThat(outcome.isOutcome()).as("the outcome of %s is its last event", key).isTrue();
            outcomes.merge(outcome.getClass(), 1, Integer::sum);
            if (outcome instanceof BulkEvent.Rejected<Integer, ParseResponse> rejected) {
                assertThat(own).as("a rejected document has no job").hasSize(1);
                assertThat(rejected.error()).isInstanceOf(ReductoException.class)
                        .isInstanceOfAny(JobCreationUncertainException.class, ReductoApiException.class,
                                ReductoConnectionException.class);
                rejections.merge(rejected.error().getClass(), 1, Integer::sum);
                continue;
            }
            assertThat(own).as("events of %s", key).hasSize(2);
            assertThat(own.get(0)).isInstanceOf(BulkEvent.Submitted.class);
            submitted++;
            String jobId = ((BulkEvent.Submitted<Integer, ParseResponse>) own.get(0)).jobId();
            FakeReducto.Job job = fake.job(jobId);
            assertThat(job).as("the job of %s exists", key).isNotNull();
            assertThat(job.input()).isEqualTo(url(key));
            if (outcome instanceof BulkEvent.Completed<Integer, ParseResponse> completed) {
                assertThat(completed.jobId()).isEqualTo(jobId);
                assertThat(job.fails()).as("job of %s completed although it failed", key).isFalse();
                assertThat(completed.result().jobId()).isEqualTo(jobId);
                assertThat(completed.result().result()).isInstanceOf(FullResult.class);
            } else {
                BulkEvent.Failed<Integer, ParseResponse> failed = (BulkEvent.Failed<Integer, ParseResponse>) outcome;
                assertThat(failed.jobId()).isEqualTo(jobId);
                assertThat(failed.error()).isInstanceOf(ReductoException.class);
                if (failed.error() instanceof JobFailedException jobFailed) {
                    jobFailures++;
                    assertThat(job.fails()).isTrue();
                    assertThat(jobFailed.jobId()).isEqualTo(jobId);
                    assertThat(jobFailed.status()).isEqualTo("Failed");
                    assertThat(jobFailed.reason()).contains(job.failure());
                } else {
                    assertThat(failed.error()).as("a wait that failed, after its retries").isInstanceOf(ReductoException.class)
                            .satisfies(error -> assertThat(((ReductoException) error).attempts()).isGreaterThan(1));
                }
            }
        }

        // no document was submitted twice, although submissions met 503, 429 and resets
        Map<String, Integer> perInput = fake.jobsPerInput();
        assertThat(perInput.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
        assertThat(fake.attempts(FakeReducto.PARSE)).isGreaterThan(fake.jobsCreated());
        // a reset after the service created the job is reported as uncertain, never resent
        int uncertain = rejections.getOrDefault(JobCreationUncertainException.class, 0);
        assertThat(uncertain).isEqualTo(fake.faults(FakeReducto.PARSE, "reset-after-send")).isPositive();
        assertThat(fake.jobsCreated()).isEqualTo(submitted + uncertain);
        // every job of a submitted document that the service failed is reported as failed, with its reason
        int failedJobsOfSubmitted = (int) byKey.values().stream()
                .filter(own -> own.get(0) instanceof BulkEvent.Submitted<Integer, ParseResponse>)
                .map(own -> fake.job(((BulkEvent.Submitted<Integer, ParseResponse>) own.get(0)).jobId()))
                .filter(FakeReducto.Job::fails)
                .count();
        assertThat(jobFailures).isEqualTo(failedJobsOfSubmitted).isPositive();

        int completed = outcomes.getOrDefault(BulkEvent.Completed.class, 0);
        int failed = outcomes.getOrDefault(BulkEvent.Failed.class, 0);
        int rejected = outcomes.getOrDefault(BulkEvent.Rejected.class, 0);
        assertThat(completed + failed + rejected).isEqualTo(documents);
        assertThat(completed + failed).isEqualTo(submitted);
        assertThat(completed).isPositive();
        // the faults did happen, on submissions and on polls
        for (String fault : List.of("reset-before-send", "503", "429", "reset-after-send")) {
            assertThat(fake.faults(FakeReducto.PARSE, fault)).as("%s on submissions", fault).isPositive();
            assertThat(fake.faults(FakeReducto.GET_JOB, fault)).as("%s on polls", fault).isPositive();
        }
        // documents reaching the service without an outcome yet never exceed the concurrency
        assertThat(fake.maxDocumentsInFlight()).isLessThanOrEqualTo(CONCURRENCY).isGreaterThan(1);
    }

    // --- backpressure ------------------------------------------------------------------------------------------------

    @Test
    void aLazySourceOfAThousandIsReadOnlyAsCapacityFrees() {
        int documents = 1_000;
        AtomicLong created = new AtomicLong();
        AtomicLong outcomes = new AtomicLong();
        AtomicLong maxLive = new AtomicLong();
        AtomicLong requested = new AtomicLong();
        AtomicLong maxRequestedAhead = new AtomicLong();
        List<Long> requests = new ArrayList<>();
        // in virtual time (one thread, deterministic): each submission is answered after 1 ms, each job completes at
        // its first poll
        FakeReducto fake = new FakeReducto(1L).polls(0, 0).holdSubmissions(Duration.ofMillis(1));
        ReductoClient client = client(fake);

        Flux<BulkDocument<Integer>> source = Flux.<BulkDocument<Integer>, Integer>generate(() -> 0, (i, sink) -> {
                    maxLive.accumulateAndGet(created.incrementAndGet() - outcomes.get(), Math::max);
                    sink.next(remote(i));
                    if (i + 1 == documents) {
                        sink.complete();
                    }
                    return i + 1;
                })
                .doOnRequest(n -> {
                    requests.add(n);
                    long total = requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                    maxRequestedAhead.accumulateAndGet(total - outcomes.get(), Math::max);
                });

        StepVerifier.withVirtualTime(() -> client.parse().submitAll(source, BulkSubmissionTest::parse, OPTIONS)
                        .doOnNext(event -> {
                            if (event.isOutcome()) {
                                outcomes.incrementAndGet();
                            }
                        })
                        .then())
                .thenAwait(PLENTY)
                .verifyComplete();

        assertThat(outcomes.get()).isEqualTo(documents);
        assertThat(created.get()).isEqualTo(documents);
        assertThat(fake.jobsCreated()).isEqualTo(documents);
        // (a) live documents (created by the source, outcome not yet received): never more than the concurrency,
        // which is used in full
        assertThat(maxLive.get()).isEqualTo(CONCURRENCY);
        // (b) the source is asked for `concurrency` first, then only as outcomes free capacity
        assertThat(requests.get(0)).isEqualTo(CONCURRENCY);
        assertThat(requests.stream().skip(1).distinct().toList()).as("sizes of the requests after the first")
                .containsExactly(1L);
        assertThat(maxRequestedAhead.get()).isLessThanOrEqualTo(CONCURRENCY);
        assertThat(requested.get()).isLessThanOrEqualTo((long) documents + CONCURRENCY);
    }

    @Test
    void aSlowSubscriberStopsNewSubmissions() {
        int concurrency = 16;
        FakeReducto fake = new FakeReducto(2L).polls(1, 1);
        ReductoClient client = client(fake);
        AtomicLong outcomes = new AtomicLong();
        AtomicLong emitted = new AtomicLong();
        BulkOptions options = BulkOptions.defaults().withConcurrency(concurrency)
                .withAwaitOptions(AwaitOptions.defaults().withoutLongPoll()
                        .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5));

        StepVerifier.withVirtualTime(() -> client.parse()
                        .submitAll(Flux.range(0, 1_000).map(BulkSubmissionTest::remote), BulkSubmissionTest::parse,
                                options)
                        .doOnNext(event -> {
                            emitted.incrementAndGet();
                            if (event.isOutcome()) {
                                outcomes.incrementAndGet();
                            }
                        }), 0)
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(10))
                .then(() -> {
                    // no demand at all: the first `concurrency` documents were submitted and finished, nothing more
                    assertThat(emitted.get()).isZero();
                    assertThat(fake.jobsCreated()).isEqualTo(concurrency);
                })
                .thenRequest(10)
                .thenAwait(Duration.ofMinutes(10))
                .expectNextCount(10)
                .then(() -> assertThat(fake.jobsCreated()).isEqualTo(outcomes.get() + concurrency))
                .thenAwait(Duration.ofMinutes(10))
                .then(() -> assertThat(fake.jobsCreated()).isEqualTo(outcomes.get() + concurrency))
                .thenRequest(100)
                .thenAwait(Duration.ofMinutes(10))
                .expectNextCount(100)
                .then(() -> {
                    assertThat(emitted.get()).isEqualTo(110);
                    assertThat(outcomes.get()).isBetween(40L, 110L);
                    assertThat(fake.jobsCreated()).isEqualTo(outcomes.get() + concurrency);
                })
                .thenAwait(Duration.ofHours(1))
                .then(() -> assertThat(fake.jobsCreated()).isEqualTo(outcomes.get() + concurrency))
                .thenCancel()
                .verify();
    }

    @Test
    void atMostConcurrencyDocumentsAreInFlight() {
        int concurrency = 8;
        AtomicLong settled = new AtomicLong();
        FakeReducto fake = new FakeReducto(3L).polls(3, 3).trackDocumentsAgainst(settled::get);
        ReductoClient client = client(fake);
        BulkOptions options = BulkOptions.defaults().withConcurrency(concurrency)
                .withAwaitOptions(AwaitOptions.defaults().withoutLongPoll()
                        .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(4), 2));

        StepVerifier.withVirtualTime(() -> client.parse()
                        .submitAll(Flux.range(0, 100).map(BulkSubmissionTest::remote), BulkSubmissionTest::parse,
                                options)
                        .filter(BulkEvent::isOutcome)
                        .doOnNext(outcome -> settled.incrementAndGet()))
                .thenAwait(PLENTY)
                .expectNextCount(100)
                .verifyComplete();

        assertThat(fake.jobsCreated()).isEqualTo(100);
        assertThat(fake.maxDocumentsInFlight()).isEqualTo(concurrency);
    }

    // --- local documents ---------------------------------------------------------------------------------------------

    @Test
    void localDocumentsAreUploadedFirstAndSubmittedByTheirFileId() {
        FakeReducto fake = new FakeReducto(4L).polls(1, 1);
        ReductoClient client = client(fake);
        Flux<BulkDocument<Integer>> documents = Flux.range(0, 60).map(i -> i % 2 == 0
                ? BulkDocument.local(i, UploadSource.of(("%PDF- document " + i).getBytes(StandardCharsets.UTF_8),
                        "doc-" + i + ".pdf"))
                : remote(i));
        List<BulkEvent<Integer, ParseResponse>> events = new ArrayList<>();

        StepVerifier.create(client.parse().submitAll(documents, BulkSubmissionTest::parse, OPTIONS)
                        .doOnNext(events::add))
                .thenConsumeWhile(event -> true)
                .expectComplete()
                .verify(REAL_TIME_LIMIT);

        assertThat(fake.requests(FakeReducto.UPLOAD)).isEqualTo(30);
        Map<String, String> uploads = fake.uploads();
        assertThat(uploads).hasSize(30);
        Set<String> usedFileIds = new HashSet<>();
        List<BulkEvent<Integer, ParseResponse>> submissions = events.stream()
                .filter(event -> event instanceof BulkEvent.Submitted).toList();
        assertThat(submissions).hasSize(60);
        for (BulkEvent<Integer, ParseResponse> event : submissions) {
            int key = event.key();
            String input = fake.job(((BulkEvent.Submitted<Integer, ParseResponse>) event).jobId()).input();
            if (key % 2 == 0) {
                assertThat(input).startsWith("reducto://");
                assertThat(uploads).containsEntry(input, "doc-" + key + ".pdf");
                usedFileIds.add(input);
            } else {
                assertThat(input).isEqualTo(url(key));
            }
        }
        assertThat(usedFileIds).isEqualTo(uploads.keySet());
        assertThat(events.stream().filter(BulkEvent::isOutcome))
                .hasSize(60)
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(BulkEvent.Completed.class));
    }

    // --- client-wide rate limit --------------------------------------------------------------------------------------

    @Test
    void aBurstOf429sShrinksTheConcurrencyOfSubmissionsWhichThenRecovers() {
        int pool = 16;
        int burstFrom = 41;
        int burstTo = 56;
        FakeReducto fake = new FakeReducto(5L)
                .polls(0, 0)
                .holdSubmissions(Duration.ofMillis(10))
                .rateLimitSubmissions(number -> number >= burstFrom && number <= burstTo);
        ReductoClient client = client(fake, pool);
        int documents = 400;

        StepVerifier.withVirtualTime(() -> client.parse()
                        .submitAll(Flux.range(0, documents).map(BulkSubmissionTest::remote),
                                BulkSubmissionTest::parse, OPTIONS)
                        .filter(BulkEvent::isOutcome))
                .thenAwait(PLENTY)
                .thenConsumeWhile(outcome -> {
                    assertThat(outcome).isInstanceOf(BulkEvent.Completed.class);
                    return true;
                })
                .verifyComplete();

        assertThat(fake.jobsCreated()).isEqualTo(documents);
        assertThat(fake.faults(FakeReducto.PARSE, "429")).isEqualTo(burstTo - burstFrom + 1);
        List<FakeReducto.Arrival> arrivals = new ArrayList<>(fake.arrivals());
        arrivals.sort(Comparator.comparingInt(FakeReducto.Arrival::number));
        assertThat(arrivals).hasSize(documents + (burstTo - burstFrom + 1));
        Function<List<FakeReducto.Arrival>, Integer> max = list -> list.stream()
                .mapToInt(FakeReducto.Arrival::inFlight).max().orElse(0);
        int before = max.apply(arrivals.subList(0, burstFrom - 1));
        int justAfter = max.apply(arrivals.subList(burstTo, burstTo + 40));
        int atTheEnd = max.apply(arrivals.subList(arrivals.size() - 100, arrivals.size()));
        // the pool bounds job-creating calls before the burst, although 64 documents are in flight
        assertThat(before).isEqualTo(pool);
        // halved per 429 down to one: the first submission after the burst is alone, and far fewer follow
        assertThat(arrivals.get(burstTo).inFlight()).isEqualTo(1);
        assertThat(justAfter).isLessThanOrEqualTo(pool / 2);
        // and recovering additively later
        assertThat(atTheEnd).isEqualTo(pool);
    }

    // --- resuming ----------------------------------------------------------------------------------------------------

    @Test
    void awaitAllResumesStoredJobsWithoutSubmittingAgain() {
        FakeReducto fake = new FakeReducto(6L).polls(2, 2).failing(input -> input.endsWith("/3.pdf"));
        BulkOptions options = BulkOptions.defaults().withConcurrency(10).withAwaitOptions(
                AwaitOptions.defaults().withoutLongPoll().withIntervals(Duration.ofSeconds(1),
                        Duration.ofSeconds(5), 1.5));
        List<PendingJob<Integer>> stored = new ArrayList<>();

        // a first run that "crashes" once ten jobs exist: only their ids were persisted
        StepVerifier.withVirtualTime(() -> client(fake).parse()
                        .submitAll(Flux.range(0, 30).map(BulkSubmissionTest::remote), BulkSubmissionTest::parse,
                                options)
                        .ofType(BulkEvent.Submitted.class)
                        .take(10))
                .thenAwait(Duration.ofSeconds(1))
                .thenConsumeWhile(event -> stored.add(new PendingJob<>((Integer) event.key(), event.jobId())))
                .verifyComplete();
        assertThat(stored).hasSize(10);
        int jobsBefore = fake.jobsCreated();
        int submissionsBefore = fake.attempts(FakeReducto.PARSE);
        int pollsBefore = fake.requests(FakeReducto.GET_JOB);
        assertThat(jobsBefore).isEqualTo(10);

        // after the restart, another client awaits them
        List<BulkEvent<Integer, ParseResponse>> outcomes = new ArrayList<>();
        StepVerifier.withVirtualTime(() -> client(fake).parse().awaitAll(Flux.fromIterable(stored), options))
                .thenAwait(PLENTY)
                .thenConsumeWhile(outcomes::add)
                .verifyComplete();

        assertThat(outcomes).hasSize(10).allSatisfy(outcome -> assertThat(outcome.isOutcome()).isTrue());
        assertThat(outcomes.stream().map(BulkEvent::key)).containsExactlyInAnyOrderElementsOf(
                stored.stream().map(PendingJob::key).toList());
        for (BulkEvent<Integer, ParseResponse> outcome : outcomes) {
            String jobId = stored.stream().filter(job -> job.key().equals(outcome.key())).findFirst()
                    .orElseThrow().jobId();
            if (outcome.key() == 3) {
                assertThat(outcome).isInstanceOfSatisfying(BulkEvent.Failed.class, failed -> {
                    assertThat(failed.jobId()).isEqualTo(jobId);
                    assertThat(failed.error()).isInstanceOfSatisfying(JobFailedException.class, error ->
                            assertThat(error.reason()).contains("Configured to fail: " + url(3)));
                });
            } else {
                assertThat(outcome).isInstanceOfSatisfying(BulkEvent.Completed.class, completed -> {
                    assertThat(completed.jobId()).isEqualTo(jobId);
                    assertThat(((ParseResponse) completed.result()).jobId()).isEqualTo(jobId);
                });
            }
        }
        assertThat(fake.jobsCreated()).isEqualTo(jobsBefore);
        assertThat(fake.attempts(FakeReducto.PARSE)).isEqualTo(submissionsBefore);
        assertThat(fake.requests(FakeReducto.GET_JOB)).isGreaterThan(pollsBefore);
    }

    // --- one bad document --------------------------------------------------------------------------------------------

    @Test
    void oneBadDocumentIsRejectedAloneAndTheStreamGoesOn() {
        FakeReducto fake = new FakeReducto(7L).polls(1, 1);
        ReductoClient client = client(fake);
        IllegalArgumentException bad = new IllegalArgumentException("no request for document 13");
        Function<DocumentInput, ParseRequest> requestFor = input -> {
            if (input.equals(DocumentInput.url(url(13)))) {
                throw bad;
            }
            return parse(input);
        };
        // declares 10 bytes but delivers 3
        BulkDocument<Integer> shortUpload = BulkDocument.local(100, UploadSource.of(
                Flux.just(ByteBuffer.wrap(new byte[] {1, 2, 3})), 10, "short.pdf"));
        Flux<BulkDocument<Integer>> documents = Flux.concat(Flux.range(0, 10).map(BulkSubmissionTest::remote),
                Flux.just(shortUpload), Flux.range(10, 10).map(BulkSubmissionTest::remote));
        Map<Integer, BulkEvent<Integer, ParseResponse>> outcomes = new LinkedHashMap<>();

        StepVerifier.create(client.parse().submitAll(documents, requestFor, OPTIONS.withConcurrency(4))
                        .filter(BulkEvent::isOutcome))
                .thenConsumeWhile(outcome -> outcomes.put(outcome.key(), outcome) == null)
                .expectComplete()
                .verify(REAL_TIME_LIMIT);

        assertThat(outcomes).hasSize(21);
        assertThat(outcomes.get(13)).isInstanceOfSatisfying(BulkEvent.Rejected.class,
                rejected -> assertThat(rejected.error()).isSameAs(bad));
        assertThat(outcomes.get(100)).isInstanceOfSatisfying(BulkEvent.Rejected.class,
                rejected -> assertThat(rejected.error()).isInstanceOf(UploadSource.LengthMismatchException.class));
        assertThat(outcomes.entrySet().stream().filter(entry -> entry.getKey() != 13 && entry.getKey() != 100))
                .hasSize(19)
                .allSatisfy(entry -> assertThat(entry.getValue()).isInstanceOf(BulkEvent.Completed.class));
        assertThat(fake.jobsPerInput()).doesNotContainKey(url(13)).hasSize(19);
        assertThat(fake.uploads()).isEmpty();
    }

    // --- found along the way -----------------------------------------------------------------------------------------

    /**
     * The client decodes every response on its non-blocking threads with the shared {@link JsonCodec}. Jackson
     * (2.17.1 and later) builds a type's deserializer the first time it is needed under a {@code ReentrantLock}
     * ({@code DeserializerCache._createAndCacheValueDeserializer}); two {@code parallel} threads decoding a type not
     * decoded before contend for it, and the loser parks: BlockHound reports {@code Unsafe#park}. In a bulk run the
     * first polls decode {@code JobResponse} on several threads at once, and the documents whose poll lost the race
     * ended as {@code Failed} with a {@code BlockingOperationError}. The client therefore prepares the codec once, off
     * the event loop, and union decoders resolve their variants' deserializers when they are themselves resolved, so
     * preparing the root type is enough. The shared codec is warm once any test decoded these types, so this test
     * makes a cold codec the way {@code JsonCodec.standard()} does (by reflection) and prepares it as the client does.
     */
    @Test
    void firstDecodesOnParallelThreadsDoNotBlock() throws Exception {
        Constructor<JsonCodec> constructor = JsonCodec.class.getDeclaredConstructor(ObjectMapper.class);
        constructor.setAccessible(true);
        Method newMapper = JsonCodec.class.getDeclaredMethod("newMapper", boolean.class);
        newMapper.setAccessible(true);
        byte[] json = JsonCodec.standard().encode(JobResponse.builder().status(JobStatus.COMPLETED)
                .result(new JobResult.Parse(ParseResponse.builder().jobId("job").duration(1.0)
                        .usage(ParseUsage.builder().numPages(1).build())
                        .result(FullResult.builder().chunks(List.of()).build()).build()))
                .build());
        int threads = Math.max(2, Schedulers.DEFAULT_POOL_SIZE);
        for (int round = 0; round < 20; round++) {
            JsonCodec cold = constructor.newInstance(newMapper.invoke(null, true));
            cold.prepare(JobResponse.class); // what ReductoClient.build() does; the union variants come with it
            AtomicInteger ready = new AtomicInteger();
            StepVerifier.create(Flux.range(0, threads).parallel(threads).runOn(Schedulers.parallel())
                            .map(i -> {
                                ready.incrementAndGet();
                                while (ready.get() < threads) {
                                    // start together; a busy loop, as BlockHound counts even onSpinWait as blocking
                                }
                                return cold.decode(json, JobResponse.class);
                            })
                            .sequential())
                    .expectNextCount(threads)
                    .expectComplete()
                    .verify(REAL_TIME_LIMIT);
        }
    }
}
