package io.reductor.testkit;

import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseOptions;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.UrlResult;

/**
 * {@code POST /parse} and {@code /parse_async}: the document's blocks in chunks ({@link ParseEngine}); a result larger
 * than the URL threshold (or one that asks for it) is stored and given as a URL.
 */
final class ParseJob extends JobKind<ParseRequest> {

    private final InputResolver inputs;
    private final ResultStorage storage;
    private final long urlResultThreshold;

    ParseJob(InputResolver inputs, ResultStorage storage, long urlResultThreshold) {
        super(JobType.PARSE, ParseRequest.class);
        this.inputs = inputs;
        this.storage = storage;
        this.urlResultThreshold = urlResultThreshold;
    }

    @Override
    DocumentInput input(ParseRequest request) {
        return request.input();
    }

    @Override
    AsyncOptions async(ParseRequest request) {
        return request.async();
    }

    /** {@code POST /parse} with an {@code async} config answers {@code {job_id}}. */
    @Override
    boolean answersAtOnce(ParseRequest request) {
        return request.async() != null;
    }

    @Override
    Plan plan(ParseRequest request) {
        ParseOptions options = ParseEngine.options(request);
        return new Plan(inputs.resolve(request.input()), ParseEngine.password(options),
                ParseEngine.pageFilter(options),
                (job, text, duration) -> Json.tree(response(job.id, text, options, duration, true)));
    }

    /**
     * The parse of a document.
     *
     * @param allowUrl whether a large result may be stored and given as a URL
     */
    ParseResponse response(String jobId, DocumentText text, ParseOptions options, double duration,
                           boolean allowUrl) {
        FullResult full = ParseEngine.fullResult(text, Layout.blocks(text), options);
        ParseResponse.Builder response = ParseResponse.builder().jobId(jobId).duration(duration)
                .usage(ParseEngine.usage(text.pageCount(), 1.0)).responseType("parse");
        boolean force = options != null && options.settings() != null
                && Boolean.TRUE.equals(options.settings().forceUrlResult());
        if (allowUrl) {
            byte[] bytes = Json.bytes(full);
            if (force || bytes.length > urlResultThreshold) {
                String id = storage.put(Reply.JSON, bytes);
                return response.result(UrlResult.builder().url(JobRenderer.RESULTS_PATH + id).resultId(id).build())
                        .build();
            }
        }
        return response.result(full).build();
    }
}
