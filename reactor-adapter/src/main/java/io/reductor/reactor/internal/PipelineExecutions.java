package io.reductor.reactor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobType;

import java.util.regex.Pattern;

/**
 * Tells whether a listed job ran a given deployed pipeline, as Reducto Studio's "Execution Logs" show: a job of type
 * {@code Pipeline} whose {@code raw_config} (the request it was submitted with, as one string) names the pipeline in
 * {@code pipeline_id}. The spec types {@code raw_config} only as a string; it is read as JSON, and when it is not JSON
 * (a printed mapping, say) the pipeline id is looked for as a quoted {@code pipeline_id} value. A job listed without
 * its configuration ({@code exclude_configs}) cannot be matched and does not count.
 */
final class PipelineExecutions {

    private final JsonCodec codec;
    private final String pipelineId;
    private final Pattern quoted;

    PipelineExecutions(JsonCodec codec, String pipelineId) {
        this.codec = codec;
        this.pipelineId = pipelineId;
        this.quoted = Pattern.compile("[\"']pipeline_id[\"']\\s*:\\s*[\"']" + Pattern.quote(pipelineId) + "[\"']");
    }

    /** Whether {@code job} ran this pipeline. */
    boolean ran(JobSummary job) {
        String config = job.rawConfig();
        if (!JobType.PIPELINE.equals(job.type()) || config == null || !config.contains(pipelineId)) {
            return false;
        }
        JsonNode parsed;
        try {
            parsed = codec.readTree(config);
        } catch (RuntimeException notJson) {
            return quoted.matcher(config).find();
        }
        return pipelineId.equals(parsed.path("pipeline_id").asText(null));
    }
}
