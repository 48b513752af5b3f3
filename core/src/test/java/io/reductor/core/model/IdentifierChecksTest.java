package io.reductor.core.model;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.GetJobRequest;
import io.reductor.core.model.pipeline.PipelineRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ids that are blank or carry stray whitespace never leave the client: they fail where they are built, with a message
 * that names the field and shows the value in quotes (Reducto's own troubleshooting starts with "verify the Pipeline
 * ID is copied correctly (no extra spaces or missing characters)").
 */
class IdentifierChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " invoices ", "invoices ", "\tinvoices", "invoices\n"})
    void aBlankOrPaddedPipelineIdFailsAtBuild(String id) {
        PipelineRequest.Builder builder = PipelineRequest.builder()
                .input(DocumentInput.url("https://example.com/a.pdf")).pipelineId(id);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PipelineRequest.pipelineId")
                .hasMessageContaining("\"" + id + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", " job-1", "job-1 "})
    void aBlankOrPaddedJobIdFails(String id) {
        assertThatThrownBy(() -> GetJobRequest.of(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GetJobRequest.jobId").hasMessageContaining("\"" + id + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {" reducto://a.pdf", "reducto://a.pdf ", "reducto://a.pdf\n"})
    void aPaddedFileIdFails(String id) {
        assertThatThrownBy(() -> DocumentInput.fileId(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fileId").hasMessageContaining("\"" + id + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {" job-1", "job-1 ", "jobid://job-1 "})
    void aPaddedJobReferenceFails(String id) {
        assertThatThrownBy(() -> DocumentInput.jobReference(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jobId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"invoices", "0f3c9a2e-1b4d-4e8a-9c7f-2d6b8e1a5c3f", "pipe line"})
    void wellFormedIdsStillBuild(String id) {
        assertThat(PipelineRequest.builder().input(DocumentInput.url("https://example.com/a.pdf")).pipelineId(id)
                .build().pipelineId()).isEqualTo(id);
        assertThat(GetJobRequest.of(id).jobId()).isEqualTo(id);
    }
}
