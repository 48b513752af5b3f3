package io.reductor.testkit;

import io.reductor.core.model.common.BlockType;
import io.reductor.core.model.common.ChunkMode;
import io.reductor.core.model.common.Confidence;
import io.reductor.core.model.common.PageRange;
import io.reductor.core.model.common.PageSelection;
import io.reductor.core.model.common.ParseUsage;
import io.reductor.core.model.parse.ChunkingOptions;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.GranularConfidence;
import io.reductor.core.model.parse.OcrLine;
import io.reductor.core.model.parse.OcrResult;
import io.reductor.core.model.parse.OcrWord;
import io.reductor.core.model.parse.ParseBlock;
import io.reductor.core.model.parse.ParseChunk;
import io.reductor.core.model.parse.ParseOptions;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.common.BoundingBox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Builds parse results from layout blocks: chunks by {@code retrieval.chunking.chunk_mode} (disabled by default: one
 * chunk; variable: about {@code chunk_size} characters, 1000 by default, breaking at headings; section, page,
 * page_sections, block), {@code filter_blocks} applied to {@code content} and {@code embed}, OCR words and lines when
 * {@code settings.return_ocr_data} asks, and page selection by {@code settings.page_range}.
 */
final class ParseEngine {

    static final int DEFAULT_CHUNK_SIZE = 1000;

    private ParseEngine() {
    }

    /** The parse options of a parse request, in the shape extract and split requests carry them. */
    static ParseOptions options(ParseRequest request) {
        return ParseOptions.builder().enhance(request.enhance()).retrieval(request.retrieval())
                .formatting(request.formatting()).spreadsheet(request.spreadsheet()).settings(request.settings())
                .build();
    }

    /** The PDF password {@code options} give, or {@code null}. */
    static String password(ParseOptions options) {
        return options == null || options.settings() == null ? null : options.settings().documentPassword();
    }

    /** The pages {@code options} select, by source page number; all when there is no selection. */
    static IntPredicate pageFilter(ParseOptions options) {
        PageSelection selection = options == null || options.settings() == null ? null
                : options.settings().pageRange();
        return pageFilter(selection);
    }

    /** The pages a selection keeps, by source page number; all for {@code null} or a sheet selection. */
    static IntPredicate pageFilter(PageSelection selection) {
        if (selection instanceof PageSelection.Range range) {
            return inRange(range.range());
        }
        if (selection instanceof PageSelection.Ranges ranges) {
            return page -> ranges.ranges().stream().anyMatch(r -> inRange(r).test(page));
        }
        if (selection instanceof PageSelection.Pages pages) {
            Set<Integer> set = new HashSet<>(pages.pages());
            return set::contains;
        }
        return page -> true;
    }

    private static IntPredicate inRange(PageRange range) {
        int start = range.start() == null ? 1 : range.start();
        int end = range.end() == null ? Integer.MAX_VALUE : range.end();
        return page -> page >= start && page <= end;
    }

    /** The full result of parsing {@code document} (already page-selected) with {@code options}. */
    static FullResult fullResult(DocumentText document, List<Block> blocks, ParseOptions options) {
        ChunkingOptions chunking = options == null || options.retrieval() == null ? null
                : options.retrieval().chunking();
        ChunkMode mode = chunking == null || chunking.chunkMode() == null ? ChunkMode.DISABLED : chunking.chunkMode();
        int size = chunking == null || chunking.chunkSize() == null || chunking.chunkSize() < 1 ? DEFAULT_CHUNK_SIZE
                : chunking.chunkSize();
        Set<String> filtered = new HashSet<>();
        if (options != null && options.retrieval() != null) {
            if (options.retrieval().filterBlocks() != null) {
                options.retrieval().filterBlocks().forEach(type -> filtered.add(type.value()));
            }
        }
        List<ParseChunk> chunks = new ArrayList<>();
        for (List<Block> group : group(blocks, mode, size)) {
            chunks.add(chunk(group, filtered));
        }
        boolean ocr = options != null && options.settings() != null
                && Boolean.TRUE.equals(options.settings().returnOcrData());
        return new FullResult("full", chunks, ocr ? ocr(document) : null, null, Map.of());
    }

