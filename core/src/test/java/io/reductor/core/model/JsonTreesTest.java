package io.reductor.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.parse.ParseBlock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tree comparator used by the round-trip tests: what it forgives (known null = absent) and what it catches. */
class JsonTreesTest {

    private static final JsonCodec CODEC = JsonCodec.standard();

    private static final String BLOCK = """
            {"type": "Text", "bbox": {"left": 0.1, "top": 0.2, "width": 0.3, "height": 0.4, "page": 1},
             "content": "x", "image_url": null, "confidence": null,
             "extra": {"is_chart": true, "note": null}, "logprobs": 0.5, "hint": null}
            """;

    private static List<String> diff(String expected, String actual) {
        ParseBlock model = CODEC.decode(expected, ParseBlock.class);
        return JsonTrees.differences(CODEC.readTree(expected), CODEC.readTree(actual), model);
    }

    private static String block(String replace, String with) {
        assertThat(BLOCK).contains(replace);
        return BLOCK.replace(replace, with);
    }

    @Test
    void identicalTreesHaveNoDifferences() {
        assertThat(diff(BLOCK, BLOCK)).isEmpty();
    }

    @Test
    void aKnownFieldThatIsNullMayBeAbsentAndViceVersa() {
        assertThat(diff(BLOCK, block("\"image_url\": null, ", ""))).isEmpty();
        assertThat(diff(block("\"image_url\": null, ", ""), BLOCK)).isEmpty();
        assertThat(diff(BLOCK, block("\"content\": \"x\"", "\"content\": \"x\", \"chart_data\": null"))).isEmpty();
    }

    @Test
    void anUnknownFieldThatIsNullMustStayNull() {
        assertThat(diff(BLOCK, block(", \"hint\": null", ""))).containsExactly("$.hint: field null null is missing");
        assertThat(diff(BLOCK, block("\"hint\": null", "\"hint\": null, \"more\": null")))
                .containsExactly("$.more: unexpected field null null");
    }

    @Test
    void aNullableFieldKeepsAbsentAndNullApart() {
        assertThat(diff(BLOCK, block("\"confidence\": null,", ""))).singleElement().asString()
                .startsWith("$.confidence: field null");
        String absent = block("\"confidence\": null,", "");
        assertThat(diff(absent, BLOCK)).singleElement().asString().startsWith("$.confidence: unexpected field");
    }

    @Test
    void rawJsonIsComparedExactly() {
        assertThat(diff(BLOCK, block(", \"note\": null", ""))).containsExactly("$.extra.note: field null null is missing");

        String job = "{\"status\": \"Completed\", \"result\": {\"response_type\": \"summarize\", \"x\": null}}";
        JobResponse model = CODEC.decode(job, JobResponse.class);
        assertThat(JsonTrees.differences(CODEC.readTree(job),
                CODEC.readTree("{\"status\": \"Completed\", \"result\": {\"response_type\": \"summarize\"}}"), model))
                .containsExactly("$.result.x: field null null is missing");
    }

    @Test
    void numbersAreComparedByValue() {
        assertThat(diff(BLOCK, block("\"left\": 0.1", "\"left\": 0.10"))).isEmpty();
        assertThat(diff(block("\"page\": 1", "\"page\": 1.0"), BLOCK)).isEmpty();
        assertThat(diff(BLOCK, block("\"left\": 0.1", "\"left\": 0.1000001")))
                .containsExactly("$.bbox.left: number 0.1 became 0.1000001");
        assertThat(diff(BLOCK, block("\"logprobs\": 0.5", "\"logprobs\": 0.25")))
                .containsExactly("$.logprobs: number 0.5 became 0.25");
        assertThat(diff(BLOCK, block("\"logprobs\": 0.5", "\"logprobs\": \"0.5\"")))
                .containsExactly("$.logprobs: number 0.5 became string \"0.5\"");
    }

    @Test
    void keySetsValuesAndArraysMustMatch() {
        assertThat(diff(BLOCK, block("\"content\": \"x\"", "\"content\": \"y\"")))
                .containsExactly("$.content: string \"x\" became string \"y\"");
        assertThat(diff(BLOCK, block(", \"logprobs\": 0.5", ""))).containsExactly("$.logprobs: field number 0.5 is missing");
        assertThat(diff(BLOCK, block("\"is_chart\": true", "\"is_chart\": true, \"extra_key\": 1")))
                .containsExactly("$.extra.extra_key: unexpected field number 1");
        assertThat(diff(BLOCK, block("\"type\": \"Text\"", "\"type\": \"text\""))).hasSize(1);
        assertThat(diff(block("\"logprobs\": 0.5", "\"logprobs\": [1, 2]"), block("\"logprobs\": 0.5", "\"logprobs\": [2, 1]")))
                .hasSize(2);
        assertThat(diff(block("\"logprobs\": 0.5", "\"logprobs\": [1, 2]"), block("\"logprobs\": 0.5", "\"logprobs\": [1]")))
                .containsExactly("$.logprobs: array of 2 became array of 1");
    }

    @Test
    void assertSameListsEveryDifference() {
        JsonNode expected = CODEC.readTree(BLOCK);
        JsonNode actual = CODEC.readTree(block("\"content\": \"x\"", "\"content\": \"z\"").replace(", \"hint\": null", ""));
        assertThatThrownBy(() -> JsonTrees.assertSame(expected, actual, CODEC.decode(BLOCK, ParseBlock.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.content")
                .hasMessageContaining("$.hint");
    }
}
