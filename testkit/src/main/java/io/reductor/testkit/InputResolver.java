package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobStatus;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Finds the documents a request names: {@code reducto://} uploads, {@code jobid://} references to completed jobs (their
 * parsed text), the simulator's own presigned URLs, URLs registered with their content, and inputs registered to fail.
 * Nothing is fetched from the network: any other input is refused with 400.
 */
final class InputResolver {

    /**
     * One document input resolved: a stored document, a ready text (from a job), or a registered failure.
     *
     * @param stored  the stored document, or {@code null}
     * @param text    the text of a referenced job, or {@code null}
     * @param failure the reason it is registered to fail with, or {@code null}
     */
    record Input(DocumentStore.Stored stored, DocumentText text, String failure) {

        /** Its text: read (with the password, if any), given, or the registered failure. */
        Mono<DocumentText> text(String password) {
            if (failure != null) {
                return Mono.error(new InputFailure(failure));
            }
            return text != null ? Mono.just(text) : stored.text(password);
        }
    }

    /** A document registered to fail: the job fails with the registered reason. */
    static final class InputFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final DocumentStore documents;
    private final JobStore jobs;
    private final Settings settings;
    private final Supplier<String> baseUrl;

    InputResolver(DocumentStore documents, JobStore jobs, Settings settings, Supplier<String> baseUrl) {
        this.documents = documents;
        this.jobs = jobs;
        this.settings = settings;
        this.baseUrl = baseUrl;
    }

    /** An input as text, the way jobs count and list it: a URL list joined with commas; {@code null} for none. */
    static String describe(DocumentInput input) {
        if (input == null) {
            return null;
        }
        if (input instanceof DocumentInput.UrlList list) {
            return String.join(",", list.urls());
        }
        if (input instanceof DocumentInput.UploadReference reference) {
            return reference.upload().fileId();
        }
        JsonNode json = Json.tree(input);
        return json.isTextual() ? json.textValue() : json.toString();
    }

    /**
     * The documents of an input, in order.
     *
     * @throws Refusal when there is no input or one of its documents is unknown
     */
    List<Input> resolve(DocumentInput input) {
        if (input == null) {
            throw new Refusal(Reply.detail(400, "No input document given"));
        }
        if (input instanceof DocumentInput.UrlList list) {
            List<Input> inputs = new ArrayList<>();
            for (String url : list.urls()) {
                inputs.add(resolve(url));
            }
            return inputs;
        }
        return List.of(resolve(describe(input)));
    }

    /**
     * One document input given as text.
     *
     * @throws Refusal when it is unknown
     */
    Input resolve(String input) {
        String failure = documents.failure(input);
        if (failure != null) {
            return new Input(null, null, failure);
        }
        if (input.startsWith(DocumentInput.FILE_ID_PREFIX)) {
            DocumentStore.Stored stored = documents.file(input);
            if (stored == null) {
                throw new Refusal(Reply.detail(400, documents.isPendingPresigned(input)
                        ? "File " + input + " has not been uploaded yet: PUT its bytes to the presigned URL first"
                        : "File not found: " + input));
            }
            return new Input(stored, null, null);
        }
        if (input.startsWith(DocumentInput.JOB_REFERENCE_PREFIX)) {
            String id = input.substring(DocumentInput.JOB_REFERENCE_PREFIX.length());
            Job job = jobs.get(id);
            if (job == null) {
                throw new Refusal(Reply.detail(404, "Job not found: " + id + " (jobs are kept for 12 hours)"));
            }
            Job.Snapshot snapshot = job.snapshot(settings.scheduler().now(TimeUnit.NANOSECONDS));
            if (!snapshot.status().equals(JobStatus.COMPLETED) || snapshot.document() == null) {
                throw new Refusal(Reply.detail(400, "Job " + id + " has not completed (status "
                        + snapshot.status().value() + "), so its parse cannot be reused"));
            }
            return new Input(null, snapshot.document(), null);
        }
        String storage = baseUrl.get() + "/_storage/";
        if (input.startsWith(storage)) {
            String token = input.substring(storage.length()).replaceFirst("\\?.*$", "");
            DocumentStore.Presigned presigned = documents.presigned(token);
            DocumentStore.Stored stored = presigned == null ? null : documents.file(presigned.fileId());
            if (stored != null) {
                return new Input(stored, null, null);
            }
        }
        DocumentStore.Stored registered = documents.url(input);
        if (registered != null) {
            return new Input(registered, null, null);
        }
        String lower = input.toLowerCase(Locale.ROOT);
        throw new Refusal(Reply.detail(400, (lower.startsWith("http://") || lower.startsWith("https://")
                ? "Could not download the document from " + input + ": the simulator does not fetch from the "
                + "network; register the document's content with ReductoSimulator.registerDocument(url, bytes)"
                : "Invalid input " + input + ": expected a URL, a reducto:// file id or a jobid:// reference")));
    }
}
