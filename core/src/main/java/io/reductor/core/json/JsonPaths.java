package io.reductor.core.json;

import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.List;

/** Renders Jackson's failure locations as JSON paths ({@code $.a.b[2]}) for decode errors. */
final class JsonPaths {

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
        String message = e.getOriginalMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