    /** Usage of a job over {@code pages} pages at {@code creditsPerPage}. */
    static ParseUsage usage(int pages, double creditsPerPage) {
        return ParseUsage.builder().numPages(pages).credits(pages * creditsPerPage).build();
    }

    private static List<List<Block>> group(List<Block> blocks, ChunkMode mode, int size) {
        List<List<Block>> groups = new ArrayList<>();
        List<Block> current = new ArrayList<>();
        int length = 0;
        Block previous = null;
        for (Block block : blocks) {
            boolean heading = isHeading(block);
            boolean newPage = previous != null && previous.page() != block.page();
            boolean split;
            if (mode.equals(ChunkMode.BLOCK)) {
                split = true;
            } else if (mode.equals(ChunkMode.PAGE)) {
                split = newPage;
            } else if (mode.equals(ChunkMode.SECTION)) {
                split = heading;
            } else if (mode.equals(ChunkMode.PAGE_SECTIONS)) {
                split = newPage || heading;
            } else if (mode.equals(ChunkMode.VARIABLE)) {
                split = length >= size || (heading && length >= Math.min(250, size / 2));
            } else {
                split = false; // disabled, or a mode this simulator does not know
            }
            if (split && !current.isEmpty()) {
                groups.add(current);
                current = new ArrayList<>();
                length = 0;
            }
            current.add(block);
            length += block.content().length();
            previous = block;
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private static boolean isHeading(Block block) {
        return block.type().equals(BlockType.TITLE) || block.type().equals(BlockType.SECTION_HEADER);
    }

    private static ParseChunk chunk(List<Block> group, Set<String> filtered) {
        StringBuilder content = new StringBuilder();
        List<ParseBlock> parseBlocks = new ArrayList<>(group.size());
        for (Block block : group) {
            parseBlocks.add(ParseBlock.builder().type(block.type()).bbox(block.bbox()).content(block.content())
                    .confidence(Confidence.HIGH)
                    .granularConfidence(GranularConfidence.builder().parseConfidence(0.99).build())
                    .build());
            if (filtered.contains(block.type().value())) {
                continue;
            }
            if (content.length() > 0) {
                content.append("\n\n");
            }
            content.append(markdown(block));
        }
        String text = content.toString();
        return new ParseChunk(text, text, null, false, parseBlocks, Map.of());
    }

    /** A block as chunk content: headings in Markdown, other blocks as they are. */
    static String markdown(Block block) {
        if (block.type().equals(BlockType.TITLE)) {
            return "# " + block.content();
        }
        if (block.type().equals(BlockType.SECTION_HEADER)) {
            return "## " + block.content();
        }
        return block.content();
    }

    private static OcrResult ocr(DocumentText document) {
        List<OcrWord> words = new ArrayList<>();
        List<OcrLine> lines = new ArrayList<>();
        for (int p = 0; p < document.pages().size(); p++) {
            DocumentText.Page page = document.pages().get(p);
            for (DocumentText.Line line : page.lines()) {
                lines.add(OcrLine.builder().text(line.text()).bbox(box(line.left(), line.top(), line.width(),
                        line.height(), p + 1, page.number())).confidence(0.99).build());
                String[] tokens = line.text().split(" ");
                double perChar = line.text().isEmpty() ? 0 : line.width() / line.text().length();
                double x = line.left();
                for (String token : tokens) {
                    if (!token.isEmpty()) {
                        words.add(OcrWord.builder().text(token).bbox(box(x, line.top(), perChar * token.length(),
                                line.height(), p + 1, page.number())).confidence(0.99).build());
                    }
                    x += perChar * (token.length() + 1);
                }
            }
        }
        return OcrResult.builder().words(words).lines(lines).build();
    }

    private static BoundingBox box(double left, double top, double width, double height, int page, int original) {
        return BoundingBox.builder().left(round(left)).top(round(top)).width(round(width)).height(round(height))
                .page(page).originalPage(original).build();
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
