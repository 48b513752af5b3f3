package io.reductor.testkit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the text of a document: a PDF with Apache PDFBox (lines with their real positions), or a plain-text file
 * (form feeds or every {@value #TEXT_LINES_PER_PAGE} lines start a page; lines are stacked evenly down the page).
 * Blocking and CPU-heavy (PDFBox may read fonts from disk): call it on a thread that may block, never on an event loop.
 */
final class DocumentReader {

    static final int TEXT_LINES_PER_PAGE = 50;
    private static final double MARGIN = 0.06;

    private DocumentReader() {
    }

    /** Why a document could not be read; {@code passwordProtected} maps to status 442. */
    static final class UnreadableDocumentException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean passwordProtected;

        UnreadableDocumentException(String message, boolean passwordProtected) {
            super(message, null, false, false);
            this.passwordProtected = passwordProtected;
        }

        boolean passwordProtected() {
            return passwordProtected;
        }
    }

    /**
     * Reads a document.
     *
     * @param bytes    the document
     * @param name     its file name or URL, for the file type when the content does not tell
     * @param password the PDF password, or {@code null}
     */
    static DocumentText read(byte[] bytes, String name, String password) throws UnreadableDocumentException {
        if (isPdf(bytes)) {
            return readPdf(bytes, password);
        }
        String text = utf8(bytes);
        if (text == null) {
            String type = extension(name);
            throw new UnreadableDocumentException("Unsupported file type" + (type.isEmpty() ? "" : " ." + type)
                    + ": the simulator reads PDF and plain-text documents", false);
        }
        return readText(text);
    }

    static boolean isPdf(byte[] bytes) {
        int limit = Math.min(bytes.length - 4, 1024);
        for (int i = 0; i < limit; i++) {
            if (bytes[i] == '%' && bytes[i + 1] == 'P' && bytes[i + 2] == 'D' && bytes[i + 3] == 'F') {
                return true;
            }
        }
        return false;
    }

    private static String utf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String extension(String name) {
        if (name == null) {
            return "";
        }
        String path = name.replaceFirst("[?#].*$", "");
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        return dot > slash && dot >= 0 ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    // ---------------------------------------------------------------------------------------------------- text

    static DocumentText readText(String text) {
        List<DocumentText.Page> pages = new ArrayList<>();
        String[] formPages = text.replace("\r\n", "\n").replace('\r', '\n').split("\f", -1);
        for (String formPage : formPages) {
            List<String> lines = List.of(formPage.split("\n", -1));
            int from = 0;
            do {
                List<String> slice = lines.subList(from, Math.min(lines.size(), from + TEXT_LINES_PER_PAGE));
                pages.add(textPage(pages.size() + 1, slice));
                from += TEXT_LINES_PER_PAGE;
            } while (from < lines.size());
        }
        // a trailing newline or form feed does not make an empty last page
        while (pages.size() > 1 && pages.get(pages.size() - 1).lines().isEmpty()) {
            pages.remove(pages.size() - 1);
        }
        return new DocumentText(pages);
    }

    private static DocumentText.Page textPage(int number, List<String> rawLines) {
        double step = (1 - 2 * MARGIN) / TEXT_LINES_PER_PAGE;
        List<DocumentText.Line> lines = new ArrayList<>();
        boolean blankBefore = true;
        for (int i = 0; i < rawLines.size(); i++) {
            String raw = rawLines.get(i).stripTrailing();
            if (raw.isBlank()) {
                blankBefore = true;
                continue;
            }
            String stripped = raw.strip();
            double indent = Math.min(0.3, (raw.length() - raw.stripLeading().length()) * 0.01);
            double width = Math.min(1 - 2 * MARGIN - indent, stripped.length() * 0.0095);
            lines.add(new DocumentText.Line(stripped, round(MARGIN + indent), round(MARGIN + i * step), round(width),
                    round(step * 0.8), blankBefore));
            blankBefore = false;
        }
        return new DocumentText.Page(number, lines);
    }

    // ----------------------------------------------------------------------------------------------------- PDF

    private static DocumentText readPdf(byte[] bytes, String password) throws UnreadableDocumentException {
        try (PDDocument document = password == null ? Loader.loadPDF(bytes) : Loader.loadPDF(bytes, password)) {
            LineCollector collector = new LineCollector(document.getNumberOfPages());
            collector.setSortByPosition(true);
            collector.getText(document);
            return new DocumentText(collector.pages);
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException(password == null
                    ? "The document is password protected: give settings.document_password"
                    : "The document password is wrong", true);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableDocumentException("Could not read the PDF: " + e.getMessage(), false);
        }
    }

    /** Collects the lines PDFBox finds, with the union of their glyph boxes, page by page. */
    private static final class LineCollector extends PDFTextStripper {
        private final List<DocumentText.Page> pages = new ArrayList<>();
        private List<DocumentText.Line> lines = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private double left = Double.MAX_VALUE;
        private double top = Double.MAX_VALUE;
        private double right = -1;
        private double bottom = -1;
        private double pageWidth = 1;
        private double pageHeight = 1;
        private double lastBottom = -1;
        private double lastHeight;

        LineCollector(int pageCount) {
            ((ArrayList<DocumentText.Page>) pages).ensureCapacity(pageCount);
        }

        @Override
        protected void startPage(PDPage page) throws IOException {
            lines = new ArrayList<>();
            lastBottom = -1;
            super.startPage(page);
        }

        @Override
        protected void writeString(String string, List<TextPosition> positions) throws IOException {
            text.append(string);
            for (TextPosition p : positions) {
                pageWidth = p.getPageWidth() > 0 ? p.getPageWidth() : pageWidth;
                pageHeight = p.getPageHeight() > 0 ? p.getPageHeight() : pageHeight;
                double x = p.getXDirAdj();
                double baseline = p.getYDirAdj();
                double height = Math.max(p.getHeightDir(), 1);
                left = Math.min(left, x);
                right = Math.max(right, x + p.getWidthDirAdj());
                top = Math.min(top, baseline - height);
                bottom = Math.max(bottom, baseline);
            }
        }

        @Override
        protected void writeWordSeparator() throws IOException {
            text.append(' ');
        }

        @Override
        protected void writeLineSeparator() throws IOException {
            flushLine();
        }

        @Override
        protected void endPage(PDPage page) throws IOException {
            flushLine();
            pages.add(new DocumentText.Page(getCurrentPageNo(), lines));
            super.endPage(page);
        }

        private void flushLine() {
            String line = text.toString().strip();
            if (!line.isEmpty() && right >= 0) {
                double height = bottom - top;
                boolean paragraphStart = lastBottom < 0 || top - lastBottom > 1.6 * Math.max(height, lastHeight);
                lines.add(new DocumentText.Line(line, round(left / pageWidth), round(top / pageHeight),
                        round((right - left) / pageWidth), round(height / pageHeight), paragraphStart));
                lastBottom = bottom;
                lastHeight = height;
            }
            text.setLength(0);
            left = Double.MAX_VALUE;
            top = Double.MAX_VALUE;
            right = -1;
            bottom = -1;
        }
    }

    private static double round(double value) {
        return Math.round(Math.max(0, Math.min(1, value)) * 10000) / 10000.0;
    }
}
