package io.reductor.testkit;

import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.ParseUsage;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.parse.ParseOptions;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.pipeline.ExtractSplitResponse;
import io.reductor.core.model.pipeline.PipelineExtractOutput;
import io.reductor.core.model.pipeline.PipelineParseOutput;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.pipeline.PipelineResult;
import io.reductor.core.model.split.SplitResponse;
import io.reductor.core.model.split.SplitResult;
import io.reductor.core.model.split.SplitSection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /pipeline} and {@code /pipeline_async}: runs the {@link PipelineDefinition} registered under the
 * request's {@code pipeline_id}: parse always, split if it has categories, extract if it has a schema (per split
 * section when it also splits). An unknown id is refused with 404.
 */
final class PipelineJob extends JobKind<PipelineRequest> {

    private final InputResolver inputs;
    private final Map<String, PipelineDefinition> pipelines;
    private final ParseJob parse;

    PipelineJob(InputResolver inputs, Map<String, PipelineDefinition> pipelines, ParseJob parse) {
        super(JobType.PIPELINE, PipelineRequest.class);
        this.inputs = inputs;
        this.pipelines = pipelines;
        this.parse = parse;
    }

    @Override
    DocumentInput input(PipelineRequest request) {
        return request.input();
    }

    @Override
    AsyncOptions async(PipelineRequest request) {
        return request.async();
    }

    @Override
    Plan plan(PipelineRequest request) {
        PipelineDefinition pipeline = pipelines.get(request.pipelineId());
        if (pipeline == null) {
            throw new Refusal(Reply.detail(404, "Pipeline not found: " + request.pipelineId()
                    + " (register it with ReductoSimulator.registerPipeline)"));
        }
        ParseOptions parsing = pipeline.parsing();
        String password = request.settings() != null && request.settings().documentPassword() != null
                ? request.settings().documentPassword() : ParseEngine.password(parsing);
        return new Plan(inputs.resolve(request.input()), password, ParseEngine.pageFilter(parsing),
                (job, text, duration) -> Json.tree(run(pipeline, job.id, text, duration)));
    }

    private PipelineResponse run(PipelineDefinition pipeline, String jobId, DocumentText text, double duration) {
        List<Block> blocks = Layout.blocks(text);
        int pages = text.pageCount();
        ParseResponse parsed = parse.response(jobId, text, pipeline.parsing(), duration, false);
        double credits = pages;
        SplitResponse split = null;
        if (!pipeline.splitCategories().isEmpty()) {
            split = SplitJob.split(text, blocks, pipeline.splitCategories());
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
                            .result(ExtractJob.extract(jobId, sectionBlocks, section.pages().size(),
                                    pipeline.extractSchema(), pipeline.citations()))
                            .build());
                }
                extract = new PipelineExtractOutput.PerSection(perSection);
            } else {
                extract = new PipelineExtractOutput.Whole(ExtractJob.extract(jobId, blocks, pages,
                        pipeline.extractSchema(), pipeline.citations()));
            }
        }
        PipelineResult result = new PipelineResult(new PipelineParseOutput.Single(parsed), extract, split, null,
                Map.of());
        return PipelineResponse.builder().jobId(jobId).usage(ParseUsage.builder().numPages(pages).credits(credits)
                .build()).result(result).responseType("pipeline").build();
    }
}
