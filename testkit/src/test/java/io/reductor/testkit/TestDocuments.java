package io.reductor.testkit;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** PDFs made with PDFBox for the tests: each page a list of lines, an empty line leaving a paragraph gap. */
final class TestDocuments {

    /** A two-page invoice: billing details on page 1, terms on page 2. */
    static final List<List<String>> INVOICE = List.of(
            List.of("ACME Corporation Invoice",
                    "",
                    "Invoice Number: INV-2024-001",
                    "Invoice Date: 2024-03-15",
                    "Total Due: $1,575.00",
                    "",
                    "Thank you for your business. Payment is due",
                    "within 30 days of the invoice date."),
            List.of("Terms and Conditions",
                    "",
                    "All disputes are subject to the laws of the State of Delaware.",
                    "This agreement is binding on both parties.",
                    "",
                    "Signature of the contracting parties is required."));

    private TestDocuments() {
    }

    static byte[] invoicePdf() {
        return pdf(INVOICE);
    }

    static byte[] pdf(List<List<String>> pages) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDFont font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> lines : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    float y = 720;
                    for (String line : lines) {
                        if (line.isEmpty()) {
                            y -= 18;
                            continue;
                        }
                        content.beginText();
                        content.setFont(font, 12);
                        content.newLineAtOffset(72, y);
                        content.showText(line);
                        content.endText();
                        y -= 15;
                    }
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
