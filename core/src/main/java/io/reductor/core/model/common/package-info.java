/**
 * The types every resource of the model shares, and the rules every model package follows. Start from
 * {@link io.reductor.core.model.common.DocumentInput}, the document a request works on (a URL, an uploaded file's
 * {@code reducto://} id, a {@code jobid://} reference), and {@link io.reductor.core.model.common.AsyncOptions} with its
 * {@link io.reductor.core.model.common.WebhookConfig}, the {@code async} part of job requests. Also here: page
 * selections, bounding boxes, usage figures, time stamps and the enum-like values several resources use.
 *
 * <p>The rules of the model, in this package and its siblings:
 * <ul>
 *   <li>Data is immutable records. A field absent from the JSON is {@code null}; a field this version does not know is
 *       kept in the record's {@code additionalProperties()} and written back. Build values with {@code builder()} (or
 *       {@code toBuilder()} to change one): canonical constructors grow whenever the API adds a field.</li>
 *   <li>{@code build()} checks required fields and the ranges the API documents
 *       ({@link io.reductor.core.model.common.Constraints}) and throws {@link IllegalArgumentException} naming the
 *       field; decoding does not check them, so whatever the service sends can be read.</li>
 *   <li>Enum-like values are open ({@link io.reductor.core.json.ApiEnum}): a string this version does not know is kept,
 *       never an exception.</li>
 *   <li>A union shape this version does not know decodes to the union's {@code Unknown} variant, which keeps the raw
 *       JSON ({@link io.reductor.core.json.RawJson}) and writes it back unchanged.</li>
 * </ul>
 * Most records are generated from the vendored spec; the unions and a few value types are written by hand.
 */
package io.reductor.core.model.common;
