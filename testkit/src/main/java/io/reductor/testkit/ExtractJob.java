package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.extract.CitedExtractResponse;
import io.reductor.core.model.extract.ExtractMode;
import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.extract.ExtractResponse;
import io.reductor.core.model.extract.ExtractResult;
import io.reductor.core.model.extract.ExtractUsage;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.parse.ParseOptions;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /extract} and {@code /extract_async}: the requested schema's fields found in the document's blocks
 * ({@link SchemaExtractor}), as a one-element list, or with citations as {@code v3_extract}.
 */
final class ExtractJob extends JobKind<ExtractRequest> {

    private final InputResolver inputs;

    ExtractJob(InputResolver inputs) {
        super(JobType.EXTRACT, ExtractRequest.class);
        this.inputs = inputs;
    }

    @Override
    DocumentInput input(ExtractRequest request) {
        return request.input();
    }

    @Override
    AsyncOptions async(ExtractRequest request) {
        return request.async();
    }

    /** {@code POST /extract} with an {@code async} config answers {@code {job_id}}. */
    @Override
    boolean answersAtOnce(ExtractRequest request) {
        return request.async() != null;
    }

    @Override
    Plan plan(ExtractRequest request) {
        ParseOptions parsing = request.parsing();
        JsonNode schema = request.instructions() == null ? null : request.instructions().schema();
        boolean cited = request.settings() != null && request.settings().citations() != null
                && Boolean.TRUE.equals(request.settings().citations().enabled());
        return new Plan(inputs.resolve(request.input()), ParseEngine.password(parsing),
                ParseEngine.pageFilter(parsing),
                (job, text, duration) -> Json.tree(extract(job.id, Layout.blocks(text), text.pageCount(), schema,
                        cited)));
    }

    /**
     * The extraction of a schema from blocks.
     *
     * @param pages the number of pages the blocks come from
     * @param cited whether leaves carry citations
     */
    static ExtractResult extract(String jobId, List<Block> blocks, int pages, JsonNode schema, boolean cited) {
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
}
