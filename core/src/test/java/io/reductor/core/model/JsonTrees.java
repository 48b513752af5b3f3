package io.reductor.core.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.reductor.core.json.ApiEnum;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.json.Nullable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a JSON document with the re-encoding of the model decoded from it.
 *
 * <p>The comparison is exact (same key sets, same array lengths and order, same value types, same strings) with one
 * normalisation: <b>a field the model knows (a record component) whose value is JSON {@code null} is treated like an
 * absent field</b>, because a known field decodes a JSON null and an absent field into the same Java {@code null},
 * which the codec then omits (or, for a required field, writes as {@code null}). The normalisation is not applied to:
 * <ul>
 *   <li>fields the model does not know (kept in {@code additionalProperties}): {@code "x": null} must come back;</li>
 *   <li>{@link Nullable} components (e.g. a block's {@code confidence}): absent and {@code null} must each come back
 *       as they were;</li>
 *   <li>anything inside a value the model keeps as raw JSON ({@link JsonNode} components, {@code Unknown} union
 *       variants, map values of type {@link JsonNode}).</li>
 * </ul>
 * Numbers are compared by their mathematical value ({@code 5} equals {@code 5.0}, which is how JSON defines number
 * equality, and how a {@code Double} field writes an integral value back); any change of value, including a loss of
 * precision, is a difference, and so is a number in place of a string.
 *
 * <p>Which fields are known is read from the decoded model itself by walking it alongside the JSON: records (via their
 * components, snake_cased like the codec does), {@code @JsonValue} wrappers (union variants), lists and maps.
 */
final class JsonTrees {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** Marker for "no model here: compare exactly". */
    private static final Object RAW = new Object();

    private JsonTrees() {
    }

    /**
     * Decodes {@code json} into {@code type}, asserts that re-encoding gives the same tree (under the normalisation
     * above) and that decoding the re-encoded bytes gives an equal value. Returns the decoded value.
     */
    static <T> T assertRoundTrip(byte[] json, Class<T> type) {
        T decoded = assertTreeRoundTrip(json, type);
        assertRecordRoundTrip(decoded, type);
        return decoded;
    }

    /** Decodes {@code json} and asserts that re-encoding it gives the same tree. Returns the decoded value. */
    static <T> T assertTreeRoundTrip(byte[] json, Class<T> type) {
        JsonCodec codec = JsonCodec.standard();
        T decoded = codec.decode(json, type);
        assertSame(codec.readTree(json), codec.readTree(codec.encode(decoded)), decoded);
        return decoded;
    }

    /** Asserts {@code decode(encode(value))} equals {@code value}. */
    static <T> void assertRecordRoundTrip(T value, Class<T> type) {
        JsonCodec codec = JsonCodec.standard();
        T again = codec.decode(codec.encode(value), type);
        if (!again.equals(value)) {
            throw new AssertionError("decode(encode(x)) differs from x for " + type.getSimpleName()
                    + "\n first:  " + value + "\n second: " + again);
        }
    }

    /** Fails with every difference listed when {@link #differences} finds any. */
    static void assertSame(JsonNode expected, JsonNode actual, Object model) {
        List<String> differences = differences(expected, actual, model);
        if (!differences.isEmpty()) {
            throw new AssertionError("JSON trees differ:\n  " + String.join("\n  ", differences)
                    + "\nexpected: " + expected + "\nactual:   " + actual);
        }
    }

    /** The differences between {@code expected} and {@code actual}, each as {@code "$.path: what"}. */
    static List<String> differences(JsonNode expected, JsonNode actual, Object model) {
        List<String> out = new ArrayList<>();
        compare("$", expected, actual, model, out);
        return out;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, Object model, List<String> out) {
        model = unwrap(model);
        if (expected.isObject() && actual.isObject()) {
            compareObjects(path, expected, actual, model, out);
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(path + ": array of " + expected.size() + " became array of " + actual.size());
                return;
            }
            List<?> elements = model instanceof List<?> list && list.size() == expected.size() ? list : null;
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i),
                        elements == null ? RAW : elements.get(i), out);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(path + ": number " + expected + " became " + actual);
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": " + describe(expected) + " became " + describe(actual));
        }
    }

    private static void compareObjects(String path, JsonNode expected, JsonNode actual, Object model,
            List<String> out) {
        Map<String, Object> known = new LinkedHashMap<>();
        Set<String> strict = new LinkedHashSet<>();
        Map<?, ?> mapModel = null;
        if (model instanceof Record record) {
            knownFields(record, known, strict);
        } else if (model instanceof Map<?, ?> map) {
            mapModel = map;
        }
        Set<String> keys = new LinkedHashSet<>();
        expected.fieldNames().forEachRemaining(keys::add);
        actual.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            String childPath = path + "." + key;
            JsonNode e = expected.get(key);
            JsonNode a = actual.get(key);
            boolean lenient = known.containsKey(key) && !strict.contains(key);
            if (lenient && isNullOrAbsent(e) && isNullOrAbsent(a)) {
                continue;
            }
            if (e == null) {
                out.add(childPath + ": unexpected field " + describe(a));
            } else if (a == null) {
                out.add(childPath + ": field " + describe(e) + " is missing");
            } else {
                Object child = known.containsKey(key) ? known.get(key)
                        : mapModel != null && mapModel.containsKey(key) ? mapModel.get(key) : RAW;
                compare(childPath, e, a, child, out);
            }
        }
    }

    private static boolean isNullOrAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    /** Puts the JSON name and value of each record component in {@code known}; Nullable ones also in strict. */
    private static void knownFields(Record record, Map<String, Object> known, Set<String> strict) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getAccessor().isAnnotationPresent(JsonAnyGetter.class)) {
                continue;
            }
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = property != null && !property.value().isEmpty()
                    ? property.value() : SNAKE_CASE.translate(component.getName());
            Object value = read(component, record);
            known.put(name, value == null ? RAW : value);
            if (component.getType() == Nullable.class) {
                strict.add(name);
            }
        }
    }

    /** Sees through Nullable and single-value {@code @JsonValue} wrappers; raw JSON and scalars compare exactly. */
    private static Object unwrap(Object model) {
        while (true) {
            if (model instanceof Nullable<?> nullable) {
                model = nullable.hasValue() ? nullable.get() : RAW;
            } else if (model instanceof Record record && jsonValue(record) != null) {
                Object value = read(jsonValue(record), record);
                model = value == null ? RAW : value;
            } else if (model instanceof JsonNode || model instanceof ApiEnum || model == null) {
                return RAW;
            } else {
                return model;
            }
        }
    }

    private static RecordComponent jsonValue(Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getAccessor().isAnnotationPresent(JsonValue.class)) {
                return component;
            }
        }
        return null;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return node.getNodeType().name().toLowerCase() + " " + (text.length() > 80 ? text.substring(0, 77) + "..." : text);
    }
}
