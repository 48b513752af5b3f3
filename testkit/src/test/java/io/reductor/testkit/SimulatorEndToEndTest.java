package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.error.JobFailedException;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.classify.ClassificationCategory;
import io.reductor.core.model.classify.ClassifyRequest;
import io.reductor.core.model.classify.ClassifyResponse;
import io.reductor.core.model.cite.CitationQuery;
import io.reductor.core.model.cite.CiteRequest;
import io.reductor.core.model.cite.CiteResponse;
import io.reductor.core.model.cite.CiteSource;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.BlockType;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.PageSelection;
import io.reductor.core.model.extract.CitationSettings;
import io.reductor.core.model.extract.CitedExtractResponse;
import io.reductor.core.model.extract.ExtractInstructions;
import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.extract.ExtractResponse;
import io.reductor.core.model.extract.ExtractResult;
import io.reductor.core.model.extract.ExtractSettings;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.job.ListJobsRequest;
import io.reductor.core.model.parse.ChunkingOptions;
import io.reductor.core.model.common.ChunkMode;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseBlock;
import io.reductor.core.model.parse.ParseChunk;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.ParseSettings;
import io.reductor.core.model.parse.RetrievalOptions;
import io.reductor.core.model.pipeline.PipelineExtractOutput;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.split.SplitCategory;
import io.reductor.core.model.split.SplitRequest;
import io.reductor.core.model.split.SplitResponse;
import io.reductor.core.model.split.SplitResult;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.JobUpdate;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import io.reductor.testkit.junit.WithReductoSimulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real {@link ReductoClient} against the simulator, end to end: the documents are PDFs made by PDFBox, and every
 * result is checked against their text. Uses the JUnit extension: one simulator for the class.
 */
