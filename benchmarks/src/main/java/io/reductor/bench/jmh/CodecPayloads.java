package io.reductor.bench.jmh;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.BlockType;
import io.reductor.core.model.common.BoundingBox;
import io.reductor.core.model.common.ChunkMode;
import io.reductor.core.model.common.Confidence;
import io.reductor.core.model.common.DirectWebhookConfig;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.ExtractionMode;
import io.reductor.core.model.common.PageSelection;
import io.reductor.core.model.common.ParseUsage;
import io.reductor.core.model.common.QueuePriority;
import io.reductor.core.model.common.SvixWebhookConfig;
import io.reductor.core.model.common.TableFormat;
import io.reductor.core.model.parse.AgenticFigureOptions;
import io.reductor.core.model.parse.AgenticTableMode;
import io.reductor.core.model.parse.AgenticTableOptions;
import io.reductor.core.model.parse.AgenticTextOptions;
import io.reductor.core.model.parse.ChunkingOptions;
import io.reductor.core.model.parse.EnhanceOptions;
import io.reductor.core.model.parse.FormattingFeature;
import io.reductor.core.model.parse.FormattingOptions;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.GranularConfidence;
import io.reductor.core.model.parse.ImageType;
import io.reductor.core.model.parse.LargeTableSplitting;
import io.reductor.core.model.parse.OcrLine;
import io.reductor.core.model.parse.OcrResult;
import io.reductor.core.model.parse.OcrSystem;
import io.reductor.core.model.parse.OcrWord;
import io.reductor.core.model.parse.ParseBlock;
import io.reductor.core.model.parse.ParseChunk;
import io.reductor.core.model.parse.ParseMode;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.ParseSettings;
import io.reductor.core.model.parse.RetrievalOptions;
import io.reductor.core.model.parse.SpreadsheetClustering;
import io.reductor.core.model.parse.SpreadsheetExclusion;
import io.reductor.core.model.parse.SpreadsheetFeature;
import io.reductor.core.model.parse.SpreadsheetOptions;
import io.reductor.core.model.parse.TableSplitSize;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The payloads {@link CodecBenchmark} encodes and decodes, built with core's builders, the same on every run: a large
 * parse of a financial report and richly populated requests.
 */
final class CodecPayloads {

    private static final String[] WORDS = ("revenue total quarter fiscal year net income operating expenses assets "
            + "liabilities equity cash flow statement balance sheet note schedule interest tax deferred accrued "
            + "depreciation amortization segment customer contract lease obligation fair value measurement")
            .split(" ");

    private static final BlockType[] BLOCK_TYPES = {
            BlockType.TEXT, BlockType.TEXT, BlockType.TEXT, BlockType.SECTION_HEADER, BlockType.TABLE,
            BlockType.LIST_ITEM, BlockType.KEY_VALUE, BlockType.FIGURE, BlockType.HEADER, BlockType.FOOTER,
            BlockType.PAGE_NUMBER, BlockType.TITLE};

    private static final Confidence[] CONFIDENCES = {Confidence.HIGH, Confidence.HIGH, Confidence.MEDIUM,
            Confidence.LOW};

    private CodecPayloads() {
    }

    /** A deterministic parse of a {@code pages}-page financial report: what {@code return_ocr_data} brings back. */
    static ParseResponse parseResponse(int pages, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ParseChunk> chunks = new ArrayList<>();
        List<OcrWord> words = new ArrayList<>();
        List<OcrLine> lines = new ArrayList<>();
        for (int page = 1; page <= pages; page++) {
            for (int c = 0; c < 3; c++) {
                List<ParseBlock> blocks = new ArrayList<>();
                StringBuilder chunkText = new StringBuilder();
                for (int b = 0; b < 8; b++) {
                    BlockType type = BLOCK_TYPES[random.nextInt(BLOCK_TYPES.length)];
                    String content = type.equals(BlockType.TABLE) ? table(random)
                            : sentence(random, 20 + random.nextInt(60));
                    chunkText.append(content).append("\n\n");
                    ParseBlock.Builder block = ParseBlock.builder()
                            .type(type)
                            .bbox(bbox(random, page))
                            .content(content)
                            .confidence(CONFIDENCES[random.nextInt(CONFIDENCES.length)])
                            .granularConfidence(GranularConfidence.builder()
                                    .extractConfidence(random.nextDouble())
                                    .parseConfidence(random.nextDouble())
                                    .build());
                    if (type.equals(BlockType.FIGURE)) {
                        block.imageUrl("https://storage.example.com/figures/" + page + "-" + c + "-" + b
                                + ".png?X-Amz-Signature=" + Long.toHexString(random.nextLong()));
                    }
                    blocks.add(block.build());
                }
                String text = chunkText.toString();
                chunks.add(ParseChunk.builder()
                        .content(text)
                        .embed(text)
                        .enriched(text)
                        .enrichmentSuccess(random.nextBoolean())
                        .blocks(blocks)
                        .build());
            }
            for (int l = 0; l < 45; l++) {
                StringBuilder line = new StringBuilder();
                for (int w = 0; w < 9; w++) {
                    String word = WORDS[random.nextInt(WORDS.length)];
                    line.append(w == 0 ? "" : " ").append(word);
                    words.add(OcrWord.builder().text(word).bbox(bbox(random, page))
                            .confidence(0.5 + random.nextDouble() / 2).chunkIndex(random.nextInt(3)).rotation(0)
                            .build());
                }
                lines.add(OcrLine.builder().text(line.toString()).bbox(bbox(random, page))
                        .confidence(0.5 + random.nextDouble() / 2).chunkIndex(random.nextInt(3)).rotation(0).build());
            }
        }
        Map<String, Double> credits = new LinkedHashMap<>();
        credits.put("parse", pages * 1.0);
        credits.put("agentic", pages * 0.5);
        return ParseResponse.builder()
                .jobId("7f1c0d2e-5b4a-4c3e-9a8f-1e2d3c4b5a69")
                .duration(12.75)
                .pdfUrl("https://storage.example.com/converted/report.pdf")
                .studioLink("https://studio.reducto.ai/job/7f1c0d2e")
                .usage(ParseUsage.builder().numPages(pages).credits(pages * 1.5).creditBreakdown(credits).build())
                .result(FullResult.builder().type("full").chunks(chunks)
                        .ocr(OcrResult.builder().words(words).lines(lines).build()).build())
                .responseType("parse")
                .parseMode(ParseMode.BASE)
                .build();
    }

