package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.job.JobType;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * One kind of job (parse, extract, split, edit, pipeline, classify): the request it is created from and the plan that
 * turns that request into a result. {@link JobRunner} decodes the request into {@link #requestType()}, asks for the
 * {@linkplain #plan plan} (which resolves the inputs, or refuses the request), creates the job and runs the plan.
 *
 * @param <R> the request record
 */
abstract class JobKind<R> {

    private final JobType type;
    private final Class<R> requestType;

    /**
     * A kind of job.
     *
     * @param type        the job type it creates
     * @param requestType the request record a body decodes into
     */
    JobKind(JobType type, Class<R> requestType) {
        this.type = type;
        this.requestType = requestType;
    }

    /** The job type it creates. */
    final JobType type() {
        return type;
    }

    /** The request record a body decodes into. */
    final Class<R> requestType() {
        return requestType;
    }

    /** The document input the request names. */
    abstract DocumentInput input(R request);

    /** The request's async options (metadata, webhook), or {@code null}: by default none (edit, classify). */
    AsyncOptions async(R request) {
        return null;
    }

    /** The webhook to call when the job ends: by default the async options' one, or {@code null}. */
    WebhookConfig webhook(R request) {
        AsyncOptions async = async(request);
        return async == null ? null : async.webhook();
    }

    /** Whether a request to the synchronous endpoint is answered with {@code {job_id}} at once. */
    boolean answersAtOnce(R request) {
        return false;
    }

    /**
     * The plan of a job for the request.
     *
     * @throws Refusal when the request cannot become a job (an unknown input, an unknown pipeline)
     */
    abstract Plan plan(R request);

    /** Builds a job's result once its document is read. */
    @FunctionalInterface
    interface Work {
        /**
         * The result.
         *
         * @param job      the job
         * @param text     the document's text, pages selected
         * @param duration the job's simulated duration in seconds
         */
        JsonNode build(Job job, DocumentText text, double duration);
    }

    /**
     * A job about to be created.
     *
     * @param inputs   the document inputs, concatenated
     * @param password the PDF password, or {@code null}
     * @param pages    the pages to keep, by source number
     * @param work     the result builder
     */
    record Plan(List<InputResolver.Input> inputs, String password, IntPredicate pages, Work work) {

        /** The inputs' text, concatenated in order, with only the selected pages. */
        Mono<DocumentText> text() {
            List<Mono<DocumentText>> texts = new ArrayList<>();
            for (InputResolver.Input input : inputs) {
                texts.add(input.text(password));
            }
            return Mono.zip(texts, parts -> {
                DocumentText all = (DocumentText) parts[0];
                for (int i = 1; i < parts.length; i++) {
                    all = all.append((DocumentText) parts[i]);
                }
                return all.select(pages);
            });
        }
    }
}
