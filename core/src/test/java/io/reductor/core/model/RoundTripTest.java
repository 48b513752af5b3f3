package io.reductor.core.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.ApiEnum;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.json.Nullable;
import io.reductor.core.json.RawJson;
import io.reductor.core.model.classify.CategoryConfidence;
import io.reductor.core.model.classify.ClassifyResponse;
import io.reductor.core.model.classify.CriterionConfidence;
import io.reductor.core.model.common.BillingCategory;
import io.reductor.core.model.common.BlockType;
import io.reductor.core.model.common.Confidence;
import io.reductor.core.model.edit.EditResponse;
import io.reductor.core.model.edit.EditWidget;
import io.reductor.core.model.edit.WidgetType;
import io.reductor.core.model.extract.CitedExtractResponse;
import io.reductor.core.model.extract.ExtractMode;
import io.reductor.core.model.extract.ExtractResponse;
import io.reductor.core.model.extract.ExtractResult;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.OcrLine;
import io.reductor.core.model.parse.OcrResult;
import io.reductor.core.model.parse.OcrWord;
import io.reductor.core.model.parse.ParseBlock;
import io.reductor.core.model.parse.ParseMode;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.UrlResult;
import io.reductor.core.model.pipeline.ExtractSplitResponse;
import io.reductor.core.model.pipeline.PipelineExtractOutput;
import io.reductor.core.model.pipeline.PipelineParseOutput;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.pipeline.PipelineResult;
import io.reductor.core.model.split.DeepSplitResult;
import io.reductor.core.model.split.DeepSplitSection;
import io.reductor.core.model.split.PageEvidence;
import io.reductor.core.model.split.SplitResponse;
import io.reductor.core.model.split.SplitResult;
import io.reductor.core.model.split.SplitSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-written fixtures ({@code /fixtures/}), written to the spec and salted with what the live service does on top
 * of it: unknown fields at several levels, unknown enum values, explicit nulls, absent versus null {@code confidence}.
 * Each decodes, re-encodes to the same tree (see {@link JsonTrees} for the one normalisation) and decodes again into an
 * equal value.
 */
class RoundTripTest {

    private static final JsonCodec CODEC = JsonCodec.standard();

    private static final Map<String, Class<?>> FIXTURES = new LinkedHashMap<>();

    static {
        FIXTURES.put("parse-response-full.json", ParseResponse.class);
        FIXTURES.put("parse-response-url.json", ParseResponse.class);
        FIXTURES.put("extract-plain.json", ExtractResult.class);
        FIXTURES.put("extract-cited.json", ExtractResult.class);
        FIXTURES.put("split-plain.json", SplitResponse.class);
        FIXTURES.put("split-deep.json", SplitResponse.class);
        FIXTURES.put("edit-form.json", EditResponse.class);
        FIXTURES.put("pipeline-parse-single.json", PipelineResponse.class);
        FIXTURES.put("pipeline-parse-list.json", PipelineResponse.class);
        FIXTURES.put("classify.json", ClassifyResponse.class);
        FIXTURES.put("job-parse.json", JobResponse.class);
        FIXTURES.put("job-extract.json", JobResponse.class);
        FIXTURES.put("job-v3-extract.json", JobResponse.class);
        FIXTURES.put("job-split.json", JobResponse.class);
        FIXTURES.put("job-edit.json", JobResponse.class);
        FIXTURES.put("job-pipeline.json", JobResponse.class);
        FIXTURES.put("job-classify.json", JobResponse.class);
        FIXTURES.put("job-summarize-unknown.json", JobResponse.class);
        FIXTURES.put("job-unknown-type-parse-shape.json", JobResponse.class);
        FIXTURES.put("job-shapeless.json", JobResponse.class);
        FIXTURES.put("jobs-page-next.json", JobsPage.class);
        FIXTURES.put("jobs-page-last.json", JobsPage.class);
        FIXTURES.put("submitted-job.json", SubmittedJob.class);
    }

