package io.reductor.reactor;

import io.reductor.core.error.ReductoException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.reactor.internal.ClientContext;
import io.reductor.reactor.internal.Endpoints;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Objects;
import java.util.function.Function;

/**
 * What every resource with an asynchronous endpoint offers: start a job, start and await it, and run many documents
 * through it with bounded concurrency.
 *
 * @param <Q> the request type
 * @param <R> the result type of a completed job
 */
public abstract sealed class JobResourceClient<Q, R>
        permits ParseClient, ExtractClient, SplitClient, EditClient, PipelineClient {

    final ClientContext context;
    final Endpoints endpoints;
    private final String asyncPath;
    private final Class<R> resultType;

    JobResourceClient(ClientContext context, String asyncPath, Class<R> resultType) {
        this.context = context;
        this.endpoints = context.endpoints();
        this.asyncPath = asyncPath;
        this.resultType = resultType;
    }

    /**
     * Starts an asynchronous job and gives its id; await it ({@link ReductoClient#awaitCompletion(String)}), or let a
     * webhook report it. Not resent after a failure that may have reached the server (see {@link RetryPolicy}).
     *
     * @param request the job's request; not {@code null}
     * @return the job's id as the service assigned it, once the service accepted the job
     */
    public Mono<SubmittedJob> runJob(Q request) {
        Objects.requireNonNull(request, "request");
        return endpoints.submit(asyncPath, request);
    }

    /**
     * Starts a job and gives its result once it completes; fails with {@code JobFailedException} if it fails.
     *
     * @param request the job's request; not {@code null}
     * @return the typed result of the completed job
     */
    public Mono<R> runJobAndAwait(Q request) {
        return runJobAndAwait(request, AwaitOptions.defaults());
    }

    /**
     * Starts a job and gives its result once it completes, awaiting it with {@code options}.
     *
     * @param request the job's request; not {@code null}
     * @param options how to wait for the job; not {@code null}
     * @return the typed result of the completed job
     */
    public Mono<R> runJobAndAwait(Q request, AwaitOptions options) {
        Objects.requireNonNull(options, "options");
        return runJob(request).flatMap(job -> context.jobs().awaitResult(job.jobId(), options)).map(this::resultOf);
    }

    /**
     * Runs every document through a job of this kind: uploads local documents, submits a job for each, awaits it, and
     * emits for each document a {@link BulkEvent.Submitted} as soon as its job exists and exactly one outcome. At most
     * {@linkplain BulkOptions#concurrency() concurrency} documents are in flight (the connection pool size by
     * default); the source is read only as capacity frees, and a slow subscriber pauses new submissions.
     *
     * @param <K>        the type of the caller's keys
     * @param documents  the documents, read on demand
     * @param requestFor the request for one document, given where the service finds it
     * @return per document a {@link BulkEvent.Submitted} and one outcome; completes when every document has its outcome
     */
    public <K> Flux<BulkEvent<K, R>> submitAll(Publisher<BulkDocument<K>> documents,
            Function<DocumentInput, Q> requestFor) {
        return submitAll(documents, requestFor, BulkOptions.defaults());
    }

    /**
     * Like {@link #submitAll(Publisher, Function)}, with explicit concurrency and await options.
     *
     * @param <K>        the type of the caller's keys
     * @param documents  the documents, read on demand
     * @param requestFor the request for one document, given where the service finds it
     * @param options    the concurrency and how each job is awaited; not {@code null}
     * @return per document a {@link BulkEvent.Submitted} and one outcome
     */
    public <K> Flux<BulkEvent<K, R>> submitAll(Publisher<BulkDocument<K>> documents,
            Function<DocumentInput, Q> requestFor, BulkOptions options) {
        return context.bulk().submitAll(documents, requestFor, this::runJob, this::resultOf, options);
    }

    /**
     * Awaits jobs of this kind submitted earlier (for example ids persisted from {@link BulkEvent.Submitted} before a
     * restart), emitting one outcome per job.
     *
     * @param <K>  the type of the caller's keys
     * @param jobs the submitted jobs with their keys, read on demand
     * @return one outcome per job, {@link BulkEvent.Completed} or {@link BulkEvent.Failed}
     */
    public <K> Flux<BulkEvent<K, R>> awaitAll(Publisher<PendingJob<K>> jobs) {
        return awaitAll(jobs, BulkOptions.defaults());
    }

    /**
     * Like {@link #awaitAll(Publisher)}, with explicit concurrency and await options.
     *
     * @param <K>     the type of the caller's keys
     * @param jobs    the submitted jobs with their keys, read on demand
     * @param options the concurrency and how each job is awaited; not {@code null}
     * @return one outcome per job
     */
    public <K> Flux<BulkEvent<K, R>> awaitAll(Publisher<PendingJob<K>> jobs, BulkOptions options) {
        return context.bulk().awaitAll(jobs, this::resultOf, options);
    }

    /** The result of this kind inside {@code result}, or {@code null} when it holds another kind. */
    abstract R unwrap(JobResult result);

    /**
     * The typed result of a completed job of this kind. A result of a kind this version does not recognise is
     * decoded as this kind, since the job was created by this resource's endpoint.
     */
    final R resultOf(JobResult result) {
        R unwrapped = unwrap(result);
        if (unwrapped != null) {
            return unwrapped;
        }
        if (result instanceof JobResult.Unknown unknown) {
            return endpoints.codec().decode(unknown.json(), resultType);
        }
        throw new ReductoException("Expected a " + resultType.getSimpleName() + " from " + asyncPath + " but the job "
                + "produced a result of type " + result.responseType());
    }
}
