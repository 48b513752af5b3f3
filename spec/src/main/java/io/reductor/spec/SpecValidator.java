package io.reductor.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON against the vendored API descriptions of {@link SpecDocuments}, with the networknt validator's
 * OpenAPI 3.1 dialect (JSON Schema 2020-12 plus the OpenAPI vocabulary, so {@code anyOf} with {@code type: null},
 * {@code const} and {@code $ref} siblings mean what the spec intends). Each document is registered as JSON text under
 * an {@code https://} id so that its local {@code #/components/schemas/...} references resolve inside it and nothing
 * is fetched from the network. Format assertions are off: the service's date-times lack offsets.
 *
 * <p>Two views: a named schema of one document ({@link #validate}), and the request body of an operation such as
 * {@code "POST /parse"} ({@link #requestSchemas}, {@link #validateRequest}). For an operation both descriptions are
 * consulted: a body is valid when the request schema of any document that describes the operation accepts it (their
 * union is the contract). Where an operation takes either a sync or an async config, the async one applies when the
 * body has an {@code async} field. Each schema is compiled at its first use, by whichever thread uses it first; a
 * thread never waits for another's compilation (two may compile the same schema, and one result is kept).
 */
public final class SpecValidator {

    private static final String BASE = "https://spec.reductor.test/";

    /** Creates the validator when this class is first used, once. */
    private static final class Shared {
        static final SpecValidator INSTANCE = new SpecValidator();
    }

    /**
     * The fields of an OpenAPI document around its schemas. The documents are registered whole, so that their
     * {@code #/components/schemas/...} references resolve; these keywords are known to the dialect and not validated,
     * rather than unknown keywords to warn about.
     */
    private static final List<String> DOCUMENT_FIELDS = List.of("openapi", "info", "jsonSchemaDialect", "servers",
            "paths", "webhooks", "components", "security", "tags", "externalDocs");

    /** The request schemas of one operation in one document, as locations of schemas compiled at first use. */
    private record Candidate(String sync, String async) {
        String pick(JsonNode body) {
            return body.isObject() && body.has("async") && async != null ? async : sync != null ? sync : async;
        }
    }

    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, List<Candidate>> operations = new LinkedHashMap<>();

    private SpecValidator() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (SpecDocuments.Document document : SpecDocuments.all()) {
            try {
                texts.put(id(document.fileName()),
                        new String(SpecDocuments.json(document.fileName()), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the vendored Reducto spec", e);
            }
        }
        Dialect.Builder dialect = Dialect.builder(Dialects.getOpenApi31());
        DOCUMENT_FIELDS.forEach(field -> dialect.keyword(new NonValidationKeyword(field)));
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build();
        this.registry = SchemaRegistry.withDialect(dialect.build(),
                builder -> builder.schemas(texts).schemaRegistryConfig(config));
        for (SpecDocuments.Document document : SpecDocuments.all()) {
            document.root().path("paths").properties().forEach(path -> path.getValue().properties()
                    .forEach(operation -> {
                        JsonNode content = operation.getValue().path("requestBody").path("content");
                        Candidate candidate = candidate(id(document.fileName()),
                                content.path("application/json").path("schema"));
                        if (candidate != null && !content.has("multipart/form-data")) {
                            operations.computeIfAbsent(operation.getKey().toUpperCase(Locale.ROOT) + " "
                                    + path.getKey(), key -> new ArrayList<>()).add(candidate);
                        }
                    }));
        }
    }

    /**
     * The shared validator over every vendored document.
     *
     * @return the validator, created at the first call (which reads the documents; no schema is compiled yet)
     */
    public static SpecValidator instance() {
        return Shared.INSTANCE;
    }

    /**
     * Validates {@code instance} against {@code #/components/schemas/<schemaName>} of a document.
     *
     * @param fileName   {@code openapi.json} or a per-tag file name such as {@code reducto-split-api-openapi.yml}
     * @param schemaName the schema name exactly as written in that file
     * @param instance   the JSON to check, such as a request body the client wrote or a response the simulator sent
     * @return one line per validation error (instance location, keyword, message); empty when valid
     * @throws IllegalArgumentException when the document has no such schema
     */
    public List<String> validate(String fileName, String schemaName, JsonNode instance) {
        if (SpecDocuments.get(fileName).schemas().path(schemaName).isMissingNode()) {
            throw new IllegalArgumentException(fileName + " has no schema " + schemaName);
        }
        return describe(schema(id(fileName) + "#/components/schemas/" + schemaName).validate(instance));
    }

    /**
     * Every operation, such as {@code "POST /parse"}, for which a document describes a JSON request body.
     *
     * @return the operations as {@code "METHOD /path/template"}, in the order the documents list them; unmodifiable
     */
    public Set<String> operationsWithRequestBody() {
        return Collections.unmodifiableSet(operations.keySet());
    }

    /**
     * Whether a document describes a JSON request body for an operation such as {@code "POST /parse"}.
     *
     * @param operation like {@code "POST /parse"}: the upper-case method, a space and the spec's path template
     * @return {@code true} when at least one document has an {@code application/json} request body for it
     */
    public boolean describesRequestBody(String operation) {
        return operations.containsKey(operation);
    }

    /**
     * The request schemas that apply to {@code body} for an operation, one per document that describes a JSON body
     * for it (the async config where the body has {@code async}).
     *
     * @param operation like {@code "POST /parse"}: the method and the spec's path template
     * @param body      the request body; only whether it is an object with an {@code async} field matters here
     * @return the schemas, SDK spec first, each compiled at its first use and the same instance afterwards; empty
     *         when no document describes a JSON body for the operation
     */
    public List<Schema> requestSchemas(String operation, JsonNode body) {
        return operations.getOrDefault(operation, List.of()).stream().map(c -> schema(c.pick(body))).toList();
    }

    /**
     * Validates a request body of an operation.
     *
     * @param operation like {@code "POST /parse"}
     * @param body      the request body to check
     * @return empty when the request schema of any describing document accepts the body, else the errors against
     *         the schema that found the fewest
     * @throws IllegalArgumentException when no document describes a JSON body for the operation
     */
    public List<String> validateRequest(String operation, JsonNode body) {
        List<Schema> candidates = requestSchemas(operation, body);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("the spec describes no JSON request body for " + operation);
        }
        List<String> fewest = null;
        for (Schema candidate : candidates) {
            List<String> errors = describe(candidate.validate(body));
            if (fewest == null || errors.size() < fewest.size()) {
                fewest = errors;
            }
        }
        return fewest;
    }

    /** The compiled schema at a location: compiled without holding a lock, so that no caller waits for another. */
    private Schema schema(String location) {
        Schema compiled = schemas.get(location);
        if (compiled == null) {
            Schema fresh = registry.getSchema(SchemaLocation.of(location));
            compiled = schemas.putIfAbsent(location, fresh);
            if (compiled == null) {
                compiled = fresh;
            }
        }
        return compiled;
    }

    private static Candidate candidate(String id, JsonNode schema) {
        if (schema.has("$ref")) {
            return new Candidate(id + schema.path("$ref").asText(), null);
        }
        JsonNode options = schema.has("oneOf") ? schema.path("oneOf") : schema.path("anyOf");
        String sync = null;
        String async = null;
        for (JsonNode option : options) {
            String ref = option.path("$ref").asText("");
            if (ref.isEmpty()) {
                continue;
            }
            if (ref.substring(ref.lastIndexOf('/') + 1).startsWith("Async")) {
                async = id + ref;
            } else {
                sync = id + ref;
            }
        }
        return sync == null && async == null ? null : new Candidate(sync, async);
    }

    private static List<String> describe(List<Error> errors) {
        return errors.stream().map(e -> e.getInstanceLocation() + " [" + e.getKeyword() + "] " + e.getMessage())
                .toList();
    }

    private static String id(String fileName) {
        // per-tag YAML is registered as its JSON equivalent, so give every id a .json ending
        return BASE + (fileName.endsWith(".json") ? fileName : fileName + ".json");
    }
}
