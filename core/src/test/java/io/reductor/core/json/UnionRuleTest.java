package io.reductor.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.NullNode;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.model.cite.CiteSource;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.PageSelection;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.extract.ExtractResult;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.parse.AgenticOption;
import io.reductor.core.model.parse.ParseResult;
import io.reductor.core.model.parse.TableSplitSize;
import io.reductor.core.model.pipeline.PipelineExtractOutput;
import io.reductor.core.model.pipeline.PipelineParseOutput;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.split.SplitOutput;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rule {@link UnionDecoder} states for values no variant of a union fits: response-side unions keep them as raw
 * JSON in their {@code Unknown} variant; request-side unions check what is built and refuse what cannot be decoded.
 */
class UnionRuleTest {

    private static final JsonCodec CODEC = JsonCodec.standard();

    /** Every response-side union, with values of shapes or kinds it does not know (compact JSON text). */
    private static final Map<Class<?>, List<String>> RESPONSE_SIDE = Map.of(
            ParseResult.class, List.of(
                    "{\"type\":\"stream\",\"stream_id\":\"s-1\",\"chunks\":null}", "\"opaque\"", "[1,2]"),
            ExtractResult.class, List.of(
                    "{\"response_type\":\"v4_extract\",\"result\":{\"total\":{\"value\":1,\"citations\":[]}}}",
                    "{\"job_id\":\"j-1\",\"usage\":{\"num_fields\":2}}",
                    "{\"result\":\"a sentence\"}", "42"),
            SplitOutput.class, List.of("\"gone\"", "[{\"name\":\"a\"}]", "7"),
            JobResult.class, List.of(
                    "{\"response_type\":\"summarize\",\"result\":{\"chunks\":[]}}", "{\"answer\":42}", "true"),
            PipelineParseOutput.class, List.of("\"pending\"", "[1,2]", "[{\"job_id\":\"j\"},\"x\"]"),
            PipelineExtractOutput.class, List.of("\"pending\"", "[true]", "3.5"));

    /** Every request-side union. */
    private static final Set<Class<?>> REQUEST_SIDE = Set.of(DocumentInput.class, PageSelection.class,
            TableSplitSize.class, CiteSource.class, WebhookConfig.class, AgenticOption.class);

    @Test
    void everyUnionIsOnOneSideOfTheRule() {
        Set<Class<?>> unions = SpecCoverageTest.compiledModelClasses().stream()
                .filter(type -> type.isInterface() && type.isSealed())
                .filter(type -> type.isAnnotationPresent(JsonDeserialize.class)
                        && UnionDecoder.class.isAssignableFrom(type.getAnnotation(JsonDeserialize.class).using()))
                .collect(Collectors.toSet());

        assertThat(unions).as("unions decoded by a UnionDecoder")
                .containsExactlyInAnyOrderElementsOf(
                        Stream.concat(RESPONSE_SIDE.keySet().stream(), REQUEST_SIDE.stream()).toList());
        assertThat(RESPONSE_SIDE.keySet()).doesNotContainAnyElementsOf(REQUEST_SIDE);
    }

