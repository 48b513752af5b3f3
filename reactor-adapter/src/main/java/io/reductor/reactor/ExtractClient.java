package io.reductor.reactor;

import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.extract.ExtractResult;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.reactor.internal.Endpoints;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * Extraction: structured data by JSON schema, with or without citations.
 * Obtained from {@link ReductoClient#extract()}.
 */
public final class ExtractClient {

    private final Endpoints endpoints;

    ExtractClient(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * Runs synchronously ({@code POST /extract}): the result arrives in the response, after up to the server's 900 s
     * processing limit. With an {@code async} configuration in the request the service answers with a job id
     * instead, given as {@link RunResult.Submitted}.
     */
    public Mono<RunResult<ExtractResult>> run(ExtractRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.postForResultOrJob("/extract", request, ExtractResult.class);
    }

    /**
     * Starts an asynchronous job ({@code POST /extract_async}) and gives its id; await it, or let a webhook
     * report it. Not resent after a failure that may have reached the server (see {@link RetryPolicy}).
     */
    public Mono<SubmittedJob> runJob(ExtractRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.submit("/extract_async", request);
    }
}
