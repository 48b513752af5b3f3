package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.model.cite.CitationMatch;
import io.reductor.core.model.cite.CitationQuery;
import io.reductor.core.model.cite.CitationQueryResult;
import io.reductor.core.model.cite.CiteRequest;
import io.reductor.core.model.cite.CiteResponse;
import io.reductor.core.model.cite.CiteSource;
import io.reductor.core.model.classify.ClassificationResult;
import io.reductor.core.model.classify.ClassifyRequest;
import io.reductor.core.model.classify.ClassifyResponse;
import io.reductor.core.model.classify.ClassifyUsage;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.BlockType;
import io.reductor.core.model.common.BoundingBox;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.ParseUsage;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.edit.EditRequest;
import io.reductor.core.model.edit.EditResponse;
import io.reductor.core.model.edit.EditWidget;
import io.reductor.core.model.extract.CitedExtractResponse;
import io.reductor.core.model.extract.ExtractMode;
import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.extract.ExtractResponse;
import io.reductor.core.model.extract.ExtractResult;
import io.reductor.core.model.extract.ExtractUsage;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseBlock;
import io.reductor.core.model.parse.ParseChunk;
import io.reductor.core.model.parse.ParseOptions;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.UrlResult;
import io.reductor.core.model.pipeline.ExtractSplitResponse;
import io.reductor.core.model.pipeline.PipelineExtractOutput;
import io.reductor.core.model.pipeline.PipelineParseOutput;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.pipeline.PipelineResult;
import io.reductor.core.model.split.SplitCategory;
import io.reductor.core.model.split.SplitRequest;
import io.reductor.core.model.split.SplitResponse;
import io.reductor.core.model.split.SplitResult;
import io.reductor.core.model.split.SplitSection;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * The simulated service behind the HTTP layer: turns decoded requests into jobs, runs each job's state machine on the
 * configured scheduler (document reading on {@link Schedulers#boundedElastic()}), builds results from the document's
 * text, and renders jobs for {@code GET /job} and {@code GET /jobs}.
 */
final class Processing {

    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final String RESULTS_PATH = "/_results/";

    private final Settings settings;
    private final SimulatorCounters counters;
    private final JobStore jobs;
    private final DocumentStore documents;
    private final ResultStorage storage;
    private final Map<String, PipelineDefinition> pipelines;
    private final Supplier<String> baseUrl;
    private final Webhooks webhooks;

    Processing(Settings settings, SimulatorCounters counters, JobStore jobs, DocumentStore documents,
               ResultStorage storage, Map<String, PipelineDefinition> pipelines, Supplier<String> baseUrl,
               Webhooks webhooks) {
        this.settings = settings;
        this.counters = counters;
        this.jobs = jobs;
        this.documents = documents;
        this.storage = storage;
        this.pipelines = pipelines;
        this.baseUrl = baseUrl;
        this.webhooks = webhooks;
    }

    /** A request the simulator refuses, answered with {@code reply}. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Reply reply;

        Refusal(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    /** One document input resolved: a stored document, a ready text (from a job), or a registered failure. */
    private record Input(String description, DocumentStore.Stored stored, DocumentText text, String failure) {
    }

    /** What a job does once its document is read: build the result from the (page-selected) text. */
    private interface Work {
        JsonNode build(Job job, DocumentText text, double duration);
    }

    /**
     * A job about to be created.
     *
     * @param inputs   the document inputs, concatenated
     * @param password the PDF password, or {@code null}
     * @param pages    the pages to keep, by source number
     * @param work     the result builder
     */
    private record Plan(List<Input> inputs, String password, IntPredicate pages, Work work) {
    }

    // ------------------------------------------------------------------------------------------------- submission

    /**
     * Handles a job-creating request whose body already passed spec validation.
     *
     * @param type       the job type
     * @param async      whether to answer {@code {job_id}} at once
     * @param body       the request body
     */
    Mono<Reply> submit(JobType type, boolean async, JsonNode body) {
        Plan plan;
        AsyncOptions asyncOptions = null;
        WebhookConfig webhook = null;
        String input;
        try {
            if (type.equals(JobType.PARSE)) {
                ParseRequest request = Json.CODEC.decode(body, ParseRequest.class);
                asyncOptions = request.async();
                input = describe(request.input());
                plan = parsePlan(request);
            } else if (type.equals(JobType.EXTRACT)) {
                ExtractRequest request = Json.CODEC.decode(body, ExtractRequest.class);
                asyncOptions = request.async();
                input = describe(request.input());
                plan = extractPlan(request);
            } else if (type.equals(JobType.SPLIT)) {
                SplitRequest request = Json.CODEC.decode(body, SplitRequest.class);
                asyncOptions = request.async();
                input = describe(request.input());
                plan = splitPlan(request);
            } else if (type.equals(JobType.EDIT)) {
                EditRequest request = Json.CODEC.decode(body, EditRequest.class);
                if (request.webhook() != null) {
                    webhook = Json.CODEC.decode(Json.tree(request.webhook()), WebhookConfig.class);
                }
                input = describe(request.documentUrl());
                plan = editPlan(request);
            } else if (type.equals(JobType.PIPELINE)) {
                PipelineRequest request = Json.CODEC.decode(body, PipelineRequest.class);
                asyncOptions = request.async();
                input = describe(request.input());
                plan = pipelinePlan(request);
            } else {
                ClassifyRequest request = Json.CODEC.decode(body, ClassifyRequest.class);
                input = describe(request.input());
                plan = classifyPlan(request);
            }
        } catch (ReductoDecodeException e) {
            return Mono.just(Reply.validation(Json.NODES.arrayNode().add(Reply.issue(
                    Json.NODES.arrayNode().add("body"), e.getMessage(), "value_error"))));
        } catch (Refusal refusal) {
            return Mono.just(refusal.reply);
        }
        if (asyncOptions != null && webhook == null) {
            webhook = asyncOptions.webhook();
        }
        JsonNode metadata = asyncOptions == null ? null : asyncOptions.metadata();
        long sequence = jobs.nextSequence();
        Job job = new Job(Ids.uuid(), sequence, type, settings.clock().instant(),
                body.toString(), input == null ? Json.NODES.nullNode() : Json.NODES.textNode(input), metadata,
                webhook, input);
        jobs.add(job);
        counters.job(type.value(), metadata, input);
        run(job, plan);
        if (async) {
            return Mono.just(Reply.ok(Json.object().put("job_id", job.id)));
        }
        return awaitTerminal(job).map(snapshot -> {
            if (snapshot.status().equals(JobStatus.COMPLETED)) {
                return Reply.ok(renderResult(snapshot.result()));
            }
            return Reply.detail(snapshot.failureStatus() == 0 ? 500 : snapshot.failureStatus(),
                    snapshot.reason() == null ? "The job was cancelled" : snapshot.reason());
        });
    }

    private Mono<Job.Snapshot> awaitTerminal(Job job) {
        return Mono.defer(() -> {
            Job.Snapshot snapshot = job.snapshot(now());
            return snapshot.terminal() ? Mono.just(snapshot) : job.nextChange().then(awaitTerminal(job));
        });
    }

    private void run(Job job, Plan plan) {
        long perPage = settings.timePerPage().toNanos();
        Mono<Void> run = Mono.delay(settings.queueTime(), settings.scheduler())
                .then(text(plan))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(text -> {
                    long expected = perPage * Math.max(1, text.pageCount());
                    if (!job.start(text.pageCount(), text, now(), expected)) {
                        return Mono.empty();
                    }
                    double duration = Math.round((expected + 2 * settings.queueTime().toNanos()) / 1e6) / 1e3;
                    JsonNode result = plan.work().build(job, text, duration);
                    return Mono.delay(java.time.Duration.ofNanos(expected), settings.scheduler())
                            .then(Mono.defer(() -> job.completing()
                                    ? Mono.delay(settings.queueTime(), settings.scheduler()).thenReturn(result)
                                    : Mono.empty()))
                            .doOnNext(done -> job.complete(done, duration));
                })
                .onErrorResume(DocumentReader.UnreadableDocumentException.class, e -> {
                    job.fail(e.getMessage(), e.passwordProtected() ? 442 : 400);
                    return Mono.empty();
                })
                .onErrorResume(Refusal.class, e -> {
                    job.fail(e.getMessage() == null ? "The job failed" : e.getMessage(), e.reply.status());
                    return Mono.empty();
                })
                .onErrorResume(e -> {
                    job.fail(e instanceof InputFailure ? e.getMessage() : "Internal error: " + e, 500);
                    return Mono.empty();
                })
                .then(Mono.defer(() -> webhooks.deliver(job)));
        job.attach(run.subscribe());
    }

    /** A document registered to fail. */
    private static final class InputFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputFailure(String message) {
            super(message, null, false, false);
        }
    }

    private Mono<DocumentText> text(Plan plan) {
        List<Mono<DocumentText>> texts = new ArrayList<>();
        for (Input input : plan.inputs()) {
            if (input.failure() != null) {
                texts.add(Mono.error(new InputFailure(input.failure())));
            } else if (input.text() != null) {
                texts.add(Mono.just(input.text()));
            } else {
                texts.add(input.stored().text(plan.password()));
            }
        }
        return Mono.zip(texts, parts -> {
            DocumentText all = (DocumentText) parts[0];
            for (int i = 1; i < parts.length; i++) {
                all = all.append((DocumentText) parts[i]);
            }
            return all.select(plan.pages());
        });
    }

    private long now() {
        return settings.scheduler().now(TimeUnit.NANOSECONDS);
    }

    // ------------------------------------------------------------------------------------------------------ plans

    private Plan parsePlan(ParseRequest request) {
        ParseOptions options = ParseEngine.options(request);
        return new Plan(resolve(request.input()), password(options), ParseEngine.pageFilter(options),
                (job, text, duration) -> Json.tree(parseResponse(job.id, text, options, duration, true)));
    }

    private ParseResponse parseResponse(String jobId, DocumentText text, ParseOptions options, double duration,
            boolean allowUrl) {
        List<Block> blocks = Layout.blocks(text);
        FullResult full = ParseEngine.fullResult(text, blocks, options);
        ParseResponse.Builder response = ParseResponse.builder().jobId(jobId).duration(duration)
                .usage(ParseEngine.usage(text.pageCount(), 1.0)).responseType("parse");
        boolean force = options != null && options.settings() != null
                && Boolean.TRUE.equals(options.settings().forceUrlResult());
        if (allowUrl) {
            byte[] bytes = Json.bytes(full);
            if (force || bytes.length > settings.urlResultThreshold()) {
                String id = storage.put(Reply.JSON, bytes);
                return response.result(UrlResult.builder().url(RESULTS_PATH + id).resultId(id).build()).build();
            }
        }
        return response.result(full).build();
    }

    private Plan extractPlan(ExtractRequest request) {
        ParseOptions parsing = request.parsing();
        JsonNode schema = request.instructions() == null ? null : request.instructions().schema();
        boolean cited = request.settings() != null && request.settings().citations() != null
                && Boolean.TRUE.equals(request.settings().citations().enabled());
        return new Plan(resolve(request.input()), password(parsing), ParseEngine.pageFilter(parsing),
                (job, text, duration) -> Json.tree(extract(job.id, Layout.blocks(text), text.pageCount(), schema,
                        cited)));
    }

    private static ExtractResult extract(String jobId, List<Block> blocks, int pages, JsonNode schema,
            boolean cited) {
        SchemaExtractor extractor = new SchemaExtractor(new TextIndex(blocks), schema, cited);
        JsonNode value = extractor.extract();
        ExtractUsage usage = ExtractUsage.builder().numPages(pages).numFields(extractor.fieldCount())
                .credits(pages * 2.0).extractMode(ExtractMode.EXTRACT).build();
        if (cited) {
            return CitedExtractResponse.builder().jobId(jobId).usage(usage).result(value).responseType("v3_extract")
                    .build();
        }
        return new ExtractResponse(jobId, usage, null, List.of(value), null, "extract", Map.of());
    }

    private Plan splitPlan(SplitRequest request) {
        ParseOptions parsing = request.parsing();
        List<SplitCategory> categories = request.splitDescription();
        return new Plan(resolve(request.input()), password(parsing), ParseEngine.pageFilter(parsing),
                (job, text, duration) -> Json.tree(split(text, Layout.blocks(text), categories)));
    }

    private static SplitResponse split(DocumentText text, List<Block> blocks, List<SplitCategory> categories) {
        SplitResult result = Categorizer.split(blocks, text.pageCount(), categories);
        return SplitResponse.builder().usage(ParseEngine.usage(text.pageCount(), 1.0)).result(result)
                .responseType("split").build();
    }

    private Plan classifyPlan(ClassifyRequest request) {
        return new Plan(resolve(request.input()), null, ParseEngine.pageFilter(request.pageRange()),
                (job, text, duration) -> {
                    Categorizer.Classification classification = Categorizer.classify(Layout.blocks(text),
                            request.classificationSchema());
                    return Json.tree(ClassifyResponse.builder().jobId(job.id)
                            .result(ClassificationResult.builder().category(classification.category()).build())
                            .responseConfidence(classification.confidence()).duration(duration)
                            .responseType("classify")
                            .usage(ClassifyUsage.builder().numPages(text.pageCount())
                                    .numCategories(request.classificationSchema().size())
                                    .credits(text.pageCount() * 0.5).build())
                            .build());
                });
    }

    private Plan editPlan(EditRequest request) {
        List<Input> inputs = resolve(request.documentUrl());
        return new Plan(inputs, null, page -> true, (job, text, duration) -> {
            Input first = inputs.get(0);
            byte[] document = first.stored() != null ? first.stored().bytes()
                    : text.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String contentType = DocumentReader.isPdf(document) ? "application/pdf" : "text/plain";
            String id = storage.put(contentType, document);
            List<EditWidget> widgets = new ArrayList<>();
            TextIndex instructions = new TextIndex(Layout.blocks(DocumentReader.readText(
                    request.editInstructions() == null ? "" : request.editInstructions())));
            for (EditWidget widget : request.formSchema()) {
                TextIndex.Hit hit = instructions.findField(widget.description());
                if (hit != null && widget.value() == null) {
                    int colon = hit.text().indexOf(':');
                    String value = colon >= 0 ? hit.text().substring(colon + 1).strip() : hit.text();
                    widgets.add(widget.toBuilder().value(value).fill(true).build());
                } else {
                    widgets.add(widget);
                }
            }
            return Json.tree(EditResponse.builder().documentUrl(storage.url(baseUrl.get(), RESULTS_PATH, id))
                    .formSchema(widgets).usage(ParseEngine.usage(text.pageCount(), 1.0)).responseType("edit")
                    .build());
        });
    }

    private Plan pipelinePlan(PipelineRequest request) {
        PipelineDefinition pipeline = pipelines.get(request.pipelineId());
        if (pipeline == null) {
            throw new Refusal(Reply.detail(404, "Pipeline not found: " + request.pipelineId()
                    + " (register it with ReductoSimulator.registerPipeline)"));
        }
        ParseOptions parsing = pipeline.parsing();
        String password = request.settings() != null && request.settings().documentPassword() != null
                ? request.settings().documentPassword() : password(parsing);
        return new Plan(resolve(request.input()), password, ParseEngine.pageFilter(parsing),
                (job, text, duration) -> {
                    List<Block> blocks = Layout.blocks(text);
                    int pages = text.pageCount();
                    ParseResponse parse = parseResponse(job.id, text, parsing, duration, false);
                    double credits = pages;
                    SplitResponse split = null;
                    if (!pipeline.splitCategories().isEmpty()) {
                        split = split(text, blocks, pipeline.splitCategories());
                        credits += pages;
                    }
                    PipelineExtractOutput extract = null;
                    if (pipeline.extractSchema() != null) {
                        credits += 2.0 * pages;
                        if (split != null && split.result() instanceof SplitResult sections) {
                            List<ExtractSplitResponse> perSection = new ArrayList<>();
                            for (SplitSection section : sections.splits()) {
                                List<Block> sectionBlocks = blocks.stream()
                                        .filter(b -> section.pages().contains(b.page())).toList();
                                perSection.add(ExtractSplitResponse.builder().splitName(section.name())
                                        .pageRange(section.pages())
                                        .result(extract(job.id, sectionBlocks, section.pages().size(),
                                                pipeline.extractSchema(), pipeline.citations()))
                                        .build());
                            }
                            extract = new PipelineExtractOutput.PerSection(perSection);
                        } else {
                            extract = new PipelineExtractOutput.Whole(extract(job.id, blocks, pages,
                                    pipeline.extractSchema(), pipeline.citations()));
                        }
                    }
                    PipelineResult result = new PipelineResult(new PipelineParseOutput.Single(parse), extract, split,
                            null, Map.of());
                    return Json.tree(PipelineResponse.builder().jobId(job.id)
                            .usage(ParseUsage.builder().numPages(pages).credits(credits).build()).result(result)
                            .responseType("pipeline").build());
                });
    }

    private static String password(ParseOptions options) {
        return options == null || options.settings() == null ? null : options.settings().documentPassword();
    }

    // ------------------------------------------------------------------------------------------------------ inputs

    private static String describe(DocumentInput input) {
        if (input == null) {
            return null;
        }
        if (input instanceof DocumentInput.UrlList list) {
            return String.join(",", list.urls());
        }
        if (input instanceof DocumentInput.UploadReference reference) {
            return reference.upload().fileId();
        }
        JsonNode json = Json.tree(input);
        return json.isTextual() ? json.textValue() : json.toString();
    }

    private List<Input> resolve(DocumentInput input) {
        if (input == null) {
            throw new Refusal(Reply.detail(400, "No input document given"));
        }
        if (input instanceof DocumentInput.UrlList list) {
            List<Input> inputs = new ArrayList<>();
            for (String url : list.urls()) {
                inputs.add(resolve(url));
            }
            return inputs;
        }
        return List.of(resolve(describe(input)));
    }

    private Input resolve(String input) {
        String failure = documents.failure(input);
        if (failure != null) {
            return new Input(input, null, null, failure);
        }
        if (input.startsWith(DocumentInput.FILE_ID_PREFIX)) {
            DocumentStore.Stored stored = documents.file(input);
            if (stored == null) {
                throw new Refusal(Reply.detail(400, documents.isPendingPresigned(input)
                        ? "File " + input + " has not been uploaded yet: PUT its bytes to the presigned URL first"
                        : "File not found: " + input));
            }
            return new Input(input, stored, null, null);
        }
        if (input.startsWith(DocumentInput.JOB_REFERENCE_PREFIX)) {
            String id = input.substring(DocumentInput.JOB_REFERENCE_PREFIX.length());
            Job job = jobs.get(id);
            if (job == null) {
                throw new Refusal(Reply.detail(404, "Job not found: " + id + " (jobs are kept for 12 hours)"));
            }
            Job.Snapshot snapshot = job.snapshot(now());
            if (!snapshot.status().equals(JobStatus.COMPLETED) || snapshot.document() == null) {
                throw new Refusal(Reply.detail(400, "Job " + id + " has not completed (status "
                        + snapshot.status().value() + "), so its parse cannot be reused"));
            }
            return new Input(input, null, snapshot.document(), null);
        }
        String base = baseUrl.get();
        if (input.startsWith(base + "/_storage/")) {
            String token = input.substring((base + "/_storage/").length()).replaceFirst("\\?.*$", "");
            DocumentStore.Presigned presigned = documents.presigned(token);
            DocumentStore.Stored stored = presigned == null ? null : documents.file(presigned.fileId());
            if (stored != null) {
                return new Input(input, stored, null, null);
            }
        }
        DocumentStore.Stored registered = documents.url(input);
        if (registered != null) {
            return new Input(input, registered, null, null);
        }
        String lower = input.toLowerCase(Locale.ROOT);
        throw new Refusal(Reply.detail(400, (lower.startsWith("http://") || lower.startsWith("https://")
                ? "Could not download the document from " + input + ": the simulator does not fetch from the "
                + "network; register the document's content with ReductoSimulator.registerDocument(url, bytes)"
                : "Invalid input " + input + ": expected a URL, a reducto:// file id or a jobid:// reference")));
    }

    // ------------------------------------------------------------------------------------------------------- cite

    /** {@code POST /cite}: finds each query's text in the blocks of an earlier parse. */
    Reply cite(JsonNode body) {
        CiteRequest request;
        try {
            request = Json.CODEC.decode(body, CiteRequest.class);
        } catch (ReductoDecodeException e) {
            return Reply.validation(Json.NODES.arrayNode().add(Reply.issue(Json.NODES.arrayNode().add("body"),
                    e.getMessage(), "value_error")));
        }
        List<Block> blocks;
        if (request.source() instanceof CiteSource.Result result) {
            blocks = blocksOf(result.result());
        } else {
            String reference = ((CiteSource.JobReference) request.source()).reference();
            try {
                Input input = resolve(reference.startsWith(DocumentInput.JOB_REFERENCE_PREFIX) ? reference
                        : DocumentInput.JOB_REFERENCE_PREFIX + reference);
                blocks = Layout.blocks(input.text());
            } catch (Refusal refusal) {
                return refusal.reply;
            }
        }
        List<CitationQueryResult> results = new ArrayList<>();
        for (CitationQuery query : request.queries()) {
            Map<Integer, List<BoundingBox>> byPage = new LinkedHashMap<>();
            String wanted = query.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
            for (Block block : blocks) {
                String content = block.content().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                BoundingBox box = block.bbox();
                if (!wanted.isEmpty() && content.contains(wanted) && within(box, query.bboxFilter())) {
                    byPage.computeIfAbsent(block.page(), k -> new ArrayList<>()).add(box);
                }
            }
            List<CitationMatch> matches = new ArrayList<>();
            byPage.forEach((page, boxes) -> matches.add(CitationMatch.builder().page(page).bboxes(boxes).build()));
            results.add(CitationQueryResult.builder().matches(matches).build());
        }
        return Reply.ok(CiteResponse.builder().results(results).duration(0.01).build());
    }

    private static boolean within(BoundingBox box, BoundingBox filter) {
        if (filter == null) {
            return true;
        }
        if (filter.page() != null && !filter.page().equals(box.page())) {
            return false;
        }
        return box.left() < filter.left() + filter.width() && filter.left() < box.left() + box.width()
                && box.top() < filter.top() + filter.height() && filter.top() < box.top() + box.height();
    }

    private static List<Block> blocksOf(FullResult result) {
        List<Block> blocks = new ArrayList<>();
        for (ParseChunk chunk : result.chunks()) {
            for (ParseBlock block : chunk.blocks()) {
                BoundingBox b = block.bbox();
                int page = b.page() == null ? 1 : b.page();
                DocumentText.Line line = new DocumentText.Line(block.content(), value(b.left()), value(b.top()),
                        value(b.width()), value(b.height()), true);
                blocks.add(new Block(block.type() == null ? BlockType.TEXT : block.type(), block.content(), page,
                        b.originalPage() == null ? page : b.originalPage(), List.of(line)));
            }
        }
        return blocks;
    }

    private static double value(Double number) {
        return number == null ? 0 : number;
    }

    // -------------------------------------------------------------------------------------------------- rendering

    /** A stored result as it is sent: a URL result gets a freshly signed URL. */
    JsonNode renderResult(JsonNode result) {
        if (result == null || !"url".equals(result.path("result").path("type").asText())) {
            return result;
        }
        ObjectNode copy = ((ObjectNode) result).deepCopy();
        ObjectNode urlResult = (ObjectNode) copy.get("result");
        urlResult.put("url", storage.url(baseUrl.get(), RESULTS_PATH, urlResult.path("result_id").asText()));
        return copy;
    }

    /** {@code GET /job/{job_id}}: the job's status, and its result once completed. */
    ObjectNode render(Job job) {
        Job.Snapshot snapshot = job.snapshot(now());
        ObjectNode node = Json.object();
        node.put("status", snapshot.status().value());
        JsonNode result = job.seeded ? seededResult(job) : snapshot.result();
        node.set("result", snapshot.status().equals(JobStatus.COMPLETED) ? renderResult(result)
                : Json.NODES.nullNode());
        node.put("progress", snapshot.progress());
        if (snapshot.reason() != null) {
            node.put("reason", snapshot.reason());
        } else {
            node.putNull("reason");
        }
        describeJob(node, job, snapshot, false);
        return node;
    }

    /** The result of a seeded job, made when it is read: a parse of one page with no chunks. */
    private static JsonNode seededResult(Job job) {
        return Json.tree(ParseResponse.builder().jobId(job.id).duration(job.snapshot(0).duration())
                .usage(ParseEngine.usage(1, 1.0)).responseType("parse")
                .result(FullResult.builder().type("full").chunks(List.of()).build()).build());
    }

    /** One job of {@code GET /jobs}. */
    ObjectNode summary(Job job, boolean excludeConfig) {
        Job.Snapshot snapshot = job.snapshot(now());
        ObjectNode node = Json.object();
        node.put("job_id", job.id);
        node.put("status", snapshot.status().value());
        describeJob(node, job, snapshot, excludeConfig);
        return node;
    }

    private void describeJob(ObjectNode node, Job job, Job.Snapshot snapshot, boolean excludeConfig) {
        node.put("type", job.type.value());
        if (snapshot.numPages() == null) {
            node.putNull("num_pages");
            node.putNull("total_pages");
        } else {
            node.put("num_pages", snapshot.numPages());
            node.put("total_pages", snapshot.numPages());
        }
        node.set("source", job.source);
        if (Job.isTerminal(snapshot.status()) && snapshot.duration() > 0) {
            node.put("duration", snapshot.duration());
        } else {
            node.putNull("duration");
        }
        node.put("created_at", CREATED_AT.format(LocalDateTime.ofInstant(job.createdAt, ZoneOffset.UTC)));
        if (excludeConfig) {
            node.putNull("raw_config");
        } else {
            node.put("raw_config", job.rawConfig);
        }
        node.putNull("bucket");
    }
}
