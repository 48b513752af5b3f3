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
 * One entry of a FastAPI validation failure (the spec's {@code ValidationError} schema): which part of the request
 * was rejected and why. A 422 answer carries a list of these; see {@link UnprocessableEntityException#issues()}.
 *
 * @param loc                  where the problem is, from the outermost part inwards: strings name fields, integers
 *                             index lists, e.g. {@code ["body", "settings", "page_range", 0]}; may be {@code null}
 * @param msg                  what is wrong, for a human, e.g. {@code "Field required"}
 * @param type                 the machine-readable kind of problem, e.g. {@code "missing"}, {@code "int_parsing"}
 * @param input                the value that was rejected, when the service echoes it; {@code null} when absent
 * @param ctx                  extra facts about the rule that failed (such as a limit), when given
 * @param additionalProperties fields the spec does not name (FastAPI adds {@code url} in some versions), kept as
 *                             received
 */
@WireSchema("ValidationError")
public record ValidationIssue(List<Object> loc, String msg, String type, JsonNode input, JsonNode ctx,
                              @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> additionalProperties)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Normalizes the components: immutable copies, unknown fields never {@code null}. */
    public ValidationIssue {
        loc = Immutable.list(loc);
        additionalProperties = Immutable.extras(additionalProperties);
    }

    /**
     * {@link #loc()} as one path: names joined by dots, numbers as indexes, e.g. {@code body.settings.page_range[0]}.
     * Empty when the location is absent or empty.
     */
    public String location() {
        if (loc == null || loc.isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (Object part : loc) {
            if (part instanceof Number number) {
                path.append('[').append(number).append(']');
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(part);
            }
        }
        return path.toString();
    }
}
