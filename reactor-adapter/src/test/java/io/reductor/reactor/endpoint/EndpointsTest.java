package io.reductor.reactor.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.cite.CitationQuery;
import io.reductor.core.model.cite.CiteRequest;
import io.reductor.core.model.cite.CiteSource;
import io.reductor.core.model.classify.ClassificationCategory;
import io.reductor.core.model.classify.ClassifyRequest;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.BoundingBox;
import io.reductor.core.model.common.ChunkMode;
import io.reductor.core.model.common.Confidence;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.PageSelection;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.common.WebhookMode;
import io.reductor.core.model.common.WebhookSettings;
import io.reductor.core.model.edit.EditRequest;
import io.reductor.core.model.edit.WidgetType;
import io.reductor.core.model.extract.CitationSettings;
import io.reductor.core.model.extract.CitedExtractResponse;
import io.reductor.core.model.extract.ExtractInstructions;
import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.extract.ExtractResponse;
import io.reductor.core.model.extract.ExtractSettings;
import io.reductor.core.model.job.GetJobRequest;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.parse.ChunkingOptions;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseSettings;
import io.reductor.core.model.parse.RetrievalOptions;
import io.reductor.core.model.pipeline.PipelineExtractOutput;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.split.SplitCategory;
import io.reductor.core.model.split.SplitRequest;
import io.reductor.core.model.split.SplitResult;
import io.reductor.core.model.split.SplitSettings;
import io.reductor.core.model.split.TableCutoff;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.RequestOptions;
import io.reductor.reactor.RetryPolicy;
import io.reductor.reactor.WireMockReducto;
import io.reductor.spec.SpecValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the client against WireMock: what goes on the wire (method, path, headers, a body that the
 * official spec accepts) and what comes back (a spec-valid, realistic response decoded into the right type with the
 * right values).
 */
class EndpointsTest {

    private static final String OPENAPI = "openapi.json";
    private static final String JOBS_SPEC = "reducto-jobs-api-openapi.yml";
    private static final String CLASSIFY_SPEC = "reducto-classify-api-openapi.yml";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonCodec CODEC = JsonCodec.standard();
    private static final SpecValidator SPEC = SpecValidator.instance();

    private static final String PARSE_FULL = "/examples/parse-puffinparse-sync-full.json";
    private static final String EXTRACT_PLAIN = "/examples/extract-puffinparse-v3-plain.json";
    private static final String EXTRACT_CITED = "/fixtures/endpoint/extract-cited.json";
    private static final String SPLIT = "/examples/split-maton-sync.json";
    private static final String EDIT = "/fixtures/endpoint/edit.json";
    private static final String PIPELINE = "/fixtures/endpoint/pipeline.json";
    private static final String CLASSIFY = "/examples/classify-docs-response.json";
    private static final String SUBMITTED = "/examples/async-maton-parse-async-submit.json";
    private static final String SUBMITTED_ID = "e234ba95-410a-4dd0-8a14-743dbfc49470";

    @RegisterExtension
    static final WireMockReducto wireMock = new WireMockReducto();

    private static ReductoClient client;

    @BeforeAll
    static void connect() {
        client = clientBuilder().build();
    }

    // ----------------------------------------------------------------------------------------------------------- parse

    @Test
    void parseRunSendsASyncConfigAndDecodesAFullResult() {
        String body = resource(PARSE_FULL);
        assertValid(OPENAPI, "ParseResponse", body);
        wireMock.answer("POST", "/parse", body);
        ParseRequest request = ParseRequest.builder()
                .input(DocumentInput.url("https://ci.reducto.ai/onepager.pdf"))
                .retrieval(RetrievalOptions.builder()
                        .chunking(ChunkingOptions.builder().chunkMode(ChunkMode.PAGE).build()).build())
                .settings(ParseSettings.builder().pageRange(PageSelection.range(1, 3)).returnOcrData(true).build())
                .build();

        StepVerifier.create(client.parse().run(request))
                .assertNext(run -> {
                    assertThat(run).isInstanceOf(RunResult.Completed.class);
                    assertThat(run.jobId()).isEmpty();
                    assertThat(run.response().jobId()).isEqualTo("04fe7cf4-1f40-4a03-b1a0-460bd8d6a89a");
                    assertThat(run.response().usage().numPages()).isEqualTo(1);
                    assertThat(run.response().usage().credits()).isEqualTo(1.0);
                    assertThat(run.response().result()).isInstanceOfSatisfying(FullResult.class, full -> {
                        assertThat(full.chunks()).hasSize(1);
                        assertThat(full.chunks().get(0).content()).startsWith("# Hello LiteOCR");
                        assertThat(full.chunks().get(0).blocks().get(0).content()).isEqualTo("Hello LiteOCR");
                    });
                })
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/parse");
        assertValid(OPENAPI, "SyncParseConfig", sent);
        assertThat(sent.path("input").textValue()).isEqualTo("https://ci.reducto.ai/onepager.pdf");
        assertThat(sent.at("/retrieval/chunking/chunk_mode").textValue()).isEqualTo("page");
        assertThat(sent.at("/settings/page_range")).hasToString("{\"start\":1,\"end\":3}");
        assertThat(sent.has("async")).isFalse();
    }

