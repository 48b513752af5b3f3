package io.reductor.testkit;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.reactor.ReductoClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A deployed pipeline's execution log: its jobs only, newest first, paged on demand. */
class PipelineExecutionsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ReductoSimulator simulator;
    private ReductoClient client;

    @BeforeEach
    void start() {
        simulator = ReductoSimulator.start();
        client = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl()).build();
        simulator.registerPipeline("k9-invoices", PipelineDefinition.parseOnly());
        simulator.registerPipeline("k9-invoices-eu", PipelineDefinition.parseOnly());
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void listsThePipelinesJobsNewestFirstAndNothingElse() {
        String document = simulator.uploadDocument("a.txt", "Invoice 7".getBytes(StandardCharsets.UTF_8));
        List<String> ours = new ArrayList<>();
        ours.add(submitPipeline("k9-invoices", document));
        submitPipeline("k9-invoices-eu", document);
        ours.add(submitPipeline("k9-invoices", document));
        client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(document)).build()).block(WAIT);
        ours.add(submitPipeline("k9-invoices", document));

        List<JobSummary> executions = client.pipeline().executions("k9-invoices").collectList().block(WAIT);

        assertThat(executions).extracting(JobSummary::jobId).containsExactlyElementsOf(reversed(ours));
        assertThat(executions).allSatisfy(job -> assertThat(job.type()).isEqualTo(JobType.PIPELINE));
    }

    @Test
    void pagesOnlyAsFarAsTheCallerReads() {
        String document = simulator.uploadDocument("a.txt", "Invoice 7".getBytes(StandardCharsets.UTF_8));
        simulator.seedCompletedJobs(250);
        String newest = submitPipeline("k9-invoices", document);
        long before = simulator.counters().requests("GET /jobs");

        List<JobSummary> first = client.pipeline().executions("k9-invoices").take(1).collectList().block(WAIT);

        assertThat(first).extracting(JobSummary::jobId).containsExactly(newest);
        assertThat(simulator.counters().requests("GET /jobs") - before).as("one page was enough").isEqualTo(1);
    }

    @Test
    void aPaddedOrBlankIdFailsAtTheCallWithoutARequest() {
        assertThatThrownBy(() -> client.pipeline().executions(" k9-invoices"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pipelineId")
                .hasMessageContaining("\" k9-invoices\"");
        assertThatThrownBy(() -> client.pipeline().executions(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThat(simulator.counters().requests("GET /jobs")).isZero();
    }

    private String submitPipeline(String pipelineId, String document) {
        return client.pipeline().runJob(PipelineRequest.builder().input(DocumentInput.fileId(document))
                .pipelineId(pipelineId).build()).block(WAIT).jobId();
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
