package io.reductor.reactor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.ListJobsRequest;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.AwaitOptions;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkLedger;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.PendingJob;
import io.reductor.reactor.UploadSource;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs documents through upload, submission and awaiting with bounded concurrency. At most {@code concurrency}
 * documents are in flight; the source is asked for another document only when one has finished and its outcome was
 * taken by the subscriber, so a slow subscriber stops new submissions and a lazy source is never read ahead. Each
 * document yields exactly one outcome; no failure of one document ends the stream.
 *
 * <p>With a {@link BulkLedger} in the options, a run first settles the documents an earlier run left in doubt (their
 * request was sent, their job's id not recorded) by finding their jobs in the service's job list; then each document
 * the ledger knows a job for is awaited rather than submitted, and each other one is recorded before its request is
 * sent and again, with its job's id, before its job is awaited.
 */
public final class BulkRunner {

    private static final Logger LOG = LoggerFactory.getLogger("io.reductor.bulk");

    /**
     * How much earlier than the first document in doubt was recorded the job list is searched: the service's clock
     * and this process's may disagree.
     */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(10);

    private final Function<UploadSource, Mono<Upload>> upload;
    private final BiFunction<String, AwaitOptions, Mono<JobResult>> awaitResult;
    private final Function<ListJobsRequest, Flux<JobSummary>> listJobs;
    private final JsonCodec codec;
    private final Clock clock;
    private final int defaultConcurrency;
    private final Telemetry telemetry;

    /**
     * Creates a runner.
     *
     * @param upload             uploads a local document
     * @param awaitResult        awaits a job's result, failing with {@code JobFailedException} when it fails
     * @param listJobs           the service's jobs, newest first, page after page from the given first page
     * @param codec              writes documents' inputs for the ledger and reads jobs' {@code raw_config}
     * @param clock              when ledger entries are recorded
     * @param defaultConcurrency the concurrency when the options leave it to the client (its pool size)
     * @param telemetry          where documents in flight and outcomes are counted, or {@code null} for nowhere
     */
    public BulkRunner(Function<UploadSource, Mono<Upload>> upload,
            BiFunction<String, AwaitOptions, Mono<JobResult>> awaitResult,
            Function<ListJobsRequest, Flux<JobSummary>> listJobs, JsonCodec codec, Clock clock,
            int defaultConcurrency, Telemetry telemetry) {
        this.upload = Objects.requireNonNull(upload, "upload");
        this.awaitResult = Objects.requireNonNull(awaitResult, "awaitResult");
        this.listJobs = Objects.requireNonNull(listJobs, "listJobs");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultConcurrency = defaultConcurrency;
        this.telemetry = telemetry;
    }

    /**
     * Submits every document and awaits its job.
     *
     * @param documents  the documents, read on demand
     * @param requestFor the request for one document, given where the service finds it
     * @param submit     submits a request as an asynchronous job
     * @param resultOf   the typed result of a completed job
     * @param options    concurrency, await options and the ledger
     */
    public <K, Q, R> Flux<BulkEvent<K, R>> submitAll(Publisher<BulkDocument<K>> documents,
            Function<DocumentInput, Q> requestFor, Function<Q, Mono<SubmittedJob>> submit,
            Function<JobResult, R> resultOf, BulkOptions options) {
        Objects.requireNonNull(documents, "documents");
        Objects.requireNonNull(requestFor, "requestFor");
        Objects.requireNonNull(options, "options");
        Function<DocumentInput, Mono<SubmittedJob>> submitInput = input -> submit.apply(requestFor.apply(input));
        BulkLedger ledger = options.ledger();
        if (ledger == null) {
            return Flux.from(documents).flatMap(document -> counted(process(document, submitInput, resultOf,
                    options.awaitOptions(), null)), concurrency(options), 1);
        }
        return settleDoubts(ledger).thenMany(Flux.defer(() -> {
            Set<String> keysOfThisRun = ConcurrentHashMap.newKeySet();
            return Flux.from(documents).flatMap(document -> counted(recorded(document, keysOfThisRun, ledger,
                    submitInput, resultOf, options.awaitOptions())), concurrency(options), 1);
        }));
    }

    /** Awaits jobs submitted earlier, such as ones persisted from {@link BulkEvent.Submitted} before a restart. */
    public <K, R> Flux<BulkEvent<K, R>> awaitAll(Publisher<PendingJob<K>> jobs, Function<JobResult, R> resultOf,
            BulkOptions options) {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(options, "options");
        return Flux.from(jobs).flatMap(job -> counted(submittedThenAwaited(job.key(), job.jobId(), resultOf,
                options.awaitOptions()).filter(BulkEvent::isOutcome)), concurrency(options), 1);
    }

    /** One document's events, counted when there is telemetry. */
    private <K, R> Publisher<BulkEvent<K, R>> counted(Publisher<BulkEvent<K, R>> events) {
        return telemetry == null ? events : telemetry.bulkDocument(Flux.from(events));
    }

    private int concurrency(BulkOptions options) {
        return options.concurrency() == 0 ? defaultConcurrency : options.concurrency();
    }

    /** A document of a run with a ledger: its recorded job awaited, or it is submitted and recorded. */
    private <K, R> Flux<BulkEvent<K, R>> recorded(BulkDocument<K> document, Set<String> keysOfThisRun,
            BulkLedger ledger, Function<DocumentInput, Mono<SubmittedJob>> submit, Function<JobResult, R> resultOf,
            AwaitOptions awaitOptions) {
        K key = document.key();
        String ledgerKey = String.valueOf(key);
        if (!keysOfThisRun.add(ledgerKey)) {
            return Flux.just(new BulkEvent.Rejected<>(key, new IllegalArgumentException("Two documents of this run "
                    + "have the key \"" + ledgerKey + "\"; with a ledger every document needs a key of its own, the "
                    + "same in every run")));
        }
        return ledger.find(ledgerKey)
                .filter(entry -> !entry.inDoubt())
                .map(entry -> submittedThenAwaited(key, entry.jobId(), resultOf, awaitOptions))
                .defaultIfEmpty(Flux.defer(() -> process(document, submit, resultOf, awaitOptions,
                        new Recording(ledger, ledgerKey))))
                .flatMapMany(events -> events)
                .onErrorResume(error -> Mono.just(new BulkEvent.Rejected<>(key, error)));
    }

    private <K, R> Flux<BulkEvent<K, R>> process(BulkDocument<K> document,
            Function<DocumentInput, Mono<SubmittedJob>> submit, Function<JobResult, R> resultOf,
            AwaitOptions awaitOptions, Recording recording) {
        K key = document.key();
        Mono<DocumentInput> input = document.remote() != null
                ? Mono.just(document.remote())
                : Mono.defer(() -> upload.apply(document.local())).map(done -> DocumentInput.fileId(done.fileId()));
        Mono<SubmittedJob> submitted = input
                .flatMap(given -> recording == null ? submit.apply(given) : recording.around(given, submit))
                .filter(job -> job.jobId() != null && !job.jobId().isBlank())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "The service accepted the submission but returned no job id")));
        return submitted
                .flatMapMany(job -> submittedThenAwaited(key, job.jobId(), resultOf, awaitOptions))
                .onErrorResume(error -> Mono.just(new BulkEvent.Rejected<>(key, error)));
    }

    private <K, R> Flux<BulkEvent<K, R>> submittedThenAwaited(K key, String jobId, Function<JobResult, R> resultOf,
            AwaitOptions awaitOptions) {
        Mono<BulkEvent<K, R>> outcome = Mono.defer(() -> awaitResult.apply(jobId, awaitOptions))
                .<BulkEvent<K, R>>map(result -> new BulkEvent.Completed<>(key, jobId, resultOf.apply(result)))
                .onErrorResume(error -> Mono.just(new BulkEvent.Failed<>(key, jobId, error)));
        return Flux.concat(Mono.just(new BulkEvent.Submitted<>(key, jobId)), outcome);
    }

    /** One document's entries in the ledger around its submission. */
    private final class Recording {
        private final BulkLedger ledger;
        private final String key;

        Recording(BulkLedger ledger, String key) {
            this.ledger = ledger;
            this.key = key;
        }

        /**
         * Records the document in doubt, submits it, and records its job. A failure to record the job is logged and
         * the job awaited all the same: the entry in doubt lets a later run find the job.
         */
        Mono<SubmittedJob> around(DocumentInput input, Function<DocumentInput, Mono<SubmittedJob>> submit) {
            String inputJson = codec.encodeToString(input);
            return ledger.submitting(key, inputJson, clock.instant())
                    .then(Mono.defer(() -> submit.apply(input)))
                    .flatMap(job -> job.jobId() == null || job.jobId().isBlank() ? Mono.just(job)
                            : ledger.submitted(new BulkLedger.Entry(key, inputJson, job.jobId(), clock.instant()))
                                    .onErrorResume(error -> {
                                        LOG.warn("Could not record job {} of document {} in the ledger; a later run "
                                                + "finds it in the job list: {}", job.jobId(), key, error.toString());
                                        return Mono.empty();
                                    })
                                    .thenReturn(job));
        }
    }

    /**
     * Finds the jobs of the documents the ledger holds in doubt in the service's job list, newest first, back to a
     * little before the first of them was recorded, and records each job found against the document submitted with
     * its input. Documents with no such job stay in doubt and are submitted again. Fails when the list cannot be
     * read: submitting them again could then create second jobs.
     */
    private Mono<Void> settleDoubts(BulkLedger ledger) {
        return ledger.inDoubt().collectList().flatMap(doubts -> {
            if (doubts.isEmpty()) {
                return Mono.empty();
            }
            Map<JsonNode, Deque<BulkLedger.Entry>> byInput = new HashMap<>();
            doubts.stream().sorted(Comparator.comparing(BulkLedger.Entry::recordedAt)).forEach(entry ->
                    byInput.computeIfAbsent(codec.readTree(entry.input().getBytes(StandardCharsets.UTF_8)),
                            ignored -> new ArrayDeque<>()).add(entry));
            Instant since = doubts.stream().map(BulkLedger.Entry::recordedAt).min(Comparator.naturalOrder())
                    .orElseThrow().minus(CLOCK_SLACK);
            return listJobs.apply(ListJobsRequest.builder().limit(ListJobsRequest.MAX_LIMIT).build())
                    .takeWhile(job -> !byInput.isEmpty() && !createdBefore(job, since))
                    .concatMap(job -> {
                        BulkLedger.Entry entry = claim(byInput, job);
                        return entry == null ? Mono.empty() : ledger.submitted(new BulkLedger.Entry(entry.key(),
                                entry.input(), job.jobId(), clock.instant()));
                    })
                    .then(Mono.fromRunnable(() -> {
                        int left = byInput.values().stream().mapToInt(Deque::size).sum();
                        LOG.info("{} of {} documents in doubt had a job; {} are submitted again",
                                doubts.size() - left, doubts.size(), left);
                    }));
        });
    }

    /** The document in doubt that {@code job} was submitted for, taken out of {@code byInput}, or {@code null}. */
    private BulkLedger.Entry claim(Map<JsonNode, Deque<BulkLedger.Entry>> byInput, JobSummary job) {
        if (job.rawConfig() == null) {
            return null;
        }
        JsonNode config;
        try {
            config = codec.readTree(job.rawConfig().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException notJson) {
            return null;
        }
        JsonNode input = config.has("input") ? config.get("input") : config.get("document_url");
        Deque<BulkLedger.Entry> entries = input == null ? null : byInput.get(input);
        if (entries == null) {
            return null;
        }
        BulkLedger.Entry entry = entries.poll();
        if (entries.isEmpty()) {
            byInput.remove(input);
        }
        return entry;
    }

    private static boolean createdBefore(JobSummary job, Instant since) {
        try {
            return job.createdAt().toInstant().isBefore(since);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
