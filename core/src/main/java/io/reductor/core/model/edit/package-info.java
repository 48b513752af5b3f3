/**
 * Editing documents and filling PDF forms ({@code POST /edit} and {@code /edit_async}). Start from
 * {@link io.reductor.core.model.edit.EditRequest}: the document (in {@code document_url}), plain-language edit
 * instructions and, for forms, the {@link io.reductor.core.model.edit.EditWidget}s to fill. The result,
 * {@link io.reductor.core.model.edit.EditResponse}, is a presigned link to the edited document, plus the form's widgets
 * for a PDF form. The records follow the rules of {@link io.reductor.core.model.common}.
 */
package io.reductor.core.model.edit;
