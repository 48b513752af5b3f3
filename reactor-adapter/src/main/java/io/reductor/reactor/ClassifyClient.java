package io.reductor.reactor;

import io.reductor.core.model.classify.ClassifyRequest;
import io.reductor.core.model.classify.ClassifyResponse;
import io.reductor.reactor.internal.ClientContext;
import io.reductor.reactor.internal.Endpoints;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * Classification: which of the given categories a document belongs to.
 * Obtained from {@link ReductoClient#classify()}.
 */
public final class ClassifyClient {

    private final Endpoints endpoints;

    ClassifyClient(ClientContext context) {
        this.endpoints = context.endpoints();
    }

    /**
     * Classifies synchronously ({@code POST /classify}); the service has no asynchronous form.
     *
     * @param request the document and the categories to choose from; not {@code null}
     * @return the best-matching category and, per category, which criteria matched
     */
    public Mono<ClassifyResponse> run(ClassifyRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.process("/classify", request, ClassifyResponse.class);
    }
}
