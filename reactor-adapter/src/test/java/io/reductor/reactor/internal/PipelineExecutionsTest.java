package io.reductor.reactor.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which listed jobs ran a pipeline, whatever form the service gives {@code raw_config} in. */
class PipelineExecutionsTest {

    private final PipelineExecutions k9 = new PipelineExecutions(JsonCodec.standard(), "k9");

    @Test
    void aPipelineJobWhoseJsonConfigNamesThePipeline() {
        assertThat(k9.ran(job(JobType.PIPELINE, "{\"input\":\"reducto://a.pdf\",\"pipeline_id\":\"k9\"}"))).isTrue();
        assertThat(k9.ran(job(JobType.PIPELINE, "{\"pipeline_id\":\"k9-eu\"}"))).as("another pipeline").isFalse();
        assertThat(k9.ran(job(JobType.PIPELINE, "{\"pipeline_id\":\"k10\",\"input\":\"k9\"}")))
                .as("the id elsewhere in the config").isFalse();
        assertThat(k9.ran(job(JobType.PARSE, "{\"pipeline_id\":\"k9\"}"))).as("not a pipeline job").isFalse();
        assertThat(k9.ran(job(JobType.PIPELINE, null))).as("listed without configs").isFalse();
    }

    @Test
    void aConfigThatIsNotJsonIsSearchedForTheQuotedId() {
        assertThat(k9.ran(job(JobType.PIPELINE, "{'input': 'reducto://a.pdf', 'pipeline_id': 'k9'}"))).isTrue();
        assertThat(k9.ran(job(JobType.PIPELINE, "{'pipeline_id': 'k9x', 'note': 'k9'}"))).isFalse();
    }

    private static JobSummary job(JobType type, String rawConfig) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("job_id", "j").put("status", "Completed")
                .put("type", type.value()).put("created_at", "2026-02-27T23:11:39.787917").put("raw_config", rawConfig);
        return JsonCodec.standard().decode(json, JobSummary.class);
    }
}
