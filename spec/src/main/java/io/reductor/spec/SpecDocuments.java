package io.reductor.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The vendored Reducto API descriptions, read from this module's jar ({@code io/reductor/spec/}) and parsed into
 * Jackson trees: {@code openapi.json} (the SDK spec) and the per-tag {@code *.yml} files (the newer descriptions),
 * which the build ships as the JSON of the same trees ({@code per-tag/<name>.yml.json}) so that no YAML parser runs
 * here. The only code that reads the spec files; loaded once per JVM on first use and shared, so the trees must not be
 * modified.
 */
public final class SpecDocuments {

    /** The file name of the SDK spec. */
    public static final String OPENAPI = "openapi.json";

    /**
     * The per-tag files, in name order. Listed rather than discovered, so that loading works from any class loader
     * (a jar inside a jar has no listable folders); a test checks the list against the folder.
     */
    public static final List<String> PER_TAG = List.of("reducto-classify-api-openapi.yml",
            "reducto-edit-api-openapi.yml", "reducto-extract-api-openapi.yml", "reducto-jobs-api-openapi.yml",
            "reducto-parse-api-openapi.yml", "reducto-pipeline-api-openapi.yml", "reducto-platform-api-openapi.yml",
            "reducto-split-api-openapi.yml", "reducto-upload-api-openapi.yml", "reducto-webhooks-api-openapi.yml");

    private static final String SCHEMA_REF = "#/components/schemas/";

    private SpecDocuments() {
    }

    /**
     * One API description.
     *
     * @param fileName the file name, such as {@code openapi.json} or {@code reducto-split-api-openapi.yml}
     * @param root     the whole document
     */
    public record Document(String fileName, JsonNode root) {

        /**
         * {@code components.schemas}, keyed by the schema names as written in this file (with any suffix).
         *
         * @return an object node of schema name to schema; a missing node when the document has no components
         */
        public JsonNode schemas() {
            return root.path("components").path("schemas");
        }

        /**
         * The schema a local {@code #/components/schemas/<name>} reference points at, or a missing node.
         *
         * @param ref a reference such as {@code #/components/schemas/ParseResponse}; a reference of another form, or to
         *            another file, resolves to nothing
         * @return the referenced schema; a missing node when the reference has another form or names no schema here
         */
        public JsonNode resolve(String ref) {
            return ref.startsWith(SCHEMA_REF) ? schemas().path(ref.substring(SCHEMA_REF.length()))
                    : MissingNode.getInstance();
        }
    }

    /** Loads the documents when this class is first used, once. */
    private static final class Loaded {
        static final List<Document> ALL = load();
    }

    /**
     * {@code openapi.json} first, then the per-tag files in name order.
     *
     * @return the eleven documents, unmodifiable; parsed at the first call, which fails with an
     *         {@link java.io.UncheckedIOException} if a vendored file cannot be read
     */
    public static List<Document> all() {
        return Loaded.ALL;
    }

    /**
     * The document with this file name.
     *
     * @param fileName {@link #OPENAPI} or one of {@link #PER_TAG}, without the {@code per-tag/} folder
     * @return the parsed document, shared and not to be modified
     * @throws IllegalArgumentException when no vendored document has this file name
     */
    public static Document get(String fileName) {
        return all().stream().filter(d -> d.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no spec document " + fileName));
    }

    /**
     * The SDK spec, {@code openapi.json}.
     *
     * @return the parsed {@code openapi.json}, shared and not to be modified
     */
    public static Document openApi() {
        return get(OPENAPI);
    }

    /**
     * A schema name without the {@code -Input}/{@code -Output} suffix that the per-tag files add to schemas used on
     * both sides of a call.
     *
     * @param schemaName a schema name as written in a per-tag file, such as {@code ParseResponse-Output}
     * @return the name without its suffix; the name itself when it has none
     */
    public static String baseName(String schemaName) {
        return schemaName.replaceFirst("-(Input|Output)$", "");
    }

    private static List<Document> load() {
        ObjectMapper json = new ObjectMapper();
        List<Document> loaded = new ArrayList<>();
        try {
            loaded.add(new Document(OPENAPI, json.readTree(json(OPENAPI))));
            for (String name : PER_TAG) {
                loaded.add(new Document(name, json.readTree(json(name))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the vendored Reducto spec", e);
        }
        return List.copyOf(loaded);
    }

    /**
     * The JSON text of a document as shipped: {@code openapi.json} itself, a per-tag file as the JSON the build wrote
     * from its YAML.
     */
    static byte[] json(String fileName) throws IOException {
        return read(fileName.equals(OPENAPI) ? OPENAPI : "per-tag/" + fileName + ".json");
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = SpecDocuments.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IOException(file + " is not on the classpath next to " + SpecDocuments.class.getName());
            }
            return in.readAllBytes();
        }
    }
}
