package example;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import io.reductor.testkit.ReductoSimulator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A first parse, written the way README's Installation and tour show it, against the embedded simulator. */
class FirstParseTest {

    @Test
    void uploadsAndParsesADocument() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            ReductoClient client = ReductoClient.builder()
                    .apiKey(simulator.apiKey())
                    .baseUrl(simulator.baseUrl())
                    .build();
            byte[] text = "Invoice 1042\nTotal due: 120.00 EUR\n".getBytes(StandardCharsets.UTF_8);

            ParseResponse parsed = client.upload(UploadSource.of(text, "invoice.txt"))
                    .flatMap(upload -> client.parse().run(ParseRequest.builder()
                            .input(DocumentInput.fileId(upload.fileId()))
                            .build()))
                    .map(RunResult::response)
                    .block();

            assertEquals(1, parsed.usage().numPages());
            assertTrue(parsed.toString().contains("Total due: 120.00 EUR"), parsed::toString);
            client.close();
        }
    }
}
