package io.reductor.core.json;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.error.ValidationErrorBody;
import io.reductor.core.model.classify.ClassifyResponse;
import io.reductor.core.model.common.BoundingBox;
import io.reductor.core.model.edit.EditResponse;
import io.reductor.core.model.extract.ExtractResult;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.core.model.parse.ParseBlock;
import io.reductor.core.model.parse.ParseChunk;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.split.SplitResponse;
import io.reductor.core.webhook.WebhookEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link RecordModule} reads records in one pass, and what it reads (values, unknown fields, failures and their
 * paths) is what Jackson's own creator path reads: every case is decoded by both and compared.
 */
class RecordModuleTest {

    private static final JsonCodec ONE_PASS = JsonCodec.standard();
    private static final JsonCodec JACKSON = JsonCodec.withJacksonBinding();

    /** A record outside the model: its constructor does not expect a {@code null} map of unknown fields. */
    record Loose(String name, Integer count, @JsonAnySetter Map<String, JsonNode> extra) {
    }

    /** A record whose constructor checks its value, as a hand-written record might. */
    record Checked(Integer page) {
        Checked {
            if (page != null && page < 1) {
                throw new IllegalArgumentException("page must be at least 1, was " + page);
            }
        }
    }

    /** Records for the tests of guessed field names, each decoded by one test only. */
    record Ordered(String first, Integer second, @JsonAnySetter Map<String, JsonNode> extra) {
    }

    record Guessed(String first, Integer second, @JsonAnySetter Map<String, JsonNode> extra) {
    }

    record Matched(String first, Integer second, @JsonAnySetter Map<String, JsonNode> extra) {
    }

    /** A record with a primitive component and a renamed one. */
    record Counted(int total, @JsonProperty("pages") List<Integer> pageNumbers) {
    }

    @ParameterizedTest
    @ValueSource(classes = {ParseBlock.class, ParseChunk.class, BoundingBox.class, ParseResponse.class,
            JobResponse.class, JobsPage.class, WebhookEvent.class, ValidationErrorBody.class, Loose.class,
            Checked.class, Counted.class})
    void recordsAreReadInOnePass(Class<?> type) throws IOException {
        assertThat(deserializer(ONE_PASS.mapper(), type))
                .isInstanceOfSatisfying(RecordModule.RecordDeserializer.class,
                        record -> assertThat(record.readsInOnePass()).isTrue());
        assertThat(deserializer(JACKSON.mapper(), type)).isNotInstanceOf(RecordModule.RecordDeserializer.class);
    }

