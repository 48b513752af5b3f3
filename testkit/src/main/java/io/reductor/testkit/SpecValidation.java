package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates request bodies against the vendored Reducto spec, as the service's FastAPI layer does, and reports
 * failures in FastAPI's {@code 422} shape. The spec files ship inside the testkit jar
 * ({@code io/reductor/testkit/spec/}); each is registered as JSON text under an {@code https://} id with the networknt
 * validator's OpenAPI 3.1 dialect, so local references resolve without any network access; format checks are off.
 *
 * <p>Both descriptions are consulted: a body is valid when it is valid against the request schema of any document
 * that describes the operation (the union of the SDK spec and the newer per-tag spec is the contract). Where an
 * operation takes either a sync or an async config, the async one is used when the body has an {@code async} field.
 * Loaded once per JVM, eagerly on a caller's thread, and warmed up, so that validating on an event loop never reads a
 * file.
 */
final class SpecValidation {

    private static final String BASE = "https://spec.reductor.testkit/";
    private static final String OPENAPI = "openapi.json";
    private static final List<String> PER_TAG = List.of("reducto-classify-api-openapi.yml",
            "reducto-edit-api-openapi.yml", "reducto-extract-api-openapi.yml", "reducto-jobs-api-openapi.yml",
            "reducto-parse-api-openapi.yml", "reducto-pipeline-api-openapi.yml", "reducto-platform-api-openapi.yml",
            "reducto-split-api-openapi.yml", "reducto-upload-api-openapi.yml", "reducto-webhooks-api-openapi.yml");
    private static volatile SpecValidation instance;

    /** The request schemas of one operation in one document. */
    private record Candidate(Schema sync, Schema async) {
        Schema pick(JsonNode body) {
            return body.isObject() && body.has("async") && async != null ? async : sync != null ? sync : async;
        }
    }

    private final Map<String, List<Candidate>> operations = new LinkedHashMap<>();

    private SpecValidation() {
        ObjectMapper json = new ObjectMapper();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, JsonNode> roots = new LinkedHashMap<>();
        try {
            JsonNode openApi = json.readTree(read("spec/" + OPENAPI));
            roots.put(BASE + OPENAPI, openApi);
            for (String name : PER_TAG) {
                byte[] text = readOptional("spec/per-tag/" + name);
                if (text != null) {
                    roots.put(BASE + "per-tag/" + name + ".json", yaml.readTree(text));
                }
            }
            for (Map.Entry<String, JsonNode> root : roots.entrySet()) {
                texts.put(root.getKey(), json.writeValueAsString(root.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the vendored Reducto spec from the testkit jar", e);
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build();
        SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(texts).schemaRegistryConfig(config));
        for (Map.Entry<String, JsonNode> root : roots.entrySet()) {
            root.getValue().path("paths").fields().forEachRemaining(path -> path.getValue().fields()
                    .forEachRemaining(operation -> {
                        JsonNode schema = operation.getValue().path("requestBody").path("content")
                                .path("application/json").path("schema");
                        Candidate candidate = candidate(registry, root.getKey(), schema);
                        if (candidate != null && !operation.getValue().path("requestBody").path("content")
                                .has("multipart/form-data")) {
                            operations.computeIfAbsent(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " "
                                    + path.getKey(), k -> new ArrayList<>()).add(candidate);
                        }
                    }));
        }
        // compile every schema now, on this thread, rather than lazily on an event loop
        ObjectNode empty = Json.object();
        ObjectNode withAsync = Json.object();
        withAsync.putObject("async");
        ObjectNode wrongTypes = Json.object().put("input", 42).put("async", 5).put("settings", "x");
        for (String operation : operations.keySet()) {
            for (JsonNode body : List.of(empty, withAsync, wrongTypes, Json.NODES.arrayNode())) {
                // messages come from a resource bundle that is read on first use: read it here, off the event loops
                validate(operation, body).forEach(issue -> issue.path("msg").asText());
            }
        }
    }

    /** The shared instance, loading the spec on first use. */
    static SpecValidation instance() {
        SpecValidation loaded = instance;
        if (loaded == null) {
            synchronized (SpecValidation.class) {
                loaded = instance;
                if (loaded == null) {
                    instance = loaded = new SpecValidation();
                }
            }
        }
        return loaded;
    }

    private static Candidate candidate(SchemaRegistry registry, String id, JsonNode schema) {
        if (schema.has("$ref")) {
            Schema only = registry.getSchema(SchemaLocation.of(id + schema.path("$ref").asText()));
            return new Candidate(only, null);
        }
        JsonNode options = schema.has("oneOf") ? schema.path("oneOf") : schema.path("anyOf");
        Schema sync = null;
        Schema async = null;
        for (JsonNode option : options) {
            String ref = option.path("$ref").asText("");
            if (ref.isEmpty()) {
                continue;
            }
            Schema compiled = registry.getSchema(SchemaLocation.of(id + ref));
            if (ref.substring(ref.lastIndexOf('/') + 1).startsWith("Async")) {
                async = compiled;
            } else {
                sync = compiled;
            }
        }
        return sync == null && async == null ? null : new Candidate(sync, async);
    }

    /** Whether the spec describes a JSON body for {@code "POST /parse"}-style operation. */
    boolean knows(String operation) {
        return operations.containsKey(operation);
    }

    /**
     * Validates a request body.
     *
     * @param operation like {@code "POST /parse"} (the spec's path template)
     * @param body      the parsed body
     * @return FastAPI validation issues; empty when valid (or when the spec has no JSON body for the operation)
     */
    ArrayNode validate(String operation, JsonNode body) {
        List<Candidate> candidates = operations.get(operation);
        ArrayNode best = null;
        if (candidates == null) {
            return Json.NODES.arrayNode();
        }
        for (Candidate candidate : candidates) {
            List<Error> errors = candidate.pick(body).validate(body);
            if (errors.isEmpty()) {
                return Json.NODES.arrayNode();
            }
            ArrayNode issues = issues(errors, body);
            if (best == null || issues.size() < best.size()) {
                best = issues;
            }
        }
        return best;
    }

    private static ArrayNode issues(List<Error> errors, JsonNode body) {
        ArrayNode issues = Json.NODES.arrayNode();
        Set<String> seen = new HashSet<>();
        for (Error error : errors) {
            // always format the message: the first call reads the validator's resource bundle, which the warm-up
            // must do off the event loops
            String message = error.getMessage();
            ArrayNode loc = Json.NODES.arrayNode().add("body");
            NodePath path = error.getInstanceLocation();
            JsonNode input = body;
            for (int i = 0; i < path.getNameCount(); i++) {
                Object element = path.getElement(i);
                if (element instanceof Integer index) {
                    loc.add(index);
                    input = input.path(index);
                } else {
                    loc.add(String.valueOf(element));
                    input = input.path(String.valueOf(element));
                }
            }
            String keyword = error.getKeyword() == null ? "" : error.getKeyword();
            String type;
            String msg;
            switch (keyword) {
                case "required" -> {
                    loc.add(error.getProperty());
                    type = "missing";
                    msg = "Field required";
                }
                case "type" -> {
                    String expected = error.getSchemaNode() == null ? "" : error.getSchemaNode().asText("");
                    type = switch (expected) {
                        case "string" -> "string_type";
                        case "integer" -> "int_type";
                        case "number" -> "float_type";
                        case "boolean" -> "bool_type";
                        case "array" -> "list_type";
                        case "object" -> "model_type";
                        default -> "type_error";
                    };
                    msg = switch (expected) {
                        case "string" -> "Input should be a valid string";
                        case "integer" -> "Input should be a valid integer";
                        case "number" -> "Input should be a valid number";
                        case "boolean" -> "Input should be a valid boolean";
                        case "array" -> "Input should be a valid list";
                        case "object" -> "Input should be a valid dictionary or object to extract fields from";
                        default -> message;
                    };
                }
                case "enum", "const" -> {
                    type = "literal_error";
                    msg = message;
                }
                case "minimum", "exclusiveMinimum" -> {
                    type = "greater_than_equal";
                    msg = message;
                }
                case "maximum", "exclusiveMaximum" -> {
                    type = "less_than_equal";
                    msg = message;
                }
                case "additionalProperties" -> {
                    loc.add(error.getProperty());
                    type = "extra_forbidden";
                    msg = "Extra inputs are not permitted";
                }
                default -> {
                    type = "value_error";
                    msg = message;
                }
            }
            if (!seen.add(loc + "|" + type)) {
                continue;
            }
            ObjectNode issue = Reply.issue(loc, msg, type);
            if (!keyword.equals("required") && !input.isMissingNode()) {
                issue.set("input", input);
            } else if (keyword.equals("required")) {
                issue.set("input", body);
            }
            issues.add(issue);
        }
        return issues;
    }

    private static byte[] read(String resource) throws IOException {
        byte[] bytes = readOptional(resource);
        if (bytes == null) {
            throw new IOException(resource + " is not on the classpath next to " + SpecValidation.class.getName());
        }
        return bytes;
    }

    private static byte[] readOptional(String resource) throws IOException {
        try (InputStream in = SpecValidation.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
