package io.reductor.samples.tour;

import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseChunk;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.junit.WithReductoSimulator;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithReductoSimulator
class UploadAndParseTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void theProgramUploadsAndParsesTheBundledInvoiceOnTheSimulator() {
        ParseResponse parsed = UploadAndParse.run(new String[0], Map.of(), out);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output.lines().findFirst()).get().asString().startsWith(
                "UploadAndParse: no REDUCTO_API_KEY set, so running against the embedded Reducto simulator");
        assertThat(output).contains("(100 %)").contains("parsed 1 page(s):").contains("Invoice 1042")
                .contains("Total due: 52.92 USD");
        assertThat(text(parsed)).contains("Invoice 1042");
    }

    @Test
    void aGeneratedPdfComesBackAsItsText(ReductoClient client, ReductoSimulator simulator, @TempDir Path folder)
            throws IOException {
        Path pdf = folder.resolve("memo.pdf");
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("Quarterly memo: revenue grew 12 percent");
                content.endText();
            }
            document.save(pdf.toFile());
        }

        ParseResponse parsed = UploadAndParse.uploadAndParse(client, UploadSource.of(pdf), out)
                .block(Duration.ofSeconds(30));

        assertThat(text(parsed)).contains("Quarterly memo: revenue grew 12 percent");
        assertThat(parsed.usage().numPages()).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("(100 %)")
                .contains("Quarterly memo: revenue grew 12 percent");
        assertThat(simulator.counters().requests("POST /upload")).isEqualTo(1);
    }

    private static String text(ParseResponse parsed) {
        assertThat(parsed.result()).isInstanceOf(FullResult.class);
        return String.join("\n", ((FullResult) parsed.result()).chunks().stream().map(ParseChunk::content).toList());
    }
}
