package io.reductor.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one loader of the vendored spec and the validator over it, as the jar ships them. */
class SpecValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SpecValidator SPEC = SpecValidator.instance();

    @Test
    void theListedPerTagFilesAreExactlyTheFilesOfTheFolder() throws IOException {
        // the module's folder is the spec folder, and Surefire runs in it
        try (Stream<Path> files = Files.list(Path.of("per-tag"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted())
                    .containsExactlyElementsOf(SpecDocuments.PER_TAG);
        }
    }

    @Test
    void eachPerTagDocumentIsTheTreeOfItsVendoredYaml() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        for (String name : SpecDocuments.PER_TAG) {
            assertThat(SpecDocuments.get(name).root()).as(name)
                    .isEqualTo(yaml.readTree(Path.of("per-tag", name).toFile()));
        }
    }

    @Test
    void loadsTheSdkSpecFirstThenThePerTagFiles() {
        assertThat(SpecDocuments.all()).hasSize(1 + SpecDocuments.PER_TAG.size());
        assertThat(SpecDocuments.all().get(0)).isSameAs(SpecDocuments.openApi());
        assertThat(SpecDocuments.openApi().schemas().has("SyncParseConfig")).isTrue();
        assertThat(SpecDocuments.get("reducto-split-api-openapi.yml").root().path("paths").has("/split")).isTrue();
        assertThat(SpecDocuments.openApi().resolve("#/components/schemas/ParseResponse").isObject()).isTrue();
        assertThat(SpecDocuments.baseName("ParseResponse-Output")).isEqualTo("ParseResponse");
        assertThatThrownBy(() -> SpecDocuments.get("nothing.yml")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validatesAgainstANamedSchema() {
        assertThat(SPEC.validate(SpecDocuments.OPENAPI, "SyncParseConfig", json("{\"input\": \"https://x/a.pdf\"}")))
                .isEmpty();
        assertThat(SPEC.validate(SpecDocuments.OPENAPI, "SyncParseConfig", json("{\"settings\": {}}")))
                .anySatisfy(error -> assertThat(error).contains("[required]", "input"));
        assertThatThrownBy(() -> SPEC.validate(SpecDocuments.OPENAPI, "NoSuchSchema", json("{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validatesARequestBodyByOperationInEitherDescription() {
        assertThat(SPEC.describesRequestBody("POST /parse")).isTrue();
        assertThat(SPEC.describesRequestBody("POST /cite")).as("only the per-tag files describe it").isTrue();
        assertThat(SPEC.describesRequestBody("POST /upload")).as("multipart, not JSON").isFalse();
        assertThat(SPEC.describesRequestBody("GET /job/{job_id}")).isFalse();
        assertThat(SPEC.requestSchemas("POST /parse", json("{}"))).hasSize(2);
        assertThat(SPEC.validateRequest("POST /parse", json("{\"input\": \"https://x/a.pdf\"}"))).isEmpty();
        assertThat(SPEC.validateRequest("POST /parse", json("{\"input\": 42}"))).isNotEmpty();
        assertThatThrownBy(() -> SPEC.validateRequest("GET /job/{job_id}", json("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET /job/{job_id}");
    }

    @Test
    void theAsyncConfigAppliesWhenTheBodyHasAsync() {
        JsonNode async = json("{\"input\": \"https://x/a.pdf\", \"async\": {\"priority\": true}}");
        assertThat(SPEC.requestSchemas("POST /parse", async))
                .doesNotContainAnyElementsOf(SPEC.requestSchemas("POST /parse", json("{}")));
        assertThat(SPEC.validateRequest("POST /parse", async)).isEmpty();
        assertThat(SPEC.validateRequest("POST /parse", json("{\"input\": \"https://x/a.pdf\", \"async\": 5}")))
                .isNotEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
