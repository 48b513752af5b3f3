package io.reductor.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.cite.CitationQuery;
import io.reductor.core.model.cite.CiteRequest;
import io.reductor.core.model.cite.CiteSource;
import io.reductor.core.model.classify.ClassificationCategory;
import io.reductor.core.model.classify.ClassifyRequest;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.BoundingBox;
import io.reductor.core.model.common.DirectWebhookConfig;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.PageSelection;
import io.reductor.core.model.common.QueuePriority;
import io.reductor.core.model.common.TableFormat;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.edit.EditOptions;
import io.reductor.core.model.edit.EditRequest;
import io.reductor.core.model.edit.EditWidget;
import io.reductor.core.model.edit.WidgetType;
import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.job.ListJobsRequest;
import io.reductor.core.model.legacy.InternalExtractConfig;
import io.reductor.core.model.legacy.InternalParseConfig;
import io.reductor.core.model.legacy.InternalProcessingOptions;
import io.reductor.core.model.legacy.LegacyExtractRequest;
import io.reductor.core.model.legacy.LegacyParseRequest;
import io.reductor.core.model.parse.FormattingOptions;
import io.reductor.core.model.parse.LargeTableSplitSize;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseSettings;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.split.SplitCategory;
import io.reductor.core.model.split.SplitRequest;
import io.reductor.core.model.upload.Upload;
import io.reductor.spec.SpecDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the model's builders enforce in {@code build()}: the fields the spec marks required, and the numeric ranges,
 * string lengths and list sizes the spec documents, each failure an {@link IllegalArgumentException} naming the field
 * and what is allowed. The bounds are read from the vendored spec, so a spec change that moves a bound fails here
 * until the builders follow. Also: {@code toBuilder()} copies a value faithfully and derives changed copies without
 * touching the original.
 */
class BuilderConstraintsTest {

    private static final DocumentInput URL = DocumentInput.url("https://example.com/a.pdf");

    // ------------------------------------------------------------------------------------------------ required fields

    /**
     * A value built with exactly one required field left unset.
     *
     * @param field  the field as the message names it, {@code Type.field}
     * @param schema the spec schema that marks it required
     * @param wire   the property's wire name in that schema
     * @param build  builds the value with every other required field set
     */
    record Missing(String field, String schema, String wire, Supplier<Object> build) {
        @Override
        public String toString() {
            return field;
        }
    }

