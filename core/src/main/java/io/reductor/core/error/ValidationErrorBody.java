package io.reductor.core.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.Immutable;
import io.reductor.core.json.WireSchema;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The body of a FastAPI validation failure (the spec's {@code HTTPValidationError} schema), as sent with status 422:
 * {@code {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}}.
 *
 * <p>Only the list form decodes into this type. The service also sends {@code {"detail": "some text"}};
 * {@link ApiErrors#fromResponse} handles both.
 *
 * @param detail               the individual problems, in the order the service reported them; may be {@code null}
 * @param additionalProperties fields the spec does not name, kept as received
 */
@WireSchema("HTTPValidationError")
public record ValidationErrorBody(List<ValidationIssue> detail,
                                  @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> additionalProperties)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Normalizes the components: immutable copies, unknown fields never {@code null}. */
    public ValidationErrorBody {
        detail = Immutable.list(detail);
        additionalProperties = Immutable.extras(additionalProperties);
    }
}
