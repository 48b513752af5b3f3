package io.reductor.samples.tour;

import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.parse.FullResult;
import io.reductor.reactor.AwaitOptions;
import io.reductor.reactor.JobUpdate;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.junit.ReductoSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitCompletionTest {

    /** Slow enough that every status lasts a while: the long polls see each change. */
    @RegisterExtension
    static final ReductoSimulatorExtension SIMULATOR = ReductoSimulatorExtension.configured(builder -> builder
            .processingTimePerPage(Duration.ofMillis(100)).queueTime(Duration.ofMillis(200)));

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<JobStatus> LIFECYCLE = List.of(JobStatus.PENDING, JobStatus.IN_PROGRESS,
            JobStatus.COMPLETING, JobStatus.COMPLETED);

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void theProgramPrintsEachStatusAndTheResult() {
        JobUpdate last = AwaitCompletion.run(Map.of(), out);

        assertThat(last.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("AwaitCompletion: no REDUCTO_API_KEY set")
                .contains("started job " + last.jobId()).contains("status Completed");
    }

    @Test
    void statusTransitionsAdvanceAndEndCompletedWithTheParsedText(ReductoClient client, ReductoSimulator simulator) {
        String invoice = simulator.uploadDocument("invoice.pdf", Tour.bytes("invoice-acme-1042.pdf"));

        List<JobUpdate> updates = AwaitCompletion.parseAndAwait(client, DocumentInput.fileId(invoice),
                AwaitOptions.defaults().withTimeout(WAIT), out).collectList().block(WAIT);

        List<JobStatus> statuses = updates.stream().map(JobUpdate::status).toList();
        assertThat(statuses).last().isEqualTo(JobStatus.COMPLETED);
        assertThat(statuses).as("each a change, in lifecycle order").isSubsetOf(LIFECYCLE)
                .isSortedAccordingTo((a, b) -> Integer.compare(LIFECYCLE.indexOf(a), LIFECYCLE.indexOf(b)))
                .doesNotHaveDuplicates();
        assertThat(statuses.size()).as("the slow job shows its transitions").isGreaterThan(1);
        JobResult result = updates.get(updates.size() - 1).result().orElseThrow();
        assertThat(((FullResult) ((JobResult.Parse) result).response().result()).chunks().get(0).content())
                .contains("Total due: 52.92 USD");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("status Completed").contains("Invoice 1042");
    }

    @Test
    void aWaitLongerThanTheTimeoutFailsAndTheJobKeepsRunning() {
        try (ReductoSimulator slow = ReductoSimulator.builder().processingTimePerPage(Duration.ofMinutes(10)).start()) {
            ReductoClient client = ReductoClient.builder().apiKey(slow.apiKey()).baseUrl(slow.baseUrl()).build();
            String invoice = slow.uploadDocument("invoice.pdf", Tour.bytes("invoice-acme-1042.pdf"));

            assertThatThrownBy(() -> AwaitCompletion.parseAndAwait(client, DocumentInput.fileId(invoice),
                    AwaitOptions.defaults().withTimeout(Duration.ofMillis(300)), out).blockLast(WAIT))
                    .isInstanceOfSatisfying(ReductoTimeoutException.class,
                            e -> assertThat(e.kind()).isEqualTo(ReductoTimeoutException.Kind.TOTAL));

            JobSummary job = client.jobs().blockFirst(WAIT);
            assertThat(job.status().isTerminal()).isFalse();
        }
    }
}
