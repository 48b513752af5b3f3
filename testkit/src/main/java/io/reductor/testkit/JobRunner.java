package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.job.JobStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Turns job-creating requests into jobs and runs them: decodes the body into the {@link JobKind}'s request, asks for
 * its plan, reads the document and builds the result on the simulator's workers (reading may block), creates and
 * counts the job, then runs its state machine on the configured scheduler: Pending for the queue time, InProgress for
 * the pages' processing time, Completing for the queue time again, then Completed, or Failed when the document could
 * not be read; the webhook, if any, once it ends. A synchronous request is answered with the result when the job ends.
 *
 * <p>The state machine is timers alone: each step runs within one scheduler task and registers the next step's timer
 * before the task ends, with no work left on other threads. With a {@code VirtualTimeScheduler}, advancing time thus
 * moves jobs deterministically: whatever an advance makes due has happened, and its next timer is registered, before a
 * later advance takes effect.
 */
final class JobRunner {

    private final Settings settings;
    private final SimulatorCounters counters;
    private final JobStore jobs;
    private final JobRenderer renderer;
    private final Webhooks webhooks;
    private final Scheduler workers;

    JobRunner(Settings settings, SimulatorCounters counters, JobStore jobs, JobRenderer renderer, Webhooks webhooks,
              Scheduler workers) {
        this.settings = settings;
        this.counters = counters;
        this.jobs = jobs;
        this.renderer = renderer;
        this.webhooks = webhooks;
        this.workers = workers;
    }

    /**
     * What a job does once its queue time is over: start, then end with its result; or fail.
     *
     * @param text          the document's text, or {@code null} when it failed
     * @param expectedNanos the processing time of its pages
     * @param duration      the simulated duration in seconds, as results and jobs report it
     * @param result        the result it completes with, or {@code null} when it failed
     * @param failure       why it fails, or {@code null}
     */
    private record Prepared(DocumentText text, long expectedNanos, double duration, JsonNode result,
                            Throwable failure) {
    }

    /**
     * Handles a job-creating request whose body already passed spec validation.
     *
     * @param kind       the kind of job
     * @param asyncRoute whether the request came to the {@code _async} endpoint, answered {@code {job_id}} at once
     * @param body       the request body
     * @param takenIn    marks the request taken in: run once the job exists with its timers registered
     */
    <R> Mono<Reply> submit(JobKind<R> kind, boolean asyncRoute, JsonNode body, Runnable takenIn) {
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
        boolean answerAtOnce = asyncRoute || kind.answersAtOnce(request);
        return plan.text()
                .map(text -> prepare(job, plan, text))
                .onErrorResume(failure -> Mono.just(new Prepared(null, 0, 0, null, failure)))
                .subscribeOn(workers)
                .flatMap(prepared -> {
                    jobs.add(job);
                    counters.job(kind.type().value(), metadata, input);
                    run(job, prepared);
                    takenIn.run();
                    return answerAtOnce ? Mono.just(Reply.ok(Json.object().put("job_id", job.id)))
                            : awaitTerminal(job).map(this::answer);
                });
    }

    private Prepared prepare(Job job, JobKind.Plan plan, DocumentText text) {
        long expected = settings.timePerPage().toNanos() * Math.max(1, text.pageCount());
        double duration = Math.round((expected + 2 * settings.queueTime().toNanos()) / 1e6) / 1e3;
        return new Prepared(text, expected, duration, plan.work().build(job, text, duration), null);
    }

    private Reply answer(Job.Snapshot snapshot) {
        if (snapshot.status().equals(JobStatus.COMPLETED)) {
            return Reply.ok(renderer.renderResult(snapshot.result()));
        }
        return Reply.detail(snapshot.failureStatus() == 0 ? 500 : snapshot.failureStatus(),
                snapshot.reason() == null ? "The job was cancelled" : snapshot.reason());
    }

    private Mono<Job.Snapshot> awaitTerminal(Job job) {
        return Mono.defer(() -> {
            Job.Snapshot snapshot = job.snapshot(now());
            return snapshot.terminal() ? Mono.just(snapshot) : job.nextChange().then(awaitTerminal(job));
        });
    }

    private void run(Job job, Prepared prepared) {
        Scheduler timer = settings.scheduler();
        Mono<Void> run = Mono.delay(settings.queueTime(), timer)
                .flatMap(tick -> {
                    if (prepared.failure() != null) {
                        fail(job, prepared.failure());
                        return Mono.<JsonNode>empty();
                    }
                    if (!job.start(prepared.text().pageCount(), prepared.text(), now(), prepared.expectedNanos())) {
                        return Mono.<JsonNode>empty();
                    }
                    return Mono.delay(Duration.ofNanos(prepared.expectedNanos()), timer)
                            .then(Mono.defer(() -> job.completing()
                                    ? Mono.delay(settings.queueTime(), timer).thenReturn(prepared.result())
                                    : Mono.empty()));
                })
                .doOnNext(result -> job.complete(result, prepared.duration()))
                .then(Mono.defer(() -> webhooks.deliver(job)));
        job.attach(run.subscribe(null, error -> job.fail("Internal error: " + error, 500)));
    }

    private static void fail(Job job, Throwable failure) {
        if (failure instanceof DocumentReader.UnreadableDocumentException unreadable) {
            job.fail(unreadable.getMessage(), unreadable.passwordProtected() ? 442 : 400);
        } else if (failure instanceof Refusal refusal) {
            job.fail("The job failed", refusal.reply().status());
        } else {
            job.fail(failure instanceof InputResolver.InputFailure ? failure.getMessage()
                    : "Internal error: " + failure, 500);
        }
    }

    private long now() {
        return settings.scheduler().now(TimeUnit.NANOSECONDS);
    }
}