    @Test
    void parseRunWithAnAsyncConfigGivesTheSubmittedJob() {
        String body = resource(SUBMITTED);
        assertValid(OPENAPI, "AsyncParseResponse", body);
        wireMock.answer("POST", "/parse", body);
        ParseRequest request = ParseRequest.builder()
                .input(DocumentInput.url("https://example.com/document.pdf"))
                .async(AsyncOptions.builder().webhook(WebhookConfig.direct("https://your-app.com/webhook"))
                        .metadata(CODEC.readTree("{\"user_id\": \"123\", \"document_type\": \"invoice\"}")).build())
                .build();

        StepVerifier.create(client.parse().run(request))
                .assertNext(run -> {
                    assertThat(run).isInstanceOf(RunResult.Submitted.class);
                    assertThat(run.isCompleted()).isFalse();
                    assertThat(run.jobId()).contains(SUBMITTED_ID);
                    assertThat(((RunResult.Submitted<?>) run).job().jobId()).isEqualTo(SUBMITTED_ID);
                })
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/parse");
        assertValid(OPENAPI, "AsyncParseConfig", sent);
        assertThat(sent.at("/async/webhook/mode").textValue()).isEqualTo("direct");
        assertThat(sent.at("/async/webhook/url").textValue()).isEqualTo("https://your-app.com/webhook");
        assertThat(sent.at("/async/metadata/document_type").textValue()).isEqualTo("invoice");
    }

    @Test
    void parseRunJobPostsToParseAsync() {
        String body = resource(SUBMITTED);
        assertValid(OPENAPI, "AsyncParseResponse", body);
        wireMock.answer("POST", "/parse_async", body);
        ParseRequest request = ParseRequest.builder()
                .input(DocumentInput.fileId("reducto://4f0c2d1e-8a7b-4a51-9a0e-3f1f2c9d1b11.pdf"))
                .async(AsyncOptions.builder().webhook(WebhookConfig.svix(List.of("billing"))).priority(true).build())
                .build();

        StepVerifier.create(client.parse().runJob(request))
                .assertNext(job -> assertThat(job.jobId()).isEqualTo(SUBMITTED_ID))
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/parse_async");
        assertValid(OPENAPI, "AsyncParseConfig", sent);
        assertThat(sent.path("input").textValue()).isEqualTo("reducto://4f0c2d1e-8a7b-4a51-9a0e-3f1f2c9d1b11.pdf");
        assertThat(sent.at("/async/webhook/channels/0").textValue()).isEqualTo("billing");
    }

    // --------------------------------------------------------------------------------------------------------- extract

    @Test
    void extractRunDecodesTheListShapedResponse() {
        String body = resource(EXTRACT_PLAIN);
        assertValid(OPENAPI, "ExtractResponse", body);
        assertValid(OPENAPI, "V3ExtractResponse", body);
        wireMock.answer("POST", "/extract", body);
        ExtractRequest request = CODEC.decode(resource("/examples/request-extract-sdk-e2e.json"),
                ExtractRequest.class);

        StepVerifier.create(client.extract().run(request))
                .assertNext(run -> {
                    assertThat(run).isInstanceOf(RunResult.Completed.class);
                    assertThat(run.response()).isInstanceOfSatisfying(ExtractResponse.class, extract -> {
                        assertThat(extract.jobId()).isEqualTo("b0b32d1f-ba5a-4bf6-87c2-2bcb3345b1c4");
                        assertThat(extract.responseType()).isEqualTo("extract");
                        assertThat(extract.result()).hasSize(1);
                        assertThat(extract.result().get(0).path("invoice_number").textValue())
                                .isEqualTo("INV-9865");
                        assertThat(extract.usage().numFields()).isEqualTo(2);
                        assertThat(extract.usage().credits()).isEqualTo(3.333333);
                    });
                })
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/extract");
        assertValid(OPENAPI, "SyncExtractConfig", sent);
        assertThat(sent).isEqualTo(CODEC.readTree(resource("/examples/request-extract-sdk-e2e.json")));
    }

    @Test
    void extractRunDecodesTheCitedObjectResponse() {
        String body = resource(EXTRACT_CITED);
        assertValid(OPENAPI, "V3ExtractResponse", body);
        wireMock.answer("POST", "/extract", body);
        ExtractRequest request = ExtractRequest.builder()
                .input(DocumentInput.fileId("reducto://0b3c3d0e-1111-4222-8333-944455556666.png"))
                .instructions(ExtractInstructions.builder()
                        .schema(CODEC.readTree("{\"type\": \"object\", \"properties\": {\"invoice_number\":"
                                + " {\"type\": \"string\"}, \"total\": {\"type\": \"string\"}}}"))
                        .systemPrompt("Extract the invoice number and total.")
                        .build())
                .settings(ExtractSettings.builder().deepExtract(true)
                        .citations(CitationSettings.builder().enabled(true).build()).build())
                .build();

        StepVerifier.create(client.extract().run(request))
                .assertNext(run -> assertThat(run.response()).isInstanceOfSatisfying(CitedExtractResponse.class,
                        cited -> {
                            assertThat(cited.jobId()).isEqualTo("33e0fac4-a1bc-42ed-9aab-9c9faab42e31");
                            assertThat(cited.responseType()).isEqualTo("v3_extract");
                            assertThat(cited.result().at("/invoice_number/value").textValue())
                                    .isEqualTo("INV-9865");
                            assertThat(cited.result().at("/total/citations/0/parentBlock/type").textValue())
                                    .isEqualTo("Table");
                            assertThat(cited.usage().numFields()).isEqualTo(2);
                        }))
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/extract");
        assertValid(OPENAPI, "SyncExtractConfig", sent);
        assertThat(sent.at("/settings/citations/enabled").booleanValue()).isTrue();
        assertThat(sent.at("/instructions/system_prompt").textValue())
                .isEqualTo("Extract the invoice number and total.");
    }

