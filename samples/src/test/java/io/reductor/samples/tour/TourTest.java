package io.reductor.samples.tour;

import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.junit.WithReductoSimulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The samples' other branch: with {@code REDUCTO_API_KEY} set they use the configured service instead of starting a
 * simulator. A simulator stands in for the real API here, through {@code REDUCTO_BASE_URL}.
 */
@WithReductoSimulator
class TourTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private static Map<String, String> environment(ReductoSimulator service) {
        return Map.of(ReductoClient.API_KEY_VARIABLE, service.apiKey(),
                ReductoClient.BASE_URL_VARIABLE, service.baseUrl());
    }

    @Test
    void withAnApiKeyTheSamplesUseTheConfiguredServiceAndStartNoSimulator(ReductoSimulator service) {
        ParseResponse parsed = UploadAndParse.run(new String[0], environment(service), out);

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith("UploadAndParse against " + service.baseUrl() + "\n")
                .doesNotContain("embedded");
        assertThat(((FullResult) parsed.result()).chunks().get(0).content()).contains("Invoice 1042");
        assertThat(service.counters().requests("POST /parse")).isEqualTo(1);
    }

    @Test
    void thePipelineIdComesFromTheArguments(ReductoSimulator service) {
        service.registerPipeline("studio-pipeline", PipelineRunVsRunJob.invoicePipeline());

        PipelineRunVsRunJob.BothWays both = PipelineRunVsRunJob.run(new String[] {"studio-pipeline"},
                environment(service), out);

        assertThat(PipelineRunVsRunJob.withoutRunDetails(both.run()))
                .isEqualTo(PipelineRunVsRunJob.withoutRunDetails(both.job()));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("same data: true");
    }

    @Test
    void listingAnAccountWithoutJobsShowsOneEmptyPage() {
        try (ReductoSimulator empty = ReductoSimulator.start()) {
            ListJobs.run(environment(empty), out);

            assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("recent job")
                    .contains("first page: [], the last").doesNotContain("next page");
            assertThat(empty.counters().jobsCreated()).isZero();
        }
    }

    @Test
    void webhooksFromTheRealServiceNeedAPublicUrl(ReductoSimulator service) {
        assertThat(Webhooks.run(new String[0], environment(service), out)).isNull();

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Give the public URL");
        assertThat(service.counters().jobsCreated()).isZero();
    }
}