@WithReductoSimulator
class SimulatorEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonNode INVOICE_SCHEMA = JsonCodec.standard().readTree("""
            {"type": "object", "properties": {
              "invoice_number": {"type": "string"},
              "invoice_date": {"type": "string", "description": "date of issue"},
              "total_due": {"type": "number"},
              "line_items": {"type": "array", "items": {"type": "object",
                  "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer"}}}}
            }}""");

    private final ReductoClient client;
    private final ReductoSimulator simulator;

    SimulatorEndToEndTest(ReductoClient client, ReductoSimulator simulator) {
        this.client = client;
        this.simulator = simulator;
    }

    private String uploadInvoice() {
        Upload upload = client.upload(UploadSource.of(TestDocuments.invoicePdf(), "invoice.pdf")).block(WAIT);
        assertThat(upload.fileId()).startsWith("reducto://").endsWith(".pdf");
        return upload.fileId();
    }

    @Test
    void uploadedPdfIsParsedIntoChunksAndBlocksWithItsText() {
        String fileId = uploadInvoice();

        ParseResponse response = client.parse().run(ParseRequest.builder().input(DocumentInput.fileId(fileId))
                .build()).block(WAIT).response();

        assertThat(response.usage().numPages()).isEqualTo(2);
        assertThat(response.usage().credits()).isEqualTo(2.0);
        assertThat(response.responseType()).isEqualTo("parse");
        FullResult result = (FullResult) response.result();
        assertThat(result.chunks()).hasSize(1); // chunking is disabled by default
        String content = result.chunks().get(0).content();
        assertThat(content).contains("# ACME Corporation Invoice", "Invoice Number: INV-2024-001",
                "## Terms and Conditions", "Thank you for your business. Payment is due within 30 days");
        List<ParseBlock> blocks = result.chunks().get(0).blocks();
        assertThat(blocks).extracting(b -> b.type().value()).startsWith("Title", "Key Value", "Key Value",
                "Key Value", "Text", "Section Header", "Text", "Text");
        assertThat(blocks).allSatisfy(block -> {
            assertThat(block.bbox().left()).isBetween(0.0, 1.0);
            assertThat(block.bbox().top()).isBetween(0.0, 1.0);
            assertThat(block.bbox().width()).isPositive();
        });
        assertThat(blocks.get(0).bbox().page()).isEqualTo(1);
        assertThat(blocks.get(5).bbox().page()).isEqualTo(2);
        assertThat(blocks.get(1).bbox().top()).isGreaterThan(blocks.get(0).bbox().top());
    }

    @Test
    void sameDocumentGivesTheSameResult() {
        String first = uploadInvoice();
        String second = uploadInvoice();
        ParseRequest.Builder request = ParseRequest.builder().retrieval(RetrievalOptions.builder()
                .chunking(ChunkingOptions.builder().chunkMode(ChunkMode.PAGE).build()).build());

        FullResult a = (FullResult) client.parse().run(request.input(DocumentInput.fileId(first)).build())
                .block(WAIT).response().result();
        FullResult b = (FullResult) client.parse().run(request.input(DocumentInput.fileId(second)).build())
                .block(WAIT).response().result();

        assertThat(a).isEqualTo(b);
        assertThat(a.chunks()).hasSize(2);
    }

    @Test
    void pageRangeAndBlockFilterAndOcrAreHonoured() {
        ParseResponse response = client.parse().run(ParseRequest.builder()
                        .input(DocumentInput.fileId(uploadInvoice()))
                        .retrieval(RetrievalOptions.builder().filterBlocks(List.of(BlockType.TITLE)).build())
                        .settings(ParseSettings.builder().pageRange(PageSelection.pages(List.of(2)))
                                .returnOcrData(true).build())
                        .build())
                .block(WAIT).response();

        FullResult result = (FullResult) response.result();
        assertThat(response.usage().numPages()).isEqualTo(1);
        ParseChunk chunk = result.chunks().get(0);
        // page 2 alone: its heading is now the document's title, which filter_blocks drops from the content
        assertThat(chunk.blocks().get(0).type()).isEqualTo(BlockType.TITLE);
        assertThat(chunk.blocks().get(0).content()).isEqualTo("Terms and Conditions");
        assertThat(chunk.content()).startsWith("All disputes are subject").doesNotContain("Terms and Conditions")
                .doesNotContain("INV-2024-001");
        assertThat(chunk.blocks().get(0).bbox().page()).isEqualTo(1);
        assertThat(chunk.blocks().get(0).bbox().originalPage()).isEqualTo(2);
        assertThat(result.ocr().lines()).extracting(l -> l.text()).contains("Terms and Conditions");
        assertThat(result.ocr().words()).extracting(w -> w.text()).contains("Delaware.");
    }

    @Test
    void asyncParseMovesThroughTheStatusesToItsResult() {
        String jobId = client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(uploadInvoice()))
                .build()).block(WAIT).jobId();

        List<JobUpdate> updates = client.awaitCompletion(jobId).collectList().block(WAIT);

        List<JobStatus> statuses = updates.stream().map(JobUpdate::status).toList();
        assertThat(statuses).last().isEqualTo(JobStatus.COMPLETED);
        List<JobStatus> order = List.of(JobStatus.PENDING, JobStatus.IN_PROGRESS, JobStatus.COMPLETING,
                JobStatus.COMPLETED);
        assertThat(statuses).allMatch(order::contains);
        assertThat(statuses.stream().map(order::indexOf).toList()).isSorted();
        JobResult result = updates.get(updates.size() - 1).result().orElseThrow();
        ParseResponse parse = ((JobResult.Parse) result).response();
        assertThat(parse.jobId()).isEqualTo(jobId);
        assertThat(((FullResult) parse.result()).chunks().get(0).content()).contains("INV-2024-001");
        assertThat(client.getJob(jobId).block(WAIT).numPages()).isEqualTo(2);
    }

    @Test
    void extractWithoutCitationsAnswersAListShapedByTheSchema() {
        ExtractResult result = client.extract().run(ExtractRequest.builder()
                        .input(DocumentInput.fileId(uploadInvoice()))
                        .instructions(ExtractInstructions.builder().schema(INVOICE_SCHEMA).build())
                        .build())
                .block(WAIT).response();

        ExtractResponse response = (ExtractResponse) result;
        assertThat(response.responseType()).isEqualTo("extract");
        assertThat(response.result()).hasSize(1);
        JsonNode invoice = response.result().get(0);
        assertThat(invoice.path("invoice_number").asText()).isEqualTo("INV-2024-001");
        assertThat(invoice.path("invoice_date").asText()).isEqualTo("2024-03-15");
        assertThat(invoice.path("total_due").doubleValue()).isEqualTo(1575.0);
        assertThat(invoice.path("line_items").isArray()).isTrue();
        assertThat(invoice.path("line_items")).isEmpty();
        assertThat(response.usage().numPages()).isEqualTo(2);
        assertThat(response.usage().numFields()).isEqualTo(3);
    }

    @Test
    void extractWithCitationsAnswersAnObjectOfCitedLeaves() {
        String fileId = uploadInvoice();
        String jobId = client.extract().runJob(ExtractRequest.builder()
                        .input(DocumentInput.fileId(fileId))
                        .instructions(ExtractInstructions.builder().schema(INVOICE_SCHEMA).build())
                        .settings(ExtractSettings.builder()
                                .citations(CitationSettings.builder().enabled(true).build()).build())
                        .build())
                .block(WAIT).jobId();

        JobResult result = client.awaitResult(jobId).block(WAIT);

        CitedExtractResponse cited = ((JobResult.CitedExtract) result).response();
        assertThat(cited.responseType()).isEqualTo("v3_extract");
        JsonNode number = cited.result().path("invoice_number");
        assertThat(number.path("value").asText()).isEqualTo("INV-2024-001");
        JsonNode citation = number.path("citations").path(0);
        assertThat(citation.path("content").asText()).isEqualTo("Invoice Number: INV-2024-001");
        assertThat(citation.path("type").asText()).isEqualTo("Key Value");
        assertThat(citation.path("bbox").path("page").asInt()).isEqualTo(1);
        assertThat(cited.result().path("total_due").path("value").doubleValue()).isEqualTo(1575.0);
    }

    @Test
    void splitAssignsPagesByTheCategories() {
        SplitResponse response = client.split().run(SplitRequest.builder()
                        .input(DocumentInput.fileId(uploadInvoice()))
                        .splitDescription(List.of(
                                SplitCategory.builder().name("invoice").description("Billing and amounts due").build(),
                                SplitCategory.builder().name("terms").description("Legal conditions and disputes")
                                        .build(),
                                SplitCategory.builder().name("appendix").description("Attachments").build()))
                        .build())
                .block(WAIT);

        SplitResult result = (SplitResult) response.result();
        assertThat(result.sectionMapping()).containsEntry("invoice", List.of(1)).containsEntry("terms", List.of(2))
                .containsEntry("appendix", List.of());
        assertThat(result.splits()).extracting(s -> s.name()).containsExactly("invoice", "terms");
        assertThat(response.usage().numPages()).isEqualTo(2);
    }

    @Test
    void classifyPicksTheBestMatchingCategory() {
        ClassifyResponse response = client.classify().run(ClassifyRequest.builder()
                        .input(DocumentInput.fileId(uploadInvoice()))
                        .classificationSchema(List.of(
                                ClassificationCategory.builder().category("contract")
                                        .criteria(List.of("contains legal terms", "names a governing law")).build(),
                                ClassificationCategory.builder().category("invoice")
                                        .criteria(List.of("has an invoice number", "states the total due",
                                                "gives payment terms")).build()))
                        .build())
                .block(WAIT);

        assertThat(response.result().category()).isEqualTo("invoice");
        assertThat(response.responseConfidence().categories()).hasSize(2);
        assertThat(response.jobId()).isNotBlank();
    }

    @Test
    void pipelineRegisteredByIdParsesSplitsAndExtractsPerSection() {
        simulator.registerPipeline("invoices", PipelineDefinition.builder()
                .extract(INVOICE_SCHEMA)
                .split(List.of(SplitCategory.builder().name("invoice").description("billing").build(),
                        SplitCategory.builder().name("terms").description("conditions").build()))
                .build());

        PipelineResponse response = client.pipeline().run(PipelineRequest.builder()
                .input(DocumentInput.fileId(uploadInvoice())).pipelineId("invoices").build()).block(WAIT);

        assertThat(response.result().parse().responses().get(0).usage().numPages()).isEqualTo(2);
        assertThat(((SplitResult) response.result().split().result()).sectionMapping())
                .containsEntry("invoice", List.of(1));
        PipelineExtractOutput.PerSection sections = (PipelineExtractOutput.PerSection) response.result().extract();
        assertThat(sections.sections()).extracting(s -> s.splitName()).containsExactly("invoice", "terms");
        ExtractResponse invoice = (ExtractResponse) sections.sections().get(0).result();
        assertThat(invoice.result().get(0).path("invoice_number").asText()).isEqualTo("INV-2024-001");
    }

    @Test
    void unknownPipelineIsNotFound() {
        assertThatThrownBy(() -> client.pipeline().run(PipelineRequest.builder()
                        .input(DocumentInput.fileId(uploadInvoice())).pipelineId("no-such-pipeline").build())
                .block(WAIT))
                .hasMessageContaining("404").hasMessageContaining("Pipeline not found");
    }

    @Test
    void jobReferenceReusesAnEarlierParseAndCiteFindsText() {
        String parseJob = client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(uploadInvoice()))
                .build()).block(WAIT).jobId();
        client.awaitResult(parseJob).block(WAIT);

        ExtractResponse extract = (ExtractResponse) client.extract().run(ExtractRequest.builder()
                .input(DocumentInput.jobReference(parseJob))
                .instructions(ExtractInstructions.builder().schema(INVOICE_SCHEMA).build()).build())
                .block(WAIT).response();
        CiteResponse cite = client.cite(CiteRequest.builder().source(CiteSource.job(parseJob))
                .queries(List.of(CitationQuery.builder().text("laws of the State of Delaware").build(),
                        CitationQuery.builder().text("not in the document").build()))
                .build()).block(WAIT);

        assertThat(extract.result().get(0).path("invoice_number").asText()).isEqualTo("INV-2024-001");
        assertThat(cite.results().get(0).matches()).singleElement()
                .satisfies(match -> assertThat(match.page()).isEqualTo(2));
        assertThat(cite.results().get(1).matches()).isEmpty();
    }

    @Test
    void jobsArePagedWithCursorsNewestFirst() {
        for (int i = 0; i < 5; i++) {
            client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(uploadInvoice()))
                    .async(AsyncOptions.builder().metadata(JsonCodec.standard().readTree("{\"n\":" + i + "}"))
                            .build())
                    .build()).block(WAIT);
        }

        List<JobsPage> pages = client.jobPages(ListJobsRequest.builder().limit(3).build()).collectList().block(WAIT);
        List<JobSummary> all = client.jobs().collectList().block(WAIT);

        assertThat(pages).hasSizeGreaterThanOrEqualTo(2);
        assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(page -> {
            assertThat(page.jobs()).hasSize(3);
            assertThat(page.nextCursor()).isNotNull();
        });
        assertThat(pages.get(pages.size() - 1).nextCursor()).isNull();
        List<String> paged = pages.stream().flatMap(p -> p.jobs().stream()).map(JobSummary::jobId).toList();
        assertThat(paged).doesNotHaveDuplicates().isEqualTo(all.stream().map(JobSummary::jobId).toList());
        assertThat((long) all.size()).isEqualTo(simulator.counters().jobsCreated());
        assertThat(all.get(0).createdAt().toInstant()).isAfterOrEqualTo(all.get(all.size() - 1).createdAt()
                .toInstant());
        assertThat(simulator.counters().jobsWithMetadata("{\"n\":4}")).isEqualTo(1);
    }

    @Test
    void versionIsABareString() {
        assertThat(client.version().block(WAIT)).isEqualTo("v1.11.57-simulator");
    }

    @Test
    void failingDocumentsFailTheirJobsWithTheReason() {
        String url = "https://example.com/broken.pdf";
        simulator.registerDocument(url, TestDocuments.invoicePdf());
        simulator.registerFailingDocument(url, "Document could not be processed");
        String notAPdf = simulator.uploadDocument("scan.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});

        String jobId = client.parse().runJob(ParseRequest.builder().input(DocumentInput.url(url)).build())
                .block(WAIT).jobId();
        String second = client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(notAPdf)).build())
                .block(WAIT).jobId();

        assertThatThrownBy(() -> client.awaitResult(jobId).block(WAIT)).isInstanceOf(JobFailedException.class)
                .hasMessageContaining("Document could not be processed");
        assertThatThrownBy(() -> client.awaitResult(second).block(WAIT)).isInstanceOf(JobFailedException.class)
                .hasMessageContaining("Unsupported file type .png");
        assertThatThrownBy(() -> client.parse().run(ParseRequest.builder()
                .input(DocumentInput.url("https://example.com/unregistered.pdf")).build()).block(WAIT))
                .hasMessageContaining("400").hasMessageContaining("registerDocument");
    }

    @Test
    void countersSeeEveryEndpoint() {
        client.version().block(WAIT);
        Map<String, Long> requests = simulator.counters().requests();
        assertThat(requests).containsKey("GET /version");
        assertThat(simulator.counters().requests("GET /version")).isPositive();
        assertThat(simulator.counters().jobsByType().keySet().stream().collect(Collectors.toSet()))
                .isSubsetOf("Parse", "Extract", "Split", "Edit", "Pipeline", "Classify");
    }
}
