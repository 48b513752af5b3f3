/**
 * Extracting structured data with a JSON schema ({@code POST /extract} and {@code /extract_async}). Start from
 * {@link io.reductor.core.model.extract.ExtractRequest}: the document, the
 * {@link io.reductor.core.model.extract.ExtractInstructions} (the schema and a system prompt) and optional parse and
 * extract settings. The result is an {@link io.reductor.core.model.extract.ExtractResult} union: an
 * {@link io.reductor.core.model.extract.ExtractResponse} (a list of values) without citations, a
 * {@link io.reductor.core.model.extract.CitedExtractResponse} (values with the blocks they came from) with them, and an
 * {@code Unknown} variant for a shape this version does not know. The records follow the rules of
 * {@link io.reductor.core.model.common}.
 */
package io.reductor.core.model.extract;
