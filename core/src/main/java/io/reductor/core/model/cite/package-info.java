/**
 * Locating text in a parsed document ({@code POST /cite}). Start from {@link io.reductor.core.model.cite.CiteRequest}:
 * one or more {@link io.reductor.core.model.cite.CitationQuery}s and the parse to search, a
 * {@link io.reductor.core.model.cite.CiteSource} (a {@code jobid://} reference to an earlier parse job, or the full
 * result itself). The answer, {@link io.reductor.core.model.cite.CiteResponse}, holds per query the matches with their
 * pages and bounding boxes. The records follow the rules of {@link io.reductor.core.model.common}.
 */
package io.reductor.core.model.cite;
