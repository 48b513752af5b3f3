package io.reductor.reactor;

import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.reactor.internal.ClientContext;
import reactor.core.publisher.Flux;
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
     *
     * @param request the pipeline id and the document; not {@code null}
     * @return the outputs of the pipeline's steps
     */
    public Mono<PipelineResponse> run(PipelineRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.process("/pipeline", request, PipelineResponse.class);
    }

    /**
     * The execution log of a deployed pipeline, as Reducto Studio's "Execution Logs" show it: every job that ran
     * {@code pipelineId}, newest first, with the demand-driven paging of {@link ReductoClient#jobs()} (a page of
     * {@code GET /jobs}, configurations included, is fetched only when more jobs are wanted, so {@code take(10)} stops
     * early). A job matches when its type is {@code Pipeline} and the configuration it was submitted with names the
     * pipeline. Jobs are kept by the service for 12 hours, so older runs are not listed. Cold: each subscription lists
     * from the newest job.
     *
     * @param pipelineId the pipeline's id, as Studio shows it
     * @return the pipeline's jobs, newest first
     * @throws IllegalArgumentException when the id is blank or padded with whitespace, at the call
     */
    public Flux<JobSummary> executions(String pipelineId) {
        return context.jobs().pipelineExecutions(pipelineId);
    }

    @Override
    PipelineResponse unwrap(JobResult result) {
        return result instanceof JobResult.Pipeline pipeline ? pipeline.response() : null;
    }
}
