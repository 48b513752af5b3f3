package io.reductor.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.error.ValidationErrorBody;
import io.reductor.core.error.ValidationIssue;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.classify.CategoryConfidence;
import io.reductor.core.model.classify.ClassifyResponse;
import io.reductor.core.model.common.BillingCategory;
import io.reductor.core.model.common.BlockType;
import io.reductor.core.model.common.Confidence;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.edit.EditResponse;
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
import io.reductor.core.model.parse.ParseBlock;
import io.reductor.core.model.parse.ParseChunk;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.ParseResult;
import io.reductor.core.model.pipeline.PipelineExtractOutput;
import io.reductor.core.model.pipeline.PipelineParseOutput;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.split.SplitResponse;
import io.reductor.core.model.split.SplitResult;
import io.reductor.core.model.upload.Upload;
import io.reductor.core.webhook.WebhookEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every response payload in {@code /examples/} (see its {@code SOURCES.md}) decodes into its model type and re-encodes
 * to the same JSON, modulo the one normalisation of {@link JsonTrees}: a known field that is JSON {@code null} counts
 * as absent. Request bodies ({@code request-*}) and error bodies ({@code error-*}, tested with the error types) are
 * out of scope, except the FastAPI 422 body, which has a model.
 */
class ExamplesTest {

    private static final JsonCodec CODEC = JsonCodec.standard();

