package io.reductor.samples.tour;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobStatus;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.junit.WithReductoSimulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@WithReductoSimulator
class WebhooksTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void theProgramReceivesTheWebhookOfItsJob() {
        Webhooks.Received received = Webhooks.run(new String[0], Map.of(), out);

        assertThat(received.notification().jobId()).isEqualTo(received.job().jobId());
        assertThat(received.notification().status()).isEqualTo("Completed");
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("Webhooks: no REDUCTO_API_KEY set")
                .contains("webhook: status Completed, job_id " + received.job().jobId()
                        + ", metadata {\"order\":\"PO-7731\",\"customer\":\"Globex\"}");
    }

    @Test
    void theWebhookCarriesTheJobIdAndMetadataAndTheReceiverStops(ReductoClient client, ReductoSimulator simulator)
            throws IOException {
        DocumentInput invoice = DocumentInput.fileId(simulator.uploadDocument("invoice.pdf",
                Tour.bytes("invoice-acme-1042.pdf")));
        JsonNode metadata = JsonCodec.standard().readTree("{\"tenant\": 7, \"tags\": [\"q1\", \"invoices\"]}");

        Webhooks.Received received = Webhooks.submitAndReceive(client, invoice, metadata, 0, null, out)
                .block(WAIT);

        assertThat(received.notification().jobId()).isEqualTo(received.job().jobId());
        assertThat(received.notification().status()).isEqualTo(JobStatus.COMPLETED.value());
        assertThat(received.notification().metadata()).isEqualTo(metadata);
        assertThat(client.getJob(received.job().jobId()).block(WAIT).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(simulator.counters().webhookDeliveries()).isGreaterThanOrEqualTo(1);
        Matcher url = Pattern.compile("its webhook goes to http://127\\.0\\.0\\.1:(\\d+)/reducto-webhook")
                .matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(url.find()).isTrue();
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(url.group(1)))); // the receiver stopped
        }
    }
}
