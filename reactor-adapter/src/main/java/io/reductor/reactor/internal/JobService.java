package io.reductor.reactor.internal;

import io.reductor.core.error.JobFailedException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.model.common.Constraints;
import io.reductor.core.model.job.GetJobRequest;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.job.ListJobsRequest;
import io.reductor.reactor.AwaitOptions;
import io.reductor.reactor.JobUpdate;
import io.reductor.reactor.RequestOptions;
import io.reductor.reactor.webhook.WebhookHub;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything about jobs that exist: reading one (with long polls), cancelling, listing page by page, watching one
 * until it finishes and giving its result. Built once per client context; the watcher and the pager it holds call
 * back into this service, never into the public facade.
 */
public final class JobService {

    private final Endpoints endpoints;
    private final ResultResolver resolver;
    private final JobWatcher watcher;
    private final JobPager pager;
    /** How many hold timeouts get their endpoints kept; a client uses one or two. */
    private static final int MAX_LONG_POLL_TARGETS = 8;
    /** The endpoints for long polls, by hold timeout: made once rather than for every poll. */
    private final Map<Duration, Endpoints> longPollTargets = new ConcurrentHashMap<>();

    /**
     * Creates the service.
     *
     * @param endpoints the API's calls and options
     * @param resolver  downloads URL results of finished jobs, or {@code null} to leave them as URLs
     * @param scheduler where polling waits and await deadlines run, obtained per subscription
     * @param webhooks  where the application publishes received webhooks, or {@code null} to poll only
     * @param telemetry where each await is observed, or {@code null} for nowhere
     */
    public JobService(Endpoints endpoints, ResultResolver resolver, Supplier<Scheduler> scheduler,
            WebhookHub webhooks, Telemetry telemetry) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.resolver = resolver;
        this.watcher = new JobWatcher(this::get, this::cancel, scheduler, webhooks, telemetry);
        this.pager = new JobPager(this::page);
    }

    /**
     * {@code GET /job/{job_id}}. A long poll stretches the per-attempt response timeout to the long-poll timeout
     * plus the default timeout, unless the options already allow that long.
     */
    public Mono<JobResponse> get(GetJobRequest request) {
        Objects.requireNonNull(request, "request");
        Duration hold = request.longPollTimeout();
        Endpoints target = hold == null ? endpoints : longPollTarget(hold);
        Mono<JobResponse> job = target.get("/job/{job_id}", request.jobId(), request.queryParameters(),
                JobResponse.class);
        return resolver == null ? job : job.flatMap(resolver::resolve);
    }

    /** The endpoints for long polls held up to {@code timeout}, kept for the first few timeouts a client uses. */
    private Endpoints longPollTarget(Duration timeout) {
        Endpoints kept = longPollTargets.get(timeout);
        if (kept != null) {
            return kept;
        }
        Endpoints made = stretchedFor(timeout);
        if (longPollTargets.size() < MAX_LONG_POLL_TARGETS) {
            longPollTargets.putIfAbsent(timeout, made);
        }
        return made;
    }

    /** The endpoints with the response timeout stretched to cover a hold of {@code timeout}. */
    private Endpoints stretchedFor(Duration timeout) {
        Duration needed = timeout.plus(endpoints.defaultTimeout());
        Duration configured = endpoints.options().responseTimeout();
        return configured != null && configured.compareTo(needed) >= 0 ? endpoints
                : endpoints.withOptions(RequestOptions.builder().responseTimeout(needed).build());
    }

    /** {@code POST /cancel/{job_id}}; completes when the service accepted. */
    public Mono<Void> cancel(String jobId) {
        String checked = GetJobRequest.of(jobId).jobId(); // the same checks as for reading the job, at the call
        return endpoints.postWithoutBody("/cancel/{job_id}", checked).then();
    }

    /** One page of {@code GET /jobs}. */
    public Mono<JobsPage> page(ListJobsRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.get("/jobs", request.queryParameters(), JobsPage.class);
    }

    /** The pages from {@code first} on, each fetched only when demanded. */
    public Flux<JobsPage> pages(ListJobsRequest first) {
        return pager.pages(first);
    }

    /** The jobs of every page from {@code first} on, a page fetched only when its jobs are wanted. */
    public Flux<JobSummary> jobs(ListJobsRequest first) {
        return pager.jobs(first);
    }

    /**
     * The jobs that ran the deployed pipeline {@code pipelineId}, newest first, from {@code GET /jobs} pages listed
     * with their configurations, each page fetched only when its jobs are wanted; see {@link PipelineExecutions}.
     */
    public Flux<JobSummary> pipelineExecutions(String pipelineId) {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Constraints.identifier(pipelineId, "pipelineId");
        PipelineExecutions executions = new PipelineExecutions(endpoints.codec(), pipelineId);
        return pager.jobs(ListJobsRequest.builder().excludeConfigs(false).build()).filter(executions::ran);
    }

    /** The status transitions of a job until it finishes; see {@link JobWatcher}. */
    public Flux<JobUpdate> watch(String jobId, AwaitOptions options) {
        return watcher.watch(jobId, options);
    }

    /**
     * The result of a job once it completes; fails with {@link JobFailedException} when it fails or is cancelled.
     * Only the outcome matters here, so polling long-polls from the first request (no status is shown at once).
     */
    public Mono<JobResult> awaitResult(String jobId, AwaitOptions options) {
        return watcher.watch(jobId, options, false).last().flatMap(update -> {
            JobResponse job = update.response();
            if (update.status().isSuccess() && job.result() != null) {
                return Mono.just(job.result());
            }
            if (update.status().isSuccess()) {
                return Mono.error(new ReductoException("Job " + jobId + " completed but the service returned no "
                        + "result; it may have expired (results are kept 12 hours)"));
            }
            return Mono.error(new JobFailedException(jobId, update.status().value(), job.reason(),
                    job.error() == null ? null : endpoints.codec().toTree(job.error())));
        });
    }
}
