package io.reductor.reactor.internal;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.AwaitOptions;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.PendingJob;
import io.reductor.reactor.UploadSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs documents through upload, submission and awaiting with bounded concurrency. At most {@code concurrency}
 * documents are in flight; the source is asked for another document only when one has finished and its outcome was
 * taken by the subscriber, so a slow subscriber stops new submissions and a lazy source is never read ahead. Each
 * document yields exactly one outcome; no failure of one document ends the stream.
 */
public final class BulkRunner {

    private final Function<UploadSource, Mono<Upload>> upload;
    private final BiFunction<String, AwaitOptions, Mono<JobResult>> awaitResult;
    private final int defaultConcurrency;
    private final Telemetry telemetry;

    /**
     * Creates a runner.
     *
     * @param upload             uploads a local document
     * @param awaitResult        awaits a job's result, failing with {@code JobFailedException} when it fails
     * @param defaultConcurrency the concurrency when the options leave it to the client (its pool size)
     * @param telemetry          where documents in flight and outcomes are counted, or {@code null} for nowhere
     */
    public BulkRunner(Function<UploadSource, Mono<Upload>> upload,
            BiFunction<String, AwaitOptions, Mono<JobResult>> awaitResult, int defaultConcurrency,
            Telemetry telemetry) {
        this.telemetry = telemetry;
        this.upload = Objects.requireNonNull(upload, "upload");
        this.awaitResult = Objects.requireNonNull(awaitResult, "awaitResult");
        this.defaultConcurrency = defaultConcurrency;
    }

    /**
     * Submits every document and awaits its job.
     *
     * @param documents  the documents, read on demand
     * @param requestFor the request for one document, given where the service finds it
     * @param submit     submits a request as an asynchronous job
     * @param resultOf   the typed result of a completed job
     * @param options    concurrency and await options
     */
    public <K, Q, R> Flux<BulkEvent<K, R>> submitAll(Publisher<BulkDocument<K>> documents,
            Function<DocumentInput, Q> requestFor, Function<Q, Mono<SubmittedJob>> submit,
            Function<JobResult, R> resultOf, BulkOptions options) {
        Objects.requireNonNull(documents, "documents");
        Objects.requireNonNull(requestFor, "requestFor");
        Objects.requireNonNull(options, "options");
        return Flux.from(documents).flatMap(document -> counted(process(document, requestFor, submit, resultOf,
                options.awaitOptions())), concurrency(options), 1);
    }

    /** Awaits jobs submitted earlier, such as ones persisted from {@link BulkEvent.Submitted} before a restart. */
    public <K, R> Flux<BulkEvent<K, R>> awaitAll(Publisher<PendingJob<K>> jobs, Function<JobResult, R> resultOf,
            BulkOptions options) {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(options, "options");
        return Flux.from(jobs).flatMap(job -> counted(await(job.key(), job.jobId(), resultOf,
                options.awaitOptions())), concurrency(options), 1);
    }

    /** One document's events, counted when there is telemetry. */
    private <K, R> Publisher<BulkEvent<K, R>> counted(Publisher<BulkEvent<K, R>> events) {
        return telemetry == null ? events : telemetry.bulkDocument(Flux.from(events));
    }

    private int concurrency(BulkOptions options) {
        return options.concurrency() == 0 ? defaultConcurrency : options.concurrency();
    }

    private <K, Q, R> Flux<BulkEvent<K, R>> process(BulkDocument<K> document, Function<DocumentInput, Q> requestFor,
            Function<Q, Mono<SubmittedJob>> submit, Function<JobResult, R> resultOf, AwaitOptions awaitOptions) {
        K key = document.key();
        Mono<DocumentInput> input = document.remote() != null
                ? Mono.just(document.remote())
                : Mono.defer(() -> upload.apply(document.local())).map(done -> DocumentInput.fileId(done.fileId()));
        Mono<SubmittedJob> submitted = input.map(requestFor).flatMap(submit)
                .filter(job -> job.jobId() != null && !job.jobId().isBlank())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "The service accepted the submission but returned no job id")));
        return submitted
                .<BulkEvent<K, R>>flatMapMany(job -> Flux.concat(
                        Mono.just(new BulkEvent.Submitted<K, R>(key, job.jobId())),
                        await(key, job.jobId(), resultOf, awaitOptions)))
                .onErrorResume(error -> Mono.just(new BulkEvent.Rejected<>(key, error)));
    }

    private <K, R> Mono<BulkEvent<K, R>> await(K key, String jobId, Function<JobResult, R> resultOf,
            AwaitOptions awaitOptions) {
        return Mono.defer(() -> awaitResult.apply(jobId, awaitOptions))
                .<BulkEvent<K, R>>map(result -> new BulkEvent.Completed<>(key, jobId, resultOf.apply(result)))
                .onErrorResume(error -> Mono.just(new BulkEvent.Failed<>(key, jobId, error)));
    }
}
