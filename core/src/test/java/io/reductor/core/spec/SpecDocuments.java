package io.reductor.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The vendored Reducto API descriptions as the tests see them on the classpath: {@code /spec/openapi.json} (the SDK
 * spec) and every {@code /spec/per-tag/*.yml} (the newer per-tag descriptions), parsed into Jackson trees. Loaded once
 * and shared; the trees must not be modified.
 */
public final class SpecDocuments {

    /** The file name of the SDK spec. */
    public static final String OPENAPI = "openapi.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static volatile List<Document> documents;

    private SpecDocuments() {
    }

    /**
     * One API description.
     *
     * @param fileName the file name, such as {@code openapi.json} or {@code reducto-split-api-openapi.yml}
     * @param root     the whole document
     */
    public record Document(String fileName, JsonNode root) {

        /** {@code components.schemas}, keyed by the schema names as written in this file (with any suffix). */
        public JsonNode schemas() {
            return root.path("components").path("schemas");
        }

        /** The schema a local {@code #/components/schemas/<name>} reference points at, or a missing node. */
        public JsonNode resolve(String ref) {
            String prefix = "#/components/schemas/";
            return ref.startsWith(prefix) ? schemas().path(ref.substring(prefix.length())) : MissingNode.getInstance();
        }
    }

    /** {@code openapi.json} first, then the per-tag files in name order. */
    public static List<Document> all() {
        List<Document> loaded = documents;
        if (loaded == null) {
            synchronized (SpecDocuments.class) {
                loaded = documents;
                if (loaded == null) {
                    documents = loaded = load();
                }
            }
        }
        return loaded;
    }

    /** The document with this file name. */
    public static Document get(String fileName) {
        return all().stream().filter(d -> d.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no spec document " + fileName + " on the classpath"));
    }

    /** The SDK spec, {@code openapi.json}. */
    public static Document openApi() {
        return get(OPENAPI);
    }

    /**
     * A schema name without the {@code -Input}/{@code -Output} suffix that the per-tag files add to schemas used on
     * both sides of a call.
     */
    public static String baseName(String schemaName) {
        return schemaName.replaceFirst("-(Input|Output)$", "");
    }

    /** The raw text of a spec file, from the classpath. */
    public static String text(String classpathPath) {
        try (InputStream in = SpecDocuments.class.getResourceAsStream(classpathPath)) {
            Objects.requireNonNull(in, () -> classpathPath + " is not on the test classpath");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classpath path of a document by file name. */
    public static String classpathPath(String fileName) {
        return OPENAPI.equals(fileName) ? "/spec/" + fileName : "/spec/per-tag/" + fileName;
    }

    private static List<Document> load() {
        List<Document> loaded = new ArrayList<>();
        try {
            loaded.add(new Document(OPENAPI, JSON.readTree(text(classpathPath(OPENAPI)))));
            for (String name : perTagFileNames()) {
                loaded.add(new Document(name, YAML.readTree(text(classpathPath(name)))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (loaded.size() < 2) {
            throw new IllegalStateException("no per-tag spec files found under /spec/per-tag/");
        }
        return Collections.unmodifiableList(loaded);
    }

    private static List<String> perTagFileNames() throws IOException {
        URL folder = SpecDocuments.class.getResource("/spec/per-tag/");
        Objects.requireNonNull(folder, "/spec/per-tag/ is not on the test classpath");
        try {
            URI uri = folder.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return yamlFileNames(Path.of(uri));
            }
            // read from core's test-jar, as other modules' tests do
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return yamlFileNames(jar.provider().getPath(uri));
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> yamlFileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
                    .sorted().toList();
        }
    }
}