    @Test
    void extractRunWithAnAsyncConfigGivesTheSubmittedJob() {
        String body = "{\"job_id\": \"8e9f0a1b-2c3d-4e5f-a607-1829304a5b6c\"}";
        assertValid(OPENAPI, "AsyncExtractResponse", body);
        wireMock.answer("POST", "/extract", body);
        ExtractRequest request = ExtractRequest.builder()
                .input(DocumentInput.url("https://ci.reducto.ai/onepager.pdf"))
                .instructions(ExtractInstructions.builder().schema(CODEC.readTree("{\"type\": \"object\"}")).build())
                .async(AsyncOptions.builder().webhook(WebhookConfig.direct("https://hooks.example.com/x")).build())
                .build();

        StepVerifier.create(client.extract().run(request))
                .assertNext(run -> {
                    assertThat(run).isInstanceOf(RunResult.Submitted.class);
                    assertThat(run.jobId()).contains("8e9f0a1b-2c3d-4e5f-a607-1829304a5b6c");
                })
                .expectComplete()
                .verify(TIMEOUT);

        assertValid(OPENAPI, "AsyncExtractConfig", sentJson(wireMock.onlyRequest(), "POST", "/extract"));
    }

    @Test
    void extractRunJobPostsToExtractAsync() {
        String body = "{\"job_id\": \"7d3e1f20-5a6b-4c7d-8e9f-0a1b2c3d4e5f\"}";
        assertValid(OPENAPI, "AsyncExtractResponse", body);
        wireMock.answer("POST", "/extract_async", body);
        ExtractRequest request = ExtractRequest.builder()
                .input(DocumentInput.jobReference("5df31070-0c0a-4a1e-9a53-5b7f7f6f0e2a"))
                .instructions(ExtractInstructions.builder().schema(CODEC.readTree("{\"type\": \"object\"}")).build())
                .async(AsyncOptions.builder().webhook(WebhookConfig.svix()).build())
                .build();

        StepVerifier.create(client.extract().runJob(request))
                .assertNext(job -> assertThat(job.jobId()).isEqualTo("7d3e1f20-5a6b-4c7d-8e9f-0a1b2c3d4e5f"))
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/extract_async");
        assertValid(OPENAPI, "AsyncExtractConfig", sent);
        assertThat(sent.path("input").textValue()).isEqualTo("jobid://5df31070-0c0a-4a1e-9a53-5b7f7f6f0e2a");
    }

    // ----------------------------------------------------------------------------------------------------------- split

    @Test
    void splitRunDecodesSectionsAndPages() {
        String body = resource(SPLIT);
        assertValid(OPENAPI, "SplitResponse", body);
        wireMock.answer("POST", "/split", body);
        SplitRequest request = CODEC.decode(resource("/examples/request-split-sdk-e2e.json"), SplitRequest.class)
                .toBuilder().settings(SplitSettings.builder().tableCutoff(TableCutoff.PRESERVE).build()).build();

        StepVerifier.create(client.split().run(request))
                .assertNext(split -> {
                    assertThat(split.usage().numPages()).isEqualTo(15);
                    assertThat(split.result()).isInstanceOfSatisfying(SplitResult.class, result -> {
                        assertThat(result.sectionMapping()).containsEntry("introduction", List.of(1, 2));
                        assertThat(result.splits()).singleElement().satisfies(section -> {
                            assertThat(section.name()).isEqualTo("abstract");
                            assertThat(section.pages()).containsExactly(1);
                            assertThat(section.conf()).isEqualTo(Confidence.HIGH);
                        });
                    });
                })
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/split");
        assertValid(OPENAPI, "SyncSplitConfig", sent);
        assertThat(sent.at("/split_description/1/name").textValue()).isEqualTo("other");
        assertThat(sent.at("/settings/table_cutoff").textValue()).isEqualTo("preserve");
    }

    @Test
    void splitRunJobPostsToSplitAsync() {
        String body = "{\"job_id\": \"0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5\"}";
        assertValid(OPENAPI, "AsyncSplitResponse", body);
        wireMock.answer("POST", "/split_async", body);
        SplitRequest request = SplitRequest.builder()
                .input(DocumentInput.url("https://example.com/binder.pdf"))
                .splitDescription(List.of(SplitCategory.builder().name("invoice").description("Pages with an invoice")
                        .partitionKey("invoice number").build()))
                .async(AsyncOptions.builder().webhook(WebhookConfig.svix(List.of("splits"))).build())
                .build();

        StepVerifier.create(client.split().runJob(request))
                .assertNext(job -> assertThat(job.jobId()).isEqualTo("0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5"))
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/split_async");
        assertValid(OPENAPI, "config__v3__AsyncSplitConfig", sent);
        assertThat(sent.at("/split_description/0/partition_key").textValue()).isEqualTo("invoice number");
    }

    // ------------------------------------------------------------------------------------------------------------ edit