    static Stream<Arguments> fixtures() {
        return FIXTURES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("fixtures")
    void decodeEncodeDecodeGivesEqualRecordsAndTheSameTree(String file, Class<?> type) {
        assertThat(JsonTrees.assertRoundTrip(bytes(file), type)).isInstanceOf(type);
    }

    /** Guards the fixtures themselves: each must exercise what the round trip is meant to prove. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureExercisesUnknownFieldsEnumsAndConfidenceStates(String file, Class<?> type) {
        Scan scan = Scan.of(CODEC.decode(bytes(file), type));

        if (type != SubmittedJob.class) { // a one-level record: its nested unknowns are raw JSON
            assertThat(scan.unknownFieldDepths).as("nesting levels with unknown fields").hasSizeGreaterThanOrEqualTo(2);
        } else {
            assertThat(scan.unknownFieldDepths).containsExactly(0);
        }
        if (!scan.enums.isEmpty()) {
            assertThat(scan.enums).as("enum-like values").anyMatch(value -> !value.isKnown());
        }
        if (!scan.blocks.isEmpty()) {
            assertThat(scan.blocks).as("blocks with absent confidence").anyMatch(b -> b.confidence().isAbsent());
            assertThat(scan.blocks).as("blocks with null confidence").anyMatch(b -> b.confidence().isNull());
            assertThat(scan.blocks).as("blocks with a confidence").anyMatch(b -> b.confidence().hasValue());
        }
    }

    @Test
    void everyFixtureIsListed() throws IOException, URISyntaxException {
        URL directory = RoundTripTest.class.getResource("/fixtures");
        assertThat(directory).isNotNull();
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            onDisk = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(onDisk).as("every fixture is round-tripped").containsExactlyInAnyOrderElementsOf(FIXTURES.keySet());
    }

    // ---------------------------------------------------------------------------------------------- parse

    @Test
    void bigParseResponse() {
        ParseResponse response = decode("parse-response-full.json", ParseResponse.class);

        assertThat(response.responseType()).isEqualTo("parse");
        assertThat(response.parseMode()).isEqualTo(ParseMode.LITE);
        assertThat(response.documentProperties().get("page_count").intValue()).isEqualTo(5);
        assertThat(response.documentProperties().get("producer").isNull()).isTrue();
        assertThat(response.additionalProperties()).containsOnlyKeys("request_region", "trace");
        assertThat(response.additionalProperties().get("trace").get("spans").get(0).isNull()).isTrue();

        assertThat(response.usage().credits()).isEqualTo(4.5);
        assertThat(response.usage().creditBreakdown()).containsExactly(Map.entry("page", 3.0), Map.entry("agentic", 1.5));
        List<BillingCategory> page3 = response.usage().pageBillingBreakdown().get("3");
        assertThat(page3).containsExactly(BillingCategory.PAGE, BillingCategory.of("handwriting_ocr"));
        assertThat(page3.get(1).isKnown()).isFalse();
        assertThat(response.usage().additionalProperties()).containsOnlyKeys("cache_hit");

        FullResult full = (FullResult) response.result();
        assertThat(full.additionalProperties().get("result_version").intValue()).isEqualTo(2);
        assertThat(full.custom().at("/anything/1/nested").isNull()).isTrue();
        assertThat(full.chunks()).hasSize(3);
        assertThat(full.chunks().get(0).additionalProperties()).containsOnlyKeys("chunk_id", "page_span");
        assertThat(full.chunks().get(1).enriched()).startsWith("A bar chart");
        assertThat(full.chunks().get(1).enrichmentSuccess()).isTrue();

        List<ParseBlock> blocks = full.chunks().stream().flatMap(c -> c.blocks().stream()).toList();
        assertThat(blocks).extracting(block -> block.type().value()).containsExactly(
                "Title", "Section Header", "Text", "Table",
                "Figure", "Key Value", "List Item", "Handwriting",
                "Header", "Signature", "Comment", "Footer", "Page Number");
        assertThat(blocks).filteredOn(block -> !block.type().isKnown()).extracting(ParseBlock::content)
                .containsExactly("Signed by hand");
        assertThat(blocks.get(7).type()).isEqualTo(BlockType.of("handwriting")).isNotEqualTo(BlockType.TEXT);

        // confidence: value, absent, explicit null, unknown value, other casing
        assertThat(blocks.get(0).confidence()).isEqualTo(Nullable.of(Confidence.HIGH));
        assertThat(blocks.get(1).confidence().get()).isEqualTo(Confidence.LOW);
        assertThat(blocks.get(2).confidence().isAbsent()).isTrue();
        assertThat(blocks.get(3).confidence().isNull()).isTrue();
        assertThat(blocks.get(3).confidence().isPresent()).isTrue();
        assertThat(blocks.get(4).confidence().get()).isEqualTo(Confidence.MEDIUM);
        assertThat(blocks.get(6).confidence().isNull()).isTrue();
        Confidence uncertain = blocks.get(7).confidence().get();
        assertThat(uncertain.isKnown()).isFalse();
        assertThat(uncertain.value()).isEqualTo("uncertain");
        assertThat(blocks.get(8).confidence().get()).isEqualTo(Confidence.LOW);
        assertThat(blocks.get(8).confidence().get().value()).isEqualTo("Low");
        assertThat(blocks.get(10).confidence().isAbsent()).isTrue();

        // the three confidence states come back exactly (not normalised: Nullable fields are compared strictly)
        JsonNode written = CODEC.readTree(CODEC.encode(response));
        assertThat(written.at("/result/chunks/0/blocks/0/confidence").textValue()).isEqualTo("high");
        assertThat(written.at("/result/chunks/0/blocks/2").has("confidence")).isFalse();
        assertThat(written.at("/result/chunks/0/blocks/3").get("confidence").isNull()).isTrue();
        assertThat(written.at("/result/chunks/1/blocks/2").get("confidence").isNull()).isTrue();
        assertThat(written.at("/result/chunks/2/blocks/0/confidence").textValue()).isEqualTo("Low");
        assertThat(written.at("/result/chunks/2/blocks/2").has("confidence")).isFalse();

        ParseBlock title = blocks.get(0);
        assertThat(title.granularConfidence().parseConfidence()).isEqualTo(0.9812);
        assertThat(title.granularConfidence().extractConfidence()).isNull();
        assertThat(blocks.get(3).granularConfidence().additionalProperties().get("table_structure_confidence")
                .doubleValue()).isEqualTo(0.77);

        ParseBlock figure = blocks.get(4);
        assertThat(figure.bbox().page()).isEqualTo(2);
        assertThat(figure.bbox().originalPage()).isEqualTo(4);
        assertThat(figure.bbox().additionalProperties().get("coordinate_system").textValue()).isEqualTo("relative");
        assertThat(figure.imageUrl()).startsWith("https://storage.example.invalid/7c1f3e2a/figures/");
        assertThat(figure.chartData()).containsExactly("https://storage.example.invalid/7c1f3e2a/charts/2-0.json");
        assertThat(figure.extra()).containsOnlyKeys("is_chart", "figure_caption", "series");
        assertThat(figure.extra().get("is_chart").booleanValue()).isTrue();
        assertThat(figure.extra().get("figure_caption").isNull()).as("null kept inside extra").isTrue();
        assertThat(figure.additionalProperties().get("rotation_hint").intValue()).isEqualTo(90);
        assertThat(blocks.get(6).bbox().originalPage()).isNull();
        assertThat(blocks.get(7).additionalProperties().get("ink_color").textValue()).isEqualTo("blue");

        OcrResult ocr = full.ocr();
        assertThat(ocr.additionalProperties()).containsOnlyKeys("engine_version");
        assertThat(ocr.words()).extracting(OcrWord::text).containsExactly("Quarterly", "Report", "hand");
        assertThat(ocr.words().get(0).confidence()).isEqualTo(0.998);
        assertThat(ocr.words().get(1).confidence()).isNull();
        assertThat(ocr.words().get(1).additionalProperties().get("language").textValue()).isEqualTo("en");
        assertThat(ocr.words().get(2).rotation()).isEqualTo(355);
        assertThat(ocr.words().get(2).chunkIndex()).isEqualTo(1);
        assertThat(ocr.lines()).extracting(OcrLine::text).containsExactly("Quarterly Report", "Signed by hand");
        assertThat(ocr.lines().get(1).rotation()).isNull();
        assertThat(ocr.lines().get(1).bbox().originalPage()).isEqualTo(4);
        assertThat(ocr.lines().get(1).additionalProperties().get("script").textValue()).isEqualTo("cursive");
    }

    @Test
    void parseResponseWithAUrlResult() {
        ParseResponse response = decode("parse-response-url.json", ParseResponse.class);

        assertThat(response.result()).isInstanceOf(UrlResult.class);
        UrlResult url = (UrlResult) response.result();
        assertThat(url.type()).isEqualTo("url");
        assertThat(url.url()).startsWith("https://storage.example.invalid/results/5b0e8a52.json");
        assertThat(url.resultId()).isEqualTo("res_5b0e8a52");
        assertThat(url.additionalProperties()).containsOnlyKeys("expires_at", "size");
        assertThat(url.additionalProperties().get("size").get("compressed").isNull()).isTrue();
        assertThat(response.parseMode().isKnown()).isFalse();
        assertThat(response.parseMode().value()).isEqualTo("base_v2");
        assertThat(response.documentProperties().isNull()).isTrue();
        assertThat(response.usage().pageBillingBreakdown().get("412"))
                .containsExactly(BillingCategory.PAGE, BillingCategory.BILLABLE_SPREADSHEET_PAGES);
        assertThat(CODEC.toTree(response).at("/result/type").textValue()).isEqualTo("url");
    }

    // -------------------------------------------------------------------------------------------- extract

    @Test
    void extractResultsOfBothShapes() {
        ExtractResult plainResult = decode("extract-plain.json", ExtractResult.class);
        assertThat(plainResult).isInstanceOf(ExtractResponse.class);
        ExtractResponse plain = (ExtractResponse) plainResult;
        assertThat(plain.responseType()).isEqualTo("extract");
        assertThat(plain.result()).hasSize(2);
        assertThat(plain.result().get(0).get("currency").isNull()).isTrue();
        assertThat(plain.result().get(0).at("/line_items/1/amount").isNull()).isTrue();
        assertThat(plain.citations()).isNull();
        assertThat(plain.usage().extractMode()).isEqualTo(ExtractMode.of("turbo_agent"));
        assertThat(plain.usage().extractMode().isKnown()).isFalse();
        assertThat(plain.usage().additionalProperties().get("num_tokens").get("input").intValue()).isEqualTo(1234);
        assertThat(plain.additionalProperties()).containsOnlyKeys("schema_version", "warnings");

        ExtractResult citedResult = decode("extract-cited.json", ExtractResult.class);
        assertThat(citedResult).isInstanceOf(CitedExtractResponse.class);
        CitedExtractResponse cited = (CitedExtractResponse) citedResult;
        assertThat(cited.responseType()).isEqualTo("v3_extract");
        assertThat(cited.jobId()).isEqualTo("33e0fac4-a1bc-42ed-9aab-9c9faab42e31");
        assertThat(cited.citations().isNull()).as("explicit null kept as JSON null").isTrue();
        assertThat(cited.result().at("/invoice_number/value").textValue()).isEqualTo("INV-9865");
        assertThat(cited.result().at("/vendor/name/value").isNull()).isTrue();
        assertThat(cited.result().at("/vendor/address/citations/0/type").textValue()).isEqualTo("Handwriting");
        assertThat(cited.usage().extractMode().isKnown()).isFalse();
        assertThat(cited.usage().additionalProperties()).containsOnlyKeys("latency_tier");
        assertThat(cited.additionalProperties()).containsOnlyKeys("model_version");
    }

    // ----------------------------------------------------------------------------------------------- split

    @Test
    void plainSplit() {
        SplitResponse response = decode("split-plain.json", SplitResponse.class);

        assertThat(response.responseType()).isEqualTo("split");
        assertThat(response.additionalProperties()).containsOnlyKeys("job_id");
        assertThat(response.result()).isInstanceOf(SplitResult.class);
        SplitResult result = (SplitResult) response.result();
        assertThat(result.sectionMapping()).containsOnlyKeys("abstract", "introduction", "appendix", "conclusion");
        assertThat(result.sectionMapping().get("appendix")).isEmpty();
        assertThat(result.sectionMapping().get("conclusion")).containsExactly(14, 15);
        assertThat(result.additionalProperties()).containsOnlyKeys("split_strategy");
        assertThat(result.splits()).extracting(SplitSection::name)
                .containsExactly("abstract", "introduction", "appendix", "conclusion");
        assertThat(result.splits().get(1).additionalProperties().get("reasoning").textValue())
                .isEqualTo("heading on page 1");
        assertThat(result.splits().get(2).conf().isKnown()).isFalse();
        assertThat(result.splits().get(3).conf()).isNull();
        assertThat(result.splits().get(3).partitions()).hasSize(2);
        assertThat(result.splits().get(3).partitions().get(0).conf()).isEqualTo(Confidence.HIGH);
        assertThat(result.splits().get(3).partitions().get(1).conf().value()).isEqualTo("Probable");
        assertThat(result.splits().get(3).partitions().get(1).additionalProperties())
                .containsOnlyKeys("partition_key_value");
    }

    @Test
    void deepSplit() {
        SplitResponse response = decode("split-deep.json", SplitResponse.class);

        assertThat(response.result()).isInstanceOf(DeepSplitResult.class);
        DeepSplitResult result = (DeepSplitResult) response.result();
        assertThat(result.additionalProperties()).containsOnlyKeys("model");
        assertThat(result.splits()).extracting(DeepSplitSection::name).containsExactly("invoice", "receipt", "other");
        List<PageEvidence> invoicePages = result.splits().get(0).pages();
        assertThat(invoicePages).extracting(PageEvidence::pageNumber).containsExactly(1, 2);
        assertThat(invoicePages.get(0).evidence()).isEqualTo("Header reads INVOICE");
        assertThat(invoicePages.get(0).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(invoicePages.get(1).confidence()).isNull();
        assertThat(invoicePages.get(1).additionalProperties().get("tokens").intValue()).isEqualTo(812);
        assertThat(result.splits().get(0).partitions().get(0).pages().get(0).confidence())
                .isEqualTo(Confidence.MEDIUM);
        assertThat(result.splits().get(0).partitions().get(0).additionalProperties())
                .containsOnlyKeys("partition_confidence");
        assertThat(result.splits().get(1).pages().get(0).confidence().isKnown()).isFalse();
        assertThat(result.splits().get(1).partitions()).isNull();
        assertThat(response.additionalProperties()).containsOnlyKeys("elapsed_ms");
    }

    // ------------------------------------------------------------------------------------------------ edit

    @Test
    void editWithFormSchemaWidgets() {
        EditResponse response = decode("edit-form.json", EditResponse.class);

        assertThat(response.responseType()).isEqualTo("edit");
        assertThat(response.documentUrl()).startsWith("https://storage.example.invalid/edits/");
        assertThat(response.additionalProperties()).containsOnlyKeys("document_expires_at");
        assertThat(response.usage().additionalProperties()).containsOnlyKeys("form_fields_filled");
        List<EditWidget> widgets = response.formSchema();
        assertThat(widgets).extracting(EditWidget::type).containsExactly(
                WidgetType.TEXT, WidgetType.CHECKBOX, WidgetType.RADIO, WidgetType.DROPDOWN, WidgetType.BARCODE,
                WidgetType.of("signature_pad"));
        assertThat(widgets.get(5).type().isKnown()).isFalse();
        assertThat(widgets.get(0).value()).isEqualTo("Jane Q. Public");
        assertThat(widgets.get(0).fontSize()).isEqualTo(11.5);
        assertThat(widgets.get(0).fill()).isTrue();
        assertThat(widgets.get(2).fill()).isFalse();
        assertThat(widgets.get(2).value()).isNull();
        assertThat(widgets.get(2).additionalProperties().get("options")).hasSize(3);
        assertThat(widgets.get(3).fill()).isNull();
        assertThat(widgets.get(4).bbox().originalPage()).isEqualTo(2);
        assertThat(widgets.get(4).bbox().additionalProperties()).containsOnlyKeys("rotation");
        assertThat(widgets.get(5).additionalProperties().get("pen").get("width").doubleValue()).isEqualTo(1.5);
    }

    // -------------------------------------------------------------------------------------------- pipeline

    @Test
    void pipelineWithOneParseAndAWholeExtraction() {
        PipelineResponse response = decode("pipeline-parse-single.json", PipelineResponse.class);

        assertThat(response.responseType()).isEqualTo("pipeline");
        assertThat(response.additionalProperties()).containsOnlyKeys("pipeline_version");
        PipelineResult result = response.result();
        assertThat(result.additionalProperties()).containsOnlyKeys("classify");
        assertThat(result.parse()).isInstanceOf(PipelineParseOutput.Single.class);
        ParseResponse parse = ((PipelineParseOutput.Single) result.parse()).response();
        assertThat(result.parse().responses()).containsExactly(parse);
        assertThat(parse.parseMode()).isEqualTo(ParseMode.BASE);
        List<ParseBlock> blocks = ((FullResult) parse.result()).chunks().get(0).blocks();
        assertThat(blocks.get(1).type().value()).isEqualTo("Stamp");
        assertThat(blocks.get(1).type().isKnown()).isFalse();
        assertThat(blocks.get(1).additionalProperties()).containsOnlyKeys("stamp_color");

        assertThat(result.extract()).isInstanceOf(PipelineExtractOutput.Whole.class);
        ExtractResult extract = ((PipelineExtractOutput.Whole) result.extract()).result();
        assertThat(extract).isInstanceOf(ExtractResponse.class);
        assertThat(((ExtractResponse) extract).additionalProperties()).containsOnlyKeys("cache");
        assertThat(result.split()).isNull();
        assertThat(result.edit()).isNull();
        // split is required by the spec: a null comes back as null
        assertThat(CODEC.toTree(result).get("split").isNull()).isTrue();
    }

    @Test
    void pipelineWithSeveralParsesAndPerSectionExtractions() {
        PipelineResponse response = decode("pipeline-parse-list.json", PipelineResponse.class);
        PipelineResult result = response.result();

        assertThat(result.parse()).isInstanceOf(PipelineParseOutput.Multiple.class);
        List<ParseResponse> parses = result.parse().responses();
        assertThat(parses).hasSize(2);
        assertThat(parses.get(0).result()).isInstanceOf(UrlResult.class);
        assertThat(parses.get(1).result()).isInstanceOf(FullResult.class);
        assertThat(parses).allSatisfy(p -> assertThat(p.additionalProperties()).containsOnlyKeys("source_index"));

        assertThat(result.extract()).isInstanceOf(PipelineExtractOutput.PerSection.class);
        List<ExtractSplitResponse> sections = ((PipelineExtractOutput.PerSection) result.extract()).sections();
        assertThat(sections).extracting(ExtractSplitResponse::splitName).containsExactly("invoice", "receipt");
        assertThat(sections.get(0).partition()).isNull();
        assertThat(sections.get(0).pageRange()).containsExactly(1, 2);
        assertThat(sections.get(0).result()).isInstanceOf(ExtractResponse.class);
        assertThat(sections.get(0).additionalProperties()).containsOnlyKeys("section_score");
        assertThat(sections.get(1).partition()).isEqualTo("Acme Corp");
        assertThat(sections.get(1).result()).isInstanceOf(CitedExtractResponse.class);
        assertThat(sections.get(1).result().usage().extractMode()).isEqualTo(ExtractMode.SPREADSHEET_AGENT);

        assertThat(result.split().result()).isInstanceOf(SplitResult.class);
        assertThat(((SplitResult) result.split().result()).splits().get(1).conf().isKnown()).isFalse();
        assertThat(result.edit().formSchema()).isNull();
        assertThat(result.edit().additionalProperties()).containsOnlyKeys("overflow_pages");
        assertThat(response.additionalProperties()).containsOnlyKeys("pipeline_run");
    }

    // -------------------------------------------------------------------------------------------- classify

    @Test
    void classifyWithNumericAndStringConfidences() {
        ClassifyResponse response = decode("classify.json", ClassifyResponse.class);

        assertThat(response.responseType()).isEqualTo("classify");
        assertThat(response.result().category()).isEqualTo("invoice");
        assertThat(response.result().additionalProperties()).containsOnlyKeys("alternatives");
        assertThat(response.additionalProperties()).containsOnlyKeys("model_version");
        assertThat(response.usage().numPages()).isEqualTo(2);
        assertThat(response.usage().numCategories()).isEqualTo(2);
        assertThat(response.usage().credits()).isEqualTo(0.5);
        assertThat(response.usage().additionalProperties()).containsOnlyKeys("billing_tier");
        assertThat(response.responseConfidence().additionalProperties()).containsOnlyKeys("calibrated");
        List<CategoryConfidence> categories = response.responseConfidence().categories();
        assertThat(categories).extracting(CategoryConfidence::confidence).containsExactly(0.92, 0.0);
        assertThat(categories.get(1).criteriaConfidence()).isEmpty();
        assertThat(categories.get(1).additionalProperties()).containsOnlyKeys("rank");
        List<CriterionConfidence> criteria = categories.get(0).criteriaConfidence();
        assertThat(criteria.get(0).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(criteria.get(1).confidence().isKnown()).isFalse();
        assertThat(criteria.get(1).additionalProperties()).containsOnlyKeys("evidence_page");
    }

    // ------------------------------------------------------------------------------------------------ jobs

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "job-parse.json, Parse, parse",
        "job-extract.json, Extract, extract",
        "job-v3-extract.json, CitedExtract, v3_extract",
        "job-split.json, Split, split",
        "job-edit.json, Edit, edit",
        "job-pipeline.json, Pipeline, pipeline",
        "job-classify.json, Classify, classify",
        "job-summarize-unknown.json, Unknown, summarize",
    })
    void jobResultVariantFollowsResponseType(String file, String variant, String responseType) {
        JobResponse job = decode(file, JobResponse.class);

        assertThat(job.result().getClass().getSimpleName()).isEqualTo(variant);
        assertThat(job.result().responseType()).isEqualTo(responseType);
        JsonNode original = CODEC.readTree(bytes(file));
        assertThat(original.at("/result/response_type").textValue()).isEqualTo(responseType);
        assertThat(job.additionalProperties()).as("unknown job-level fields").isNotEmpty();
    }

    @Test
    void jobResultsCarryTheirContent() {
        JobResponse parseJob = decode("job-parse.json", JobResponse.class);
        ParseResponse parse = ((JobResult.Parse) parseJob.result()).response();
        List<ParseBlock> blocks = ((FullResult) parse.result()).chunks().get(0).blocks();
        assertThat(blocks.get(0).confidence().get()).isEqualTo(Confidence.HIGH);
        assertThat(blocks.get(1).confidence().isNull()).isTrue();
        assertThat(blocks.get(2).confidence().isAbsent()).isTrue();
        assertThat(parse.usage().additionalProperties()).containsOnlyKeys("gpu_seconds");
        assertThat(parseJob.status().isSuccess()).isTrue();
        assertThat(parseJob.type()).isEqualTo(JobType.PARSE);
        assertThat(parseJob.createdAt().toInstant()).isEqualTo(Instant.parse("2026-03-01T08:15:30.123456Z"));
        assertThat(parseJob.source().get("filename").isNull()).isTrue();
        assertThat(parseJob.rawConfig()).startsWith("{\"input\"");
        assertThat(parseJob.error()).isNull();

        ExtractResponse extract = ((JobResult.Extract) decode("job-extract.json", JobResponse.class).result()).response();
        assertThat(extract.result().get(0).get("notes").isNull()).isTrue();
        assertThat(extract.additionalProperties()).containsOnlyKeys("trace_id");

        CitedExtractResponse cited =
                ((JobResult.CitedExtract) decode("job-v3-extract.json", JobResponse.class).result()).response();
        assertThat(cited.result().at("/invoice_number/citations/0/parentBlock").isNull()).isTrue();
        assertThat(cited.usage().extractMode().isKnown()).isFalse();

        SplitResponse split = ((JobResult.Split) decode("job-split.json", JobResponse.class).result()).response();
        assertThat(((SplitResult) split.result()).sectionMapping().get("body")).containsExactly(2, 3);

        EditResponse edit = ((JobResult.Edit) decode("job-edit.json", JobResponse.class).result()).response();
        assertThat(edit.formSchema().get(1).type().value()).isEqualTo("image");

        JobResponse pipelineJob = decode("job-pipeline.json", JobResponse.class);
        PipelineResponse pipeline = ((JobResult.Pipeline) pipelineJob.result()).response();
        assertThat(pipeline.result().parse().responses().get(0).result()).isInstanceOf(UrlResult.class);
        assertThat(pipeline.result().extract()).isNull();
        assertThat(pipelineJob.createdAt().toInstant()).isEqualTo(Instant.parse("2026-03-01T13:00:00.5Z"));

        ClassifyResponse classify =
                ((JobResult.Classify) decode("job-classify.json", JobResponse.class).result()).response();
        assertThat(classify.result().category()).isEqualTo("contract");
    }

    @Test
    void unknownFutureResultTypeIsKeptExactlyAndUnknownStatusIsNotTerminal() {
        byte[] json = bytes("job-summarize-unknown.json");
        JobResponse job = CODEC.decode(json, JobResponse.class);

        assertThat(job.status().value()).isEqualTo("Paused");
        assertThat(job.status().isKnown()).isFalse();
        assertThat(job.status().isTerminal()).isFalse();
        assertThat(job.status().isSuccess()).isFalse();
        assertThat(job.status().isFailure()).isFalse();
        assertThat(job.type().isKnown()).isFalse();
        assertThat(job.progress()).isEqualTo(0.25);

        assertThat(job.result()).isInstanceOf(JobResult.Unknown.class);
        JsonNode original = CODEC.readTree(json).get("result");
        assertThat(((JobResult.Unknown) job.result()).json()).isEqualTo(original);
        // raw JSON: compared exactly, explicit nulls and all, not with the normaliser
        assertThat(CODEC.readTree(CODEC.encode(job)).get("result")).isEqualTo(original);
        assertThat(CODEC.encodeToString(job.result())).isEqualTo(original.toString());
    }

    @Test
    void unknownDiscriminatorWinsOverAParseLikeShape() {
        JobResponse job = decode("job-unknown-type-parse-shape.json", JobResponse.class);

        assertThat(CODEC.readTree(bytes("job-unknown-type-parse-shape.json")).at("/result/result/chunks").isArray())
                .isTrue();
        assertThat(job.result()).isInstanceOf(JobResult.Unknown.class);
        assertThat(job.result().responseType()).isEqualTo("parse_v2");
    }

    @Test
    void aResultMatchingNoShapeIsUnknown() {
        JobResponse job = decode("job-shapeless.json", JobResponse.class);

        assertThat(job.result()).isInstanceOf(JobResult.Unknown.class);
        assertThat(job.result().responseType()).isNull();
        assertThat(((JobResult.Unknown) job.result()).json().at("/result/answer").intValue()).isEqualTo(42);
        assertThat(job.type().value()).isEqualTo("Insight");
    }

    @Test
    void jobsPageWithANextCursor() {
        JobsPage page = decode("jobs-page-next.json", JobsPage.class);

        assertThat(page.nextCursor()).isEqualTo("eyJjcmVhdGVkX2F0IjogIjIwMjYtMDItMjgifQ==");
        assertThat(page.additionalProperties()).containsOnlyKeys("total_count", "filters");
        assertThat(page.jobs()).extracting(JobSummary::status)
                .containsExactly(JobStatus.COMPLETED, JobStatus.of("Paused"), JobStatus.IN_PROGRESS);
        assertThat(page.jobs().get(1).status().isKnown()).isFalse();
        assertThat(page.jobs().get(1).status().isTerminal()).isFalse();
        assertThat(page.jobs().get(1).type().isKnown()).isFalse();
        assertThat(page.jobs().get(1).numPages()).isNull();
        assertThat(page.jobs().get(1).additionalProperties().get("tags").get(1).isNull()).isTrue();
        assertThat(page.jobs().get(0).additionalProperties()).containsOnlyKeys("user_id");
        assertThat(page.jobs().get(0).source().get("file_name").textValue()).isEqualTo("statement.pdf");
        assertThat(page.jobs()).extracting(job -> job.createdAt().toInstant()).containsExactly(
                Instant.parse("2026-02-27T23:11:39.787917Z"),
                Instant.parse("2026-02-28T01:02:03Z"),
                Instant.parse("2026-02-27T21:34:05.678Z"));
        assertThat(page.jobs().get(2).createdAt().value()).isEqualTo("2026-02-28T03:04:05.678+05:30");
    }

    @Test
    void lastJobsPageHasANullCursor() {
        JobsPage page = decode("jobs-page-last.json", JobsPage.class);

        assertThat(page.nextCursor()).isNull();
        assertThat(page.additionalProperties()).containsOnlyKeys("has_more", "page");
        assertThat(page.jobs().get(0).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(page.jobs().get(0).status().isTerminal()).isTrue();
        assertThat(page.jobs().get(0).type()).isEqualTo(JobType.SPLIT);
        assertThat(page.jobs().get(1).status().value()).isEqualTo("Archived");
        assertThat(page.jobs().get(1).status().isKnown()).isFalse();
        assertThat(page.jobs().get(1).createdAt().toInstant()).isEqualTo(Instant.parse("2026-02-19T23:59:59Z"));
    }

    @Test
    void submittedJob() {
        SubmittedJob job = decode("submitted-job.json", SubmittedJob.class);

        assertThat(job.jobId()).isEqualTo("e234ba95-410a-4dd0-8a14-743dbfc49470");
        assertThat(job.additionalProperties()).containsOnlyKeys("status_url", "queue", "deduplicated");
        assertThat(job.additionalProperties().get("deduplicated").isNull()).isTrue();
        assertThat(job.additionalProperties().get("queue").at("/lanes/1/free").intValue()).isZero();
        assertThat(CODEC.toTree(job).get("deduplicated").isNull()).isTrue();
    }

    // -------------------------------------------------------------------------------------------- helpers

    private static <T> T decode(String file, Class<T> type) {
        return CODEC.decode(bytes(file), type);
    }

    private static byte[] bytes(String file) {
        try (InputStream in = RoundTripTest.class.getResourceAsStream("/fixtures/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a decoded model contains: the record nesting depths (counted in JSON objects) at which unknown fields were
     * kept (a union's {@code Unknown} variant counts as unknown content at its own level), every enum-like value, and
     * every parse block.
     */
    private static final class Scan {
        final Set<Integer> unknownFieldDepths = new TreeSet<>();
        final List<ApiEnum> enums = new ArrayList<>();
        final List<ParseBlock> blocks = new ArrayList<>();

        static Scan of(Object model) {
            Scan scan = new Scan();
            scan.walk(model, 0);
            return scan;
        }

        private void walk(Object value, int depth) {
            if (value instanceof Nullable<?> nullable) {
                walk(nullable.orElse(null), depth);
            } else if (value instanceof ApiEnum apiEnum) {
                enums.add(apiEnum);
            } else if (value instanceof List<?> list) {
                list.forEach(element -> walk(element, depth));
            } else if (value instanceof Map<?, ?> map) {
                map.values().forEach(element -> walk(element, depth));
            } else if (value instanceof Record record) {
                if (value instanceof ParseBlock block) {
                    blocks.add(block);
                }
                if (value instanceof RawJson) {
                    unknownFieldDepths.add(depth);
                    return;
                }
                boolean isObject = false;
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    if (component.getAccessor().isAnnotationPresent(JsonAnyGetter.class)) {
                        isObject = true;
                        if (!((Map<?, ?>) read(component, record)).isEmpty()) {
                            unknownFieldDepths.add(depth);
                        }
                    }
                }
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    if (!component.getAccessor().isAnnotationPresent(JsonAnyGetter.class)) {
                        walk(read(component, record), isObject ? depth + 1 : depth);
                    }
                }
            }
        }

        private static Object read(RecordComponent component, Record record) {
            try {
                return component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
