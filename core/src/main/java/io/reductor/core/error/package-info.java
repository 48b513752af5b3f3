/**
 * The exceptions Reductor throws, all unchecked and rooted at {@link io.reductor.core.error.ReductoException}, so that
 * reactive pipelines carry them as error signals and one {@code catch} handles any failure of the client.
 *
 * <p>Two families. {@link io.reductor.core.error.ReductoApiException} means the service answered with a failure status:
 * one subclass per status family ({@code NotFoundException} for 404, {@code RateLimitException} for 429 with its
 * retry-after and limit code, {@code UnprocessableEntityException} for 422 with the parsed
 * {@link io.reductor.core.error.ValidationIssue}s, ...), each carrying the status, headers, request id and raw body;
 * {@link io.reductor.core.error.ApiErrors#fromResponse} is the one place that maps a response to them. The others mean
 * no usable answer came: {@code ReductoConnectionException}, {@code ReductoTimeoutException} (which limit ran out),
 * {@code ReductoDecodeException} (a body the model cannot hold, with its JSON path),
 * {@code JobCreationUncertainException} (a job-creating request that may have reached the server, so it is not resent),
 * {@code JobFailedException} (a job that ended {@code Failed} or {@code Cancelled}), and the size, download and paging
 * failures. Messages never contain the API key.
 */
package io.reductor.core.error;
