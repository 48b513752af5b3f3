package io.reductor.reactor;

import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.reactor.internal.Endpoints;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * Pipelines: a parse, extract, split or edit configuration saved in Reducto Studio, run by id.
 * Obtained from {@link ReductoClient#pipeline()}.
 */
public final class PipelineClient {

    private final Endpoints endpoints;

    PipelineClient(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * Runs synchronously ({@code POST /pipeline}): the result arrives in the response, after up to the server's 900 s
     * processing limit.
     */
    public Mono<PipelineResponse> run(PipelineRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.process("/pipeline", request, PipelineResponse.class);
    }

    /**
     * Starts an asynchronous job ({@code POST /pipeline_async}) and gives its id; await it, or let a webhook
     * report it. Not resent after a failure that may have reached the server (see {@link RetryPolicy}).
     */
    public Mono<SubmittedJob> runJob(PipelineRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.submit("/pipeline_async", request);
    }
}