    static Stream<Arguments> payloads() {
        return Stream.of(
                Arguments.of("/fixtures/parse-response-full.json", ParseResponse.class),
                Arguments.of("/fixtures/parse-response-url.json", ParseResponse.class),
                Arguments.of("/fixtures/job-parse.json", JobResponse.class),
                Arguments.of("/fixtures/job-pipeline.json", JobResponse.class),
                Arguments.of("/fixtures/job-extract.json", JobResponse.class),
                Arguments.of("/fixtures/job-split.json", JobResponse.class),
                Arguments.of("/fixtures/job-shapeless.json", JobResponse.class),
                Arguments.of("/fixtures/job-summarize-unknown.json", JobResponse.class),
                Arguments.of("/fixtures/jobs-page-next.json", JobsPage.class),
                Arguments.of("/fixtures/submitted-job.json", SubmittedJob.class),
                Arguments.of("/fixtures/pipeline-parse-list.json", PipelineResponse.class),
                Arguments.of("/fixtures/split-deep.json", SplitResponse.class),
                Arguments.of("/fixtures/classify.json", ClassifyResponse.class),
                Arguments.of("/fixtures/edit-form.json", EditResponse.class),
                Arguments.of("/fixtures/extract-cited.json", ExtractResult.class),
                Arguments.of("/examples/parse-puffinparse-sync-full.json", ParseResponse.class),
                Arguments.of("/examples/job-get-sdk-test-v3extract-completed.json", JobResponse.class),
                Arguments.of("/examples/webhook-docs-svix.json", WebhookEvent.class),
                Arguments.of("/examples/error-422-docs-generated.json", ValidationErrorBody.class));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void decodesWhatJacksonDecodes(String resource, Class<?> type) {
        byte[] json = read(resource);
        Object onePass = ONE_PASS.decode(json, type);
        assertThat(onePass).isEqualTo(JACKSON.decode(json, type));
        assertThat(ONE_PASS.readTree(ONE_PASS.encode(onePass))).isEqualTo(JACKSON.readTree(JACKSON.encode(onePass)));
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("{\"name\":\"a\",\"count\":2}", Loose.class),
                Arguments.of("{\"zeta\":1,\"name\":\"a\",\"alpha\":[true,null],\"count\":null}", Loose.class),
                Arguments.of("{}", Loose.class),
                Arguments.of("{\"name\":\"a\",\"name\":\"b\"}", Loose.class),
                Arguments.of("{\"page\":null}", Checked.class),
                Arguments.of("{\"pages\":[1,2]}", Counted.class),
                Arguments.of("{\"total\":null}", Counted.class),
                Arguments.of("{\"total\":3,\"page_numbers\":[1]}", Counted.class),
                Arguments.of("{\"type\":\"Text\",\"bbox\":{\"left\":0.1,\"top\":0.2,\"width\":0.3,\"height\":0.4,"
                        + "\"page\":1},\"content\":\"c\",\"confidence\":null,\"is_new\":true}", ParseBlock.class),
                Arguments.of("{\"type\":\"Text\",\"bbox\":{\"left\":0,\"top\":0,\"width\":1,\"height\":1,"
                        + "\"page\":1},\"content\":\"c\"}", ParseBlock.class),
                Arguments.of("{\"job_id\":\"j\",\"status\":\"Pending\"}", JobResponse.class));
    }

    @ParameterizedTest
    @MethodSource("values")
    void bindsValuesAsJacksonDoes(String json, Class<?> type) {
        assertThat(ONE_PASS.decode(json, type)).isEqualTo(JACKSON.decode(json, type));
    }

    @Test
    void aRecordOutsideTheModelGetsAnEmptyMapOfUnknownFieldsAndKeepsTheirOrder() {
        assertThat(ONE_PASS.decode("{\"name\":\"a\"}", Loose.class).extra()).isNotNull().isEmpty();
        assertThat(ONE_PASS.decode("{\"zeta\":1,\"name\":\"a\",\"alpha\":2}", Loose.class).extra().keySet())
                .containsExactly("zeta", "alpha");
    }

    @Test
    void theNameReadAtAPositionIsGuessedThereNextTime() throws IOException {
        RecordModule.RecordDeserializer record = (RecordModule.RecordDeserializer) deserializer(ONE_PASS.mapper(),
                Guessed.class);
        assertThat(record.guessedNames()).containsOnlyNulls();
        ONE_PASS.decode("{\"first\":\"a\",\"second\":1}", Guessed.class);
        assertThat(record.guessedNames()).startsWith("first", "second", null);
        ONE_PASS.decode("{\"second\":2,\"first\":\"b\",\"third\":true}", Guessed.class);
        assertThat(record.guessedNames()).startsWith("second", "first", "third", null);
    }

    @Test
    void theParserIsAskedForTheGuessedNameSoThatItCanMatchTheInputsBytes() throws IOException {
        String json = "{\"first\":\"a\",\"second\":1,\"third\":true}";
        List<String> expected = new ArrayList<>();
        assertThat(readCountingExpectedNames(json, expected)).isEqualTo(JACKSON.decode(json, Matched.class));
        assertThat(expected).as("no guesses before the first object").isEmpty();
        // the first field name is read before the record's deserializer is called; the others are expected by name
        assertThat(readCountingExpectedNames(json, expected)).isEqualTo(JACKSON.decode(json, Matched.class));
        assertThat(expected).containsExactly("second", "third");
        expected.clear();
        String reordered = "{\"second\":2,\"first\":\"b\",\"third\":false}";
        assertThat(readCountingExpectedNames(reordered, expected))
                .isEqualTo(JACKSON.decode(reordered, Matched.class));
        assertThat(expected).containsExactly("second", "third");
    }

