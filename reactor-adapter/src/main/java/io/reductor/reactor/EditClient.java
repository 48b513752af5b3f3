package io.reductor.reactor;

import io.reductor.core.model.edit.EditRequest;
import io.reductor.core.model.edit.EditResponse;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.reactor.internal.Endpoints;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * Editing: filling forms and changing documents by instructions.
 * Obtained from {@link ReductoClient#edit()}.
 */
public final class EditClient {

    private final Endpoints endpoints;

    EditClient(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * Runs synchronously ({@code POST /edit}): the result arrives in the response, after up to the server's 900 s
     * processing limit.
     */
    public Mono<EditResponse> run(EditRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.process("/edit", request, EditResponse.class);
    }

    /**
     * Starts an asynchronous job ({@code POST /edit_async}) and gives its id; await it, or let a webhook
     * report it. Not resent after a failure that may have reached the server (see {@link RetryPolicy}).
     */
    public Mono<SubmittedJob> runJob(EditRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.submit("/edit_async", request);
    }
}