    static Stream<Arguments> unknownResponseShapes() {
        return RESPONSE_SIDE.entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(json -> Arguments.of(entry.getKey(), json)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("unknownResponseShapes")
    void aResponseSideUnionKeepsAShapeItDoesNotKnowAsRawJsonAndWritesItBack(Class<?> union, String json) {
        Object decoded = CODEC.decode(json, union);

        assertThat(decoded).isInstanceOf(RawJson.class);
        assertThat(decoded.getClass().getSimpleName()).isEqualTo("Unknown");
        assertThat(decoded.getClass().getEnclosingClass()).isEqualTo(union);
        assertThat(((RawJson) decoded).json()).isEqualTo(CODEC.readTree(json));
        assertThat(CODEC.encodeToString(decoded)).isEqualTo(json);
    }

    @Test
    void anExtractWithAnUnknownResponseTypeIsUnknownNotACitedExtract() {
        String json = "{\"response_type\":\"v4_extract\",\"job_id\":\"j-9\","
                + "\"result\":{\"total\":{\"value\":1,\"citations\":[]}},\"usage\":{\"num_fields\":1}}";

        ExtractResult result = CODEC.decode(json, ExtractResult.class);

        assertThat(result).isInstanceOf(ExtractResult.Unknown.class);
        assertThat(result.jobId()).isEqualTo("j-9");
        assertThat(result.usage()).isNull();
        assertThat(((ExtractResult.Unknown) result).text("response_type")).isEqualTo("v4_extract");
        assertThat(CODEC.encodeToString(result)).isEqualTo(json);
    }

    @Test
    void unknownShapesInsideAPipelineResultAreKeptWhereTheyOccur() {
        String json = "{\"job_id\":\"p-1\",\"result\":{\"parse\":\"pending\",\"extract\":{\"response_type\":\"v9\"},"
                + "\"split\":null}}";

        PipelineResponse pipeline = CODEC.decode(json, PipelineResponse.class);

        assertThat(pipeline.result().parse()).isInstanceOf(PipelineParseOutput.Unknown.class);
        assertThat(pipeline.result().parse().responses()).isEmpty();
        assertThat(pipeline.result().extract()).isInstanceOfSatisfying(PipelineExtractOutput.Whole.class,
                whole -> assertThat(whole.result()).isInstanceOf(ExtractResult.Unknown.class));
        assertThat(CODEC.toTree(pipeline).get("result")).isEqualTo(CODEC.readTree(json).get("result"));
    }

    @Test
    void aJobResultReadByItsShapeStillPicksTheKindTheShapeShows() {
        JobResponse job = CODEC.decode("{\"status\":\"Completed\",\"result\":{\"result\":{\"category\":\"invoice\"}}}",
                JobResponse.class);

        assertThat(job.result()).isInstanceOf(JobResult.Classify.class);
        assertThat(job.result().responseType()).isEqualTo("classify");
    }

    @Test
    void anUnknownVariantHoldsAJsonValue() {
        assertThatThrownBy(() -> new ParseResult.Unknown(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("json");
        assertThatThrownBy(() -> new JobResult.Unknown(NullNode.getInstance()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("json must be a JSON value but was NULL");
    }

    static Stream<Arguments> badRequestValues() {
        return Stream.of(
                bad("file id without prefix", () -> DocumentInput.fileId("4f0c.pdf"), "fileId", "4f0c.pdf"),
                bad("job reference without id", () -> DocumentInput.jobReference("jobid://"), "reference", "jobid://"),
                bad("blank URL in a list", () -> DocumentInput.urls(List.of("https://a", " ")), "urls[1]", "blank"),
                bad("inverted page range", () -> PageSelection.range(5, 2), "start", "5"),
                bad("page 0", () -> PageSelection.pages(List.of(1, 0)), "pages", "0"),
                bad("no rows", () -> TableSplitSize.rows(0), "size", "0"),
                bad("blank cite job", () -> CiteSource.job(" "), "reference", "jobid:// "),
                bad("cite reference without prefix", () -> new CiteSource.JobReference("5df3"), "reference", "5df3"),
                bad("webhook of a known mode as unknown",
                        () -> new WebhookConfig.Unknown(json("{\"mode\":\"svix\"}")), "mode", "svix"),
                bad("webhook without a mode as unknown",
                        () -> new WebhookConfig.Unknown(json("{\"url\":\"https://x\"}")), "mode", "null"),
                bad("webhook that is not an object", () -> new WebhookConfig.Unknown(json("\"direct\"")),
                        "json", "\"direct\""),
                bad("agentic option of a known scope as unknown",
                        () -> new AgenticOption.Unknown(json("{\"scope\":\"table\"}")), "scope", "table"),
                bad("agentic option that is not an object", () -> new AgenticOption.Unknown(json("[1]")),
                        "json", "[1]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequestValues")
    void aRequestSideUnionRefusesABadValueNamingTheFieldAndTheValue(String bad, ThrowingCallable build, String field,
                                                                     String value) {
        assertThatThrownBy(build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field).hasMessageContaining(value);
    }

    @Test
    void aRequestSideUnionStillKeepsAnObjectOfAKindThisVersionDoesNotKnowSoItCanBeSent() {
        WebhookConfig pigeon = new WebhookConfig.Unknown(json("{\"mode\":\"pigeon\",\"coop\":\"roof\"}"));
        AgenticOption formula = new AgenticOption.Unknown(json("{\"scope\":\"formula\"}"));

        assertThat(CODEC.decode(CODEC.encode(pigeon), WebhookConfig.class)).isEqualTo(pigeon);
        assertThat(CODEC.decode(CODEC.encode(formula), AgenticOption.class)).isEqualTo(formula);
    }

    @Test
    void decodingARequestSideUnionFromAValueNoVariantFitsIsATypedError() {
        for (Class<?> union : REQUEST_SIDE) {
            assertThatThrownBy(() -> CODEC.decode("true", union)).as(union.getSimpleName())
                    .isInstanceOf(ReductoDecodeException.class);
        }
    }

    private static Arguments bad(String description, ThrowingCallable build, String field, String value) {
        return Arguments.of(description, build, field, value);
    }

    private static JsonNode json(String text) {
        return CODEC.readTree(text);
    }
}
