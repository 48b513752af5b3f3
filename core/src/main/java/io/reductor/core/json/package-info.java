/**
 * Reading and writing the Reducto wire format. {@link io.reductor.core.json.JsonCodec} is the one codec: a privately
 * configured Jackson mapper ({@code snake_case}, unknown fields kept by each record and written back, absent fields
 * left absent) whose every decoding failure is a {@link io.reductor.core.error.ReductoDecodeException} naming the
 * target type and the JSON path; {@link io.reductor.core.json.JsonCodec#standard()} is shared and thread-safe. It
 * binds records in one pass over each JSON object ({@code RecordModule}) and reads open enums through their factories
 * ({@code ApiEnumModule}), with Jackson's rules and failures.
 *
 * <p>The types the model is built from live here too: {@link io.reductor.core.json.ApiEnum}, the base of the open
 * enum-like values (an unknown string becomes a value that is not {@code isKnown()}, never an exception);
 * {@link io.reductor.core.json.UnionDecoder}, the base of the union decoders, which keep a shape they do not know as an
 * {@code Unknown} variant holding {@link io.reductor.core.json.RawJson}; {@link io.reductor.core.json.Nullable} for the
 * few fields where absent and {@code null} differ; and {@link io.reductor.core.json.StreamingJsonDecoder}, which
 * decodes a large body as it arrives.
 */
package io.reductor.core.json;