    @Test
    void editRunDecodesTheEditedDocumentAndFormSchema() {
        String body = resource(EDIT);
        assertValid(OPENAPI, "EditResponse", body);
        wireMock.answer("POST", "/edit", body);
        EditRequest request = CODEC.decode(resource("/examples/request-edit-sdk-e2e.json"), EditRequest.class);

        StepVerifier.create(client.edit().run(request))
                .assertNext(edit -> {
                    assertThat(edit.documentUrl()).startsWith("https://reducto-storage.s3.us-west-2.amazonaws.com/");
                    assertThat(edit.formSchema()).hasSize(2);
                    assertThat(edit.formSchema().get(0).value()).isEqualTo("Jane Doe");
                    assertThat(edit.formSchema().get(1).type()).isEqualTo(WidgetType.CHECKBOX);
                    assertThat(edit.usage().credits()).isEqualTo(4.0);
                })
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/edit");
        assertValid(OPENAPI, "EditConfig", sent);
        assertThat(sent).isEqualTo(CODEC.readTree(resource("/examples/request-edit-sdk-e2e.json")));
    }

    @Test
    void editRunJobPostsToEditAsyncWithTheTopLevelWebhook() {
        String body = "{\"job_id\": \"4e5f6071-8293-4a4b-9c5d-6e7f80910a1b\"}";
        assertValid(OPENAPI, "AsyncEditResponse", body);
        wireMock.answer("POST", "/edit_async", body);
        EditRequest request = EditRequest.builder()
                .documentUrl(DocumentInput.url("https://example.com/forms/w9.pdf"))
                .editInstructions("Fill in the name as Jane Doe.")
                .webhook(WebhookSettings.builder().mode(WebhookMode.DIRECT).url("https://hooks.example.com/edit")
                        .build())
                .build();

        StepVerifier.create(client.edit().runJob(request))
                .assertNext(job -> assertThat(job.jobId()).isEqualTo("4e5f6071-8293-4a4b-9c5d-6e7f80910a1b"))
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/edit_async");
        assertValid(OPENAPI, "AsyncEditConfig", sent);
        assertThat(sent.at("/webhook/url").textValue()).isEqualTo("https://hooks.example.com/edit");
        assertThat(sent.has("async")).isFalse();
    }

    // -------------------------------------------------------------------------------------------------------- pipeline

    @Test
    void pipelineRunDecodesEachStepOutput() {
        String body = resource(PIPELINE);
        assertValid(OPENAPI, "PipelineResponse", body);
        wireMock.answer("POST", "/pipeline", body);
        PipelineRequest request = PipelineRequest.builder()
                .input(DocumentInput.url("https://ci.reducto.ai/onepager.pdf"))
                .pipelineId("k7wq3n2p")
                .build();

        StepVerifier.create(client.pipeline().run(request))
                .assertNext(pipeline -> {
                    assertThat(pipeline.jobId()).isEqualTo("9a7d3c2e-6b14-4f0a-b8e5-2c4d6f8a0b1c");
                    assertThat(pipeline.result().parse().responses()).singleElement().satisfies(parse ->
                            assertThat(parse.result()).isInstanceOfSatisfying(FullResult.class, full ->
                                    assertThat(full.chunks().get(0).content()).startsWith("Invoice INV-9865")));
                    assertThat(pipeline.result().extract()).isInstanceOfSatisfying(PipelineExtractOutput.Whole.class,
                            whole -> assertThat(whole.result()).isInstanceOfSatisfying(ExtractResponse.class,
                                    extract -> assertThat(extract.result().get(0).path("total").textValue())
                                            .isEqualTo("$14,667.43")));
                    assertThat(pipeline.result().split()).isNull();
                })
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/pipeline");
        assertValid(OPENAPI, "V3PipelineConfig", sent);
        assertThat(sent.path("pipeline_id").textValue()).isEqualTo("k7wq3n2p");
    }

    @Test
    void pipelineRunJobPostsToPipelineAsync() {
        String body = "{\"job_id\": \"5f607182-93a4-4b5c-8d6e-7f8091a2b3c4\"}";
        assertValid(OPENAPI, "AsyncPipelineResponse", body);
        wireMock.answer("POST", "/pipeline_async", body);
        PipelineRequest request = PipelineRequest.builder()
                .input(DocumentInput.urls(List.of("https://example.com/1.pdf", "https://example.com/2.pdf")))
                .pipelineId("k7wq3n2p")
                .async(AsyncOptions.builder().webhook(WebhookConfig.svix(List.of("pipelines"))).priority(true)
                        .build())
                .build();

        StepVerifier.create(client.pipeline().runJob(request))
                .assertNext(job -> assertThat(job.jobId()).isEqualTo("5f607182-93a4-4b5c-8d6e-7f8091a2b3c4"))
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/pipeline_async");
        assertValid(OPENAPI, "V3AsyncPipelineConfig", sent);
        assertThat(sent.path("input")).hasSize(2);
    }

    // --------------------------------------------------------------------------------------------- classify and cite

    @Test
    void classifyRunDecodesCategoryAndConfidences() {
        String body = resource(CLASSIFY);
        assertValid(OPENAPI, "ClassifyResponse", body);
        wireMock.answer("POST", "/classify", body);
        ClassifyRequest request = CODEC.decode(resource("/examples/request-classify-sdk-e2e.json"),
                ClassifyRequest.class).toBuilder().pageRange(PageSelection.range(1, 5)).build();

        StepVerifier.create(client.classify().run(request))
                .assertNext(classify -> {
                    assertThat(classify.jobId()).isEqualTo("a1b2c3d4-e5f6-7890-abcd-ef1234567890");
                    assertThat(classify.result().category()).isEqualTo("invoice");
                    assertThat(classify.responseConfidence().categories()).hasSize(2);
                    assertThat(classify.responseConfidence().categories().get(1).confidence()).isEqualTo(0.33);
                    assertThat(classify.duration()).isEqualTo(1.23);
                })
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/classify");
        assertValid(OPENAPI, "ClassifyConfig", sent);
        assertValid(CLASSIFY_SPEC, "ClassifyConfig", sent);
        assertThat(sent.at("/classification_schema/1/category").textValue()).isEqualTo("invoice");
        assertThat(sent.at("/page_range/end").intValue()).isEqualTo(5);
    }

