package io.reductor.samples.tour;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.junit.WithReductoSimulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithReductoSimulator
class PipelineRunVsRunJobTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void theProgramShowsBothWaysGiveTheSameData() {
        PipelineRunVsRunJob.BothWays both = PipelineRunVsRunJob.run(new String[0], Map.of(), out);

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith("PipelineRunVsRunJob: no REDUCTO_API_KEY set")
                .contains("run()    extracted [{\"invoice_date\":\"2026-03-14\"")
                .contains("same data: true")
                .contains("execution log of " + PipelineRunVsRunJob.PIPELINE + " (newest first):")
                .containsPattern("\n  \\S+  " + both.job().jobId() + "  Completed");
        assertThat(both.run().jobId()).isNotEqualTo(both.job().jobId());
    }

    @Test
    void runAndRunJobGiveTheSameChunksAndExtractedValues(ReductoClient client, ReductoSimulator simulator) {
        simulator.registerPipeline(PipelineRunVsRunJob.PIPELINE, PipelineRunVsRunJob.invoicePipeline());
        String invoice = simulator.uploadDocument("invoice.pdf", Tour.bytes("invoice-acme-1042.pdf"));
        PipelineRequest request = PipelineRequest.builder().input(DocumentInput.fileId(invoice))
                .pipelineId(PipelineRunVsRunJob.PIPELINE).build();

        PipelineRunVsRunJob.BothWays both = PipelineRunVsRunJob.runBothWays(client, request)
                .block(Duration.ofSeconds(30));

        JsonNode run = PipelineRunVsRunJob.withoutRunDetails(both.run());
        assertThat(run).isEqualTo(PipelineRunVsRunJob.withoutRunDetails(both.job()));
        assertThat(run.path("parse").path("result").path("chunks").get(0).path("content").asText())
                .contains("Invoice 1042").contains("Total due: 52.92 USD");
        JsonNode extracted = run.path("extract").path("result").get(0);
        assertThat(extracted.path("invoice_date").asText()).isEqualTo("2026-03-14");
        assertThat(extracted.path("bill_to").asText()).isEqualTo("Globex Ltd, 42 Harbour Road, Shelbyville");
        assertThat(extracted.path("total_due").asDouble()).isEqualTo(52.92);
        assertThat(simulator.counters().requests("POST /pipeline")).isEqualTo(1);
        assertThat(simulator.counters().requests("POST /pipeline_async")).isEqualTo(1);
    }
}
