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
import io.reductor.core.model.split.SplitResult;
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

    /** The first split having no pages says nothing: a later split's pages decide. */
    @Test
    void deepSplitWhoseFirstSplitHasNoPagesIsADeepSplit() {
        SplitOutput output = CODEC.decode("{\"splits\":[{\"name\":\"empty\",\"pages\":[]},{\"name\":\"b\","
                + "\"pages\":[{\"page_number\":2,\"evidence\":\"e\"}]}]}", SplitOutput.class);

        assertThat(output).isInstanceOf(DeepSplitResult.class);
        assertThat(((DeepSplitResult) output).splits().get(1).pages().get(0).pageNumber()).isEqualTo(2);
    }

    /** Without a single page, section_mapping (required in a plain split, absent from a deep one) decides. */
    @Test
    void withoutAnyPageTheSectionMappingDecides() {
        assertThat(CODEC.decode("{\"splits\":[{\"name\":\"a\",\"pages\":[]}]}", SplitOutput.class))
                .isInstanceOf(DeepSplitResult.class);
        assertThat(CODEC.decode("{\"section_mapping\":{\"a\":[]},\"splits\":[{\"name\":\"a\",\"pages\":[]}]}",
                SplitOutput.class)).isInstanceOf(SplitResult.class);
    }

    /** A partition's pages decide when the split's own list is empty. */
    @Test
    void aPartitionsPagesDecideWhenTheSplitHasNone() {
        SplitOutput output = CODEC.decode("{\"section_mapping\":{},\"splits\":[{\"name\":\"a\",\"pages\":[],"
                + "\"partitions\":[{\"name\":\"p\",\"pages\":[3]}]}]}", SplitOutput.class);

        assertThat(output).isInstanceOf(SplitResult.class);
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
        CitedExtractResponse absent = CODEC.decode("{\"result\":1}", CitedExtractResponse.class);
        CitedExtractResponse explicitNull = CODEC.decode("{\"result\":1,\"citations\":null}",
                CitedExtractResponse.class);

        assertThat(absent.citations()).isNull();
        assertThat(explicitNull.citations().isNull()).isTrue();
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
