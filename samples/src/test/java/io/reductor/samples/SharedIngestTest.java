package io.reductor.samples;

import io.reductor.testkit.RedisServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scaled-out sample on a real redis-server: two ingest instances and one webhook receiver finish every document
 * with one job each, every await ended by a webhook the receiver published (one check a job), and bad arguments get
 * exit status 2 with the usage line.
 */
class SharedIngestTest {

    @Test
    void twoInstancesAndOneReceiverFinishEveryDocumentWithOneCheckAJob() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SharedIngest sample = new SharedIngest(new PrintStream(printed, true, StandardCharsets.UTF_8));
        SharedIngest.RunReport report;
        try (RedisServer redis = RedisServer.start()) {
            report = sample.run(SharedIngest.Options.parse(new String[] {"--documents", "40", "--concurrency", "8"}),
                    redis.uri());
        }

        assertThat(report.instances()).hasSize(2).allSatisfy(instance -> {
            assertThat(instance.documents()).isEqualTo(20);
            assertThat(instance.completed()).isEqualTo(20);
        });
        assertThat(report.jobs()).as("one job a document").isEqualTo(40);
        assertThat(report.webhooksPublished()).isEqualTo(40);
        assertThat(report.jobChecks()).as("each await ended by the webhook, then one check").isEqualTo(40);
    }

    @Test
    void badArgumentsExitWithTheUsage() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = new SharedIngest(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(new String[] {"--instances", "none"});

        assertThat(status).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("--instances needs a whole number above 0, not none").contains("usage: SharedIngest");
    }
}
