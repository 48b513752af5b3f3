package io.reductor.core.json;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON value kept exactly as it was received, because this version of Reductor does not know its shape. Every
 * union's {@code Unknown} variant is a {@code RawJson}: encoding it writes the same JSON back, so nothing the service
 * sent is lost when a value is passed on or stored. See {@link UnionDecoder} for when a union keeps a value this way.
 *
 * <pre>{@code
 * if (job.result() instanceof JobResult.Unknown unknown) {
 *     log.warn("result of kind {}: {}", unknown.text("response_type"), unknown.json());
 * }
 * }</pre>
 */
public interface RawJson {

    /** The JSON as received; encoding this value writes exactly this. */
    @JsonValue
    JsonNode json();

    /**
     * The text of a string field, such as a discriminator like {@code response_type}.
     *
     * @return the field's text, or {@code null} when the JSON is not an object, or the field is absent or not a string
     */
    default String text(String field) {
        return text(json(), field);
    }

    /**
     * The text of the string field {@code field} of {@code json}, or {@code null} when {@code json} is not an object,
     * or the field is absent or not a string.
     */
    static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /**
     * Checks {@code json} is a JSON value that can be written back, for the constructor of an {@code Unknown} variant.
     *
     * @return {@code json}
     * @throws NullPointerException     when {@code json} is {@code null}
     * @throws IllegalArgumentException when {@code json} is a JSON null or a missing node (a union that is null
     *                                  or absent is a {@code null} field, not an unknown value)
     */
    static JsonNode require(JsonNode json) {
        Objects.requireNonNull(json, "json");
        if (json.isNull() || json.isMissingNode()) {
            throw new IllegalArgumentException("json must be a JSON value but was " + json.getNodeType());
        }
        return json;
    }

    /**
     * Checks {@code json} is a JSON object whose {@code field} names none of the {@code known} kinds, for the
     * {@code Unknown} variant of a request-side union chosen by that field: a kind this version knows is built with its
     * own type, so that it is read back as that type.
     *
     * @return {@code json}
     * @throws IllegalArgumentException when {@code json} is not an object or {@code field} holds a known kind; the
     *                                  message names the field and the value
     */
    static JsonNode requireUnknownKind(JsonNode json, String field, Set<String> known) {
        require(json);
        if (!json.isObject()) {
            throw new IllegalArgumentException("json must be a JSON object but was " + json);
        }
        String kind = text(json, field);
        if (kind != null && known.contains(kind)) {
            throw new IllegalArgumentException(field + " must be none of the known " + new TreeSet<>(known)
                    + " (build those with their own type) but was " + kind);
        }
        return json;
    }
}
