package io.reductor.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.json.Nullable;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.BlockType;
import io.reductor.core.model.common.BoundingBox;
import io.reductor.core.model.common.Confidence;
import io.reductor.core.model.common.DirectWebhookConfig;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.PageRange;
import io.reductor.core.model.common.PageSelection;
import io.reductor.core.model.common.SvixWebhookConfig;
import io.reductor.core.model.common.Timestamp;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.parse.AgenticFigureOptions;
import io.reductor.core.model.parse.AgenticOption;
import io.reductor.core.model.parse.AgenticTableMode;
import io.reductor.core.model.parse.AgenticTableOptions;
import io.reductor.core.model.parse.AgenticTextOptions;
import io.reductor.core.model.parse.EnhanceOptions;
import io.reductor.core.model.parse.LargeTableSplitSize;
import io.reductor.core.model.parse.LargeTableSplitting;
import io.reductor.core.model.parse.ParseBlock;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseSettings;
import io.reductor.core.model.parse.TableSplitSize;
import io.reductor.core.model.upload.Upload;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written unions and value types: factories, wire forms in both directions, and what they reject. */
class UnionsTest {

    private static final JsonCodec CODEC = JsonCodec.standard();

    /** Encodes {@code value}, checks the JSON text, decodes it back as {@code type} and returns the result. */
    private static <T> T assertWire(Object value, String json, Class<T> type) {
        assertThat(CODEC.readTree(CODEC.encode(value))).isEqualTo(CODEC.readTree(json));
        T decoded = CODEC.decode(json, type);
        assertThat(decoded).isEqualTo(value);
        return decoded;
    }

    @Nested
    class DocumentInputs {

        @Test
        void url() {
            DocumentInput input = DocumentInput.url("https://example.com/report.pdf");
            assertThat(input).isInstanceOf(DocumentInput.Url.class);
            assertWire(input, "\"https://example.com/report.pdf\"", DocumentInput.class);
        }

        @Test
        void fileIdFromAnUpload() {
            DocumentInput input = DocumentInput.fileId("reducto://4f0c2b1e-aaaa-bbbb-cccc-111122223333.pdf");
            assertThat(input).isInstanceOf(DocumentInput.FileId.class);
            assertWire(input, "\"reducto://4f0c2b1e-aaaa-bbbb-cccc-111122223333.pdf\"", DocumentInput.class);
            assertThat(DocumentInput.of("reducto://abc")).isInstanceOf(DocumentInput.FileId.class);
        }

        @Test
        void jobReferenceAddsThePrefixOnce() {
            DocumentInput bare = DocumentInput.jobReference("5df31070-8d98-4caa-9a5b-c5c511a03f71");
            DocumentInput prefixed = DocumentInput.jobReference("jobid://5df31070-8d98-4caa-9a5b-c5c511a03f71");
            assertThat(bare).isEqualTo(prefixed).isInstanceOf(DocumentInput.JobReference.class);
            assertThat(((DocumentInput.JobReference) bare).reference())
                    .isEqualTo("jobid://5df31070-8d98-4caa-9a5b-c5c511a03f71");
            assertThat(((DocumentInput.JobReference) bare).jobId()).isEqualTo("5df31070-8d98-4caa-9a5b-c5c511a03f71");
            DocumentInput decoded =
                    assertWire(bare, "\"jobid://5df31070-8d98-4caa-9a5b-c5c511a03f71\"", DocumentInput.class);
            assertThat(decoded).isInstanceOf(DocumentInput.JobReference.class);
        }

        @Test
        void listOfUrls() {
            DocumentInput input = DocumentInput.urls(List.of("https://example.com/a.pdf", "https://example.com/b.pdf"));
            assertThat(input).isInstanceOf(DocumentInput.UrlList.class);
            assertWire(input, "[\"https://example.com/a.pdf\", \"https://example.com/b.pdf\"]", DocumentInput.class);
        }