    @Test
    void citeSendsACiteRequestAndDecodesMatches() {
        String body = resource("/fixtures/endpoint/cite.json");
        assertValid(CLASSIFY_SPEC, "CiteResponse", body);
        wireMock.answer("POST", "/cite", body);
        CiteRequest request = CiteRequest.builder()
                .source(CiteSource.job("5df31070-0c0a-4a1e-9a53-5b7f7f6f0e2a"))
                .queries(List.of(
                        CitationQuery.builder().text("$14,667.43").build(),
                        CitationQuery.builder().text("Net 30").bboxFilter(BoundingBox.builder().left(0.0).top(0.5)
                                .width(1.0).height(0.5).page(1).build()).build()))
                .build();

        StepVerifier.create(client.cite(request))
                .assertNext(cite -> {
                    assertThat(cite.duration()).isEqualTo(0.384);
                    assertThat(cite.results()).hasSize(2);
                    assertThat(cite.results().get(0).matches()).hasSize(2);
                    assertThat(cite.results().get(0).matches().get(1).page()).isEqualTo(2);
                    assertThat(cite.results().get(0).matches().get(1).bboxes()).hasSize(2);
                    assertThat(cite.results().get(1).matches()).isEmpty();
                })
                .expectComplete()
                .verify(TIMEOUT);

        JsonNode sent = sentJson(wireMock.onlyRequest(), "POST", "/cite");
        assertValid(CLASSIFY_SPEC, "CiteRequest", sent);
        assertThat(sent.path("source").textValue()).isEqualTo("jobid://5df31070-0c0a-4a1e-9a53-5b7f7f6f0e2a");
        assertThat(sent.at("/queries/1/bbox_filter/top").doubleValue()).isEqualTo(0.5);
    }

    // ------------------------------------------------------------------------------------------ webhook and version

    @Test
    void configureWebhookGivesThePortalUrlFromABareJsonString() {
        String body = resource("/fixtures/endpoint/webhook-portal.json");
        assertThat(CODEC.readTree(body).isTextual()).as("the spec's response schema is {type: string}").isTrue();
        wireMock.answer("POST", "/configure_webhook", body);

        StepVerifier.create(client.configureWebhook())
                .expectNext("https://app.svix.com/login#key=eyJhcHBJZCI6ImFwcF8yWnRlc3QiLCJ0b2tlbiI6ImRhc2gtdGVzdCJ9")
                .expectComplete()
                .verify(TIMEOUT);

        LoggedRequest sent = wireMock.onlyRequest();
        assertBodyless(sent, "POST", "/configure_webhook");
    }

    @Test
    void versionGivesTheBareJsonString() {
        String body = resource("/examples/version-maton.json");
        assertThat(CODEC.readTree(body).isTextual()).as("the spec's response schema is {type: string}").isTrue();
        wireMock.answer("GET", "/version", body);

        StepVerifier.create(client.version())
                .expectNext("VERSION_GOES_HERE")
                .expectComplete()
                .verify(TIMEOUT);

        assertBodyless(wireMock.onlyRequest(), "GET", "/version");
    }

    // ------------------------------------------------------------------------------------------------------------ jobs

    @Test
    void getJobAsksForTheStateNowWithoutATimeout() {
        String body = resource("/examples/job-maton-pending.json");
        assertValid(OPENAPI, "AsyncJobResponse", body);
        assertValid(JOBS_SPEC, "AsyncJobResponse", body);
        wireMock.answer("GET", "/job/" + SUBMITTED_ID, body);

        StepVerifier.create(client.getJob(SUBMITTED_ID))
                .assertNext(job -> {
                    assertThat(job.status()).isEqualTo(JobStatus.PENDING);
                    assertThat(job.result()).isNull();
                    assertThat(job.progress()).isEqualTo(0.5);
                })
                .expectComplete()
                .verify(TIMEOUT);

        LoggedRequest sent = wireMock.onlyRequest();
        assertBodyless(sent, "GET", "/job/" + SUBMITTED_ID);
        assertThat(sent.getUrl()).isEqualTo("/job/" + SUBMITTED_ID);
        assertThat(sent.getQueryParams()).isEmpty();
    }

    @Test
    void getJobLongPollSendsTheTimeoutInSeconds() {
        wireMock.answer("GET", "/job/" + SUBMITTED_ID, resource("/examples/job-maton-pending.json"));

        StepVerifier.create(client.getJob(GetJobRequest.longPoll(SUBMITTED_ID, Duration.ofSeconds(30))))
                .assertNext(job -> assertThat(job.status()).isEqualTo(JobStatus.PENDING))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(client.getJob(GetJobRequest.longPoll(SUBMITTED_ID, Duration.ofMillis(1500))))
                .assertNext(job -> assertThat(job.status()).isEqualTo(JobStatus.PENDING))
                .expectComplete()
                .verify(TIMEOUT);

        List<LoggedRequest> sent = wireMock.requests();
        assertThat(sent).hasSize(2);
        assertBodyless(sent.get(0), "GET", "/job/" + SUBMITTED_ID);
        assertThat(sent.get(0).getUrl()).isEqualTo("/job/" + SUBMITTED_ID + "?timeout=30");
        assertThat(sent.get(1).getUrl()).isEqualTo("/job/" + SUBMITTED_ID + "?timeout=1.5");
    }

