package io.reductor.samples.tour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.PipelineDefinition;
import reactor.core.publisher.Mono;

import java.io.PrintStream;
import java.util.Map;

/**
 * Tour: one pipeline, run two ways, with the same data back.
 *
 * <p>{@code pipeline().run(...)} is the synchronous {@code POST /pipeline}: the result comes in the response.
 * {@code pipeline().runJob(...)} starts a job ({@code POST /pipeline_async}) and gives its id at once;
 * {@link ReductoClient#awaitResult(String)} waits for it (long-polling) and gives the typed {@link JobResult}, here a
 * {@link JobResult.Pipeline}. Prefer jobs for long documents, many documents ({@code submitAll}) and webhooks;
 * {@code pipeline().runJobAndAwait(...)} is both steps in one. Only the job ids and timings differ between the two.
 * Last, {@code pipeline().executions(id)} prints the pipeline's execution log, its newest jobs, as Studio shows it.
 *
 * <pre>PipelineRunVsRunJob [PIPELINE_ID]     (the id of a pipeline saved in Reducto Studio)</pre>
 *
 * <p>On the simulator the pipeline {@value #PIPELINE} is registered: parse, then extract three invoice fields.
 */
public final class PipelineRunVsRunJob {

    static final String PIPELINE = "invoice-fields";

    private PipelineRunVsRunJob() {
    }

    /** Runs the sample: against the real API when {@code REDUCTO_API_KEY} is set, else on the simulator. */
    public static void main(String[] args) {
        run(args, System.getenv(), System.out);
    }

    /** The program, with its environment and output given. */
    static BothWays run(String[] args, Map<String, String> environment, PrintStream out) {
        String pipelineId = args.length > 0 ? args[0] : PIPELINE;
        try (Tour tour = Tour.start("PipelineRunVsRunJob", environment, out)) {
            tour.simulator().ifPresent(simulator -> simulator.registerPipeline(PIPELINE, invoicePipeline()));
            ReductoClient client = tour.client();
            BothWays both = client.upload(Tour.document("invoice-acme-1042.pdf"))
                    .flatMap(upload -> runBothWays(client, PipelineRequest.builder()
                            .input(DocumentInput.fileId(upload.fileId()))
                            .pipelineId(pipelineId)
                            .build()))
                    .block();
            out.println("run()    extracted " + withoutRunDetails(both.run()).path("extract").path("result"));
            out.println("runJob() extracted " + withoutRunDetails(both.job()).path("extract").path("result"));
            out.println("same data: " + withoutRunDetails(both.run()).equals(withoutRunDetails(both.job())));
            out.println("execution log of " + pipelineId + " (newest first):");
            client.pipeline().executions(pipelineId).take(5)
                    .doOnNext(job -> out.println("  " + job.createdAt() + "  " + job.jobId() + "  " + job.status()))
                    .blockLast();
            return both;
        }
    }

    /** The two answers to the same request. */
    record BothWays(PipelineResponse run, PipelineResponse job) {
    }

    /** Runs {@code request} synchronously and as a job, one after the other. */
    static Mono<BothWays> runBothWays(ReductoClient client, PipelineRequest request) {
        Mono<PipelineResponse> synchronous = client.pipeline().run(request);
        Mono<PipelineResponse> asJob = client.pipeline().runJob(request)
                .flatMap(job -> client.awaitResult(job.jobId()))
                .map(result -> ((JobResult.Pipeline) result).response());
        return synchronous.zipWith(asJob, BothWays::new);
    }

    /** The pipeline's result as JSON without what differs from run to run: job ids and durations. */
    static JsonNode withoutRunDetails(PipelineResponse response) {
        JsonNode result = JsonCodec.standard().toTree(response).path("result");
        result.findParents("job_id").forEach(node -> ((ObjectNode) node).remove("job_id"));
        result.findParents("duration").forEach(node -> ((ObjectNode) node).remove("duration"));
        return result;
    }

    /** What the simulator runs for {@value #PIPELINE}: a parse, then an extraction with this schema. */
    static PipelineDefinition invoicePipeline() {
        return PipelineDefinition.builder().extract(JsonCodec.standard().readTree("""
                {"type": "object", "properties": {
                  "invoice_date": {"type": "string"},
                  "bill_to": {"type": "string"},
                  "total_due": {"type": "number"}}}""")).build();
    }
}
