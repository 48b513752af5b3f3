package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Answers an extraction by walking the requested JSON schema and deriving each value from the document's text,
 * deterministically:
 * <ul>
 *   <li>a field is looked up by its name (as words: {@code invoice_number} finds "Invoice Number"), else by its
 *       longest keyword; the first line that matches is the field's evidence;</li>
 *   <li>strings: the text after the name's colon on that line (or the next line when the line is only the name), the
 *       whole line otherwise; an {@code enum} gives the first value that occurs in the text, else its first value;
 *       without evidence {@code null} when the schema allows null, else the document's first sentence;</li>
 *   <li>numbers and integers: the first number on the evidence line (after the name), else the document's first
 *       number, else 0 (or {@code null} when allowed);</li>
 *   <li>booleans: whether there is evidence; objects: each property in turn; arrays: one item when the array's name
 *       or an item field has evidence, else empty.</li>
 * </ul>
 * With citations each scalar becomes {@code {value, citations}}, citing the evidence line's block.
 */
final class SchemaExtractor {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;

    private final TextIndex index;
    private final JsonNode root;
    private final boolean cited;
    private int fields;

    SchemaExtractor(TextIndex index, JsonNode schema, boolean cited) {
        this.index = index;
        this.root = schema == null || schema.isNull() || schema.isMissingNode() ? JSON.objectNode() : schema;
        this.cited = cited;
    }

    /** The extracted object, shaped by the schema. */
    JsonNode extract() {
        JsonNode value = value("", resolve(root), 0);
        return value.isObject() ? value : JSON.objectNode().set("value", value);
    }

    /** How many leaf fields the last extraction produced. */
    int fieldCount() {
        return fields;
    }

