package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.job.JobStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Turns job-creating requests into jobs and runs them: decodes the body into the {@link JobKind}'s request, asks for
 * its plan, creates and counts the job, then runs its state machine on the configured scheduler (document reading on
 * {@link Schedulers#boundedElastic()}): Pending for the queue time, InProgress for the pages' processing time,
 * Completing for the queue time again, then Completed, or Failed when the document cannot be read; the webhook, if
 * any, once it ends. A synchronous request is answered with the result when the job ends.
 */
final class JobRunner {

    private final Settings settings;
    private final SimulatorCounters counters;
    private final JobStore jobs;
    private final JobRenderer renderer;
    private final Webhooks webhooks;

    JobRunner(Settings settings, SimulatorCounters counters, JobStore jobs, JobRenderer renderer, Webhooks webhooks) {
        this.settings = settings;
        this.counters = counters;
        this.jobs = jobs;
        this.renderer = renderer;
        this.webhooks = webhooks;
    }

    /**
     * Handles a job-creating request whose body already passed spec validation.
     *
     * @param kind       the kind of job
     * @param asyncRoute whether the request came to the {@code _async} endpoint, answered {@code {job_id}} at once
     * @param body       the request body
     */
    <R> Mono<Reply> submit(JobKind<R> kind, boolean asyncRoute, JsonNode body) {
        R request;
        WebhookConfig webhook;
        JobKind.Plan plan;
        try {
            request = Json.codec().decode(body, kind.requestType());
            webhook = kind.webhook(request);
            plan = kind.plan(request);
        } catch (ReductoDecodeException e) {
            return Mono.just(Reply.invalidBody(e.getMessage()));
        } catch (Refusal refusal) {
            return Mono.just(refusal.reply());
        }
        AsyncOptions async = kind.async(request);
        JsonNode metadata = async == null ? null : async.metadata();
        String input = InputResolver.describe(kind.input(request));
        Job job = new Job(Ids.uuid(), jobs.nextSequence(), kind.type(), settings.clock().instant(), body.toString(),
                input == null ? Json.NODES.nullNode() : Json.NODES.textNode(input), metadata, webhook, input);
        jobs.add(job);
        counters.job(kind.type().value(), metadata, input);
        run(job, plan);
        if (asyncRoute || kind.answersAtOnce(request)) {
            return Mono.just(Reply.ok(Json.object().put("job_id", job.id)));
        }
        return awaitTerminal(job).map(snapshot -> {
            if (snapshot.status().equals(JobStatus.COMPLETED)) {
                return Reply.ok(renderer.renderResult(snapshot.result()));
            }
            return Reply.detail(snapshot.failureStatus() == 0 ? 500 : snapshot.failureStatus(),
                    snapshot.reason() == null ? "The job was cancelled" : snapshot.reason());
        });
    }

    private Mono<Job.Snapshot> awaitTerminal(Job job) {
        return Mono.defer(() -> {
            Job.Snapshot snapshot = job.snapshot(now());
            return snapshot.terminal() ? Mono.just(snapshot) : job.nextChange().then(awaitTerminal(job));
        });
    }

    private void run(Job job, JobKind.Plan plan) {
        long perPage = settings.timePerPage().toNanos();
        Mono<Void> run = Mono.delay(settings.queueTime(), settings.scheduler())
                .then(plan.text())
                .publishOn(Schedulers.boundedElastic())
                .flatMap(text -> {
                    long expected = perPage * Math.max(1, text.pageCount());
                    if (!job.start(text.pageCount(), text, now(), expected)) {
                        return Mono.empty();
                    }
                    double duration = Math.round((expected + 2 * settings.queueTime().toNanos()) / 1e6) / 1e3;
                    JsonNode result = plan.work().build(job, text, duration);
                    return Mono.delay(Duration.ofNanos(expected), settings.scheduler())
                            .then(Mono.defer(() -> job.completing()
                                    ? Mono.delay(settings.queueTime(), settings.scheduler()).thenReturn(result)
                                    : Mono.empty()))
                            .doOnNext(done -> job.complete(done, duration));
                })
                .onErrorResume(DocumentReader.UnreadableDocumentException.class, e -> {
                    job.fail(e.getMessage(), e.passwordProtected() ? 442 : 400);
                    return Mono.empty();
                })
                .onErrorResume(Refusal.class, e -> {
                    job.fail("The job failed", e.reply().status());
                    return Mono.empty();
                })
                .onErrorResume(e -> {
                    job.fail(e instanceof InputResolver.InputFailure ? e.getMessage() : "Internal error: " + e, 500);
                    return Mono.empty();
                })
                .then(Mono.defer(() -> webhooks.deliver(job)));
        job.attach(run.subscribe());
    }

    private long now() {
        return settings.scheduler().now(TimeUnit.NANOSECONDS);
    }
}
