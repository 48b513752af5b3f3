/**
 * Parsing documents into chunks, blocks and layout ({@code POST /parse} and {@code /parse_async}). Start from
 * {@link io.reductor.core.model.parse.ParseRequest}: the document plus optional groups of settings (enhancements,
 * retrieval and chunking, formatting, spreadsheets, general settings);
 * {@link io.reductor.core.model.parse.ParseOptions} is the same settings without the input, as extract, split and
 * pipelines take them. The result, {@link io.reductor.core.model.parse.ParseResponse}, holds a
 * {@link io.reductor.core.model.parse.ParseResult} union: a {@link io.reductor.core.model.parse.FullResult} with the
 * {@link io.reductor.core.model.parse.ParseChunk}s and their {@link io.reductor.core.model.parse.ParseBlock}s inline, a
 * {@link io.reductor.core.model.parse.UrlResult} (a presigned URL to the full result, used for results around 6 MB and
 * larger), or an {@code Unknown} variant for a shape this version does not know. The records follow the rules of
 * {@link io.reductor.core.model.common}.
 */
package io.reductor.core.model.parse;
