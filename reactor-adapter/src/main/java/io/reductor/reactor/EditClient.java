package io.reductor.reactor;

import io.reductor.core.model.edit.EditRequest;
import io.reductor.core.model.edit.EditResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.reactor.internal.ClientContext;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * Editing: filling forms and changing documents by instructions.
 * Obtained from {@link ReductoClient#edit()}.
 */
public final class EditClient extends JobResourceClient<EditRequest, EditResponse> {

    EditClient(ClientContext context) {
        super(context, "/edit_async", EditResponse.class);
    }

    /**
     * Runs synchronously ({@code POST /edit}): the result arrives in the response, after up to the server's 900 s
     * processing limit.
     *
     * @param request the document and the edits or form values to apply; not {@code null}
     * @return a presigned link to the edited document and, for PDF forms, the form's widgets
     */
    public Mono<EditResponse> run(EditRequest request) {
        Objects.requireNonNull(request, "request");
        return endpoints.process("/edit", request, EditResponse.class);
    }

    @Override
    EditResponse unwrap(JobResult result) {
        return result instanceof JobResult.Edit edit ? edit.response() : null;
    }
}