    /** Each example response and the type it decodes into. */
    private static final Map<String, Class<?>> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("async-maton-parse-async-submit.json", SubmittedJob.class);
        EXAMPLES.put("classify-docs-response.json", ClassifyResponse.class);
        EXAMPLES.put("edit-maton-sync.fragment.json", EditResponse.class);
        EXAMPLES.put("extract-docs-legacy-generate-citations.fragment.json", ExtractResult.class);
        EXAMPLES.put("extract-docs-no-citations.json", ExtractResult.class);
        EXAMPLES.put("extract-docs-v3-citations.fragment.json", ExtractResult.class);
        EXAMPLES.put("extract-maton-sync-legacy.json", ExtractResult.class);
        EXAMPLES.put("extract-puffinparse-v3-citations.fragment.json", ExtractResult.class);
        EXAMPLES.put("extract-puffinparse-v3-plain.json", ExtractResult.class);
        EXAMPLES.put("job-get-docs-generated-newspec.json", JobResponse.class);
        EXAMPLES.put("job-get-sdk-test-v3extract-completed.json", JobResponse.class);
        EXAMPLES.put("job-maton-completed.fragment.json", JobResponse.class);
        EXAMPLES.put("job-maton-pending.json", JobResponse.class);
        EXAMPLES.put("job-puffinparse-failed-stub.json", JobResponse.class);
        EXAMPLES.put("jobs-maton-list-trimmed.json", JobsPage.class);
        EXAMPLES.put("parse-docs-legacy-response-format.fragment.json", ParseResponse.class);
        EXAMPLES.put("parse-docs-quickstart-trimmed.json", ParseResponse.class);
        EXAMPLES.put("parse-puffinparse-sync-full.json", ParseResponse.class);
        // The body behind a UrlResult's URL: a whole {"type":"full","chunks":[...]} object.
        EXAMPLES.put("parse-puffinparse-url-result-body.json", ParseResult.class);
        EXAMPLES.put("pipeline-maton-sync.fragment.json", PipelineResponse.class);
        EXAMPLES.put("split-maton-sync.json", SplitResponse.class);
        EXAMPLES.put("upload-docs-presigned.json", Upload.class);
        EXAMPLES.put("upload-docs-quickstart-multipart.json", Upload.class);
        EXAMPLES.put("upload-maton-presigned.json", Upload.class);
        EXAMPLES.put("upload-puffinparse-multipart.json", Upload.class);
        EXAMPLES.put("version-maton.json", String.class);
        // The one error body with a model of its own (the other error-* files belong to the error tests).
        EXAMPLES.put("error-422-docs-generated.json", ValidationErrorBody.class);
        EXAMPLES.put("webhook-docs-direct.json", WebhookEvent.class);
        EXAMPLES.put("webhook-docs-svix.json", WebhookEvent.class);
    }

    /**
     * Examples that lack a field a success cannot be without, by the JSON path decoding names: placeholders where the
     * source elided content, not answers the service gives.
     */
    private static final Map<String, String> REFUSED = Map.of(
            "pipeline-maton-sync.fragment.json", "$.result.parse.result");

    private static final List<String> WEBHOOK_BODIES = List.of("webhook-docs-direct.json", "webhook-docs-svix.json");

    static Stream<Arguments> examples() {
        return EXAMPLES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("examples")
    void decodesAndReEncodesToTheSameTree(String file, Class<?> type) {
        if (REFUSED.containsKey(file)) {
            assertThatThrownBy(() -> decode(file, type)).isInstanceOfSatisfying(ReductoDecodeException.class,
                    e -> assertThat(e.jsonPath()).isEqualTo(REFUSED.get(file)));
            return;
        }
        roundTrip(file, type);
    }

    private static <T> void roundTrip(String file, Class<T> type) {
        T decoded = JsonTrees.assertTreeRoundTrip(bytes(file), type);
        assertThat(decoded).isInstanceOf(type);
        JsonTrees.assertRecordRoundTrip(decoded, type);
    }

    @Test
    void everyResponseExampleIsListed() throws IOException, URISyntaxException {
        URL directory = ExamplesTest.class.getResource("/examples");
        assertThat(directory).as("examples on the test classpath").isNotNull();
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            onDisk = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .filter(name -> !name.startsWith("request-"))
                    .filter(name -> !name.startsWith("error-") || EXAMPLES.containsKey(name))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> listed = new TreeSet<>(EXAMPLES.keySet());

        assertThat(onDisk)
                .as("a response example was added to /examples/: list it in ExamplesTest with its model type")
                .containsExactlyElementsOf(listed);
    }

    // ---------------------------------------------------------------------------------------------- job results

    static Stream<Arguments> jobResultsWithTheirTypeLast() {
        return Stream.of(
                Arguments.of("{\"result\":{\"type\":\"full\",\"chunks\":[]},\"response_type\":\"parse\"}",
                        JobResult.Parse.class),
                Arguments.of("{\"result\":[{\"total\":1.5}],\"response_type\":\"extract\"}", JobResult.Extract.class),
                Arguments.of("{\"result\":{\"total\":{\"value\":1.5,\"citations\":[]}},"
                        + "\"response_type\":\"v3_extract\"}",
                        JobResult.CitedExtract.class),
                Arguments.of("{\"result\":{\"splits\":[],\"section_mapping\":{}},\"response_type\":\"split\"}",
                        JobResult.Split.class),
                Arguments.of("{\"result\":{\"parse\":null,\"extract\":null,\"split\":null},"
                        + "\"response_type\":\"pipeline\"}",
                        JobResult.Pipeline.class),
                Arguments.of("{\"result\":{\"category\":\"invoice\"},\"response_type\":\"classify\"}",
                        JobResult.Classify.class),
                Arguments.of("{\"document_url\":\"https://files.invalid/a.pdf\",\"response_type\":\"edit\"}",
                        JobResult.Edit.class));
    }

    /**
     * The live service writes {@code response_type} first (the real parse and extract captures); the simulator writes
     * job results with the model, so the model must too, or every simulated job takes the decoder's slower path.
     */
    @ParameterizedTest
    @MethodSource("jobResultsWithTheirTypeLast")
    void jobResultsAreWrittenWithTheirResponseTypeFirstAsTheLiveServiceSendsThem(String json,
                                                                              Class<? extends JobResult> kind) {
        JobResult result = CODEC.decode(json.getBytes(StandardCharsets.UTF_8), JobResult.class);

        assertThat(result).isInstanceOf(kind);
        JsonNode written = CODEC.toTree(result);
        assertThat(written.fieldNames().next()).isEqualTo("response_type");
    }

    // ---------------------------------------------------------------------------------------------- parse

    @Test
    void realSyncParseCapture() {
        ParseResponse response = decode("parse-puffinparse-sync-full.json", ParseResponse.class);

        assertThat(response.jobId()).isEqualTo("04fe7cf4-1f40-4a03-b1a0-460bd8d6a89a");
        assertThat(response.duration()).isEqualTo(0.7815132141113281);
        assertThat(response.result()).isInstanceOf(FullResult.class);
        FullResult full = (FullResult) response.result();
        assertThat(full.type()).isEqualTo("full");
        assertThat(full.ocr()).isNull();
        assertThat(full.chunks()).hasSize(1);
        ParseChunk chunk = full.chunks().get(0);
        assertThat(chunk.enriched()).isNull();
        assertThat(chunk.enrichmentSuccess()).isFalse();
        assertThat(chunk.blocks()).extracting(ParseBlock::type)
                .containsExactly(BlockType.TITLE, BlockType.TEXT, BlockType.TEXT)
                .allMatch(BlockType::isKnown);

        ParseBlock title = chunk.blocks().get(0);
        assertThat(title.content()).isEqualTo("Hello LiteOCR");
        assertThat(title.confidence().isPresent()).isTrue();
        assertThat(title.confidence().get()).isEqualTo(Confidence.HIGH);
        assertThat(title.confidence().get().isKnown()).isTrue();
        assertThat(title.confidence().get().value()).isEqualTo("high");
        assertThat(title.granularConfidence().parseConfidence()).isEqualTo(0.9461241155862807);
        assertThat(title.granularConfidence().extractConfidence()).isNull();
        assertThat(title.bbox().page()).isEqualTo(1);
        assertThat(title.bbox().originalPage()).isEqualTo(1);
        assertThat(title.imageUrl()).isNull();
        assertThat(title.chartData()).isNull();
        assertThat(title.extra()).isNull();

        assertThat(response.usage().numPages()).isEqualTo(1);
        assertThat(response.usage().creditBreakdown()).containsExactly(Map.entry("page", 1.0));
        assertThat(response.usage().pageBillingBreakdown())
                .containsExactly(Map.entry("1", List.of(BillingCategory.PAGE)));
        assertThat(response.usage().nonEmptyCellCount()).isNull();

        // Not in the SDK spec but modelled (from the newer per-tag spec / observed fields): response_type, parse_mode,
        // document_properties, usage.page_billing_breakdown, usage.non_empty_cell_count. Nothing is left over.
        assertThat(response.responseType()).isEqualTo("parse");
        assertThat(response.parseMode()).isNull();
        assertThat(response.documentProperties().isNull()).as("explicit null kept as JSON null").isTrue();
        assertThat(response.additionalProperties()).isEmpty();
        assertThat(response.usage().additionalProperties()).isEmpty();
        assertThat(title.additionalProperties()).isEmpty();
        JsonNode written = CODEC.toTree(response);
        assertThat(written.get("response_type").textValue()).isEqualTo("parse");
        assertThat(written.at("/usage/page_billing_breakdown/1/0").textValue()).isEqualTo("page");
    }

    @Test
    void legacyDocsParseKeepsCapitalisedConfidenceAndUnknownBlockField() {
        ParseResponse response = decode("parse-docs-legacy-response-format.fragment.json", ParseResponse.class);

        assertThat(response.duration()).isEqualTo(5.0);
        assertThat(response.pdfUrl()).isNull();
        ParseBlock header = ((FullResult) response.result()).chunks().get(0).blocks().get(0);
        assertThat(header.type()).isEqualTo(BlockType.HEADER);
        assertThat(header.bbox().originalPage()).isEqualTo(10);

        Confidence confidence = header.confidence().get();
        assertThat(confidence).isEqualTo(Confidence.HIGH).isNotSameAs(Confidence.HIGH);
        assertThat(confidence.isKnown()).isTrue();
        assertThat(confidence.value()).isEqualTo("High");
        assertThat(CODEC.toTree(header).get("confidence").textValue()).isEqualTo("High");

        // logprobs_confidence is in neither spec: kept on the block and written back.
        assertThat(header.additionalProperties()).containsOnlyKeys("logprobs_confidence");
        assertThat(header.additionalProperties().get("logprobs_confidence").doubleValue()).isEqualTo(0.92);
    }

    @Test
    void trimmedQuickstartParseWithoutResultTypeIsStillAFullResult() {
        ParseResponse response = decode("parse-docs-quickstart-trimmed.json", ParseResponse.class);

        assertThat(response.result()).isInstanceOf(FullResult.class);
        FullResult full = (FullResult) response.result();
        assertThat(full.type()).isNull();
        ParseChunk chunk = full.chunks().get(0);
        assertThat(chunk.embed()).isNull();
        assertThat(chunk.blocks()).extracting(ParseBlock::type)
                .containsExactly(BlockType.TITLE, BlockType.SECTION_HEADER, BlockType.TABLE);
        assertThat(chunk.blocks().get(0).bbox().originalPage()).isNull();
        assertThat(chunk.blocks().get(2).confidence().get()).isEqualTo(Confidence.HIGH);
        assertThat(response.usage().credits()).isEqualTo(4.0);
        assertThat(response.studioLink()).endsWith("5df31070-8d98-4caa-9a5b-c5c511a03f71");
    }

    @Test
    void urlResultBodyIsAWholeFullResult() {
        ParseResult result = decode("parse-puffinparse-url-result-body.json", ParseResult.class);

        assertThat(result).isInstanceOf(FullResult.class);
        FullResult full = (FullResult) result;
        assertThat(full.chunks()).hasSize(1);
        assertThat(full.chunks().get(0).blocks()).hasSize(7).extracting(ParseBlock::type)
                .contains(BlockType.KEY_VALUE, BlockType.TABLE);
        ParseBlock keyValue = full.chunks().get(0).blocks().get(3);
        assertThat(keyValue.type().value()).isEqualTo("Key Value");
        assertThat(keyValue.content()).startsWith("Invoice #: INV-9865");
    }

    // -------------------------------------------------------------------------------------------- extract

    @Test
    void plainExtractIsAListShapedExtractResponse() {
        ExtractResult result = decode("extract-puffinparse-v3-plain.json", ExtractResult.class);

        assertThat(result).isInstanceOf(ExtractResponse.class);
        ExtractResponse plain = (ExtractResponse) result;
        assertThat(plain.responseType()).isEqualTo("extract");
        assertThat(plain.result()).hasSize(1);
        assertThat(plain.result().get(0).get("total").textValue()).isEqualTo("$14,667.43");
        assertThat(plain.citations()).isNull();
        assertThat(plain.jobId()).isEqualTo("b0b32d1f-ba5a-4bf6-87c2-2bcb3345b1c4");
        assertThat(plain.usage().credits()).isEqualTo(3.333333);
        assertThat(plain.usage().extractMode()).isEqualTo(ExtractMode.EXTRACT);
        assertThat(plain.usage().extractMode().isKnown()).isTrue();
    }

    @Test
    void citedExtractIsAnObjectShapedCitedExtractResponse() {
        ExtractResult result = decode("extract-puffinparse-v3-citations.fragment.json", ExtractResult.class);

        assertThat(result).isInstanceOf(CitedExtractResponse.class);
        CitedExtractResponse cited = (CitedExtractResponse) result;
        assertThat(cited.responseType()).isEqualTo("v3_extract");
        assertThat(cited.usage().numFields()).isEqualTo(15);
        JsonNode invoiceNumber = cited.result().get("invoice_number");
        assertThat(invoiceNumber.get("value").textValue()).isEqualTo("INV-9865");

        // A citation is a ParseBlock plus the camelCase parentBlock, which stays an unknown field.
        ParseBlock citation = CODEC.decode(invoiceNumber.get("citations").get(0), ParseBlock.class);
        assertThat(citation.type()).isEqualTo(BlockType.KEY_VALUE);
        assertThat(citation.confidence().get()).isEqualTo(Confidence.HIGH);
        assertThat(citation.granularConfidence().extractConfidence()).isEqualTo(0.996);
        assertThat(citation.additionalProperties()).containsOnlyKeys("parentBlock");
    }

    @Test
    void docsExtractExamplesPickTheirVariantByShape() {
        ExtractResult noCitations = decode("extract-docs-no-citations.json", ExtractResult.class);
        assertThat(noCitations).isInstanceOf(ExtractResponse.class);
        ExtractResponse plain = (ExtractResponse) noCitations;
        assertThat(plain.responseType()).isNull();
        assertThat(plain.result().get(0).get("line_items")).hasSize(2);
        assertThat(plain.usage().numFields()).isEqualTo(8);

        ExtractResult v3 = decode("extract-docs-v3-citations.fragment.json", ExtractResult.class);
        assertThat(v3).isInstanceOf(CitedExtractResponse.class);
        assertThat(v3.usage()).isNull();
        assertThat(((CitedExtractResponse) v3).result().at("/invoice_total/value").doubleValue()).isEqualTo(1575.0);

        ExtractResult legacy = decode("extract-docs-legacy-generate-citations.fragment.json", ExtractResult.class);
        assertThat(legacy).isInstanceOf(ExtractResponse.class);
        ExtractResponse legacyPlain = (ExtractResponse) legacy;
        assertThat(legacyPlain.result()).isEmpty();
        assertThat(legacyPlain.citations()).hasSize(1);
        assertThat(legacyPlain.citations().get(0).at("/sample_extracted_field/0/parentBlock/block_type").textValue())
                .isEqualTo("Text");

        ExtractResult maton = decode("extract-maton-sync-legacy.json", ExtractResult.class);
        assertThat(maton).isInstanceOf(ExtractResponse.class);
        assertThat(maton.usage().numFields()).isEqualTo(9);
        assertThat(((ExtractResponse) maton).result().get(0).get("authors")).hasSize(2);
    }

    // ----------------------------------------------------------------------------------------------- jobs

    @Test
    void v3ExtractJobWithoutDiscriminatorIsACitedExtractNotAPipeline() {
        JobResponse job = decode("job-get-sdk-test-v3extract-completed.json", JobResponse.class);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.status().isTerminal()).isTrue();
        assertThat(job.type()).isEqualTo(JobType.EXTRACT);
        assertThat(job.progress()).isEqualTo(1.0);
        assertThat(job.result()).isInstanceOf(JobResult.CitedExtract.class).isNotInstanceOf(JobResult.Pipeline.class);
        assertThat(job.result().responseType()).isEqualTo("v3_extract");
        CitedExtractResponse cited = ((JobResult.CitedExtract) job.result()).response();
        assertThat(cited.responseType()).isNull();
        assertThat(cited.result().at("/company_name/value").textValue()).isEqualTo("Acme Corp");
        assertThat(cited.result().at("/total_amount/value").doubleValue()).isEqualTo(1234.56);
        assertThat(cited.usage().numFields()).isEqualTo(2);
        assertThat(cited.jobId()).isEqualTo("ee9734ef-95b2-48f9-b62a-47664fbe8edc");
    }

    @Test
    void pendingJobHasAFractionalProgress() {
        JobResponse job = decode("job-maton-pending.json", JobResponse.class);

        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.status().isTerminal()).isFalse();
        assertThat(job.progress()).isEqualTo(0.5);
        assertThat(job.result()).isNull();
        assertThat(job.reason()).isNull();
    }

    @Test
    void failedJobCarriesItsReason() {
        JobResponse job = decode("job-puffinparse-failed-stub.json", JobResponse.class);

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.status().isFailure()).isTrue();
        assertThat(job.status().isTerminal()).isTrue();
        assertThat(job.reason()).isEqualTo("Password-protected document");
        assertThat(job.result()).isNull();
        assertThat(job.error()).isNull();
    }

    @Test
    void newSpecJobHasAnErrorObjectAndADiscriminatedParseResult() {
        JobResponse job = decode("job-get-docs-generated-newspec.json", JobResponse.class);

        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.progress()).isEqualTo(0.0);
        assertThat(job.error()).isNotNull();
        assertThat(job.error().code()).isEqualTo(0);
        assertThat(job.error().name()).isEqualTo("TIMEOUT");
        assertThat(job.error().message()).isEqualTo("message");
        assertThat(job.error().jobId()).isEqualTo("job_id");

        assertThat(job.result()).isInstanceOf(JobResult.Parse.class);
        ParseResponse parse = ((JobResult.Parse) job.result()).response();
        assertThat(parse.responseType()).isEqualTo("parse");
        assertThat(parse.documentProperties().isObject()).isTrue();
        // "result": {} is neither full nor url: kept as raw JSON rather than forced into a variant.
        assertThat(parse.result()).isEqualTo(new ParseResult.Unknown(CODEC.readTree("{}")));
    }

    @Test
    void completedJobFragmentWithPlaceholderResultIsKeptAsUnknown() {
        JobResponse job = decode("job-maton-completed.fragment.json", JobResponse.class);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.progress()).isNull();
        // No response_type and "result": {} (a placeholder in the source): no shape fits, so nothing is guessed.
        assertThat(job.result()).isInstanceOf(JobResult.Unknown.class);
        assertThat(job.result().responseType()).isNull();
        assertThat(((JobResult.Unknown) job.result()).json().get("duration").doubleValue()).isEqualTo(17.85);
    }

    @Test
    void jobListTimestampWithoutOffsetIsReadAsUtcAndWrittenBackAsReceived() {
        JobsPage page = decode("jobs-maton-list-trimmed.json", JobsPage.class);

        assertThat(page.nextCursor()).isNull();
        assertThat(page.jobs()).hasSize(1);
        JobSummary job = page.jobs().get(0);
        assertThat(job.jobId()).isEqualTo("8c25561f-247a-4843-b561-1eb94c3792d1");
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.type()).isEqualTo(JobType.PARSE);
        assertThat(job.numPages()).isEqualTo(15);
        assertThat(job.duration()).isEqualTo(6.62);
        assertThat(job.rawConfig()).isNull();
        assertThat(job.totalPages()).isNull();
        assertThat(job.createdAt().toInstant()).isEqualTo(Instant.parse("2026-02-27T23:11:39.787917Z"));
        assertThat(job.createdAt().toOffsetDateTime().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(CODEC.toTree(job).get("created_at").textValue()).isEqualTo("2026-02-27T23:11:39.787917");
    }

    @Test
    void asyncSubmitGivesAJobId() {
        SubmittedJob submitted = decode("async-maton-parse-async-submit.json", SubmittedJob.class);
        assertThat(submitted.jobId()).isEqualTo("e234ba95-410a-4dd0-8a14-743dbfc49470");
        assertThat(submitted.additionalProperties()).isEmpty();
    }

    // ---------------------------------------------------------------------------------- other endpoints

    @Test
    void uploadsWithAndWithoutExtensionAndPresignedUrl() {
        Upload multipart = decode("upload-puffinparse-multipart.json", Upload.class);
        assertThat(multipart.fileId()).isEqualTo("reducto://<uuid>.pdf");
        assertThat(multipart.presignedUrl()).isNull();
        assertThat(DocumentInput.of(multipart.fileId())).isInstanceOf(DocumentInput.FileId.class);

        Upload quickstart = decode("upload-docs-quickstart-multipart.json", Upload.class);
        assertThat(quickstart.fileId()).isEqualTo("reducto://abc123def456.pdf");
        assertThat(quickstart.presignedUrl()).isNull();
        assertThat(CODEC.toTree(quickstart).has("presigned_url")).isFalse();

        Upload presigned = decode("upload-maton-presigned.json", Upload.class);
        assertThat(presigned.fileId()).isEqualTo("reducto://18d574c7-4144-4f50-b7af-b8aba83ada5d").doesNotContain(".");
        assertThat(presigned.presignedUrl()).startsWith("https://prod-storage.s3.amazonaws.com/");

        Upload docsPresigned = decode("upload-docs-presigned.json", Upload.class);
        assertThat(docsPresigned.fileId()).doesNotEndWith(".pdf");
        assertThat(docsPresigned.presignedUrl()).contains("X-Amz-Algorithm=AWS4-HMAC-SHA256");
    }

    @Test
    void versionIsABareString() {
        assertThat(decode("version-maton.json", String.class)).isEqualTo("VERSION_GOES_HERE");
    }

    @Test
    void classifyConfidencesAreNumbersForCategoriesAndStringsForCriteria() {
        ClassifyResponse response = decode("classify-docs-response.json", ClassifyResponse.class);

        assertThat(response.result().category()).isEqualTo("invoice");
        assertThat(response.duration()).isEqualTo(1.23);
        assertThat(response.additionalProperties()).isEmpty();
        List<CategoryConfidence> categories = response.responseConfidence().categories();
        assertThat(categories).extracting(CategoryConfidence::category).containsExactly("invoice", "contract");
        assertThat(categories).extracting(CategoryConfidence::confidence).containsExactly(1.0, 0.33);
        assertThat(categories.get(0).criteriaConfidence()).hasSize(3)
                .allSatisfy(c -> assertThat(c.confidence()).isEqualTo(Confidence.HIGH));
        assertThat(categories.get(1).criteriaConfidence().get(0).criterion())
                .isEqualTo("contains legal terms and conditions");
        assertThat(categories.get(1).criteriaConfidence().get(0).confidence()).isEqualTo(Confidence.LOW);
    }

    @Test
    void splitHasASectionMappingAndSplits() {
        SplitResponse response = decode("split-maton-sync.json", SplitResponse.class);

        assertThat(response.result()).isInstanceOf(SplitResult.class);
        SplitResult result = (SplitResult) response.result();
        assertThat(result.sectionMapping()).containsExactly(
                Map.entry("abstract", List.of(1)),
                Map.entry("introduction", List.of(1, 2)),
                Map.entry("conclusion", List.of(14, 15)));
        assertThat(result.splits()).hasSize(1);
        assertThat(result.splits().get(0).name()).isEqualTo("abstract");
        assertThat(result.splits().get(0).pages()).containsExactly(1);
        assertThat(result.splits().get(0).conf()).isEqualTo(Confidence.HIGH);
        assertThat(response.usage().numPages()).isEqualTo(15);
    }

    @Test
    void editResponseHasTheEditedDocument() {
        EditResponse response = decode("edit-maton-sync.fragment.json", EditResponse.class);

        assertThat(response.documentUrl()).startsWith("https://presigned-url.s3.amazonaws.com/");
        assertThat(response.formSchema()).isEmpty();
        assertThat(response.usage().numPages()).isEqualTo(2);
        assertThat(response.usage().credits()).isEqualTo(2.0);
    }

    @Test
    void pipelineFragmentWithEmptyStepsIsADecodeErrorNotAnEmptySuccess() {
        assertThatThrownBy(() -> decode("pipeline-maton-sync.fragment.json", PipelineResponse.class))
                .isInstanceOfSatisfying(ReductoDecodeException.class, e -> {
                    assertThat(e.jsonPath()).isEqualTo("$.result.parse.result");
                    assertThat(e).hasMessageContaining("the required field result is missing");
                });
    }

    @Test
    void pipelineFragmentDecodesEveryStepOnceEachHasWhatItCannotBeWithout() {
        JsonNode fragment = CODEC.readTree(bytes("pipeline-maton-sync.fragment.json"));
        ObjectNode steps = (ObjectNode) fragment.path("result");
        ((ObjectNode) steps.get("parse")).set("result", CODEC.readTree("{\"type\":\"full\",\"chunks\":[]}"));
        ((ObjectNode) steps.get("split")).set("result", CODEC.readTree("{\"splits\":[]}"));
        ((ObjectNode) steps.get("edit")).put("document_url", "https://example.com/edited.pdf");

        PipelineResponse response = JsonTrees.assertTreeRoundTrip(CODEC.encode(fragment), PipelineResponse.class);

        assertThat(response.jobId()).isEqualTo("...");
        assertThat(response.usage().credits()).isEqualTo(15.0);
        assertThat(response.result().parse()).isInstanceOf(PipelineParseOutput.Single.class);
        assertThat(response.result().parse().responses()).hasSize(1);
        assertThat(response.result().extract()).isInstanceOf(PipelineExtractOutput.Whole.class);
        assertThat(response.result().split()).isNotNull();
        assertThat(response.result().split().result()).isNotNull();
        assertThat(response.result().edit()).isNotNull();
        assertThat(response.result().edit().documentUrl()).isEqualTo("https://example.com/edited.pdf");
    }

    @Test
    void validationErrorBodyFromTheDocs() {
        ValidationErrorBody body = decode("error-422-docs-generated.json", ValidationErrorBody.class);

        assertThat(body.detail()).hasSize(1);
        ValidationIssue issue = body.detail().get(0);
        assertThat(issue.loc()).containsExactly("loc");
        assertThat(issue.msg()).isEqualTo("msg");
        assertThat(issue.type()).isEqualTo("type");
        assertThat(issue.ctx().isObject()).isTrue();
        assertThat(issue.input()).isNull();
    }

    @Test
    void webhookBodiesAreStatusJobIdAndMetadata() {
        for (String file : WEBHOOK_BODIES) {
            WebhookEvent event = decode(file, WebhookEvent.class);
            assertThat(event.jobId()).as(file).isNotBlank();
            assertThat(event.status().isKnown()).as(file).isTrue();
            assertThat(event.status().isTerminal()).as(file).isTrue();
            assertThat(event.metadata().get("user_id").textValue()).as(file).isEqualTo("123");
            assertThat(event.additionalProperties()).as(file).isEmpty();
        }
    }

    private static <T> T decode(String file, Class<T> type) {
        return CODEC.decode(bytes(file), type);
    }

    private static byte[] bytes(String file) {
        try (InputStream in = ExamplesTest.class.getResourceAsStream("/examples/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
