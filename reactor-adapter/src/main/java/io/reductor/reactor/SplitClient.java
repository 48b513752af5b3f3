package io.reductor.reactor;

import io.reductor.core.model.split.SplitRequest;
import io.reductor.core.model.split.SplitResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.reactor.internal.ClientContext;
import reactor.core.publisher.Mono;

import java.util.Objects;

/** Splitting: a document into sections by described categories. Obtained from {@link ReductoClient#split()}. */
public final class SplitClient extends JobResourceClient<SplitRequest, SplitResponse> {

    SplitClient(ClientContext context) {
        super(context, "/split_async", SplitResponse.class);
    }

    /**
     * Runs synchronously ({@code POST /split}): the result arrives in the response, after up to the server's 900 s
     * processing limit.
     *
     * @param request the document and the categories of sections to split it into; not {@code null}
     * @return the sections per category, with per-page evidence for a deep split
     */
    public Mono<SplitResponse> run(SplitRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.process("/split", request, SplitResponse.class);
    }

    @Override
    SplitResponse unwrap(JobResult result) {
        return result instanceof JobResult.Split split ? split.response() : null;
    }
}
