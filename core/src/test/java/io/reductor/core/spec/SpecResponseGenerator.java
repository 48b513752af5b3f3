package io.reductor.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.spec.SpecDocuments;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds random JSON documents that are valid under a schema of the vendored {@code openapi.json}, for decoding tests:
 * every {@code anyOf}/{@code oneOf} branch can be taken, optional properties are present or absent, {@code null} is
 * sent where a branch allows it, objects carry unknown fields (named {@value #EXTRA_PREFIX}...) unless the schema
 * forbids them, arrays hold 0 to 3 elements, maps 0 to 3 entries, and untyped values ({@code {}}) are any JSON value.
 *
 * <p>Depth is bounded: past {@link #MAX_DEPTH} levels of objects and arrays, optional properties are left out, arrays
 * are empty and a union takes a branch that needs no nesting where it has one. Integers stay within a million either
 * way (the model holds counts in {@code Integer}); date-times are written with and without an offset, as the service
 * sends them. Each document depends only on the {@link Random} it is given, so a seed reproduces it.
 *
 * <p>The generator remembers which branch of which union it took ({@link #branchesNeverTaken}), so a test can show
 * that its documents reached every branch. Not thread-safe.
 */
public final class SpecResponseGenerator {

    /** The prefix of the unknown fields the generator adds to objects. */
    public static final String EXTRA_PREFIX = "x_unknown_";

    /** The depth of objects and arrays past which documents stop growing. */
    public static final int MAX_DEPTH = 9;

    private static final int RUNAWAY_DEPTH = 60;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] STRINGS = {"", "a", "Invoice 12", "  padded  ", "é✓ 中文", "line\nbreak",
        "reducto://3f1c.pdf", "https://example.com/r.json"};
    private static final String[] DATE_TIMES = {"2026-02-27T23:11:39.787917", "2026-02-27T23:11:39Z",
        "2026-02-27T23:11:39.5+02:00"};

    private final SpecDocuments.Document document;
    private final Map<JsonNode, Set<Integer>> taken = new IdentityHashMap<>();

    /** A generator over {@code openapi.json}. */
    public SpecResponseGenerator() {
        this.document = SpecDocuments.openApi();
    }

    /** The schema {@code #/components/schemas/<name>} of {@code openapi.json}. */
    public JsonNode schema(String name) {
        JsonNode schema = document.schemas().path(name);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("openapi.json has no schema " + name);
        }
        return schema;
    }

    /** A random document valid under {@code schema}. */
    public JsonNode generate(JsonNode schema, Random random) {
        return value(schema, random, 0);
    }

    /**
     * The union branches reachable from {@code schema} that no document generated so far took, each as
     * {@code <schema>/<pointer>[<branch>]}; empty when every one was taken.
     */
    public Set<String> branchesNeverTaken(JsonNode schema, String name) {
        Set<String> missing = new TreeSet<>();
        collectUnions(schema, name, new IdentityHashMap<>(), missing);
        return missing;
    }

    private void collectUnions(JsonNode schema, String where, Map<JsonNode, Boolean> seen, Set<String> missing) {
        if (!schema.isObject() || seen.put(schema, Boolean.TRUE) != null) {
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            collectUnions(document.resolve(ref), ref.substring(ref.lastIndexOf('/') + 1), seen, missing);
            return;
        }
        JsonNode options = options(schema);
        for (int i = 0; i < options.size(); i++) {
            if (!taken.getOrDefault(schema, Set.of()).contains(i)) {
                missing.add(where + "[" + i + "]");
            }
            collectUnions(options.get(i), where + "[" + i + "]", seen, missing);
        }
        schema.path("allOf").forEach(part -> collectUnions(part, where, seen, missing));
        schema.path("properties").properties().forEach(p -> collectUnions(p.getValue(), where + "/" + p.getKey(),
                seen, missing));
        collectUnions(schema.path("items"), where + "/items", seen, missing);
        collectUnions(schema.path("additionalProperties"), where + "/*", seen, missing);
    }

    private JsonNode value(JsonNode schema, Random random, int depth) {
        if (depth > RUNAWAY_DEPTH) {
            throw new IllegalStateException("the schema requires nesting deeper than " + RUNAWAY_DEPTH + " levels");
        }
        if (schema.has("$ref")) {
            return value(document.resolve(schema.path("$ref").asText()), random, depth);
        }
        if (schema.has("const")) {
            return schema.get("const").deepCopy();
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size())).deepCopy();
        }
        JsonNode options = options(schema);
        if (!options.isEmpty()) {
            int branch = branch(options, random, depth);
            taken.computeIfAbsent(schema, key -> new LinkedHashSet<>()).add(branch);
            return value(options.get(branch), random, depth);
        }
        if (schema.has("allOf")) {
            return allOf(schema, random, depth);
        }
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? object(schema, random, depth) : any(random, depth);
        }
        String chosen = type.isArray() ? type.get(random.nextInt(type.size())).asText() : type.asText();
        return switch (chosen) {
            case "object" -> object(schema, random, depth);
            case "array" -> array(schema, random, depth);
            case "string" -> NODES.textNode(string(schema, random));
            case "integer" -> NODES.numberNode(integer(schema, random));
            case "number" -> number(schema, random);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "null" -> NODES.nullNode();
            default -> throw new IllegalStateException("unknown type " + chosen);
        };
    }

    private static JsonNode options(JsonNode schema) {
        return schema.has("anyOf") ? schema.get("anyOf") : schema.path("oneOf");
    }

    /** A random branch; deep down, a random one of those that need no nesting, where there are any. */
    private int branch(JsonNode options, Random random, int depth) {
        if (depth >= MAX_DEPTH) {
            List<Integer> flat = new ArrayList<>();
            for (int i = 0; i < options.size(); i++) {
                if (isFlat(options.get(i))) {
                    flat.add(i);
                }
            }
            if (!flat.isEmpty()) {
                return flat.get(random.nextInt(flat.size()));
            }
        }
        return random.nextInt(options.size());
    }

    private boolean isFlat(JsonNode schema) {
        if (schema.has("$ref")) {
            return isFlat(document.resolve(schema.path("$ref").asText()));
        }
        String type = schema.path("type").asText("");
        return schema.has("enum") || schema.has("const")
                || (!type.isEmpty() && !type.equals("object") && !type.equals("array"));
    }

    private JsonNode allOf(JsonNode schema, Random random, int depth) {
        ObjectNode merged = NODES.objectNode();
        for (JsonNode part : schema.get("allOf")) {
            JsonNode generated = value(part, random, depth);
            if (!generated.isObject()) {
                return generated;
            }
            merged.setAll((ObjectNode) generated);
        }
        return merged;
    }

    private JsonNode object(JsonNode schema, Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        boolean deep = depth >= MAX_DEPTH;
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            if (required.contains(property.getKey()) || (!deep && random.nextBoolean())) {
                object.set(property.getKey(), value(property.getValue(), random, depth + 1));
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject() && !additional.isEmpty()) {
            int entries = deep ? 0 : random.nextInt(4);
            for (int i = 0; i < entries; i++) {
                object.set("key " + i, value(additional, random, depth + 1));
            }
        } else if ((additional == null || !additional.isBoolean() || additional.asBoolean())
                && !deep && random.nextInt(4) == 0) {
            object.set(EXTRA_PREFIX + random.nextInt(100), any(random, depth + 1));
        }
        return object;
    }

    private JsonNode array(JsonNode schema, Random random, int depth) {
        ArrayNode array = NODES.arrayNode();
        int min = schema.path("minItems").asInt(0);
        int max = schema.path("maxItems").asInt(Integer.MAX_VALUE);
        int size = depth >= MAX_DEPTH ? min : Math.min(max, min + random.nextInt(4));
        JsonNode items = schema.path("items");
        for (int i = 0; i < size; i++) {
            array.add(items.isObject() ? value(items, random, depth + 1) : any(random, depth + 1));
        }
        return array;
    }

    /** Any JSON value: scalars, and, above the depth bound, small arrays and objects of any values. */
    private JsonNode any(Random random, int depth) {
        int kind = random.nextInt(depth >= MAX_DEPTH ? 5 : 7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(2001) - 1000);
            case 3 -> NODES.numberNode(random.nextDouble() * 100);
            case 4 -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(any(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    object.set("k" + i, any(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String string(JsonNode schema, Random random) {
        if ("date-time".equals(schema.path("format").asText())) {
            return DATE_TIMES[random.nextInt(DATE_TIMES.length)];
        }
        int min = schema.path("minLength").asInt(0);
        String text = random.nextInt(3) == 0 ? Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
                : STRINGS[random.nextInt(STRINGS.length)];
        return text.length() >= min ? text : text + "x".repeat(min - text.length());
    }

    private static long integer(JsonNode schema, Random random) {
        long low = schema.has("minimum") ? (long) Math.ceil(schema.get("minimum").asDouble()) : -1_000_000;
        long high = schema.has("maximum") ? (long) Math.floor(schema.get("maximum").asDouble()) : 1_000_000;
        if (schema.has("exclusiveMinimum")) {
            low = Math.max(low, (long) Math.floor(schema.get("exclusiveMinimum").asDouble()) + 1);
        }
        if (schema.has("exclusiveMaximum")) {
            high = Math.min(high, (long) Math.ceil(schema.get("exclusiveMaximum").asDouble()) - 1);
        }
        long small = Math.max(low, Math.min(high, random.nextInt(3)));
        return random.nextBoolean() ? small : low + (long) (random.nextDouble() * (high - low + 1));
    }

    private static JsonNode number(JsonNode schema, Random random) {
        double low = schema.path("minimum").asDouble(-1e6);
        double high = schema.path("maximum").asDouble(1e6);
        if (random.nextInt(4) == 0) {
            return NODES.numberNode(integer(schema, random));
        }
        double value = low + random.nextDouble() * (high - low);
        return NODES.numberNode(Math.min(high, Math.max(low, value)));
    }
}
