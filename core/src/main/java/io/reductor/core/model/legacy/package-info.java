/**
 * The earlier request formats of the API and the service's internal configuration, as the spec still describes them:
 * parse, extract, split and pipeline requests with {@code document_url} and the {@code options},
 * {@code advanced_options} and {@code experimental_options} groups
 * ({@link io.reductor.core.model.legacy.LegacyParseRequest} and its siblings), and the {@code Internal*}
 * configurations. They are here so that such payloads, for example a job's stored configuration, can be read and
 * written with the codec; the clients send the current formats only, and new code should use
 * {@link io.reductor.core.model.parse.ParseRequest} and its siblings. The records follow the rules of
 * {@link io.reductor.core.model.common}.
 */
package io.reductor.core.model.legacy;
