package io.reductor.reactor;

import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.extract.ExtractResult;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.job.JobResult;
import io.reductor.reactor.internal.ClientContext;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * Extraction: structured data by JSON schema, with or without citations.
 * Obtained from {@link ReductoClient#extract()}.
 */
public final class ExtractClient extends JobResourceClient<ExtractRequest, ExtractResult> {

    ExtractClient(ClientContext context) {
        super(context, "/extract_async", ExtractResult.class);
    }

    /**
     * Runs synchronously ({@code POST /extract}): the result arrives in the response, after up to the server's 900 s
     * processing limit. With an {@code async} configuration in the request the service answers with a job id
     * instead, given as {@link RunResult.Submitted}.
     *
     * @param request the document and the schema of what to extract; not {@code null}
     * @return the extracted values as {@link RunResult.Completed}, or the job as {@link RunResult.Submitted} for an
     *         {@code async} request
     */
    public Mono<RunResult<ExtractResult>> run(ExtractRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.postForResultOrJob("/extract", request, ExtractResult.class);
    }

    @Override
    ExtractResult unwrap(JobResult result) {
        if (result instanceof JobResult.Extract extract) {
            return extract.response();
        }
        return result instanceof JobResult.CitedExtract cited ? cited.response() : null;
    }
}