    @Test
    void getJobLongPollStretchesTheResponseTimeoutToCoverTheWait() {
        wireMock.stubFor(request("GET", urlPathEqualTo("/job/" + SUBMITTED_ID)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(resource("/examples/job-maton-pending.json")).withFixedDelay(1000)));
        ReductoClient impatient = client.withOptions(RequestOptions.builder()
                .responseTimeout(Duration.ofMillis(300)).build());

        StepVerifier.create(impatient.getJob(SUBMITTED_ID))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ReductoTimeoutException.class))
                .verify(TIMEOUT);
        StepVerifier.create(impatient.getJob(GetJobRequest.longPoll(SUBMITTED_ID, Duration.ofSeconds(2))))
                .assertNext(job -> assertThat(job.status()).isEqualTo(JobStatus.PENDING))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(wireMock.requests()).extracting(LoggedRequest::getUrl)
                .containsExactly("/job/" + SUBMITTED_ID, "/job/" + SUBMITTED_ID + "?timeout=2");
    }

    @Test
    void getJobOfAFailedJobGivesStatusAndReason() {
        String body = resource("/examples/job-puffinparse-failed-stub.json");
        assertValid(OPENAPI, "AsyncJobResponse", body);
        wireMock.answer("GET", "/job/job-failed", body);

        StepVerifier.create(client.getJob("job-failed"))
                .assertNext(job -> {
                    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
                    assertThat(job.reason()).isEqualTo("Password-protected document");
                    assertThat(job.result()).isNull();
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void getJobKeepsTheJobLevelErrorObjectOfTheNewerSpec() {
        String body = resource("/examples/job-get-docs-generated-newspec.json");
        wireMock.answer("GET", "/job/job_id", body);

        StepVerifier.create(client.getJob("job_id"))
                .assertNext(job -> {
                    assertThat(job.error()).isNotNull();
                    assertThat(job.error().name()).isEqualTo("TIMEOUT");
                    assertThat(job.error().jobId()).isEqualTo("job_id");
                    assertThat(job.result()).isInstanceOf(JobResult.Parse.class);
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    static Stream<Arguments> jobResults() {
        return Stream.of(
                Arguments.of("parse", completed(resource(PARSE_FULL), "Parse"), JobResult.Parse.class, "ParseResponse",
                        (Consumer<JobResult>) r -> assertThat(((JobResult.Parse) r).response().jobId())
                                .isEqualTo("04fe7cf4-1f40-4a03-b1a0-460bd8d6a89a")),
                Arguments.of("extract", completed(resource(EXTRACT_PLAIN), "Extract"), JobResult.Extract.class, "ExtractResponse",
                        (Consumer<JobResult>) r -> assertThat(((JobResult.Extract) r).response().result().get(0)
                                .path("total").textValue()).isEqualTo("$14,667.43")),
                Arguments.of("v3_extract", completed(resource(EXTRACT_CITED), "Extract"),
                        JobResult.CitedExtract.class, "V3ExtractResponse",
                        (Consumer<JobResult>) r -> assertThat(((JobResult.CitedExtract) r).response().result()
                                .at("/invoice_number/value").textValue()).isEqualTo("INV-9865")),
                Arguments.of("split", completed(withResponseType(resource(SPLIT), "split"), "Split"),
                        JobResult.Split.class, "SplitResponse",
                        (Consumer<JobResult>) r -> assertThat(((JobResult.Split) r).response().usage().numPages())
                                .isEqualTo(15)),
                Arguments.of("edit", completed(resource(EDIT), "Edit"), JobResult.Edit.class, "EditResponse",
                        (Consumer<JobResult>) r -> assertThat(((JobResult.Edit) r).response().formSchema())
                                .hasSize(2)),
                Arguments.of("pipeline", completed(resource(PIPELINE), "Pipeline"), JobResult.Pipeline.class, "PipelineResponse",
                        (Consumer<JobResult>) r -> assertThat(((JobResult.Pipeline) r).response().jobId())
                                .isEqualTo("9a7d3c2e-6b14-4f0a-b8e5-2c4d6f8a0b1c")),
                Arguments.of("classify", completed(withResponseType(resource(CLASSIFY), "classify"), "Classify"),
                        JobResult.Classify.class, "ClassifyResponse",
                        (Consumer<JobResult>) r -> assertThat(((JobResult.Classify) r).response().result()
                                .category()).isEqualTo("invoice")),
                Arguments.of("v3 extract without response_type (by shape)",
                        resource("/examples/job-get-sdk-test-v3extract-completed.json"),
                        JobResult.CitedExtract.class, "V3ExtractResponse",
                        (Consumer<JobResult>) r -> assertThat(((JobResult.CitedExtract) r).response().result()
                                .at("/company_name/value").textValue()).isEqualTo("Acme Corp")),
                Arguments.of("split without response_type (by shape)", completed(resource(SPLIT), "Split"),
                        JobResult.Split.class, "SplitResponse",
                        (Consumer<JobResult>) r -> assertThat(((JobResult.Split) r).response().result())
                                .isInstanceOf(SplitResult.class)),
                Arguments.of("edit without response_type (by shape)",
                        completed(withoutResponseType(resource(EDIT)), "Edit"), JobResult.Edit.class, "EditResponse",
                        (Consumer<JobResult>) r -> assertThat(((JobResult.Edit) r).response().documentUrl())
                                .startsWith("https://reducto-storage")),
                Arguments.of("unknown response_type kept raw", resource("/fixtures/endpoint/job-unknown-type.json"),
                        JobResult.Unknown.class, null,
                        (Consumer<JobResult>) r -> {
                            assertThat(r.responseType()).isEqualTo("summarize");
                            assertThat(((JobResult.Unknown) r).json().at("/result/summary").textValue())
                                    .startsWith("A one-page invoice");
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobResults")
    void getJobDecodesEachKindOfResult(String kind, String body, Class<? extends JobResult> variant,
            String resultSchema, Consumer<JobResult> check) {
        if (resultSchema != null) { // null: a kind of result no spec describes yet
            assertValid(OPENAPI, "EnhancedAsyncJobResponse", body);
            JsonNode result = CODEC.readTree(body).path("result");
            assertValid(OPENAPI, resultSchema, result);
            // the jobs spec's own result union cannot be checked as a whole (its free-form extract schemas make the
            // oneOf ambiguous), so each result is checked against the schema its response_type names there
            assertValid(JOBS_SPEC, resultSchema, result);
        }
        wireMock.answer("GET", "/job/job-" + kind.hashCode(), body);

        StepVerifier.create(client.getJob("job-" + kind.hashCode()))
                .assertNext(job -> {
                    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
                    assertThat(job.result()).isInstanceOf(variant);
                    check.accept(job.result());
                })
                .expectComplete()
                .verify(TIMEOUT);

        assertBodyless(wireMock.onlyRequest(), "GET", "/job/job-" + kind.hashCode());
    }

    @Test
    void getJobReadsTheEnhancedJobFields() {
        wireMock.answer("GET", "/job/" + SUBMITTED_ID, completed(resource(PARSE_FULL), "Parse"));

        StepVerifier.create(client.getJob(SUBMITTED_ID))
                .assertNext(job -> {
                    assertThat(job.type()).isEqualTo(JobType.PARSE);
                    assertThat(job.numPages()).isEqualTo(1);
                    assertThat(job.duration()).isEqualTo(3.2);
                    assertThat(job.createdAt()).isNotNull();
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void cancelJobPostsWithoutABodyAndCompletes() {
        wireMock.answer("POST", "/cancel/" + SUBMITTED_ID, resource("/fixtures/endpoint/cancel.json"));

        StepVerifier.create(client.cancelJob(SUBMITTED_ID))
                .expectComplete()
                .verify(TIMEOUT);

        LoggedRequest sent = wireMock.onlyRequest();
        assertBodyless(sent, "POST", "/cancel/" + SUBMITTED_ID);
        assertThat(sent.getHeader("Content-Length")).isEqualTo("0");
    }

    @Test
    void cancelJobSucceedsOnAnEmptyBody() {
        wireMock.stubFor(request("POST", urlPathEqualTo("/cancel/" + SUBMITTED_ID))
                .willReturn(aResponse().withStatus(200)));

        StepVerifier.create(client.cancelJob(SUBMITTED_ID))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(wireMock.requests()).hasSize(1);
    }

    @Test
    void cancelJobSucceedsWhateverTheUndocumentedBodySays() {
        wireMock.stubFor(request("POST", urlPathEqualTo("/cancel/" + SUBMITTED_ID))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("OK")));

        StepVerifier.create(client.cancelJob(SUBMITTED_ID))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void theSpecValidatorUsedHereRejectsInvalidPayloads() {
        assertThat(SPEC.validate(OPENAPI, "SyncParseConfig", CODEC.readTree("{\"settings\": {}}"))).isNotEmpty();
        assertThat(SPEC.validate(OPENAPI, "ParseResponse", CODEC.readTree(
                withoutField(resource(PARSE_FULL), "usage")))).isNotEmpty();
        assertThat(SPEC.validate(CLASSIFY_SPEC, "CiteRequest", CODEC.readTree("{\"source\": \"jobid://x\","
                + " \"queries\": []}"))).isNotEmpty();
        assertThat(SPEC.validate(OPENAPI, "EnhancedAsyncJobResponse", CODEC.readTree(
                "{\"status\": \"Completed\", \"result\": {\"result\": 42}}"))).isNotEmpty();
    }

    // ------------------------------------------------------------------------------------------ path and user-id

    @Test
    void pathParametersAreEncodedAsOneSegment() {
        wireMock.stubFor(request("GET", urlPathEqualTo("/job/a%2Fb%3Fc"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(resource("/examples/job-maton-pending.json"))));
        wireMock.stubFor(request("POST", urlPathEqualTo("/cancel/a%2Fb%3Fc"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));

        StepVerifier.create(client.getJob("a/b?c"))
                .assertNext(job -> assertThat(job.status()).isEqualTo(JobStatus.PENDING))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(client.cancelJob("a/b?c"))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(client.getJob(GetJobRequest.longPoll("../x y", Duration.ofSeconds(5))))
                .expectError()
                .verify(TIMEOUT);

        List<LoggedRequest> sent = wireMock.requests();
        assertThat(sent).extracting(LoggedRequest::getUrl)
                .containsExactly("/job/a%2Fb%3Fc", "/cancel/a%2Fb%3Fc", "/job/..%2Fx%20y?timeout=5");
        assertThat(sent.get(0).getQueryParams()).isEmpty();
    }

    @Test
    void userIdHeaderComesFromTheBuilderAndFromDerivedOptions() {
        wireMock.answer("GET", "/version", resource("/examples/version-maton.json"));
        ReductoClient forUser1 = clientBuilder().userId("u-1").build();
        ReductoClient forUser2 = forUser1.withOptions(RequestOptions.builder().userId("u-2").build());

        Stream.of(forUser1.version(), forUser2.version(), forUser1.version(), client.version())
                .forEach(call -> StepVerifier.create(call).expectNext("VERSION_GOES_HERE").expectComplete()
                        .verify(TIMEOUT));

        List<LoggedRequest> sent = wireMock.requests();
        assertThat(sent).hasSize(4);
        assertThat(sent.get(0).getHeader("user-id")).isEqualTo("u-1");
        assertThat(sent.get(1).getHeader("user-id")).isEqualTo("u-2");
        assertThat(sent.get(2).getHeader("user-id")).as("the original client is unchanged").isEqualTo("u-1");
        assertThat(sent.get(3).containsHeader("user-id")).isFalse();
        sent.forEach(EndpointsTest::assertCommonHeaders);
        assertThat(forUser1.options().headers()).containsEntry("user-id", "u-1");
        assertThat(forUser2.options().headers()).containsEntry("user-id", "u-2");
    }

    @Test
    void userIdIsSentOnJobCreatingPostsToo() {
        wireMock.answer("POST", "/parse_async", resource(SUBMITTED));
        ReductoClient forUser = client.withOptions(RequestOptions.builder().userId("u-9").build());

        StepVerifier.create(forUser.parse().runJob(ParseRequest.builder()
                        .input(DocumentInput.url("https://example.com/a.pdf")).build()))
                .expectNextCount(1)
                .expectComplete()
                .verify(TIMEOUT);

        LoggedRequest sent = wireMock.onlyRequest();
        assertThat(sent.getHeader("user-id")).isEqualTo("u-9");
        assertValid(OPENAPI, "AsyncParseConfig", sentJson(sent, "POST", "/parse_async"));
    }

    @Test
    void everyCallIsColdAndSendsAgainOnEachSubscription() {
        wireMock.answer("GET", "/version", resource("/examples/version-maton.json"));
        Mono<String> version = client.version();

        assertThat(wireMock.requests()).as("nothing is sent before subscription").isEmpty();
        StepVerifier.create(version).expectNextCount(1).expectComplete().verify(TIMEOUT);
        StepVerifier.create(version).expectNextCount(1).expectComplete().verify(TIMEOUT);

        assertThat(wireMock.requests()).hasSize(2);
    }

    // --------------------------------------------------------------------------------------------------------- helpers

    private static ReductoClient.Builder clientBuilder() {
        return wireMock.client().retryPolicy(RetryPolicy.none());
    }

    /** A completed job (the richer {@code EnhancedAsyncJobResponse} form) around {@code result}. */
    private static String completed(String result, String type) {
        ObjectNode job = (ObjectNode) CODEC.readTree("{\"status\": \"Completed\", \"progress\": null,"
                + " \"reason\": null, \"type\": \"" + type + "\", \"num_pages\": 1, \"duration\": 3.2,"
                + " \"created_at\": \"2026-02-27T23:11:39.787917\"}");
        job.set("result", CODEC.readTree(result));
        return job.toString();
    }

    private static String withResponseType(String json, String responseType) {
        ObjectNode node = (ObjectNode) CODEC.readTree(json);
        node.put("response_type", responseType);
        return node.toString();
    }

    private static String withoutField(String json, String field) {
        ObjectNode node = (ObjectNode) CODEC.readTree(json);
        node.remove(field);
        return node.toString();
    }

    private static String withoutResponseType(String json) {
        ObjectNode node = (ObjectNode) CODEC.readTree(json);
        node.remove("response_type");
        return node.toString();
    }


    private static void assertCommonHeaders(LoggedRequest sent) {
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + WireMockReducto.API_KEY);
        assertThat(sent.getHeader("User-Agent")).startsWith("Reductor/");
        assertThat(sent.getHeader("x-reductor-retry-count")).isEqualTo("0");
    }

    /** Checks method, path and headers of a call with a JSON body, and gives the body. */
    private static JsonNode sentJson(LoggedRequest sent, String method, String path) {
        assertThat(sent.getMethod().value()).isEqualTo(method);
        assertThat(sent.getUrl()).isEqualTo(path);
        assertCommonHeaders(sent);
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode body = WireMockReducto.json(sent);
        assertThat(body.isObject()).isTrue();
        assertThat(WireMockReducto.specErrors(sent)).as("%s %s against the spec", method, path).isEmpty();
        assertThat(sent.getHeader("Content-Length")).isEqualTo(Integer.toString(sent.getBody().length));
        return body;
    }

    /** Checks method, path and headers of a call without a body. */
    private static void assertBodyless(LoggedRequest sent, String method, String path) {
        assertThat(sent.getMethod().value()).isEqualTo(method);
        assertThat(sent.getUrl()).startsWith(path);
        assertCommonHeaders(sent);
        assertThat(sent.getBody()).isEmpty();
        assertThat(sent.containsHeader("Content-Type")).as("no body, so no content type").isFalse();
    }

    private static void assertValid(String file, String schema, String json) {
        assertValid(file, schema, CODEC.readTree(json));
    }

    private static void assertValid(String file, String schema, JsonNode json) {
        assertThat(SPEC.validate(file, schema, json)).as("%s in %s", schema, file).isEmpty();
    }

    private static String resource(String path) {
        try (InputStream in = EndpointsTest.class.getResourceAsStream(path)) {
            Objects.requireNonNull(in, path + " is not on the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
