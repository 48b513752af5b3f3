package io.reductor.core.json;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reductor.core.model.common.PageRange;
import io.reductor.core.model.job.ListJobsRequest;
import io.reductor.core.model.parse.ChunkingOptions;
import io.reductor.spec.SpecDocuments.Document;
import io.reductor.spec.SpecDocuments;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks that the model represents the whole API contract: every schema of {@code spec/openapi.json} and of every
 * {@code spec/per-tag/*.yml} has a model type naming it in {@link WireSchema}, every property of it is a wire property
 * of that type (as {@link JsonCodec} sees it), and every enum value the spec lists is a known value of the
 * {@link ApiEnum} type that carries it. It lives in this package to use {@link JsonCodec#wireProperties(Class)}.
 */
class SpecCoverageTest {

    private static final List<String> SCANNED_PACKAGES = List.of("io/reductor/core/model", "io/reductor/core/error");

    @Test
    void everySchemaAndPropertyOfTheSpecHasAPlaceInTheModel() {
        List<Class<?>> classes = compiledModelClasses();
        assertThat(classes).as("model classes found by scanning the compiled classes").hasSizeGreaterThan(100);

        Coverage coverage = new Coverage(JsonCodec.standard(), classes);
        SpecDocuments.all().forEach(coverage::check);

        List<String> problems = coverage.problems();
        if (!problems.isEmpty()) {
            fail(problems.size() + " gaps between the spec and the model (schema.property: problem (spec files)):\n  "
                    + String.join("\n  ", problems));
        }
        assertThat(coverage.schemasChecked()).as("schemas checked").isGreaterThan(100);
        assertThat(coverage.propertiesChecked()).as("properties checked").isGreaterThan(500);
        assertThat(coverage.enumPropertiesChecked()).as("enum-valued properties checked").isGreaterThan(30);
    }

    // ---------------------------------------------------------------------------------------------- the checker itself

    /** A stand-in for a record that lost a property the spec still has. */
    @WireSchema("Fake")
    record Fake(String pageNumber, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> additionalProperties) {
    }

    @Test
    void checkerReportsExactlyThePropertyARecordDoesNotHave() {
        assertThat(JsonCodec.standard().wireProperties(Fake.class)).containsOnlyKeys("page_number");

        Coverage coverage = new Coverage(JsonCodec.standard(), List.of(Fake.class));
        coverage.check(synthetic("{\"Fake\": {\"type\": \"object\", \"properties\": "
                + "{\"page_number\": {\"type\": \"integer\"}, \"dropped\": {\"type\": \"string\"}}}}"));

        assertThat(coverage.problems()).containsExactly(
                "Fake.dropped: no wire property in " + Fake.class.getName() + " (synthetic.json)");
    }

    @Test
    void checkerReportsAPropertyTheSpecGainsOnARealRecord() {
        Coverage coverage = new Coverage(JsonCodec.standard(), List.of(PageRange.class));
        coverage.check(synthetic("{\"PageRange-Input\": {\"properties\": "
                + "{\"start\": {\"type\": \"integer\"}, \"end\": {\"type\": \"integer\"}, \"step\": {}}}}"));

        assertThat(coverage.problems()).containsExactly(
                "PageRange.step: no wire property in " + PageRange.class.getName() + " (synthetic.json)");
    }

    @Test
    void checkerReportsEnumValuesTheJavaTypeDoesNotKnow() {
        Coverage coverage = new Coverage(JsonCodec.standard(), List.of(ChunkingOptions.class));
        coverage.check(synthetic("{\"Chunking\": {\"properties\": {\"chunk_mode\": {\"anyOf\": ["
                + "{\"type\": \"string\", \"enum\": [\"variable\", \"page\", \"sideways\"]}, {\"type\": \"null\"}]},"
                + "\"chunk_size\": {\"type\": \"integer\"}}}}"));

        assertThat(coverage.problems()).containsExactly(
                "Chunking.chunk_mode: missing values [sideways] in ChunkMode (synthetic.json)");
    }

    @Test
    void checkerReportsSchemasNoClassListsAndEnumSchemasNothingUses() {
        Coverage coverage = new Coverage(JsonCodec.standard(), List.of(PageRange.class));
        coverage.check(synthetic("{\"Imaginary\": {\"properties\": {\"a\": {}}},"
                + "\"UnusedColour\": {\"type\": \"string\", \"enum\": [\"red\", \"blue\"]}}"));

        assertThat(coverage.problems()).containsExactly(
                "Imaginary: no model class lists it in @WireSchema (synthetic.json)",
                "UnusedColour: enum schema with no @WireSchema type and no property using it (synthetic.json)");
    }

    private static Document synthetic(String schemasJson) {
        try {
            JsonNode schemas = new ObjectMapper().readTree(schemasJson);
            return new Document("synthetic.json",
                    new ObjectMapper().createObjectNode().set("components",
                            new ObjectMapper().createObjectNode().set("schemas", schemas)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ GET /jobs query

    @Test
    void listJobsRequestCarriesEveryQueryParameterOfGetJobs() throws ReflectiveOperationException {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (Document document : SpecDocuments.all()) {
            for (JsonNode parameter : document.root().path("paths").path("/jobs").path("get").path("parameters")) {
                if ("query".equals(parameter.path("in").asText())) {
                    parameters.putIfAbsent(parameter.path("name").asText(), parameter.path("schema"));
                }
            }
        }
        assertThat(parameters).as("query parameters of GET /jobs in the spec")
                .containsKeys("limit", "cursor", "exclude_configs");

        List<String> problems = new ArrayList<>();
        ListJobsRequest.Builder builder = ListJobsRequest.builder();
        Map<String, String> expected = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> parameter : parameters.entrySet()) {
            Method setter = setter(ListJobsRequest.Builder.class, camel(parameter.getKey()));
            if (setter == null) {
                problems.add("GET /jobs ?" + parameter.getKey() + ": no builder method "
                        + camel(parameter.getKey()) + " on ListJobsRequest.Builder");
                continue;
            }
            Object sample = sample(setter.getParameterTypes()[0], parameter.getValue());
            setter.invoke(builder, sample);
            expected.put(parameter.getKey(), String.valueOf(sample));
        }
        assertThat(problems).isEmpty();

        Map<String, String> query = builder.build().queryParameters();
        assertThat(query).as("query of a request with every parameter set").isEqualTo(expected);
        assertThat(ListJobsRequest.firstPage().queryParameters()).as("unset parameters are not sent").isEmpty();

        // the documented range of limit is enforced, bounds included
        JsonNode limit = parameters.get("limit");
        int min = limit.path("minimum").asInt();
        int max = limit.path("maximum").asInt();
        assertThat(ListJobsRequest.builder().limit(min).build().limit()).isEqualTo(min);
        assertThat(ListJobsRequest.builder().limit(max).build().limit()).isEqualTo(max);
        for (int outside : new int[] {min - 1, max + 1}) {
            assertThatThrownBy(() -> ListJobsRequest.builder().limit(outside).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ListJobsRequest.limit")
                    .hasMessageContaining(min + " and " + max);
        }
    }

    private static Method setter(Class<?> builder, String name) {
        for (Method method : builder.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 1) {
                return method;
            }
        }
        return null;
    }

    private static Object sample(Class<?> type, JsonNode schema) {
        if (type == Integer.class || type == int.class) {
            return schema.has("maximum") ? schema.get("maximum").asInt() : 7;
        }
        if (type == Boolean.class || type == boolean.class) {
            return !schema.path("default").asBoolean(false);
        }
        if (type == String.class) {
            return "cursor-0001";
        }
        throw new IllegalStateException("no sample value for a query parameter of type " + type);
    }

    private static String camel(String wire) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : wire.toCharArray()) {
            if (c == '_' || c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------------- class scanning

    /** Every class compiled from core's main sources under the model and error packages. */
    static List<Class<?>> compiledModelClasses() {
        Path root;
        try {
            root = Path.of(JsonCodec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("expected core's compiled classes in a directory but found " + root);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String folder : SCANNED_PACKAGES) {
            try (Stream<Path> files = Files.walk(root.resolve(folder))) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    String relative = root.relativize(file).toString();
                    String name = relative.substring(0, relative.length() - ".class".length())
                            .replace(File.separatorChar, '.');
                    if (!name.endsWith("package-info")) {
                        classes.add(Class.forName(name, false, SpecCoverageTest.class.getClassLoader()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return classes;
    }

    // ---------------------------------------------------------------------------------------------------- the checker

    /**
     * Compares spec documents with model classes and collects every gap as one line. Schema names lose their
     * {@code -Input}/{@code -Output} suffix. A schema that is only an enum (such as {@code QueuePriority}) may be
     * represented either by an {@link ApiEnum} type naming it in {@link WireSchema} or through the properties that
     * reference it, whose Java types are then checked for its values.
     */
    static final class Coverage {

        private final JsonCodec codec;
        private final Map<String, List<Class<?>>> classesBySchema = new TreeMap<>();
        private final Map<String, Set<String>> problems = new TreeMap<>();
        private final Map<String, Set<String>> enumSchemasWithoutType = new TreeMap<>();
        private final Set<String> enumSchemasUsedByProperties = new HashSet<>();
        private int schemasChecked;
        private int propertiesChecked;
        private int enumPropertiesChecked;

        Coverage(JsonCodec codec, Collection<Class<?>> classes) {
            this.codec = codec;
            for (Class<?> type : classes) {
                WireSchema wireSchema = type.getAnnotation(WireSchema.class);
                if (wireSchema != null) {
                    for (String schema : wireSchema.value()) {
                        classesBySchema.computeIfAbsent(schema, k -> new ArrayList<>()).add(type);
                    }
                }
            }
        }

        void check(Document document) {
            document.schemas().properties().forEach(e -> check(document, e.getKey(), e.getValue()));
        }

        private void check(Document document, String rawName, JsonNode schema) {
            schemasChecked++;
            String name = SpecDocuments.baseName(rawName);
            List<Class<?>> types = classesBySchema.get(name);
            if (types == null) {
                if (isEnumSchema(schema)) {
                    enumSchemasWithoutType.computeIfAbsent(name, k -> new TreeSet<>()).add(document.fileName());
                } else {
                    report(name + ": no model class lists it in @WireSchema", document);
                }
                return;
            }
            if (types.size() > 1) {
                report(name + ": listed in @WireSchema of several classes " + types.stream().map(Class::getName)
                        .sorted().toList(), document);
                return;
            }
            Class<?> type = types.get(0);
            if (isEnumSchema(schema)) {
                checkValues(name, enumValues(document, schema, new HashSet<>()), type, document);
                return;
            }
            Map<String, JavaType> wire = codec.wireProperties(type);
            schema.path("properties").properties().forEach(property -> {
                propertiesChecked++;
                String label = name + "." + property.getKey();
                JavaType javaType = wire.get(property.getKey());
                if (javaType == null) {
                    report(label + ": no wire property in " + type.getName(), document);
                    return;
                }
                Set<String> values = enumValues(document, property.getValue(), new HashSet<>());
                if (!values.isEmpty()) {
                    enumPropertiesChecked++;
                    checkValues(label, values, unwrap(javaType), document);
                }
            });
        }

        private void checkValues(String label, Set<String> values, Class<?> type, Document document) {
            if (ApiEnum.class.isAssignableFrom(type)) {
                Set<String> missing = new LinkedHashSet<>(values);
                missing.removeAll(knownValues(type));
                if (!missing.isEmpty()) {
                    report(label + ": missing values " + missing + " in " + type.getSimpleName(), document);
                }
            } else if (values.size() > 1) {
                report(label + ": the spec lists values " + values + " but the Java type " + type.getSimpleName()
                        + " is not an ApiEnum", document);
            }
        }

        /** The enum values a property schema allows, directly, in anyOf/oneOf/allOf, items or map values. */
        private Set<String> enumValues(Document document, JsonNode schema, Set<String> visitedRefs) {
            Set<String> values = new LinkedHashSet<>();
            for (JsonNode value : schema.path("enum")) {
                if (value.isTextual()) {
                    values.add(value.textValue());
                }
            }
            if (schema.has("$ref") && visitedRefs.add(schema.get("$ref").asText())) {
                String ref = schema.get("$ref").asText();
                JsonNode target = document.resolve(ref);
                if (isEnumSchema(target)) {
                    enumSchemasUsedByProperties.add(SpecDocuments.baseName(ref.substring(ref.lastIndexOf('/') + 1)));
                }
                values.addAll(enumValues(document, target, visitedRefs));
            }
            for (String key : List.of("anyOf", "oneOf", "allOf")) {
                for (JsonNode option : schema.path(key)) {
                    values.addAll(enumValues(document, option, visitedRefs));
                }
            }
            if (schema.path("items").isObject()) {
                values.addAll(enumValues(document, schema.get("items"), visitedRefs));
            }
            if (schema.path("additionalProperties").isObject()) {
                values.addAll(enumValues(document, schema.get("additionalProperties"), visitedRefs));
            }
            return values;
        }

        private static boolean isEnumSchema(JsonNode schema) {
            return schema.has("enum") && !schema.has("properties");
        }

        /** The element type of lists, maps and Nullable, down to the type that holds the value. */
        private static Class<?> unwrap(JavaType type) {
            JavaType current = type;
            while (true) {
                if (current.isReferenceType()) {
                    current = current.getReferencedType();
                } else if (current.isContainerType() && current.getContentType() != null) {
                    current = current.getContentType();
                } else {
                    return current.getRawClass();
                }
            }
        }

        private static Set<String> knownValues(Class<?> type) {
            try {
                Object values = type.getMethod("knownValues").invoke(null);
                Set<String> known = new LinkedHashSet<>();
                for (Object value : (Collection<?>) values) {
                    known.add(((ApiEnum) value).value());
                }
                return known;
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalStateException(type.getName() + " has no public static knownValues()", e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(type.getName() + ".knownValues() failed", e.getCause());
            }
        }

        private void report(String problem, Document document) {
            problems.computeIfAbsent(problem, k -> new TreeSet<>()).add(document.fileName());
        }

        /** Every gap found so far, one line each, sorted, with the spec files it comes from. */
        List<String> problems() {
            Map<String, Set<String>> all = new TreeMap<>(problems);
            enumSchemasWithoutType.forEach((name, files) -> {
                if (!enumSchemasUsedByProperties.contains(name)) {
                    all.put(name + ": enum schema with no @WireSchema type and no property using it", files);
                }
            });
            return all.entrySet().stream()
                    .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                    .toList();
        }

        int schemasChecked() {
            return schemasChecked;
        }

        int propertiesChecked() {
            return propertiesChecked;
        }

        int enumPropertiesChecked() {
            return enumPropertiesChecked;
        }
    }
}
