package io.reductor.reactor;

import io.reductor.core.model.split.SplitRequest;
import io.reductor.core.model.split.SplitResponse;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.reactor.internal.Endpoints;
import reactor.core.publisher.Mono;

import java.util.Objects;

/** Splitting: a document into sections by described categories. Obtained from {@link ReductoClient#split()}. */
public final class SplitClient {

    private final Endpoints endpoints;

    SplitClient(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * Runs synchronously ({@code POST /split}): the result arrives in the response, after up to the server's 900 s
     * processing limit.
     */
    public Mono<SplitResponse> run(SplitRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.process("/split", request, SplitResponse.class);
    }

    /**
     * Starts an asynchronous job ({@code POST /split_async}) and gives its id; await it, or let a webhook
     * report it. Not resent after a failure that may have reached the server (see {@link RetryPolicy}).
     */
    public Mono<SubmittedJob> runJob(SplitRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.submit("/split_async", request);
    }
}