    /** Reads a {@link Matched} through a parser that notes each field name it is asked to expect. */
    private static Matched readCountingExpectedNames(String json, List<String> expected) throws IOException {
        JsonParser real = ONE_PASS.mapper().getFactory().createParser(json.getBytes(StandardCharsets.UTF_8));
        try (JsonParser parser = new JsonParserDelegate(real) {
            @Override
            public boolean nextFieldName(SerializableString name) throws IOException {
                expected.add(name.getValue());
                return delegate.nextFieldName(name);
            }
        }) {
            return ONE_PASS.mapper().readValue(parser, Matched.class);
        }
    }

    @Test
    void fieldsInChangingOrderAndUnknownFieldsAtGuessedPositionsDecodeAsJacksonDecodesThem() {
        List<String> objects = List.of(
                "{\"first\":\"a\",\"second\":1}",
                "{\"second\":2,\"first\":\"b\"}",
                "{\"zeta\":[1],\"first\":\"c\"}",
                "{\"first\":\"d\",\"zeta\":2,\"second\":3}",
                "{\"second\":null,\"second\":4,\"first\":null}",
                "{\"alpha\":1,\"beta\":2,\"gamma\":3,\"delta\":4,\"epsilon\":5,\"eta\":6,\"first\":\"e\"}",
                "{}");
        for (int round = 0; round < 3; round++) {
            for (String json : objects) {
                assertThat(ONE_PASS.decode(json, Ordered.class)).as(json).isEqualTo(JACKSON.decode(json, Ordered.class));
                // the same bytes again, now that their names are the guesses
                assertThat(ONE_PASS.decode(json.getBytes(StandardCharsets.UTF_8), Ordered.class)).as(json)
                        .isEqualTo(JACKSON.decode(json, Ordered.class));
            }
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("{\"job_id\":\"j\"}", JobResponse.class),
                Arguments.of("{\"job_id\":\"j\",\"status\":null}", JobResponse.class),
                Arguments.of("{\"job_id\":\"j\",\"status\":\"Completed\",\"progress\":\"half\"}", JobResponse.class),
                Arguments.of("{\"type\":\"Text\",\"bbox\":\"here\",\"content\":\"c\"}", ParseBlock.class),
                Arguments.of("{\"type\":\"Text\",\"bbox\":{\"left\":\"x\"},\"content\":\"c\"}", ParseBlock.class),
                Arguments.of("{\"name\":\"a\",\"zeta\":[1,}", Loose.class),
                Arguments.of("{\"count\":\"many\"}", Loose.class),
                Arguments.of("{\"page\":0}", Checked.class),
                Arguments.of("{\"total\":[1]}", Counted.class),
                Arguments.of("{\"pages\":[\"one\"]}", Counted.class));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void failsWhereJacksonFailsWithTheSameMessageAndPath(String json, Class<?> type) {
        ReductoDecodeException onePass = catchThrowableOfType(ReductoDecodeException.class,
                () -> ONE_PASS.decode(json, type));
        ReductoDecodeException jackson = catchThrowableOfType(ReductoDecodeException.class,
                () -> JACKSON.decode(json, type));
        assertThat(onePass).isNotNull();
        assertThat(jackson).isNotNull();
        assertThat(onePass.getMessage()).isEqualTo(jackson.getMessage());
    }

    @Test
    void aFailureDeepInsideNamesItsPath() {
        String block = "{\"type\":\"Text\",\"content\":\"c\",\"bbox\":{\"left\":%s,\"top\":0,\"width\":1,"
                + "\"height\":1,\"page\":1}}";
        String json = "{\"content\":\"c\",\"embed\":\"c\",\"blocks\":[" + block.formatted("0") + ","
                + block.formatted("\"left\"") + "]}";
        assertThat(catchThrowableOfType(ReductoDecodeException.class, () -> ONE_PASS.decode(json, ParseChunk.class)))
                .hasMessageContaining("$.blocks[1].bbox.left");
    }

    private static JsonDeserializer<Object> deserializer(ObjectMapper mapper, Class<?> type) throws IOException {
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createDummyInstance(mapper.getDeserializationConfig());
        return context.findRootValueDeserializer(mapper.constructType(type));
    }

    private static byte[] read(String resource) {
        try (InputStream in = RecordModuleTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
