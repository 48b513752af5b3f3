/**
 * Classifying a document into one of the given categories ({@code POST /classify}, which has no asynchronous form).
 * Start from {@link io.reductor.core.model.classify.ClassifyRequest}: the document and the
 * {@link io.reductor.core.model.classify.ClassificationCategory}s, each with the criteria that identify it. The answer,
 * {@link io.reductor.core.model.classify.ClassifyResponse}, names the chosen category (always one of the request's)
 * and, when criteria were given, which of them matched per category. The records follow the rules of
 * {@link io.reductor.core.model.common}.
 */
package io.reductor.core.model.classify;
