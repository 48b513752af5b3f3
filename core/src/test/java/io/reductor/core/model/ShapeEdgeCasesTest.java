package io.reductor.core.model;

import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.DirectWebhookConfig;
import io.reductor.core.model.common.ParseUsage;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.extract.CitedExtractResponse;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.split.DeepSplitResult;
import io.reductor.core.model.split.SplitOutput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shapes at the edges of the unions and of null handling, each once decoded wrongly. */
class ShapeEdgeCasesTest {

    private static final JsonCodec CODEC = JsonCodec.standard();

    @Test
    void deepSplitWithAnExplicitNullSectionMappingIsADeepSplit() {
        SplitOutput output = CODEC.decode("{\"section_mapping\":null,\"splits\":[{\"name\":\"a\","
                + "\"pages\":[{\"page_number\":1,\"evidence\":\"e\"}]}]}", SplitOutput.class);

        assertThat(output).isInstanceOf(DeepSplitResult.class);
        assertThat(((DeepSplitResult) output).splits().get(0).pages().get(0).pageNumber()).isEqualTo(1);
    }

    @Test
    void citedExtractWhoseFieldsAreNamedLikePipelineStepsIsNotAPipeline() {
        JobResponse job = CODEC.decode("{\"status\":\"Completed\",\"result\":{\"result\":{\"split\":"
                + "{\"value\":1,\"citations\":[]}},\"usage\":{\"num_pages\":1}}}", JobResponse.class);

        assertThat(job.result()).isInstanceOf(JobResult.CitedExtract.class);
        CitedExtractResponse response = ((JobResult.CitedExtract) job.result()).response();
        assertThat(response.result().path("split").path("value").asInt()).isEqualTo(1);
    }

    @Test
    void absentRawJsonFieldStaysAbsentAndExplicitNullStaysNull() {
        CitedExtractResponse absent = CODEC.decode("{}", CitedExtractResponse.class);
        CitedExtractResponse explicitNull = CODEC.decode("{\"result\":null}", CitedExtractResponse.class);

        assertThat(absent.result()).isNull();
        assertThat(explicitNull.result().isNull()).isTrue();
        assertThat(CODEC.decode(CODEC.encode(absent), CitedExtractResponse.class)).isEqualTo(absent);
        assertThat(CODEC.decode(CODEC.encode(explicitNull), CitedExtractResponse.class)).isEqualTo(explicitNull);
    }

    @Test
    void nullsInsideMapsAreWrittenBack() {
        String json = "{\"num_pages\":1,\"credit_breakdown\":{\"page\":null,\"x\":1.0}}";

        assertThat(CODEC.toTree(CODEC.decode(json, ParseUsage.class))).isEqualTo(CODEC.readTree(json));
    }

    @Test
    void webhookWithANullModeIsReadLikeOneWithoutAMode() {
        assertThat(CODEC.decode("{\"mode\":null,\"url\":\"https://example.com/hook\"}", WebhookConfig.class))
                .isInstanceOf(DirectWebhookConfig.class);
    }

    @Test
    void blankJobReferencesAreRefused() {
        assertThatThrownBy(() -> DocumentInput.jobReference(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobid://<job id>");
        assertThatThrownBy(() -> DocumentInput.jobReference("jobid:// "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
