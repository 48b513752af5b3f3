package io.reductor.core.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for record components. Unlike {@link List#copyOf}, these keep {@code null} elements, which the
 * API sends (explicit nulls inside lists and maps), and keep a {@code null} collection {@code null}, because an
 * absent field and an empty one are different things on the wire.
 */
public final class Immutable {

    private Immutable() {
    }

    /** An unmodifiable copy of {@code list}, or {@code null}. */
    public static <T> List<T> list(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** An unmodifiable copy of {@code map} keeping its order, or {@code null}. */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** An unmodifiable copy of the unknown fields of a record; never {@code null}. */
    public static Map<String, JsonNode> extras(Map<String, JsonNode> extras) {
        return extras == null || extras.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }
}
