package io.reductor.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON against a schema of one of the vendored API descriptions, with the networknt validator's OpenAPI 3.1
 * dialect (JSON Schema 2020-12 plus the OpenAPI vocabulary, so {@code anyOf} with {@code type: null}, {@code const}
 * and {@code $ref} siblings mean what the spec intends). Each document is registered as JSON text under an
 * {@code https://} id so that its local {@code #/components/schemas/...} references resolve inside it and nothing is
 * fetched from the network. Format assertions are off: the service's date-times lack offsets.
 */
public final class SpecValidator {

    private static final String BASE = "https://spec.reductor.test/";
    private static final SpecValidator INSTANCE = new SpecValidator();

    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private SpecValidator() {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> texts = new LinkedHashMap<>();
        for (SpecDocuments.Document document : SpecDocuments.all()) {
            try {
                texts.put(id(document.fileName()), json.writeValueAsString(document.root()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build();
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(texts).schemaRegistryConfig(config));
    }

    /** The shared validator over every vendored document. */
    public static SpecValidator instance() {
        return INSTANCE;
    }

    /**
     * Validates {@code instance} against {@code #/components/schemas/<schemaName>} of a document.
     *
     * @param fileName   {@code openapi.json} or a per-tag file name such as {@code reducto-split-api-openapi.yml}
     * @param schemaName the schema name exactly as written in that file
     * @return one line per validation error (instance location, then message); empty when valid
     */
    public List<String> validate(String fileName, String schemaName, JsonNode instance) {
        if (SpecDocuments.get(fileName).schemas().path(schemaName).isMissingNode()) {
            throw new IllegalArgumentException(fileName + " has no schema " + schemaName);
        }
        Schema schema = schemas.computeIfAbsent(fileName + "#" + schemaName, key -> registry.getSchema(
                SchemaLocation.of(id(fileName) + "#/components/schemas/" + schemaName)));
        return schema.validate(instance).stream().map(SpecValidator::describe).toList();
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + " [" + error.getKeyword() + "] " + error.getMessage();
    }

    private static String id(String fileName) {
        // per-tag YAML is registered as its JSON equivalent, so give every id a .json ending
        return BASE + (fileName.endsWith(".json") ? fileName : fileName + ".json");
    }
}
