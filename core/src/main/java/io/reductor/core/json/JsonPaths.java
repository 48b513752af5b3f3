package io.reductor.core.json;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;

import java.util.List;

/**
 * Renders Jackson's failure locations as JSON paths ({@code $.a.b[2]}) for decode errors, and their problems in a few
 * words: a field a success needs that is absent or null reads "the required field jobs is missing".
 */
final class JsonPaths {

    /** How Jackson begins the message of a field marked {@code required} that the JSON object lacks. */
    private static final String MISSING_CREATOR_PROPERTY = "Missing required creator property";

    private JsonPaths() {
    }

    static String of(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder("$");
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                out.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    static String problem(JsonMappingException e) {
        if (e instanceof InvalidNullException invalid && invalid.getPropertyName() != null) {
            return "the required field " + invalid.getPropertyName().getSimpleName() + " is null";
        }
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith(MISSING_CREATOR_PROPERTY) && !e.getPath().isEmpty()
                && e.getPath().get(e.getPath().size() - 1).getFieldName() != null) {
            return "the required field " + e.getPath().get(e.getPath().size() - 1).getFieldName() + " is missing";
        }
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
