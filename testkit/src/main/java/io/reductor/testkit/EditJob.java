package io.reductor.testkit;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.edit.EditRequest;
import io.reductor.core.model.edit.EditResponse;
import io.reductor.core.model.edit.EditWidget;
import io.reductor.core.model.job.JobType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /edit} and {@code /edit_async}: the "edited" document is the original, stored and served under a
 * presigned-style URL; form widgets whose description occurs in the instructions get the value after its colon.
 */
final class EditJob extends JobKind<EditRequest> {

    private final InputResolver inputs;
    private final ResultStorage storage;
    private final Supplier<String> baseUrl;

    EditJob(InputResolver inputs, ResultStorage storage, Supplier<String> baseUrl) {
        super(JobType.EDIT, EditRequest.class);
        this.inputs = inputs;
        this.storage = storage;
        this.baseUrl = baseUrl;
    }

    @Override
    DocumentInput input(EditRequest request) {
        return request.documentUrl();
    }

    /** Edit's async form takes a top-level webhook instead of async options. */
    @Override
    WebhookConfig webhook(EditRequest request) {
        return request.webhook() == null ? null
                : Json.codec().decode(Json.tree(request.webhook()), WebhookConfig.class);
    }

    @Override
    Plan plan(EditRequest request) {
        List<InputResolver.Input> documents = inputs.resolve(request.documentUrl());
        return new Plan(documents, null, page -> true, (job, text, duration) -> {
            InputResolver.Input first = documents.get(0);
            byte[] document = first.stored() != null ? first.stored().bytes()
                    : text.text().getBytes(StandardCharsets.UTF_8);
            String contentType = DocumentReader.isPdf(document) ? "application/pdf" : "text/plain";
            String id = storage.put(contentType, document);
            List<EditWidget> widgets = new ArrayList<>();
            TextIndex instructions = new TextIndex(Layout.blocks(DocumentReader.readText(
                    request.editInstructions() == null ? "" : request.editInstructions())));
            for (EditWidget widget : request.formSchema()) {
                TextIndex.Hit hit = instructions.findField(widget.description());
                if (hit != null && widget.value() == null) {
                    int colon = hit.text().indexOf(':');
                    String value = colon >= 0 ? hit.text().substring(colon + 1).strip() : hit.text();
                    widgets.add(widget.toBuilder().value(value).fill(true).build());
                } else {
                    widgets.add(widget);
                }
            }
            return Json.tree(EditResponse.builder()
                    .documentUrl(storage.url(baseUrl.get(), JobRenderer.RESULTS_PATH, id))
                    .formSchema(widgets).usage(ParseEngine.usage(text.pageCount(), 1.0)).responseType("edit")
                    .build());
        });
    }
}
