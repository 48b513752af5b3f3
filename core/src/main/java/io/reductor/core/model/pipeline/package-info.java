/**
 * Running pipelines deployed from Reducto Studio ({@code POST /pipeline} and {@code /pipeline_async}). Start from
 * {@link io.reductor.core.model.pipeline.PipelineRequest}: the document and the {@code pipeline_id}, with optional
 * {@link io.reductor.core.model.pipeline.PipelineSettings} overriding the pipeline's defaults. The result,
 * {@link io.reductor.core.model.pipeline.PipelineResponse}, holds a
 * {@link io.reductor.core.model.pipeline.PipelineResult} with the output of each step the pipeline ran (parse, extract,
 * split, edit; a step that did not run is {@code null}). The parse and extract outputs are unions
 * ({@link io.reductor.core.model.pipeline.PipelineParseOutput}: one response or several;
 * {@link io.reductor.core.model.pipeline.PipelineExtractOutput}: one extraction or one per split section), each with an
 * {@code Unknown} variant for a shape this version does not know. The records follow the rules of
 * {@link io.reductor.core.model.common}.
 */
package io.reductor.core.model.pipeline;
