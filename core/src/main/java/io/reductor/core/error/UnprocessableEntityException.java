package io.reductor.core.error;

import java.util.List;

/**
 * HTTP 422 Unprocessable Entity: the request body failed FastAPI's validation. {@link #issues()} lists each problem
 * with its location, e.g. {@code body.settings.page_range[0]: Input should be a valid integer (int_parsing)}; one
 * bad field often yields several entries.
 */
public final class UnprocessableEntityException extends ReductoApiException {

    private static final long serialVersionUID = 1L;

    private final List<ValidationIssue> issues;

    UnprocessableEntityException(ApiErrors.Parsed parsed) {
        super(parsed);
        this.issues = List.copyOf(parsed.issues());
    }

    /**
     * The validation problems from the body's {@code detail} list, in the service's order; empty when
     * {@code detail} is a plain string or missing.
     */
    public List<ValidationIssue> issues() {
        return issues;
    }
}
