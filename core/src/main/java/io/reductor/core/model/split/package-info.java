/**
 * Splitting a document into sections ({@code POST /split} and {@code /split_async}). Start from
 * {@link io.reductor.core.model.split.SplitRequest}: the document and the
 * {@link io.reductor.core.model.split.SplitCategory}s to look for, each a name and a description (and optionally a
 * partition key). The result, {@link io.reductor.core.model.split.SplitResponse}, holds a
 * {@link io.reductor.core.model.split.SplitOutput} union: a {@link io.reductor.core.model.split.SplitResult} with the
 * pages of each section, a {@link io.reductor.core.model.split.DeepSplitResult} with evidence per page when Deep Split
 * ran, or an {@code Unknown} variant for a shape this version does not know. The records follow the rules of
 * {@link io.reductor.core.model.common}.
 */
package io.reductor.core.model.split;