    static Stream<Missing> missingRequiredFields() {
        SplitCategory category = SplitCategory.builder().name("a").description("b").build();
        CitationQuery query = CitationQuery.builder().text("x").build();
        return Stream.of(
                new Missing("ParseRequest.input", "SyncParseConfig", "input", () -> ParseRequest.builder()
                        .queuePriority(QueuePriority.AUTO).build()),
                new Missing("ExtractRequest.input", "SyncExtractConfig", "input", () -> ExtractRequest.builder()
                        .build()),
                new Missing("SplitRequest.input", "SyncSplitConfig", "input", () -> SplitRequest.builder()
                        .splitDescription(List.of(category)).build()),
                new Missing("SplitRequest.splitDescription", "SyncSplitConfig", "split_description",
                        () -> SplitRequest.builder().input(URL).build()),
                new Missing("EditRequest.documentUrl", "EditConfig", "document_url", () -> EditRequest.builder()
                        .editInstructions("Sign it").build()),
                new Missing("EditRequest.editInstructions", "EditConfig", "edit_instructions",
                        () -> EditRequest.builder().documentUrl(URL).build()),
                new Missing("PipelineRequest.input", "V3PipelineConfig", "input", () -> PipelineRequest.builder()
                        .pipelineId("p1").build()),
                new Missing("PipelineRequest.pipelineId", "V3PipelineConfig", "pipeline_id",
                        () -> PipelineRequest.builder().input(URL).build()),
                new Missing("ClassifyRequest.input", "ClassifyConfig", "input", () -> ClassifyRequest.builder()
                        .persistResults(true).build()),
                new Missing("CiteRequest.source", "CiteRequest", "source", () -> CiteRequest.builder()
                        .queries(List.of(query)).build()),
                new Missing("CiteRequest.queries", "CiteRequest", "queries", () -> CiteRequest.builder()
                        .source(CiteSource.job("j1")).build()),
                new Missing("CitationQuery.text", "CitationQuery", "text", () -> CitationQuery.builder()
                        .bboxFilter(box()).build()),
                new Missing("ClassificationCategory.criteria", "ClassificationCategory", "criteria",
                        () -> ClassificationCategory.builder().category("invoice").build()),
                new Missing("SplitCategory.description", "SplitCategory", "description",
                        () -> SplitCategory.builder().name("invoice").build()),
                new Missing("DirectWebhookConfig.url", "DirectWebhookConfig", "url",
                        () -> DirectWebhookConfig.builder().build()),
                new Missing("EditWidget.type", "EditWidget", "type", () -> EditWidget.builder().bbox(box())
                        .description("Name").build()),
                new Missing("BoundingBox.page", "BoundingBox", "page", () -> BoundingBox.builder().left(0.0)
                        .top(0.0).width(1.0).height(1.0).build()),
                new Missing("Upload.fileId", "UploadResponse", "file_id", () -> Upload.builder()
                        .presignedUrl("https://uploads.example.com/x").build()),
                new Missing("LegacyParseRequest.documentUrl", "ParseConfigNew", "document_url",
                        () -> LegacyParseRequest.builder().priority(true).build()),
                new Missing("LegacyExtractRequest.schema", "ExtractConfigNew", "schema",
                        () -> LegacyExtractRequest.builder().documentUrl(URL).build()),
                new Missing("InternalParseConfig.documentUrl", "ParseConfig", "document_url",
                        () -> InternalParseConfig.builder().priority(false).build()),
                new Missing("InternalExtractConfig.schema", "ExtractConfig", "schema",
                        () -> InternalExtractConfig.builder().documentUrl(URL).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingRequiredFields")
    void buildRejectsAMissingRequiredFieldNamingIt(Missing missing) {
        assertThat(requiredIn(missing.schema())).as("the spec's required list of " + missing.schema())
                .contains(missing.wire());

        assertThatThrownBy(() -> missing.build().get())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(missing.field() + " is required but was not set");
    }

    // -------------------------------------------------------------------------------------------------------- ranges

    /**
     * A builder field with a documented numeric range.
     *
     * @param field    the field as messages name it
     * @param schema   the spec schema declaring the range
     * @param wire     the property's wire name
     * @param integral whether the field is a whole number (probes step by 1) or not (probes step by 0.5)
     * @param build    builds a value with the field set to the given number
     */
    record Range(String field, String schema, String wire, boolean integral, Function<BigDecimal, Object> build) {
        @Override
        public String toString() {
            return field;
        }
    }

    static Stream<Range> ranges() {
        return Stream.of(
                new Range("EditWidget.fontSize", "EditWidget", "font_size", false, v -> EditWidget.builder()
                        .bbox(box()).description("Name").type(WidgetType.TEXT).fontSize(v.doubleValue()).build()),
                new Range("EditOptions.fontSize", "EditOptions", "font_size", false,
                        v -> EditOptions.builder().fontSize(v.doubleValue()).build()),
                new Range("ParseSettings.embedPdfMetadataDpi", "Settings", "embed_pdf_metadata_dpi", true,
                        v -> ParseSettings.builder().embedPdfMetadataDpi(v.intValueExact()).build()),
                new Range("InternalProcessingOptions.dpi", "ProcessingOptions", "dpi", true,
                        v -> InternalProcessingOptions.builder().dpi(v.intValueExact()).build()),
                new Range("InternalProcessingOptions.maxBatchSize", "ProcessingOptions", "max_batch_size", true,
                        v -> InternalProcessingOptions.builder().maxBatchSize(v.intValueExact()).build()),
                new Range("InternalProcessingOptions.numOcrCrops", "ProcessingOptions", "num_ocr_crops", true,
                        v -> InternalProcessingOptions.builder().numOcrCrops(v.intValueExact()).build()),
                new Range("InternalProcessingOptions.timeout", "ProcessingOptions", "timeout", false,
                        v -> InternalProcessingOptions.builder().timeout(v.doubleValue()).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ranges")
    void buildEnforcesTheSpecsRangeAndAcceptsItsBounds(Range range) {
        JsonNode limits = limits(range.schema(), range.wire());
        BigDecimal step = range.integral() ? BigDecimal.ONE : new BigDecimal("0.5");
        BigDecimal min = decimal(limits, "minimum");
        BigDecimal max = decimal(limits, "maximum");
        BigDecimal above = decimal(limits, "exclusiveMinimum");
        assertThat(min != null || max != null || above != null).as("the spec documents a range for " + range).isTrue();

        List<BigDecimal> accepted = new ArrayList<>();
        if (min != null) {
            accepted.add(min);
            rejects(range, min.subtract(step), max == null ? "at least " + text(min)
                    : "between " + text(min) + " and " + text(max));
        }
        if (max != null) {
            accepted.add(max);
            rejects(range, max.add(step), min == null ? "at most " + text(max)
                    : "between " + text(min) + " and " + text(max));
        }
        if (above != null) {
            accepted.add(above.add(step));
            rejects(range, above, "greater than " + text(above));
        }
        for (BigDecimal bound : accepted) {
            assertThatCode(() -> range.build().apply(bound)).as(range + " = " + bound).doesNotThrowAnyException();
        }
    }

    private static void rejects(Range range, BigDecimal value, String allowed) {
        String shown = range.integral() ? value.toBigInteger().toString() : Double.toString(value.doubleValue());
        assertThatThrownBy(() -> range.build().apply(value))
                .as(range + " = " + value)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(range.field() + " must be " + allowed + " but was " + shown);
    }

    @Test
    void citeQueriesNeedAtLeastOneEntryAsTheSpecSays() {
        assertThat(limits("CiteRequest", "queries").path("minItems").asInt()).isEqualTo(1);

        assertThatThrownBy(() -> CiteRequest.builder().source(CiteSource.job("j1")).queries(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CiteRequest.queries must have at least 1 elements but had 0");
        assertThat(CiteRequest.builder().source(CiteSource.job("j1"))
                .queries(List.of(CitationQuery.builder().text("x").build())).build().queries()).hasSize(1);
    }

    @Test
    void citationQueryTextMustNotBeEmptyAsTheSpecSays() {
        assertThat(limits("CitationQuery", "text").path("minLength").asInt()).isEqualTo(1);

        assertThatThrownBy(() -> CitationQuery.builder().text("").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CitationQuery.text must have at least 1 character but had 0");
        assertThat(CitationQuery.builder().text("x").build().text()).isEqualTo("x");
    }

    @Test
    void listJobsLimitFollowsTheQueryParameterRange() {
        assertThatThrownBy(() -> ListJobsRequest.builder().limit(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ListJobsRequest.limit must be between 1 and 500 but was 0");
        assertThatThrownBy(() -> ListJobsRequest.builder().limit(501).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ListJobsRequest.limit must be between 1 and 500 but was 501");
        assertThat(ListJobsRequest.builder().limit(1).build().limit()).isEqualTo(1);
        assertThat(ListJobsRequest.builder().limit(500).build().limit()).isEqualTo(500);
    }

    @Test
    void unsetOptionalRangedFieldsAreNotChecked() {
        assertThat(EditOptions.builder().build().fontSize()).isNull();
        assertThat(ParseSettings.builder().build().embedPdfMetadataDpi()).isNull();
        assertThat(InternalProcessingOptions.builder().build().timeout()).isNull();
    }

    // ------------------------------------------------------------------------------------------------------ toBuilder

    @Test
    void toBuilderRoundTripsAValueExactly() {
        ParseRequest original = richParseRequest();

        ParseRequest copy = original.toBuilder().build();

        assertThat(copy).isEqualTo(original).isNotSameAs(original);
        assertThat(copy.additionalProperties()).containsEntry("beta_flag", BooleanNode.TRUE);
        assertThat(JsonCodec.standard().toTree(copy)).isEqualTo(JsonCodec.standard().toTree(original));
    }

    @Test
    void toBuilderDerivesAChangedCopyWithoutTouchingTheOriginal() {
        ParseRequest original = richParseRequest();
        JsonNode before = JsonCodec.standard().toTree(original);

        DocumentInput otherInput = DocumentInput.fileId("reducto://0f0f0f0f-1111-4222-8333-444455556666.pdf");
        ParseRequest.Builder builder = original.toBuilder();
        ParseRequest changed = builder
                .input(otherInput)
                .settings(original.settings().toBuilder().embedPdfMetadataDpi(250).build())
                .queuePriority(QueuePriority.BATCH)
                .additionalProperty("beta_flag", BooleanNode.FALSE)
                .build();
        ParseRequest changedAgain = builder.formatting(null).build();

        assertThat(changed.input()).isEqualTo(otherInput);
        assertThat(changed.settings().embedPdfMetadataDpi()).isEqualTo(250);
        assertThat(changed.settings().pageRange()).isEqualTo(original.settings().pageRange());
        assertThat(changed.async()).isEqualTo(original.async());
        assertThat(changed.formatting()).isEqualTo(original.formatting());
        assertThat(changed.additionalProperties()).containsEntry("beta_flag", BooleanNode.FALSE);
        assertThat(changedAgain.formatting()).isNull();
        assertThat(changed.formatting()).as("a value built earlier is not changed by later builder calls")
                .isNotNull();

        assertThat(original.input()).isEqualTo(URL);
        assertThat(original.settings().embedPdfMetadataDpi()).isEqualTo(100);
        assertThat(original.queuePriority()).isEqualTo(QueuePriority.AUTO);
        assertThat(original.additionalProperties()).containsEntry("beta_flag", BooleanNode.TRUE);
        assertThat(JsonCodec.standard().toTree(original)).isEqualTo(before);
    }

    @Test
    void toBuilderChecksConstraintsAgain() {
        ParseSettings settings = ParseSettings.builder().embedPdfMetadataDpi(100).build();

        assertThatThrownBy(() -> settings.toBuilder().embedPdfMetadataDpi(251).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ParseSettings.embedPdfMetadataDpi");
        assertThatThrownBy(() -> richParseRequest().toBuilder().input(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ParseRequest.input is required but was not set");
        assertThat(settings.embedPdfMetadataDpi()).isEqualTo(100);
    }

    @Test
    void toBuilderKeepsAnExplicitNullApartFromAnUnsetField() {
        LargeTableSplitSize size = LargeTableSplitSize.builder().row(100).column(null).build();

        LargeTableSplitSize copy = size.toBuilder().build();

        assertThat(copy).isEqualTo(size);
        assertThat(copy.column().isNull()).isTrue();
        assertThat(copy.row().get()).isEqualTo(100);
        assertThat(JsonCodec.standard().encodeToString(copy)).isEqualTo("{\"row\":100,\"column\":null}");
        assertThat(JsonCodec.standard().encodeToString(LargeTableSplitSize.builder().row(100).build()))
                .isEqualTo("{\"row\":100}");
    }

    @Test
    void builtValuesDoNotShareListsWithTheCaller() {
        List<String> criteria = new ArrayList<>(List.of("Has line items"));
        ClassificationCategory category = ClassificationCategory.builder().category("invoice").criteria(criteria)
                .build();

        criteria.add("Has a total");
        ClassificationCategory copy = category.toBuilder().build();

        assertThat(category.criteria()).containsExactly("Has line items");
        assertThat(copy.criteria()).containsExactly("Has line items");
        assertThatThrownBy(() -> category.criteria().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private static ParseRequest richParseRequest() {
        return ParseRequest.builder()
                .input(URL)
                .async(AsyncOptions.builder().webhook(WebhookConfig.direct("https://hooks.example.com/x")).build())
                .formatting(FormattingOptions.builder().tableOutputFormat(TableFormat.MD).build())
                .settings(ParseSettings.builder().embedPdfMetadataDpi(100).pageRange(PageSelection.range(1, 3))
                        .build())
                .queuePriority(QueuePriority.AUTO)
                .additionalProperty("beta_flag", BooleanNode.TRUE)
                .build();
    }

    private static BoundingBox box() {
        return BoundingBox.builder().left(0.1).top(0.1).width(0.5).height(0.1).page(1).build();
    }

    /** The property names any spec document lists as required in {@code schema}. */
    private static List<String> requiredIn(String schema) {
        List<String> required = new ArrayList<>();
        for (SpecDocuments.Document document : SpecDocuments.all()) {
            document.schemas().path(schema).path("required").forEach(name -> required.add(name.asText()));
        }
        return required;
    }

    /**
     * The constraint keywords of a property as the spec declares them, looking inside a nullable {@code anyOf}; the
     * first document that declares any wins.
     */
    private static JsonNode limits(String schema, String wire) {
        for (SpecDocuments.Document document : SpecDocuments.all()) {
            JsonNode property = document.schemas().path(schema).path("properties").path(wire);
            List<JsonNode> candidates = new ArrayList<>(List.of(property));
            property.path("anyOf").forEach(candidates::add);
            for (JsonNode candidate : candidates) {
                for (String keyword : List.of("minimum", "maximum", "exclusiveMinimum", "minItems", "minLength")) {
                    if (candidate.has(keyword)) {
                        return candidate;
                    }
                }
            }
        }
        throw new AssertionError("no spec document declares limits for " + schema + "." + wire);
    }

    private static BigDecimal decimal(JsonNode limits, String keyword) {
        return limits.has(keyword) ? limits.get(keyword).decimalValue() : null;
    }

    /** A bound as the builders print it: whole numbers without a fraction. */
    private static String text(BigDecimal bound) {
        return bound.stripTrailingZeros().scale() <= 0 ? bound.toBigInteger().toString() : bound.toPlainString();
    }
}