        @Test
        void uploadObject() {
            Upload upload = Upload.builder().fileId("reducto://18d574c7-4144-4f50-b7af-b8aba83ada5d").build();
            DocumentInput input = DocumentInput.upload(upload);
            assertThat(input).isInstanceOf(DocumentInput.UploadReference.class);
            assertWire(input, "{\"file_id\": \"reducto://18d574c7-4144-4f50-b7af-b8aba83ada5d\"}", DocumentInput.class);

            DocumentInput withUrl = CODEC.decode(
                    "{\"file_id\": \"reducto://x\", \"presigned_url\": \"https://s3/x\", \"bucket\": \"eu\"}",
                    DocumentInput.class);
            Upload decoded = ((DocumentInput.UploadReference) withUrl).upload();
            assertThat(decoded.presignedUrl()).isEqualTo("https://s3/x");
            assertThat(decoded.additionalProperties()).containsOnlyKeys("bucket");
        }

        @Test
        void aStringIsClassifiedByItsPrefix() {
            assertThat(CODEC.decode("\"https://example.com/x.pdf\"", DocumentInput.class))
                    .isInstanceOf(DocumentInput.Url.class);
            assertThat(CODEC.decode("\"reducto://x.pdf\"", DocumentInput.class))
                    .isInstanceOf(DocumentInput.FileId.class);
            assertThat(CODEC.decode("\"jobid://j-1\"", DocumentInput.class))
                    .isInstanceOf(DocumentInput.JobReference.class);
        }

        @Test
        void asTheInputOfARequest() {
            ParseRequest request = ParseRequest.builder().input(DocumentInput.fileId("reducto://abc.pdf")).build();
            JsonNode json = CODEC.toTree(request);
            assertThat(json.get("input").textValue()).isEqualTo("reducto://abc.pdf");
            assertThat(CODEC.decode(json, ParseRequest.class)).isEqualTo(request);

            ParseRequest withList = ParseRequest.builder().input(DocumentInput.urls(List.of("https://a", "https://b")))
                    .build();
            assertThat(CODEC.toTree(withList).get("input").isArray()).isTrue();
            assertThat(CODEC.decode(CODEC.encode(withList), ParseRequest.class).input())
                    .isInstanceOf(DocumentInput.UrlList.class);
        }

