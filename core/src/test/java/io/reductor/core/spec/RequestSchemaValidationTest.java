package io.reductor.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.cite.CitationQuery;
import io.reductor.core.model.cite.CiteRequest;
import io.reductor.core.model.cite.CiteSource;
import io.reductor.core.model.classify.ClassificationCategory;
import io.reductor.core.model.classify.ClassifyRequest;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.BlockType;
import io.reductor.core.model.common.BoundingBox;
import io.reductor.core.model.common.ChunkMode;
import io.reductor.core.model.common.Confidence;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.ExtractionMode;
import io.reductor.core.model.common.PageRange;
import io.reductor.core.model.common.PageSelection;
import io.reductor.core.model.common.QueuePriority;
import io.reductor.core.model.common.TableFormat;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.common.WebhookMode;
import io.reductor.core.model.common.WebhookSettings;
import io.reductor.core.model.edit.EditOptions;
import io.reductor.core.model.edit.EditRequest;
import io.reductor.core.model.edit.EditWidget;
import io.reductor.core.model.edit.LlmProvider;
import io.reductor.core.model.edit.WidgetType;
import io.reductor.core.model.extract.CitationSettings;
import io.reductor.core.model.extract.ExtractInstructions;
import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.extract.ExtractSettings;
import io.reductor.core.model.legacy.AgentExtractOptions;
import io.reductor.core.model.legacy.ArrayExtractMode;
import io.reductor.core.model.legacy.ArrayExtractOptions;
import io.reductor.core.model.legacy.CitationOptions;
import io.reductor.core.model.legacy.CustomFormat;
import io.reductor.core.model.legacy.DocumentMode;
import io.reductor.core.model.legacy.EnrichMode;
import io.reductor.core.model.legacy.EnrichOptions;
import io.reductor.core.model.legacy.FigureSummaryOptions;
import io.reductor.core.model.legacy.InternalAsyncOptions;
import io.reductor.core.model.legacy.InternalExtractConfig;
import io.reductor.core.model.legacy.InternalExtractOptions;
import io.reductor.core.model.legacy.InternalParseConfig;
import io.reductor.core.model.legacy.InternalProcessingOptions;
import io.reductor.core.model.legacy.InternalWebhookConfig;
import io.reductor.core.model.legacy.LargeTableChunkingOptions;
import io.reductor.core.model.legacy.LayoutModel;
import io.reductor.core.model.legacy.LegacyAdvancedOptions;
import io.reductor.core.model.legacy.LegacyChunkingOptions;
import io.reductor.core.model.legacy.LegacyExperimentalOptions;
import io.reductor.core.model.legacy.LegacyExtractRequest;
import io.reductor.core.model.legacy.LegacyOcrSystem;
import io.reductor.core.model.legacy.LegacyOptions;
import io.reductor.core.model.legacy.LegacyParseRequest;
import io.reductor.core.model.legacy.LegacyPipelineRequest;
import io.reductor.core.model.legacy.LegacySplitOptions;
import io.reductor.core.model.legacy.LegacySplitRequest;
import io.reductor.core.model.legacy.OcrMode;
import io.reductor.core.model.legacy.PdfOcrMode;
import io.reductor.core.model.legacy.ProcessingVersion;
import io.reductor.core.model.legacy.SpreadsheetLoader;
import io.reductor.core.model.legacy.SpreadsheetTableClustering;
import io.reductor.core.model.legacy.TableSummaryOptions;
import io.reductor.core.model.legacy.ThinkingLevel;
import io.reductor.core.model.parse.AgenticFigureOptions;
import io.reductor.core.model.parse.AgenticOption;
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
import io.reductor.core.model.parse.LargeTableSplitSize;
import io.reductor.core.model.parse.LargeTableSplitting;
import io.reductor.core.model.parse.OcrLine;
import io.reductor.core.model.parse.OcrResult;
import io.reductor.core.model.parse.OcrSystem;
import io.reductor.core.model.parse.OcrWord;
import io.reductor.core.model.parse.ParseBlock;
import io.reductor.core.model.parse.ParseChunk;
import io.reductor.core.model.parse.ParseOptions;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseSettings;
import io.reductor.core.model.parse.RetrievalOptions;
import io.reductor.core.model.parse.SpreadsheetClustering;
import io.reductor.core.model.parse.SpreadsheetExclusion;
import io.reductor.core.model.parse.SpreadsheetFeature;
import io.reductor.core.model.parse.SpreadsheetOptions;
import io.reductor.core.model.parse.TableSplitSize;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineSettings;
import io.reductor.core.model.split.SplitCategory;
import io.reductor.core.model.split.SplitRequest;
import io.reductor.core.model.split.SplitSettings;
import io.reductor.core.model.split.TableCutoff;
import io.reductor.core.model.upload.Upload;
import io.reductor.spec.SpecDocuments;
import io.reductor.spec.SpecValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request type, richly populated through its builders and encoded by {@link JsonCodec#standard()}, is valid
 * against the request schemas of the vendored spec. Each payload is validated against the named schema in every spec
 * document that defines it ({@code openapi.json} and the per-tag files), so fields only the newer per-tag descriptions
 * know (such as {@code settings.embed_pdf_metadata_dpi} or split {@code settings.deep_split}) are checked against a
 * schema that declares them. Negative controls show the validator is live.
 */
class RequestSchemaValidationTest {

    private static final JsonCodec CODEC = JsonCodec.standard();
    private static final SpecValidator VALIDATOR = SpecValidator.instance();

    // ------------------------------------------------------------------------------------------------------- parse

    @Test
    void syncParseRequestWithEveryOptionGroupIsValid() {
        ParseRequest request = ParseRequest.builder()
                .input(DocumentInput.url("https://example.com/reports/q3.pdf"))
                .enhance(enhance())
                .retrieval(retrieval())
                .formatting(formatting())
                .spreadsheet(SpreadsheetOptions.builder()
                        .splitLargeTables(LargeTableSplitting.builder().enabled(true)
                                .size(TableSplitSize.of(LargeTableSplitSize.builder().row(100).column(null).build()))
                                .build())
                        .include(List.of(SpreadsheetFeature.CELL_COLORS, SpreadsheetFeature.FORMULA,
                                SpreadsheetFeature.DROPDOWNS))
                        .clustering(SpreadsheetClustering.FAST)
                        .exclude(List.of(SpreadsheetExclusion.HIDDEN_SHEETS, SpreadsheetExclusion.HIDDEN_ROWS,
                                SpreadsheetExclusion.STYLING))
                        .build())
                .settings(ParseSettings.builder()
                        .ocrSystem(OcrSystem.STANDARD)
                        .extractionMode(ExtractionMode.HYBRID)
                        .forceUrlResult(true)
                        .forceFileExtension(".pdf")
                        .returnOcrData(true)
                        .returnImages(List.of(ImageType.FIGURE, ImageType.TABLE, ImageType.PAGE))
                        .embedPdfMetadata(true)
                        .embedPdfMetadataDpi(200)
                        .persistResults(false)
                        .timeout(300.0)
                        .pageRange(PageSelection.ranges(List.of(
                                PageRange.builder().start(1).end(3).build(),
                                PageRange.builder().start(7).end(9).build())))
                        .documentPassword("s3cret")
                        .build())
                .build();

        JsonNode json = assertValid(request, "SyncParseConfig");

        assertThat(json.at("/spreadsheet/split_large_tables/size")).hasToString("{\"row\":100,\"column\":null}");
        assertThat(json.at("/settings/embed_pdf_metadata_dpi").intValue()).isEqualTo(200);
        assertThat(json.at("/enhance/agentic")).hasSize(3);
        assertThat(json.has("async")).isFalse();
    }

    @Test
    void asyncParseRequestWithSvixWebhookAndFileIdIsValid() {
        ParseRequest request = ParseRequest.builder()
                .async(AsyncOptions.builder()
                        .webhook(WebhookConfig.svix(List.of("billing", "ops")))
                        .metadata(json("{\"customer\": \"acme\", \"batch\": 7, \"tags\": [\"a\", \"b\"]}"))
                        .priority(true)
                        .build())
                .input(DocumentInput.fileId("reducto://4f0c2d1e-8a7b-4a51-9a0e-3f1f2c9d1b11.pdf"))
                .queuePriority(QueuePriority.BATCH)
                .spreadsheet(SpreadsheetOptions.builder()
                        .splitLargeTables(LargeTableSplitting.builder().enabled(true)
                                .size(TableSplitSize.rows(25)).build())
                        .clustering(SpreadsheetClustering.DISABLED)
                        .build())
                .settings(ParseSettings.builder()
                        .pageRange(PageSelection.pages(List.of(1, 3, 8)))
                        .ocrSystem(OcrSystem.LEGACY)
                        .extractionMode(ExtractionMode.OCR)
                        .build())
                .build();

        JsonNode json = assertValid(request, "AsyncParseConfig");

        assertThat(json.at("/async/webhook/mode").textValue()).isEqualTo("svix");
        assertThat(json.at("/queue_priority").textValue()).isEqualTo("batch");
    }

    @Test
    void asyncParseRequestWithDirectWebhookUploadInputAndSheetNamesIsValid() {
        ParseRequest request = ParseRequest.builder()
                .async(AsyncOptions.builder().webhook(WebhookConfig.direct("https://hooks.example.com/reducto"))
                        .build())
                .input(DocumentInput.upload(Upload.builder()
                        .fileId("reducto://8d3b9f5e-0d55-4c8e-b6a4-2f7e0f1d6c22.xlsx")
                        .presignedUrl("https://uploads.example.com/8d3b9f5e?X-Amz-Signature=abc")
                        .build()))
                .settings(ParseSettings.builder().pageRange(PageSelection.sheets(List.of("Summary", "Q3"))).build())
                .queuePriority(QueuePriority.AUTO)
                .build();

        JsonNode json = assertValid(request, "AsyncParseConfig");

        assertThat(json.at("/async/webhook/mode").textValue()).isEqualTo("direct");
        assertThat(json.at("/input/file_id").isTextual()).isTrue();
    }

    @Test
    void parseRequestReusingAnEarlierJobWithOneRangeIsValid() {
        ParseRequest request = ParseRequest.builder()
                .input(DocumentInput.jobReference("5df31070-0c0a-4a1e-9a53-5b7f7f6f0e2a"))
                .settings(ParseSettings.builder().pageRange(PageSelection.range(2, 4)).build())
                .enhance(EnhanceOptions.builder().agentic(List.of(AgenticOption.tables(), AgenticOption.figures(),
                        AgenticOption.text())).build())
                .build();

        JsonNode json = assertValid(request, "SyncParseConfig");

        assertThat(json.at("/input").textValue()).startsWith("jobid://");
        assertThat(json.at("/settings/page_range")).hasToString("{\"start\":2,\"end\":4}");
    }

    // ----------------------------------------------------------------------------------------------------- extract

    @Test
    void syncExtractRequestWithUrlListAndParsingOptionsIsValid() {
        ExtractRequest request = ExtractRequest.builder()
                .input(DocumentInput.urls(List.of("https://example.com/a.pdf", "https://example.com/b.pdf")))
                .parsing(parseOptions())
                .instructions(ExtractInstructions.builder()
                        .schema(json("{\"type\": \"object\", \"properties\": {\"total\": {\"type\": \"number\"},"
                                + " \"vendor\": {\"type\": \"string\"}}, \"required\": [\"total\"]}"))
                        .systemPrompt("Extract the invoice totals.")
                        .build())
                .settings(ExtractSettings.builder()
                        .includeImages(true)
                        .optimizeForLatency(false)
                        .arrayExtract(true)
                        .deepExtract(true)
                        .citations(CitationSettings.builder().enabled(true).numericalConfidence(false).build())
                        .build())
                .build();

        JsonNode json = assertValid(request, "SyncExtractConfig");

        assertThat(json.at("/input")).hasSize(2);
        assertThat(json.at("/parsing/settings/embed_pdf_metadata_dpi").intValue()).isEqualTo(50);
    }

    @Test
    void asyncExtractRequestWithDirectWebhookIsValid() {
        ExtractRequest request = ExtractRequest.builder()
                .async(AsyncOptions.builder().webhook(WebhookConfig.direct("https://hooks.example.com/extract"))
                        .metadata(new TextNode("run-42")).priority(false).build())
                .input(DocumentInput.jobReference("jobid://0b3c3d0e-1111-4222-8333-944455556666"))
                .instructions(ExtractInstructions.builder().schema(json("{\"type\": \"object\"}")).build())
                .settings(ExtractSettings.builder().citations(CitationSettings.builder().enabled(true).build())
                        .build())
                .build();

        assertValid(request, "AsyncExtractConfig");
    }

    // ------------------------------------------------------------------------------------------------------- split

    @Test
    void syncSplitRequestWithNewerSettingsIsValidAgainstBothSpecs() {
        SplitRequest request = SplitRequest.builder()
                .input(DocumentInput.url("https://example.com/binder.pdf"))
                .parsing(parseOptions())
                .splitDescription(List.of(
                        SplitCategory.builder().name("invoice").description("Pages with an invoice")
                                .partitionKey("invoice number").build(),
                        SplitCategory.builder().name("contract").description("The signed contract").build()))
                .splitRules("Each invoice starts on a new page.")
                .settings(SplitSettings.builder().tableCutoff(TableCutoff.PRESERVE).allowPageOverlap(false)
                        .deepSplit(true).build())
                .build();

        // openapi.json's SyncSplitConfig points settings at SplitTableOptions (table_cutoff only, open to other
        // fields); the split per-tag file points it at SplitSettings, which declares the two newer fields too.
        assertThat(schemaProperties(SpecDocuments.OPENAPI, "SplitTableOptions")).containsExactly("table_cutoff");
        assertThat(schemaProperties("reducto-split-api-openapi.yml", "SplitSettings"))
                .contains("table_cutoff", "allow_page_overlap", "deep_split");

        JsonNode json = assertValid(request, "SyncSplitConfig");

        assertThat(errors(json, "reducto-split-api-openapi.yml", "SyncSplitConfig")).isEmpty();
        assertThat(json.at("/settings/deep_split").booleanValue()).isTrue();
        assertThat(json.at("/settings/allow_page_overlap").booleanValue()).isFalse();
    }

    @Test
    void asyncSplitRequestIsValid() {
        SplitRequest request = SplitRequest.builder()
                .async(AsyncOptions.builder().webhook(WebhookConfig.svix()).build())
                .input(DocumentInput.fileId("reducto://c0ffee00-1234-4abc-9def-001122334455.pdf"))
                .splitDescription(List.of(SplitCategory.builder().name("other").description("Anything else").build()))
                .settings(SplitSettings.builder().tableCutoff(TableCutoff.TRUNCATE).build())
                .build();

        assertValid(request, "config__v3__AsyncSplitConfig");
    }

    // -------------------------------------------------------------------------------------------------------- edit

    @Test
    void syncEditRequestWithFormSchemaIsValid() {
        EditRequest request = EditRequest.builder()
                .documentUrl(DocumentInput.url("https://example.com/forms/w9.pdf"))
                .editInstructions("Fill in the name as Jane Doe and tick the LLC box.")
                .editOptions(EditOptions.builder().color("#00AA55").fontSize(11.5)
                        .llmProviderPreference(LlmProvider.ANTHROPIC).enableOverflowPages(true).flatten(false)
                        .build())
                .formSchema(List.of(
                        EditWidget.builder().bbox(box(1)).description("Name").type(WidgetType.TEXT)
                                .value("Jane Doe").fontSize(10.0).build(),
                        EditWidget.builder().bbox(box(1)).description("LLC").type(WidgetType.CHECKBOX)
                                .fill(true).build(),
                        EditWidget.builder().bbox(box(2)).description("State").type(WidgetType.DROPDOWN)
                                .fill(false).build()))
                .priority(true)
                .build();

        JsonNode json = assertValid(request, "EditConfig");

        assertThat(json.at("/form_schema/0/font_size").doubleValue()).isEqualTo(10.0);
    }

    @Test
    void asyncEditRequestWithSvixAndDirectWebhookSettingsIsValid() {
        EditRequest svix = EditRequest.builder()
                .documentUrl(DocumentInput.upload(Upload.builder()
                        .fileId("reducto://a1b2c3d4-0000-4000-8000-abcdefabcdef.pdf").build()))
                .editInstructions("Add a DRAFT watermark.")
                .webhook(WebhookSettings.builder().mode(WebhookMode.SVIX).channels(List.of("edits"))
                        .metadata(json("{\"ticket\": 991}")).build())
                .priority(false)
                .build();
        EditRequest direct = svix.toBuilder()
                .documentUrl(DocumentInput.fileId("reducto://a1b2c3d4-0000-4000-8000-abcdefabcdef.pdf"))
                .webhook(WebhookSettings.builder().mode(WebhookMode.DIRECT).url("https://hooks.example.com/edit")
                        .build())
                .build();

        assertValid(svix, "AsyncEditConfig");
        assertValid(direct, "AsyncEditConfig");
    }

    // ---------------------------------------------------------------------------------------------------- pipeline

    @Test
    void pipelineRequestsAreValid() {
        PipelineRequest sync = PipelineRequest.builder()
                .input(DocumentInput.url("https://example.com/doc.pdf"))
                .pipelineId("k7wq3n2p")
                .settings(PipelineSettings.builder().documentPassword("pw").build())
                .build();
        PipelineRequest async = sync.toBuilder()
                .async(AsyncOptions.builder().webhook(WebhookConfig.svix(List.of("pipelines"))).priority(true)
                        .metadata(json("{\"source\": \"nightly\"}")).build())
                .input(DocumentInput.urls(List.of("https://example.com/1.pdf", "https://example.com/2.pdf")))
                .build();

        assertValid(sync, "V3PipelineConfig");
        assertValid(async, "V3AsyncPipelineConfig");
    }

    // ---------------------------------------------------------------------------------------------- classify, cite

    @Test
    void classifyRequestsWithEachPageSelectionTheSchemaAllowsAreValid() {
        ClassifyRequest request = ClassifyRequest.builder()
                .persistResults(true)
                .input(DocumentInput.fileId("reducto://11111111-2222-4333-8444-555555555555.pdf"))
                .classificationSchema(List.of(
                        ClassificationCategory.builder().category("invoice")
                                .criteria(List.of("Has line items", "Has a total")).build(),
                        ClassificationCategory.builder().category("receipt").criteria(List.of("Shows payment"))
                                .build()))
                .pageRange(PageSelection.range(1, 5))
                .documentMetadata("Uploaded by the accounts team")
                .build();

        assertValid(request, "ClassifyConfig");
        assertValid(request.toBuilder().pageRange(PageSelection.pages(List.of(1, 2))).build(), "ClassifyConfig");
        assertValid(request.toBuilder().pageRange(PageSelection.ranges(List.of(
                PageRange.builder().start(1).end(2).build(), PageRange.builder().start(4).build()))).build(),
                "ClassifyConfig");
        assertValid(request.toBuilder().input(DocumentInput.url("https://example.com/x.pdf")).build(),
                "ClassifyConfig");
    }

    @Test
    void citeRequestWithAJobReferenceIsValid() {
        CiteRequest request = CiteRequest.builder()
                .source(CiteSource.job("5df31070-0c0a-4a1e-9a53-5b7f7f6f0e2a"))
                .queries(List.of(
                        CitationQuery.builder().text("Total due: $1,024.00").bboxFilter(box(1)).build(),
                        CitationQuery.builder().text("Net 30").build()))
                .build();

        JsonNode json = assertValid(request, "CiteRequest");

        assertThat(json.at("/source").textValue()).isEqualTo("jobid://5df31070-0c0a-4a1e-9a53-5b7f7f6f0e2a");
    }

    @Test
    void citeRequestWithAFullParseResultIsValid() {
        ParseBlock block = ParseBlock.builder().type(BlockType.TEXT).bbox(box(1)).content("Total due: $1,024.00")
                .confidence(Confidence.HIGH)
                .granularConfidence(GranularConfidence.builder().parseConfidence(0.98).build())
                .build();
        FullResult result = FullResult.builder()
                .chunks(List.of(ParseChunk.builder().content("Total due: $1,024.00").embed("Total due: $1,024.00")
                        .enriched("").enrichmentSuccess(false).blocks(List.of(block)).build()))
                .ocr(OcrResult.builder()
                        .words(List.of(OcrWord.builder().text("Total").bbox(box(1)).confidence(0.99).chunkIndex(0)
                                .rotation(0).build()))
                        .lines(List.of(OcrLine.builder().text("Total due: $1,024.00").bbox(box(1)).confidence(0.97)
                                .build()))
                        .build())
                .build();
        CiteRequest request = CiteRequest.builder()
                .source(CiteSource.result(result))
                .queries(List.of(CitationQuery.builder().text("1,024.00").build()))
                .build();

        JsonNode json = assertValid(request, "CiteRequest");

        assertThat(json.at("/source/type").textValue()).isEqualTo("full");
        assertThat(json.at("/source/chunks/0/blocks/0/type").textValue()).isEqualTo("Text");
    }

    // ------------------------------------------------------------------------------------------------------ legacy

    @Test
    void legacyParseRequestsAreValidAgainstTheirClosedSchemas() {
        LegacyParseRequest sync = LegacyParseRequest.builder()
                .documentUrl(DocumentInput.url("https://example.com/legacy.pdf"))
                .options(legacyOptions())
                .advancedOptions(legacyAdvancedOptions())
                .experimentalOptions(legacyExperimentalOptions())
                .priority(true)
                .build();
        LegacyParseRequest async = sync.toBuilder()
                .documentUrl(DocumentInput.upload(Upload.builder()
                        .fileId("reducto://99999999-8888-4777-8666-555555555555.pdf").presignedUrl(null).build()))
                .webhook(WebhookSettings.builder().mode(WebhookMode.DIRECT).url("https://hooks.example.com/p")
                        .metadata(json("{\"k\": \"v\"}")).build())
                .queuePriority(QueuePriority.BATCH)
                .build();

        assertValid(sync, "ParseConfigNew");
        assertValid(async, "AsyncParseConfigNew");
    }

    @Test
    void legacyExtractRequestsAreValid() {
        LegacyExtractRequest sync = LegacyExtractRequest.builder()
                .documentUrl(DocumentInput.urls(List.of("https://example.com/1.pdf", "https://example.com/2.pdf")))
                .options(legacyOptions())
                .advancedOptions(legacyAdvancedOptions())
                .experimentalOptions(legacyExperimentalOptions())
                .schema(json("{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}"))
                .systemPrompt("Be precise.")
                .deepExtract(false)
                .generateCitations(true)
                .arrayExtract(ArrayExtractOptions.builder().enabled(true).mode(ArrayExtractMode.STREAMING)
                        .pagesPerSegment(5).streamingExtractItemDensity(20).build())
                .useChunking(false)
                .includeImages(true)
                .spreadsheetAgent(false)
                .experimentalTableCitations(true)
                .priority(true)
                .citationsOptions(CitationOptions.builder().numericalConfidence(true).build())
                .agentExtract(AgentExtractOptions.builder().enabled(true).build())
                .latencySensitive(false)
                .build();
        LegacyExtractRequest async = sync.toBuilder()
                .documentUrl(DocumentInput.url("https://example.com/one.pdf"))
                .webhook(WebhookSettings.builder().mode(WebhookMode.SVIX).channels(List.of("x")).build())
                .build();

        assertValid(sync, "ExtractConfigNew");
        assertValid(async, "AsyncExtractConfigNew");
    }

    @Test
    void legacySplitAndPipelineRequestsAreValid() {
        LegacySplitRequest split = LegacySplitRequest.builder()
                .documentUrl(DocumentInput.url("https://example.com/binder.pdf"))
                .options(legacyOptions())
                .advancedOptions(legacyAdvancedOptions())
                .experimentalOptions(legacyExperimentalOptions())
                .splitDescription(List.of(SplitCategory.builder().name("a").description("Section A")
                        .partitionKey("account").build()))
                .splitRules("Split at every cover page.")
                .priority(false)
                .deepSplit(true)
                .includeConfidence(true)
                .splitOptions(LegacySplitOptions.builder().tableCutoff(TableCutoff.PRESERVE).build())
                .build();
        LegacyPipelineRequest pipeline = LegacyPipelineRequest.builder()
                .documentUrl(DocumentInput.fileId("reducto://12121212-3434-4565-8787-909090909090.pdf"))
                .pipelineId("k7wq3n2p")
                .settings(PipelineSettings.builder().documentPassword("pw").build())
                .build();

        assertValid(split, "SplitConfig");
        assertValid(split.toBuilder().webhook(WebhookSettings.builder().mode(WebhookMode.DISABLED).build()).build(),
                "config__v2__AsyncSplitConfig");
        assertValid(pipeline, "PipelineConfig");
        assertValid(pipeline.toBuilder().priority(true)
                        .webhook(WebhookSettings.builder().mode(WebhookMode.SVIX).build()).build(),
                "AsyncPipelineConfig");
    }

    @Test
    void internalParseAndExtractConfigsAreValid() {
        InternalProcessingOptions processing = InternalProcessingOptions.builder()
                .version(ProcessingVersion.V2)
                .pdfOcr(PdfOcrMode.HYBRID)
                .ocrSystem(LegacyOcrSystem.COMBINED)
                .ocrMode(OcrMode.AGENTIC)
                .tableOutputFormat(TableFormat.AI_JSON)
                .chunkMode(ChunkMode.PAGE_SECTIONS)
                .chunkSize(800)
                .chunkOverlap(20)
                .mode(DocumentMode.DECK)
                .tableSummary(true)
                .tableSummaryPrompt("Summarise the table.")
                .enrich(true)
                .enrichMode(EnrichMode.TABLE)
                .ignoreBlocks(List.of(BlockType.HEADER, BlockType.PAGE_NUMBER))
                .dpi(0)
                .maxBatchSize(1)
                .numOcrCrops(3)
                .timeout(5.0)
                .customFormat(CustomFormat.AML)
                .extraMetadata(Map.of("origin", new TextNode("scanner-3")))
                .pageRange(PageSelection.pages(List.of(2, 4)))
                .spreadsheetTableClustering(SpreadsheetTableClustering.INTELLIGENT)
                .spreadsheetLoader(SpreadsheetLoader.LEGACY)
                .layoutModel(LayoutModel.V3_STANDARD)
                .agenticTextThinkingLevel(ThinkingLevel.HIGH)
                .regionPreference("us")
                .build();
        InternalAsyncOptions async = InternalAsyncOptions.builder().enabled(true).priority(false)
                .webhook(InternalWebhookConfig.builder().mode(WebhookMode.DIRECT).url("https://hooks.example.com/i")
                        .metadata(json("{\"a\": 1}")).channels(List.of()).build())
                .build();
        InternalParseConfig parse = InternalParseConfig.builder()
                .documentUrl(DocumentInput.urls(List.of("https://example.com/a.pdf")))
                .config(processing)
                .async(async)
                .priority(true)
                .queuePriority(QueuePriority.AUTO)
                .userConfig(Map.of("tenant", new TextNode("t-1")))
                .build();
        InternalExtractConfig extract = InternalExtractConfig.builder()
                .documentUrl(DocumentInput.url("https://example.com/a.pdf"))
                .parseConfig(processing)
                .options(InternalExtractOptions.builder().generateCitations(true).numericalConfidence(true)
                        .arrayExtract(true).arrayExtractPages(4).extractAlgorithm(ArrayExtractMode.NO_OVERLAP)
                        .streamingExtractItemDensity(3).build())
                .schema(json("{\"type\": \"object\"}"))
                .normalizedSchema(json("{\"type\": \"object\", \"properties\": {}}"))
                .systemPrompt("Be precise.")
                .deepExtract(true)
                .deepExtractCurrentOutput(Map.of("total", new IntNode(3)))
                .extractModel("model-x")
                .extractModelArgs(Map.of("temperature", new IntNode(0)))
                .agentExtractLineItemName("items")
                .async(async)
                .build();

        assertValid(parse, "ParseConfig");
        assertValid(extract, "ExtractConfig");
    }

    // --------------------------------------------------------------------------------------------- negative controls

    @Test
    void validatorRejectsAnInputThatIsANumber() {
        ObjectNode json = (ObjectNode) CODEC.toTree(ParseRequest.builder()
                .input(DocumentInput.url("https://example.com/a.pdf")).build());
        assertThat(errors(json, SpecDocuments.OPENAPI, "SyncParseConfig")).isEmpty();

        json.put("input", 42);

        assertThat(errors(json, SpecDocuments.OPENAPI, "SyncParseConfig")).isNotEmpty()
                .allSatisfy(error -> assertThat(error).contains("input"));
    }

    @Test
    void validatorRejectsAMisspelledEnumValue() {
        ParseRequest request = ParseRequest.builder().input(DocumentInput.url("https://example.com/a.pdf"))
                .formatting(FormattingOptions.builder().tableOutputFormat(TableFormat.of("htm")).build())
                .build();

        assertThat(errors(CODEC.toTree(request), SpecDocuments.OPENAPI, "SyncParseConfig"))
                .anySatisfy(error -> assertThat(error).contains("table_output_format").contains("[enum]"));
        assertThat(errors(CODEC.toTree(request), "reducto-parse-api-openapi.yml", "SyncParseConfig")).isNotEmpty();
    }

    @Test
    void validatorFollowsReferencesIntoNestedOptionObjects() {
        ObjectNode json = (ObjectNode) CODEC.toTree(ParseRequest.builder()
                .input(DocumentInput.url("https://example.com/a.pdf"))
                .async(AsyncOptions.builder().webhook(WebhookConfig.svix()).build())
                .retrieval(retrieval())
                .enhance(enhance())
                .build());
        assertThat(errors(json, "reducto-parse-api-openapi.yml", "AsyncParseConfig")).isEmpty();

        ((ObjectNode) json.at("/retrieval/chunking")).put("chunk_mode", "pages");
        ((ObjectNode) json.at("/enhance/agentic/0")).put("mode", "sometimes");
        ((ObjectNode) json.at("/async/webhook")).put("mode", "carrier-pigeon");

        List<String> errors = errors(json, "reducto-parse-api-openapi.yml", "AsyncParseConfig");
        assertThat(errors).anySatisfy(error -> assertThat(error).startsWith("/retrieval/chunking/chunk_mode"));
        assertThat(errors).anySatisfy(error -> assertThat(error).startsWith("/enhance/agentic/0"));
        assertThat(errors).anySatisfy(error -> assertThat(error).startsWith("/async/webhook"));
    }

    @Test
    void validatorRejectsAMissingRequiredField() {
        ObjectNode json = (ObjectNode) CODEC.toTree(SplitRequest.builder()
                .input(DocumentInput.url("https://example.com/a.pdf"))
                .splitDescription(List.of(SplitCategory.builder().name("a").description("b").build())).build());
        json.remove("split_description");

        assertThat(errors(json, SpecDocuments.OPENAPI, "SyncSplitConfig"))
                .anySatisfy(error -> assertThat(error).contains("[required]").contains("split_description"));
    }

    @Test
    void validatorRejectsUnknownFieldsWhereTheSchemaIsClosedAndAnUnlistedPageSelection() {
        // the legacy synchronous parse schema is closed (additionalProperties: false): webhook belongs to async only
        LegacyParseRequest withWebhook = LegacyParseRequest.builder()
                .documentUrl(DocumentInput.url("https://example.com/a.pdf"))
                .webhook(WebhookSettings.builder().mode(WebhookMode.SVIX).build())
                .build();
        assertThat(errors(CODEC.toTree(withWebhook), SpecDocuments.OPENAPI, "ParseConfigNew"))
                .anySatisfy(error -> assertThat(error).contains("webhook"));

        // classify's page_range takes ranges or page numbers, not sheet names
        ClassifyRequest sheets = ClassifyRequest.builder().input(DocumentInput.url("https://example.com/a.xlsx"))
                .pageRange(PageSelection.sheets(List.of("Summary"))).build();
        assertThat(errors(CODEC.toTree(sheets), SpecDocuments.OPENAPI, "ClassifyConfig")).isNotEmpty();

        // a cite query's text must not be empty (minLength 1), whatever the builder allowed
        ObjectNode cite = (ObjectNode) CODEC.toTree(CiteRequest.builder().source(CiteSource.job("j1"))
                .queries(List.of(CitationQuery.builder().text("x").build())).build());
        ((ObjectNode) cite.withArray("queries").get(0)).put("text", "");
        assertThat(errors(cite, "reducto-classify-api-openapi.yml", "CiteRequest"))
                .anySatisfy(error -> assertThat(error).contains("[minLength]"));
    }

    // ------------------------------------------------------------------------------------- recorded request payloads

    /**
     * Request examples that knowingly break the spec, by file name: the JSON pointer of the one value the validator
     * must reject. {@code request-parse-docs-quickstart-options.json} is Reducto's quickstart page, which sends
     * {@code table_output_format: "markdown"} although both specs list only {@code md} for it.
     */
    private static final Map<String, String> KNOWN_DEVIATIONS =
            Map.of("request-parse-docs-quickstart-options.json", "/formatting/table_output_format");

    /** A request body from {@code /examples/}, the request type it decodes into and the schema it must satisfy. */
    record Example(String fileName, Class<?> type, String schema) {
        @Override
        public String toString() {
            return fileName;
        }
    }

    static Stream<Example> requestExamples() {
        List<Example> examples = new ArrayList<>();
        for (String name : exampleFileNames()) {
            if (!name.startsWith("request-")) {
                continue;
            }
            JsonNode json = example(name);
            boolean async = json.has("async") || json.has("webhook");
            String kind = name.split("-")[1];
            examples.add(switch (kind) {
                case "parse" -> new Example(name, ParseRequest.class, async ? "AsyncParseConfig" : "SyncParseConfig");
                case "extract" -> new Example(name, ExtractRequest.class,
                        async ? "AsyncExtractConfig" : "SyncExtractConfig");
                case "split" -> new Example(name, SplitRequest.class,
                        async ? "config__v3__AsyncSplitConfig" : "SyncSplitConfig");
                case "edit" -> new Example(name, EditRequest.class, async ? "AsyncEditConfig" : "EditConfig");
                case "pipeline" -> new Example(name, PipelineRequest.class,
                        async ? "V3AsyncPipelineConfig" : "V3PipelineConfig");
                case "classify" -> new Example(name, ClassifyRequest.class, "ClassifyConfig");
                default -> throw new IllegalStateException("no request type for example " + name);
            });
        }
        assertThat(examples).as("request examples on the classpath").hasSizeGreaterThanOrEqualTo(11)
                .extracting(Example::fileName).containsAll(KNOWN_DEVIATIONS.keySet());
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestExamples")
    void recordedRequestDecodesReencodesUnchangedAndIsValid(Example example) {
        JsonNode original = example(example.fileName());

        Object decoded = CODEC.decode(original, example.type());
        JsonNode reencoded = CODEC.toTree(decoded);

        assertThat(decoded).isInstanceOf(example.type());
        assertThat(reencoded).as("re-encoded " + example.fileName()).isEqualTo(original);
        List<String> errors = errorsInEveryDocument(reencoded, example.schema());
        String deviation = KNOWN_DEVIATIONS.get(example.fileName());
        if (deviation == null) {
            assertThat(errors).as(example.fileName() + " against " + example.schema()).isEmpty();
        } else {
            assertThat(errors).as(example.fileName() + " breaks the spec only at " + deviation).isNotEmpty()
                    .allSatisfy(error -> assertThat(error).contains(": " + deviation + " [enum]"));
        }
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    /**
     * Encodes {@code request} and validates it against {@code schemaName} in every spec document that defines it.
     *
     * @return the encoded JSON
     */
    private static JsonNode assertValid(Object request, String schemaName) {
        JsonNode json = CODEC.toTree(request);
        assertThat(errorsInEveryDocument(json, schemaName))
                .as("%s encoded as %s validated against %s", request.getClass().getSimpleName(),
                        json.toPrettyString(), schemaName)
                .isEmpty();
        return json;
    }

    private static List<String> errorsInEveryDocument(JsonNode json, String schemaName) {
        List<String> errors = new ArrayList<>();
        int documents = 0;
        for (SpecDocuments.Document document : SpecDocuments.all()) {
            if (document.schemas().has(schemaName)) {
                documents++;
                for (String error : VALIDATOR.validate(document.fileName(), schemaName, json)) {
                    errors.add(document.fileName() + ": " + error);
                }
            }
        }
        assertThat(documents).as("spec documents defining " + schemaName).isPositive();
        return errors;
    }

    private static List<String> errors(JsonNode json, String fileName, String schemaName) {
        return VALIDATOR.validate(fileName, schemaName, json);
    }

    private static List<String> schemaProperties(String fileName, String schemaName) {
        List<String> names = new ArrayList<>();
        SpecDocuments.get(fileName).schemas().path(schemaName).path("properties").fieldNames()
                .forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(String text) {
        return CODEC.readTree(text);
    }

    private static BoundingBox box(int page) {
        return BoundingBox.builder().left(0.1).top(0.2).width(0.3).height(0.05).page(page).originalPage(page)
                .build();
    }

    private static EnhanceOptions enhance() {
        return EnhanceOptions.builder()
                .agentic(List.of(
                        AgenticTableOptions.builder().prompt("Keep merged header cells.").mode(AgenticTableMode.AUTO)
                                .build(),
                        AgenticFigureOptions.builder().prompt("Describe the chart axes.").advancedChartAgent(true)
                                .returnOverlays(false).build(),
                        AgenticTextOptions.builder().prompt("Normalise dates to ISO 8601.").build()))
                .summarizeFigures(false)
                .intelligentOrdering(true)
                .build();
    }

    private static RetrievalOptions retrieval() {
        return RetrievalOptions.builder()
                .chunking(ChunkingOptions.builder().chunkMode(ChunkMode.SECTION).chunkSize(1000).chunkOverlap(50)
                        .build())
                .filterBlocks(List.of(BlockType.HEADER, BlockType.FOOTER, BlockType.PAGE_NUMBER,
                        BlockType.SECTION_HEADER))
                .embeddingOptimized(true)
                .build();
    }

    private static FormattingOptions formatting() {
        return FormattingOptions.builder()
                .addPageMarkers(true)
                .tableOutputFormat(TableFormat.HTML)
                .mergeTables(true)
                .include(List.of(FormattingFeature.CHANGE_TRACKING, FormattingFeature.HYPERLINKS,
                        FormattingFeature.SIGNATURES))
                .build();
    }

    private static ParseOptions parseOptions() {
        return ParseOptions.builder()
                .enhance(enhance())
                .retrieval(retrieval())
                .formatting(formatting())
                .spreadsheet(SpreadsheetOptions.builder().clustering(SpreadsheetClustering.ACCURATE)
                        .include(List.of(SpreadsheetFeature.DROPDOWNS)).build())
                .settings(ParseSettings.builder().ocrSystem(OcrSystem.STANDARD).embedPdfMetadataDpi(50)
                        .pageRange(PageSelection.range(1, 10)).build())
                .build();
    }

    private static LegacyOptions legacyOptions() {
        return LegacyOptions.builder()
                .ocrMode(OcrMode.STANDARD)
                .extractionMode(ExtractionMode.METADATA)
                .chunking(LegacyChunkingOptions.builder().chunkMode(ChunkMode.VARIABLE).chunkSize(500)
                        .chunkOverlap(0).build())
                .tableSummary(TableSummaryOptions.builder().enabled(true).prompt("Summarise.").build())
                .figureSummary(FigureSummaryOptions.builder().enabled(true).prompt("Describe.").override(false)
                        .advancedChartAgent(true).build())
                .filterBlocks(List.of(BlockType.FOOTER, BlockType.COMMENT))
                .forceUrlResult(false)
                .build();
    }

    private static LegacyAdvancedOptions legacyAdvancedOptions() {
        return LegacyAdvancedOptions.builder()
                .ocrSystem(LegacyOcrSystem.HIGHRES)
                .tableOutputFormat(TableFormat.JSONBBOX)
                .mergeTables(true)
                .includeFormulaInformation(true)
                .includeColorInformation(false)
                .includeDropdownInformation(true)
                .continueHierarchy(true)
                .keepLineBreaks(false)
                .pageRange(PageSelection.ranges(List.of(PageRange.builder().start(1).end(2).build())))
                .forceFileExtension(".docx")
                .largeTableChunking(LargeTableChunkingOptions.builder().enabled(true).size(40).build())
                .spreadsheetTableClustering(SpreadsheetTableClustering.DEFAULT)
                .addPageMarkers(true)
                .removeTextFormatting(false)
                .returnOcrData(true)
                .documentPassword("pw")
                .filterLineNumbers(true)
                .readComments(true)
                .persistResults(false)
                .excludeHiddenSheets(true)
                .excludeHiddenRowsCols(true)
                .enableChangeTracking(true)
                .enableHighlightDetection(false)
                .ignoreWatermarks(true)
                .build();
    }

    private static LegacyExperimentalOptions legacyExperimentalOptions() {
        return LegacyExperimentalOptions.builder()
                .enrich(EnrichOptions.builder().enabled(true).mode(EnrichMode.PAGE).prompt("Add context.").build())
                .layoutEnrichment(false)
                .nativeOfficeConversion(true)
                .disableOfficeExternalLinks(true)
                .enableCheckboxes(true)
                .enableEquations(false)
                .rotatePages(true)
                .rotateFigures(false)
                .enableScripts(false)
                .returnFigureImages(true)
                .returnTableImages(false)
                .returnPageImages(true)
                .layoutModel(LayoutModel.BETA)
                .embedTextMetadataPdf(false)
                .detectSignatures(true)
                .dangerFilterWideBoxes(false)
                .userSpecifiedTimeoutSeconds(120.0)
                .chunkTableBlocks(true)
                .latencySensitive(false)
                .promptableAgenticTextOnRegularBlocks(true)
                .build();
    }

    private static List<String> exampleFileNames() {
        URL folder = RequestSchemaValidationTest.class.getResource("/examples/");
        Objects.requireNonNull(folder, "/examples/ is not on the test classpath");
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode example(String fileName) {
        try (InputStream in = RequestSchemaValidationTest.class.getResourceAsStream("/examples/" + fileName)) {
            Objects.requireNonNull(in, () -> fileName + " is not in /examples/ on the test classpath");
            return CODEC.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
