package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.JobType;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Instant;

/**
 * One simulated job and its state machine: {@code Pending -> InProgress -> Completing -> Completed}, or
 * {@code Failed} (with a reason) from any running state, or {@code Cancelled}. Terminal states never change again.
 * Every change completes the current change signal, which is what long polls wait for. Thread-safe.
 */
final class Job {

    final String id;
    final long sequence;
    final JobType type;
    final Instant createdAt;
    final String rawConfig;
    final JsonNode source;
    final JsonNode metadata;
    final WebhookConfig webhook;
    final String input;
    /** Whether the job was made completed by the seeding factory: it holds no result; one is made when read. */
    final boolean seeded;

    private JobStatus status = JobStatus.PENDING;
    private JsonNode result;
    private String reason;
    private int failureStatus;
    private Integer numPages;
    private double duration;
    private DocumentText document;
    private long startedNanos = -1;
    private long expectedNanos;
    private Sinks.Empty<Void> changed; // null once terminal
    private Disposable run;

    Job(String id, long sequence, JobType type, Instant createdAt, String rawConfig, JsonNode source,
        JsonNode metadata, WebhookConfig webhook, String input) {
        this(id, sequence, type, createdAt, rawConfig, source, metadata, webhook, input, false);
    }

    private Job(String id, long sequence, JobType type, Instant createdAt, String rawConfig, JsonNode source,
                JsonNode metadata, WebhookConfig webhook, String input, boolean seeded) {
        this.id = id;
        this.sequence = sequence;
        this.type = type;
        this.createdAt = createdAt;
        this.rawConfig = rawConfig;
        this.source = source;
        this.metadata = metadata;
        this.webhook = webhook;
        this.input = input;
        this.seeded = seeded;
        if (seeded) {
            this.status = JobStatus.COMPLETED;
        } else {
            this.changed = Sinks.empty();
        }
    }

    /**
     * A job that is already {@code Completed}, for listings: it holds no result, no document and no change signal, so
     * that many of them stay small ({@code rawConfig} and {@code source} are best shared between them).
     */
    static Job seeded(String id, long sequence, JobType type, Instant createdAt, String rawConfig, JsonNode source,
                      int numPages, double duration) {
        Job job = new Job(id, sequence, type, createdAt, rawConfig, source, null, null, null, true);
        job.numPages = numPages;
        job.duration = duration;
        return job;
    }

    /** A consistent view of the job's state. */
    record Snapshot(JobStatus status, JsonNode result, String reason, int failureStatus, Integer numPages,
                    double duration, double progress, DocumentText document) {
        boolean terminal() {
            return isTerminal(status);
        }
    }

    static boolean isTerminal(JobStatus status) {
        return status.equals(JobStatus.COMPLETED) || status.equals(JobStatus.FAILED)
                || status.equals(JobStatus.CANCELLED);
    }

    synchronized Snapshot snapshot(long nowNanos) {
        double progress;
        if (status.equals(JobStatus.PENDING)) {
            progress = 0;
        } else if (status.equals(JobStatus.IN_PROGRESS)) {
            progress = expectedNanos <= 0 ? 0.5
                    : Math.min(0.99, Math.max(0, (double) (nowNanos - startedNanos) / expectedNanos));
            progress = Math.round(progress * 100) / 100.0;
        } else {
            progress = 1;
        }
        return new Snapshot(status, result, reason, failureStatus, numPages, duration, progress, document);
    }

    synchronized JobStatus status() {
        return status;
    }

    /** Completes when the status next changes (at once when it is terminal). */
    synchronized Mono<Void> nextChange() {
        return isTerminal(status) ? Mono.empty() : changed.asMono();
    }

    /** Completes when the job has finished (at once when it already has). */
    Mono<Void> finished() {
        return Mono.defer(() -> nextChange().then(Mono.defer(() -> isTerminal(status()) ? Mono.empty() : finished())));
    }

    synchronized void attach(Disposable run) {
        if (isTerminal(status)) {
            run.dispose();
        } else {
            this.run = run;
        }
    }

    /** Moves to InProgress with {@code pages} pages expected to take {@code expectedNanos}. */
    synchronized boolean start(int pages, DocumentText document, long nowNanos, long expectedNanos) {
        this.numPages = pages;
        this.document = document;
        this.startedNanos = nowNanos;
        this.expectedNanos = expectedNanos;
        return move(JobStatus.IN_PROGRESS);
    }

    synchronized boolean completing() {
        return move(JobStatus.COMPLETING);
    }

    synchronized boolean complete(JsonNode result, double duration) {
        if (isTerminal(status)) {
            return false;
        }
        this.result = result;
        this.duration = duration;
        return move(JobStatus.COMPLETED);
    }

    /** Fails the job; {@code failureStatus} is what a synchronous call answers with (400, 442 or 500). */
    synchronized boolean fail(String reason, int failureStatus) {
        if (isTerminal(status)) {
            return false;
        }
        this.reason = reason;
        this.failureStatus = failureStatus;
        return move(JobStatus.FAILED);
    }

    /** Cancels a running job; {@code false} when it had already finished. */
    boolean cancel() {
        Disposable toDispose;
        synchronized (this) {
            if (isTerminal(status)) {
                return false;
            }
            toDispose = run;
            run = null;
            reason = "Cancelled";
            move(JobStatus.CANCELLED);
        }
        if (toDispose != null) {
            toDispose.dispose();
        }
        return true;
    }

    private boolean move(JobStatus next) {
        if (isTerminal(status)) {
            return false;
        }
        status = next;
        Sinks.Empty<Void> previous = changed;
        changed = isTerminal(next) ? null : Sinks.empty();
        previous.tryEmitEmpty();
        return true;
    }
}
