package io.reductor.core.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.spec.SpecResponseGenerator;
import io.reductor.spec.SpecDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A 200 answer without a field that a success cannot be without is a {@link ReductoDecodeException} naming the field,
 * never a value with the field empty: the fields ARCHITECTURE.md lists, and no others.
 */
class RequiredFieldsTest {

    private static final JsonCodec CODEC = JsonCodec.standard();

    /** The fields, as {@code Record.wire_name}; ARCHITECTURE.md lists the same. */
    private static final Set<String> REQUIRED = Set.of("JobResponse.status", "JobsPage.jobs", "SubmittedJob.job_id",
            "ParseResponse.result", "UrlResult.url", "ExtractResponse.result", "CitedExtractResponse.result",
            "SplitResponse.result", "EditResponse.document_url", "PipelineResponse.result",
            "ClassifyResponse.result", "Upload.file_id");

    @Test
    void theModelRequiresExactlyTheListedFields() {
        Set<String> marked = new TreeSet<>();
        requiredComponents().forEach(arguments -> marked.add(((Class<?>) arguments.get()[0]).getSimpleName() + "."
                + wireName((RecordComponent) arguments.get()[1])));

        assertThat(marked).containsExactlyInAnyOrderElementsOf(REQUIRED);
    }

    @Test
    void aJobsPageWithoutJobsIsNotAnEmptyPage() {
        assertThatThrownBy(() -> CODEC.decode("{\"detail\":\"maintenance\"}", JobsPage.class))
                .hasMessage("Could not decode JobsPage at $.jobs: the required field jobs is missing");
        assertRefused("{\"detail\":\"maintenance\"}", JobsPage.class, "$.jobs", "the required field jobs is missing");
    }

    @Test
    void aJobWithoutAStatusOrWithANullOneIsNotAJob() {
        assertRefused("{\"progress\":0.5}", JobResponse.class, "$.status", "the required field status is missing");
        assertRefused("{\"status\":null}", JobResponse.class, "$.status", "the required field status is null");
    }

    @Test
    void aParseWithANullResultIsNotAParse() {
        assertRefused("{\"result\":null,\"usage\":null}", ParseResponse.class, "$.result",
                "the required field result is null");
    }

    @Test
    void theFieldIsNamedWhereverItIsMissing() {
        assertRefused("{\"status\":\"Completed\",\"result\":{\"response_type\":\"parse\",\"usage\":{}}}",
                JobResponse.class, "$.result.result", "the required field result is missing");
    }

    private static void assertRefused(String json, Class<?> type, String jsonPath, String problem) {
        assertThatThrownBy(() -> CODEC.decode(json, type))
                .isInstanceOfSatisfying(ReductoDecodeException.class,
                        e -> assertThat(e.jsonPath()).isEqualTo(jsonPath))
                .hasMessageContaining(problem);
    }

    static Stream<Arguments> requiredComponents() {
        return SpecCoverageTest.compiledModelClasses().stream().filter(Class::isRecord)
                .flatMap(type -> Arrays.stream(type.getRecordComponents())
                        .filter(component -> annotation(component, JsonProperty.class) != null
                                && annotation(component, JsonProperty.class).required())
                        .map(component -> Arguments.of(type, component)));
    }

    /**
     * For 20 spec-valid documents of the record's schema: each decodes; without the field, it is a decode error
     * naming it; with the field null, it is one too unless the spec allows a null there.
     */
    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("requiredComponents")
    void withoutTheFieldTheAnswerIsADecodeErrorNamingIt(Class<?> type, RecordComponent component) {
        String wire = wireName(component);
        String schema = Arrays.stream(type.getAnnotation(WireSchema.class).value())
                .filter(name -> !SpecDocuments.openApi().schemas().path(name).isMissingNode()).findFirst()
                .orElseThrow();
        JsonSetter setter = annotation(component, JsonSetter.class);
        boolean nullAllowed = setter == null || setter.nulls() != Nulls.FAIL;
        SpecResponseGenerator generator = new SpecResponseGenerator();
        for (long seed = 0; seed < 20; seed++) {
            ObjectNode document = (ObjectNode) generator.generate(generator.schema(schema), new Random(seed));
            assertThat(CODEC.decode(document, type)).as("seed %d: %s", seed, document).isNotNull();

            JsonNode without = document.deepCopy().without(wire);
            assertThatThrownBy(() -> CODEC.decode(without, type)).as("seed %d: %s", seed, without)
                    .isInstanceOfSatisfying(ReductoDecodeException.class,
                            e -> assertThat(e.jsonPath()).isEqualTo("$." + wire))
                    .hasMessageContaining("the required field " + wire + " is missing");

            ObjectNode withNull = document.deepCopy().putNull(wire);
            if (nullAllowed) {
                assertThat(CODEC.decode(withNull, type)).as("seed %d: %s", seed, withNull).isNotNull();
            } else {
                assertThatThrownBy(() -> CODEC.decode(withNull, type)).as("seed %d: %s", seed, withNull)
                        .isInstanceOfSatisfying(ReductoDecodeException.class,
                                e -> assertThat(e.jsonPath()).isEqualTo("$." + wire))
                        .hasMessageContaining("the required field " + wire + " is null");
            }
        }
    }

    private static String wireName(RecordComponent component) {
        String declared = annotation(component, JsonProperty.class).value();
        return declared.isEmpty()
                ? new PropertyNamingStrategies.SnakeCaseStrategy().translate(component.getName()) : declared;
    }

    /** An annotation of a record component, which Java keeps on its accessor (Jackson's do not target components). */
    private static <A extends Annotation> A annotation(RecordComponent component, Class<A> type) {
        return component.getAccessor().getAnnotation(type);
    }
}
