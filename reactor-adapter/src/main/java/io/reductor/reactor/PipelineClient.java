package io.reductor.reactor;

import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.reactor.internal.ClientContext;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * Pipelines: a parse, extract, split or edit configuration saved in Reducto Studio, run by id.
 * Obtained from {@link ReductoClient#pipeline()}.
 */
public final class PipelineClient extends JobResourceClient<PipelineRequest, PipelineResponse> {

    PipelineClient(ClientContext context) {
        super(context, "/pipeline_async", PipelineResponse.class);
    }

    /**
     * Runs synchronously ({@code POST /pipeline}): the result arrives in the response, after up to the server's 900 s
     * processing limit.
     */
    public Mono<PipelineResponse> run(PipelineRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.process("/pipeline", request, PipelineResponse.class);
    }

    @Override
    PipelineResponse unwrap(JobResult result) {
        return result instanceof JobResult.Pipeline pipeline ? pipeline.response() : null;
    }
}