    private static BoundingBox bbox(SplittableRandom random, int page) {
        return BoundingBox.builder()
                .left(random.nextDouble()).top(random.nextDouble())
                .width(random.nextDouble() / 4).height(random.nextDouble() / 20)
                .page(page).originalPage(page)
                .build();
    }

    private static String sentence(SplittableRandom random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            if (random.nextInt(12) == 0) {
                text.append(String.format(" $%,d.%02d", random.nextInt(10_000_000), random.nextInt(100)));
            }
        }
        return text.append('.').toString();
    }

    private static String table(SplittableRandom random) {
        StringBuilder html = new StringBuilder("<table><tr><th>Item</th><th>2025</th><th>2024</th></tr>");
        for (int r = 0; r < 6; r++) {
            html.append("<tr><td>").append(WORDS[random.nextInt(WORDS.length)]).append("</td><td>")
                    .append(random.nextInt(1_000_000)).append("</td><td>").append(random.nextInt(1_000_000))
                    .append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    static ParseRequest parseRequest() {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode()
                .put("tenant", "acme").put("batch", 42).put("source", "s3://acme-inbox/2026/11/23/");
        return ParseRequest.builder()
                .input(DocumentInput.url("https://files.example.com/reports/annual-2025.pdf?sig=abcdef0123456789"))
                .async(AsyncOptions.builder().priority(true).metadata(metadata)
                        .webhook(SvixWebhookConfig.builder().mode("svix").channels(List.of("ingest", "audit")).build())
                        .build())
                .enhance(EnhanceOptions.builder()
                        .agentic(List.of(
                                AgenticTableOptions.builder().scope("table").prompt("Keep merged header cells.")
                                        .mode(AgenticTableMode.AUTO).build(),
                                AgenticFigureOptions.builder().scope("figure").prompt("Describe every chart.")
                                        .advancedChartAgent(true).returnOverlays(false).build(),
                                AgenticTextOptions.builder().scope("text").prompt("Fix OCR of handwriting.").build()))
                        .summarizeFigures(true)
                        .intelligentOrdering(true)
                        .build())
                .retrieval(RetrievalOptions.builder()
                        .chunking(ChunkingOptions.builder().chunkMode(ChunkMode.VARIABLE).chunkSize(1000)
                                .chunkOverlap(100).build())
                        .filterBlocks(List.of(BlockType.HEADER, BlockType.FOOTER, BlockType.PAGE_NUMBER))
                        .embeddingOptimized(true)
                        .build())
                .formatting(FormattingOptions.builder().addPageMarkers(true).tableOutputFormat(TableFormat.HTML)
                        .mergeTables(true)
                        .include(List.of(FormattingFeature.CHANGE_TRACKING, FormattingFeature.HIGHLIGHT,
                                FormattingFeature.COMMENTS, FormattingFeature.HYPERLINKS))
                        .build())
                .spreadsheet(SpreadsheetOptions.builder()
                        .splitLargeTables(LargeTableSplitting.builder().enabled(true).size(TableSplitSize.rows(50))
                                .build())
                        .include(List.of(SpreadsheetFeature.CELL_COLORS, SpreadsheetFeature.FORMULA))
                        .clustering(SpreadsheetClustering.ACCURATE)
                        .exclude(List.of(SpreadsheetExclusion.HIDDEN_SHEETS, SpreadsheetExclusion.HIDDEN_ROWS))
                        .build())
                .settings(ParseSettings.builder().ocrSystem(OcrSystem.STANDARD)
                        .extractionMode(ExtractionMode.HYBRID).forceUrlResult(false).returnOcrData(true)
                        .returnImages(List.of(ImageType.FIGURE, ImageType.TABLE)).embedPdfMetadata(false)
                        .persistResults(true).timeout(900.0).pageRange(PageSelection.range(1, 250))
                        .documentPassword("s3cr3t").build())
                .queuePriority(QueuePriority.BATCH)
                .build();
    }

    static PipelineRequest pipelineRequest() {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("tenant", "acme").put("document", 12345);
        metadata.putArray("tags").add("invoice").add("q4").add("eu");
        return PipelineRequest.builder()
                .input(DocumentInput.url("https://files.example.com/invoices/2025-12-0001.pdf"))
                .pipelineId("k9x7f2c1a0b3d4e5")
                .async(AsyncOptions.builder().priority(false).metadata(metadata)
                        .webhook(DirectWebhookConfig.builder().mode("direct")
                                .url("https://hooks.example.com/reducto/ingest").build())
                        .build())
                .settings(PipelineSettings.builder().documentPassword("s3cr3t").build())
                .build();
    }
}