        @Test
        void invalidInputsAreRejectedWithAClearMessage() {
            assertThatThrownBy(() -> DocumentInput.url("  ")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("url must not be blank");
            assertThatThrownBy(() -> DocumentInput.url(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("url must not be blank");
            assertThatThrownBy(() -> DocumentInput.fileId("4f0c2b1e.pdf")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must start with reducto://")
                    .hasMessageContaining("4f0c2b1e.pdf");
            assertThatThrownBy(() -> DocumentInput.fileId("")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("fileId must not be blank");
            assertThatThrownBy(() -> DocumentInput.urls(List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("urls must hold at least one URL");
            assertThatThrownBy(() -> DocumentInput.jobReference("jobid://"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobid://<job id>");
            assertThatThrownBy(() -> DocumentInput.jobReference("")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("jobid://<job id>");
        }

        @Test
        void invalidWireValuesFailToDecode() {
            assertThatThrownBy(() -> CODEC.decode("42", DocumentInput.class))
                    .isInstanceOf(ReductoDecodeException.class);
            assertThatThrownBy(() -> CODEC.decode("\"\"", DocumentInput.class))
                    .isInstanceOf(ReductoDecodeException.class);
            assertThatThrownBy(() -> CODEC.decode("[]", DocumentInput.class))
                    .isInstanceOf(ReductoDecodeException.class);
        }
    }

    @Nested
    class PageSelections {

        @Test
        void oneRangeIsAnObject() {
            PageSelection range = PageSelection.range(1, 5);
            assertThat(range).isInstanceOf(PageSelection.Range.class);
            assertWire(range, "{\"start\": 1, \"end\": 5}", PageSelection.class);
        }

        @Test
        void severalRangesAreAListOfObjects() {
            PageSelection ranges = PageSelection.ranges(List.of(
                    PageRange.builder().start(1).end(2).build(), PageRange.builder().start(7).end(9).build()));
            assertWire(ranges, "[{\"start\": 1, \"end\": 2}, {\"start\": 7, \"end\": 9}]", PageSelection.class);
            assertThat(CODEC.decode("[{\"start\": 1, \"end\": 2}]", PageSelection.class))
                    .isInstanceOf(PageSelection.Ranges.class);
        }

        @Test
        void pageNumbersAreAListOfInts() {
            PageSelection pages = PageSelection.pages(List.of(1, 3, 8));
            PageSelection decoded = assertWire(pages, "[1, 3, 8]", PageSelection.class);
            assertThat(decoded).isInstanceOf(PageSelection.Pages.class);
        }

        @Test
        void sheetNamesAreAListOfStrings() {
            PageSelection sheets = PageSelection.sheets(List.of("Summary", "Q1 2024"));
            PageSelection decoded = assertWire(sheets, "[\"Summary\", \"Q1 2024\"]", PageSelection.class);
            assertThat(decoded).isInstanceOf(PageSelection.Sheets.class);
        }

        @Test
        void inParseSettings() {
            ParseSettings settings = ParseSettings.builder().pageRange(PageSelection.pages(List.of(2, 4))).build();
            assertThat(CODEC.toTree(settings).get("page_range").toString()).isEqualTo("[2,4]");
            ParseRequest request = CODEC.decode(bytes("/examples/request-parse-docs-quickstart-options.json"),
                    ParseRequest.class);
            assertThat(request.settings().pageRange()).isEqualTo(PageSelection.range(1, 5));
        }

        @Test
        void invalidSelectionsAreRejected() {
            assertThatThrownBy(() -> PageSelection.range(0, 3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 <= start <= end").hasMessageContaining("start=0");
            assertThatThrownBy(() -> PageSelection.range(5, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("start=5, end=2");
            assertThatThrownBy(() -> PageSelection.pages(List.of(1, 0))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1-indexed");
            assertThatThrownBy(() -> CODEC.decode("\"1-5\"", PageSelection.class))
                    .isInstanceOf(ReductoDecodeException.class);
        }
    }

    @Nested
    class WebhookConfigs {

        @Test
        void svixToAllChannelsAndToSome() {
            WebhookConfig all = WebhookConfig.svix();
            assertThat(all).isInstanceOf(SvixWebhookConfig.class);
            assertWire(all, "{\"mode\": \"svix\"}", WebhookConfig.class);

            WebhookConfig some = WebhookConfig.svix(List.of("billing", "ops"));
            assertWire(some, "{\"mode\": \"svix\", \"channels\": [\"billing\", \"ops\"]}", WebhookConfig.class);
        }

        @Test
        void direct() {
            WebhookConfig direct = WebhookConfig.direct("https://hooks.example.com/x");
            assertThat(direct).isInstanceOf(DirectWebhookConfig.class);
            assertWire(direct, "{\"mode\": \"direct\", \"url\": \"https://hooks.example.com/x\"}", WebhookConfig.class);

            ParseRequest request = CODEC.decode(
                    bytes("/examples/request-parse-async-puffinparse-direct-webhook.fragment.json"), ParseRequest.class);
            assertThat(request.async().webhook()).isEqualTo(direct);
            AsyncOptions async = AsyncOptions.builder().webhook(direct).build();
            assertThat(CODEC.toTree(async).at("/webhook/mode").textValue()).isEqualTo("direct");
        }

        @Test
        void anUnknownModeIsKeptAsRawJson() {
            String json = "{\"mode\": \"carrier_pigeon\", \"coop\": \"roof\", \"retries\": null}";
            WebhookConfig config = CODEC.decode(json, WebhookConfig.class);
            assertThat(config).isInstanceOf(WebhookConfig.Unknown.class);
            assertThat(CODEC.readTree(CODEC.encode(config))).isEqualTo(CODEC.readTree(json));
            // the mode is matched exactly: another casing is not a known mode
            assertThat(CODEC.decode("{\"mode\": \"Direct\", \"url\": \"https://x\"}", WebhookConfig.class))
                    .isInstanceOf(WebhookConfig.Unknown.class);
        }

        @Test
        void anAbsentModeIsDirectWithAUrlAndSvixOtherwise() {
            WebhookConfig direct = CODEC.decode("{\"url\": \"https://hooks.example.com/x\"}", WebhookConfig.class);
            assertThat(direct).isInstanceOf(DirectWebhookConfig.class);
            assertThat(((DirectWebhookConfig) direct).mode()).isNull();
            assertThat(((DirectWebhookConfig) direct).url()).isEqualTo("https://hooks.example.com/x");
            assertThat(CODEC.toTree(direct).has("mode")).as("absent stays absent").isFalse();

            WebhookConfig svix = CODEC.decode("{\"channels\": [\"ops\"]}", WebhookConfig.class);
            assertThat(svix).isInstanceOf(SvixWebhookConfig.class);
            assertThat(((SvixWebhookConfig) svix).channels()).containsExactly("ops");
            assertThat(CODEC.decode("{}", WebhookConfig.class)).isInstanceOf(SvixWebhookConfig.class);
        }
    }

    @Nested
    class AgenticOptions {

        @Test
        void chosenByScope() {
            String json = """
                    {"agentic": [
                      {"scope": "table", "prompt": "keep merged cells", "mode": "table_to_json"},
                      {"scope": "figure", "advanced_chart_agent": true},
                      {"scope": "text"},
                      {"scope": "formula", "latex": true},
                      {"prompt": "no scope"}
                    ]}""";
            EnhanceOptions enhance = CODEC.decode(json, EnhanceOptions.class);

            List<AgenticOption> agentic = enhance.agentic();
            assertThat(agentic.get(0)).isInstanceOf(AgenticTableOptions.class);
            AgenticTableOptions table = (AgenticTableOptions) agentic.get(0);
            assertThat(table.prompt()).isEqualTo("keep merged cells");
            assertThat(table.mode()).isEqualTo(AgenticTableMode.of("table_to_json"));
            assertThat(agentic.get(1)).isInstanceOf(AgenticFigureOptions.class);
            assertThat(((AgenticFigureOptions) agentic.get(1)).advancedChartAgent()).isTrue();
            assertThat(agentic.get(2)).isInstanceOf(AgenticTextOptions.class);
            assertThat(agentic.get(3)).isInstanceOf(AgenticOption.Unknown.class);
            assertThat(agentic.get(4)).isInstanceOf(AgenticOption.Unknown.class);
            assertThat(CODEC.readTree(CODEC.encode(enhance))).isEqualTo(CODEC.readTree(json));
        }

        @Test
        void factoriesWriteTheirScope() {
            assertWire(AgenticOption.tables(), "{\"scope\": \"table\"}", AgenticOption.class);
            assertWire(AgenticOption.figures(), "{\"scope\": \"figure\"}", AgenticOption.class);
            assertWire(AgenticOption.text(), "{\"scope\": \"text\"}", AgenticOption.class);
        }
    }

    @Nested
    class TableSplitSizes {

        @Test
        void aNumberIsAUniformSize() {
            TableSplitSize size = TableSplitSize.rows(50);
            assertThat(size).isInstanceOf(TableSplitSize.Uniform.class);
            assertWire(size, "50", TableSplitSize.class);
            LargeTableSplitting splitting = CODEC.decode("{\"enabled\": true, \"size\": 25}", LargeTableSplitting.class);
            assertThat(splitting.size()).isEqualTo(TableSplitSize.rows(25));
        }

        @Test
        void anObjectHoldsRowsAndColumnsWhereNullMeansDoNotSplit() {
            TableSplitSize size = TableSplitSize.of(LargeTableSplitSize.builder().row(100).column(null).build());
            TableSplitSize decoded = assertWire(size, "{\"row\": 100, \"column\": null}", TableSplitSize.class);
            LargeTableSplitSize counts = ((TableSplitSize.RowsAndColumns) decoded).size();
            assertThat(counts.row()).isEqualTo(Nullable.of(100));
            assertThat(counts.column().isNull()).isTrue();

            TableSplitSize rowsOnly = CODEC.decode("{\"row\": 10}", TableSplitSize.class);
            assertThat(((TableSplitSize.RowsAndColumns) rowsOnly).size().column().isAbsent()).isTrue();
            assertThat(CODEC.encodeToString(rowsOnly)).isEqualTo("{\"row\":10}");
        }

        @Test
        void invalidSizesAreRejected() {
            assertThatThrownBy(() -> TableSplitSize.rows(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 1");
            assertThatThrownBy(() -> CODEC.decode("\"fifty\"", TableSplitSize.class))
                    .isInstanceOf(ReductoDecodeException.class);
        }
    }

    @Nested
    class Timestamps {

        @Test
        void withoutAnOffsetIsUtc() {
            Timestamp timestamp = CODEC.decode("\"2026-02-27T23:11:39.787917\"", Timestamp.class);
            assertThat(timestamp.toInstant()).isEqualTo(Instant.parse("2026-02-27T23:11:39.787917Z"));
            assertThat(timestamp.toOffsetDateTime().getOffset()).isEqualTo(ZoneOffset.UTC);
            assertThat(CODEC.encodeToString(timestamp)).isEqualTo("\"2026-02-27T23:11:39.787917\"");
        }

        @Test
        void withAnOffsetKeepsIt() {
            Timestamp timestamp = CODEC.decode("\"2026-02-28T03:04:05.678+05:30\"", Timestamp.class);
            assertThat(timestamp.toOffsetDateTime())
                    .isEqualTo(OffsetDateTime.of(2026, 2, 28, 3, 4, 5, 678_000_000, ZoneOffset.ofHoursMinutes(5, 30)));
            assertThat(timestamp.toInstant()).isEqualTo(Instant.parse("2026-02-27T21:34:05.678Z"));
            assertThat(CODEC.decode("\"2026-02-28T01:02:03Z\"", Timestamp.class).toInstant())
                    .isEqualTo(Instant.parse("2026-02-28T01:02:03Z"));
            assertThat(CODEC.encodeToString(timestamp)).isEqualTo("\"2026-02-28T03:04:05.678+05:30\"");
        }

        @Test
        void fromAnInstantIsWrittenInUtcWithAnOffset() {
            Timestamp timestamp = Timestamp.of(Instant.parse("2026-03-01T08:00:00.5Z"));
            assertThat(timestamp.value()).isEqualTo("2026-03-01T08:00:00.5Z");
            assertThat(timestamp.toInstant()).isEqualTo(Instant.parse("2026-03-01T08:00:00.5Z"));
        }

        @Test
        void garbageDecodesButFailsWhenParsed() {
            Timestamp timestamp = CODEC.decode("\"yesterday\"", Timestamp.class);
            assertThat(timestamp.value()).isEqualTo("yesterday");
            assertThatThrownBy(timestamp::toInstant).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Nested
    class NullableInBuilders {

        private ParseBlock.Builder block() {
            return ParseBlock.builder().type(BlockType.TEXT).content("x")
                    .bbox(BoundingBox.builder().left(0.1).top(0.2).width(0.3).height(0.4).page(1).build());
        }

        @Test
        void unsetConfidenceIsOmitted() {
            ParseBlock block = block().build();
            assertThat(block.confidence().isAbsent()).isTrue();
            JsonNode json = CODEC.toTree(block);
            assertThat(json.has("confidence")).isFalse();
            assertThat(CODEC.decode(json, ParseBlock.class)).isEqualTo(block);
        }

        @Test
        void confidenceNullIsSentAsAnExplicitNull() {
            ParseBlock block = block().confidence(null).build();
            assertThat(block.confidence().isNull()).isTrue();
            JsonNode json = CODEC.toTree(block);
            assertThat(json.has("confidence")).isTrue();
            assertThat(json.get("confidence").isNull()).isTrue();
            ParseBlock decoded = CODEC.decode(json, ParseBlock.class);
            assertThat(decoded).isEqualTo(block);
            assertThat(decoded.confidence().isNull()).isTrue();
        }

        @Test
        void confidenceValueIsSent() {
            ParseBlock block = block().confidence(Confidence.HIGH).build();
            assertThat(CODEC.toTree(block).get("confidence").textValue()).isEqualTo("high");
            assertThat(block.toBuilder().build()).isEqualTo(block);
            assertThat(block.toBuilder().confidence(null).build().confidence()).isEqualTo(Nullable.ofNull());
        }

        @Test
        void otherNullableFields() {
            LargeTableSplitSize size = LargeTableSplitSize.builder().row(10).column(null).build();
            assertThat(CODEC.encodeToString(size)).isEqualTo("{\"row\":10,\"column\":null}");
            assertThat(CODEC.encodeToString(LargeTableSplitSize.builder().row(10).build())).isEqualTo("{\"row\":10}");
        }
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = UnionsTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
