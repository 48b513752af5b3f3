package io.reductor.samples.tour;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.UrlResult;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.junit.ReductoSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LargeResultsTest {

    @RegisterExtension
    static final ReductoSimulatorExtension SIMULATOR = ReductoSimulatorExtension.configured(builder -> builder
            .urlResultThreshold(1_000));

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void theProgramDownloadsTheUrlResultBothWays() {
        FullResult result = LargeResults.run(Map.of(), out);

        assertThat(result.chunks().get(0).content()).contains("Total due: 52.92 USD");
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("LargeResults: no REDUCTO_API_KEY set")
                .contains("the result came as a URL (result ").contains("resolve(): 1 chunk(s)")
                .contains("resolveUrlResults(true): 1 chunk(s)");
    }

    @Test
    void aUrlResultBecomesTheFullResult(ReductoClient client, ReductoSimulator simulator) {
        DocumentInput invoice = DocumentInput.fileId(simulator.uploadDocument("invoice.pdf",
                Tour.bytes("invoice-acme-1042.pdf")));
        ParseResponse plain = client.parse().run(ParseRequest.builder().input(invoice).build()).block(WAIT)
                .response();
        assertThat(plain.result()).as("over the threshold: a link").isInstanceOf(UrlResult.class);

        FullResult resolved = LargeResults.parseAndResolve(client, invoice, out).block(WAIT);

        assertThat(resolved.chunks().get(0).content()).contains("Invoice 1042").contains("Total due: 52.92 USD");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("; downloading it");
    }

    @Test
    void aResolvingClientGivesFullResultsFromJobsToo(ReductoSimulator simulator) {
        ReductoClient resolving = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                .resolveUrlResults(true).build();
        DocumentInput invoice = DocumentInput.fileId(simulator.uploadDocument("invoice.pdf",
                Tour.bytes("invoice-acme-1042.pdf")));

        FullResult viaJob = LargeResults.parseWithResolvingClient(resolving, invoice, out).block(WAIT);
        ParseResponse viaRun = resolving.parse().run(ParseRequest.builder().input(invoice).build()).block(WAIT)
                .response();

        assertThat(viaJob.chunks().get(0).content()).contains("Total due: 52.92 USD");
        assertThat(viaRun.result()).isInstanceOf(FullResult.class).isEqualTo(viaJob);
        String jobId = viaRun.jobId();
        assertThat(resolving.getJob(jobId).block(WAIT).result())
                .isInstanceOfSatisfying(JobResult.Parse.class,
                        parse -> assertThat(parse.response().result()).isInstanceOf(FullResult.class));
    }
}