    private JsonNode value(String name, JsonNode schema, int depth) {
        String type = type(schema);
        if (depth > MAX_DEPTH) {
            return JSON.nullNode();
        }
        switch (type) {
            case "object": {
                ObjectNode object = JSON.objectNode();
                Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    object.set(property.getKey(), value(property.getKey(), resolve(property.getValue()), depth + 1));
                }
                return object;
            }
            case "array": {
                ArrayNode array = JSON.arrayNode();
                JsonNode items = resolve(schema.path("items"));
                if (hasEvidence(name, items)) {
                    array.add(value(singular(name), items, depth + 1));
                }
                return array;
            }
            default:
                return leaf(name, schema, type);
        }
    }

    private boolean hasEvidence(String name, JsonNode items) {
        if (!name.isEmpty() && index.findField(name) != null) {
            return true;
        }
        Iterator<String> names = items.path("properties").fieldNames();
        while (names.hasNext()) {
            if (index.findField(names.next()) != null) {
                return true;
            }
        }
        return false;
    }

    private JsonNode leaf(String name, JsonNode schema, String type) {
        fields++;
        TextIndex.Hit hit = name.isEmpty() ? null : index.findField(name);
        JsonNode value;
        switch (type) {
            case "number":
            case "integer":
                value = number(name, hit, type.equals("integer"), nullable(schema));
                break;
            case "boolean":
                value = JSON.booleanNode(hit != null);
                break;
            default:
                value = text(name, schema, hit);
                if (value.isNull() && !nullable(schema)) {
                    value = JSON.textNode(firstSentence());
                }
        }
        if (!cited) {
            return value;
        }
        ObjectNode leaf = JSON.objectNode();
        leaf.set("value", value);
        ArrayNode citations = leaf.putArray("citations");
        if (hit != null) {
            citations.add(citation(hit));
        }
        return leaf;
    }

    private JsonNode text(String name, JsonNode schema, TextIndex.Hit hit) {
        JsonNode options = schema.path("enum");
        if (options.isArray() && !options.isEmpty()) {
            String all = index.lines().stream().map(TextIndex.Hit::text).reduce("", (a, b) -> a + "\n" + b)
                    .toLowerCase(Locale.ROOT);
            for (JsonNode option : options) {
                if (option.isTextual() && TextIndex.containsPhrase(all, option.textValue())) {
                    return option;
                }
            }
            return options.get(0);
        }
        if (hit == null) {
            return JSON.nullNode();
        }
        String line = hit.text();
        String after = afterName(name, line);
        if (after != null && !after.isBlank()) {
            return JSON.textNode(after.strip());
        }
        if (TextIndex.humanize(line.replaceAll("[:#]", "")).equals(TextIndex.humanize(name))) {
            TextIndex.Hit next = index.next(hit);
            if (next != null) {
                return JSON.textNode(next.text());
            }
        }
        return JSON.textNode(line);
    }

    /** The text after the first colon that follows the name on the line, or {@code null}. */
    private static String afterName(String name, String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String keyword : TextIndex.keywords(TextIndex.humanize(name))) {
            int found = lower.indexOf(keyword);
            if (found >= 0) {
                at = Math.max(at, found + keyword.length());
            }
        }
        int colon = line.indexOf(':', Math.max(at, 0));
        return colon >= 0 ? line.substring(colon + 1) : null;
    }

    private JsonNode number(String name, TextIndex.Hit hit, boolean integer, boolean nullable) {
        String found = null;
        if (hit != null) {
            String after = afterName(name, hit.text());
            found = firstNumber(after != null ? after : hit.text());
            if (found == null) {
                found = firstNumber(hit.text());
            }
        }
        if (found == null) {
            TextIndex.Hit any = index.firstNumber();
            found = any == null ? null : firstNumber(any.text());
        }
        if (found == null) {
            return nullable ? JSON.nullNode() : (integer ? JSON.numberNode(0) : JSON.numberNode(0.0));
        }
        BigDecimal number = new BigDecimal(found.replace(",", ""));
        return integer ? JSON.numberNode(number.longValue()) : JSON.numberNode(number.doubleValue());
    }

    private static String firstNumber(String text) {
        Matcher matcher = TextIndex.NUMBER.matcher(text);
        return matcher.find() ? matcher.group() : null;
    }

    private String firstSentence() {
        for (TextIndex.Hit hit : index.lines()) {
            String text = hit.block().content();
            int end = text.indexOf(". ");
            String sentence = end > 0 ? text.substring(0, end + 1) : text;
            return sentence.length() > 200 ? sentence.substring(0, 200) : sentence;
        }
        return "";
    }

    private ObjectNode citation(TextIndex.Hit hit) {
        Block block = hit.block();
        ObjectNode citation = JSON.objectNode();
        citation.put("type", block.type().value());
        citation.set("bbox", Json.tree(block.bbox(hit.line())));
        citation.put("content", hit.text());
        citation.put("confidence", "high");
        ObjectNode granular = citation.putObject("granular_confidence");
        granular.put("extract_confidence", 0.95);
        granular.put("parse_confidence", 0.99);
        ObjectNode parent = citation.putObject("parentBlock");
        parent.put("type", block.type().value());
        parent.set("bbox", Json.tree(block.bbox()));
        parent.put("content", block.content());
        return citation;
    }

    /** The schema a local {@code $ref} points at ({@code #/$defs/...}, {@code #/definitions/...}), else itself. */
    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < MAX_DEPTH && current.has("$ref"); i++) {
            String ref = current.path("$ref").asText("");
            if (!ref.startsWith("#")) {
                return JSON.objectNode();
            }
            current = root.at(ref.substring(1));
        }
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            JsonNode options = current.path(combinator);
            if (options.isArray() && !current.has("type") && !current.has("properties")) {
                for (JsonNode option : options) {
                    JsonNode resolved = resolve(option);
                    if (!"null".equals(resolved.path("type").asText())) {
                        return resolved;
                    }
                }
            }
        }
        return current;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.textValue();
        }
        if (schema.has("properties")) {
            return "object";
        }
        return schema.has("items") ? "array" : "string";
    }

    private static boolean nullable(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asText())) {
                    return true;
                }
            }
        }
        return schema.path("nullable").asBoolean(false);
    }

    private static String singular(String name) {
        return name.endsWith("s") && name.length() > 3 ? name.substring(0, name.length() - 1) : name;
    }
}
