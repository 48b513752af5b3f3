package io.reductor.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.JsonCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationIssueTest {

    private final JsonCodec codec = JsonCodec.standard();

    @Test
    void locationJoinsNamesWithDotsAndIndexesWithBrackets() {
        assertThat(issue(List.of("body", "settings", "page_range", 0)).location()).isEqualTo("body.settings.page_range[0]");
        assertThat(issue(List.of("body", "items", 2L, "name")).location()).isEqualTo("body.items[2].name");
        assertThat(issue(List.of(0, "x")).location()).isEqualTo("[0].x");
        assertThat(issue(List.of()).location()).isEmpty();
        assertThat(issue(null).location()).isEmpty();
    }

    @Test
    void decodesTheSpecShapeKeepingUnknownFields() {
        String json = "{\"loc\":[\"body\",\"settings\",\"page_range\",0],\"msg\":\"Input should be a valid integer\","
                + "\"type\":\"int_parsing\",\"input\":\"a\",\"ctx\":{\"error\":\"x\"},\"url\":\"https://errors.pydantic.dev\"}";
        ValidationIssue issue = codec.decode(json, ValidationIssue.class);

        assertThat(issue.loc()).containsExactly("body", "settings", "page_range", 0);
        assertThat(issue.location()).isEqualTo("body.settings.page_range[0]");
        assertThat(issue.msg()).isEqualTo("Input should be a valid integer");
        assertThat(issue.type()).isEqualTo("int_parsing");
        assertThat(issue.input().asText()).isEqualTo("a");
        assertThat(issue.ctx().get("error").asText()).isEqualTo("x");
        assertThat(issue.additionalProperties()).containsOnlyKeys("url");
        assertThat(codec.toTree(issue)).isEqualTo(codec.readTree(json));
    }

    @Test
    void bodyDecodesTheDetailList() {
        String json = "{\"detail\":[{\"loc\":[\"body\",\"input\"],\"msg\":\"Field required\",\"type\":\"missing\"}],"
                + "\"trace\":\"t\"}";
        ValidationErrorBody body = codec.decode(json, ValidationErrorBody.class);

        assertThat(body.detail()).singleElement().extracting(ValidationIssue::location).isEqualTo("body.input");
        assertThat(body.additionalProperties()).containsOnlyKeys("trace");
        assertThat(codec.toTree(body)).isEqualTo(codec.readTree(json));
    }

    @Test
    void componentsAreDefensiveCopies() {
        List<Object> loc = new ArrayList<>(List.of("body"));
        List<ValidationIssue> detail = new ArrayList<>(List.of(issue(loc)));
        ValidationIssue issue = new ValidationIssue(loc, "m", "t", null, null, null);
        ValidationErrorBody body = new ValidationErrorBody(detail, null);
        loc.add("changed");
        detail.clear();

        assertThat(issue.loc()).containsExactly("body");
        assertThat(body.detail()).hasSize(1);
        assertThat(issue.additionalProperties()).isEmpty();
        assertThatThrownBy(() -> issue.loc().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> body.detail().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static ValidationIssue issue(List<Object> loc) {
        return new ValidationIssue(loc, "msg", "type", null, null, Map.<String, JsonNode>of());
    }
}
