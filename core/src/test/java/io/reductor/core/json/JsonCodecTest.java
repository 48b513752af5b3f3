package io.reductor.core.json;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.reductor.core.error.ReductoDecodeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {

    static final class Shade extends ApiEnum {
        static final Shade LIGHT = new Shade("light");
        static final Shade DARK = new Shade("Dark");
        private static final Known<Shade> KNOWN = Known.of(Shade::new, LIGHT, DARK);

        private Shade(String value) {
            super(value);
        }

        @JsonCreator
        static Shade of(String value) {
            return KNOWN.resolve(value);
        }

        @Override
        public boolean isKnown() {
            return KNOWN.contains(this);
        }
    }

    record Inner(Integer pageNumber, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> additionalProperties) {
        Inner {
            additionalProperties = Immutable.extras(additionalProperties);
        }
    }

    record Outer(String jobId, Shade shade, Nullable<Shade> confidence, List<Inner> items,
                 @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> additionalProperties) {
        Outer {
            confidence = confidence == null ? Nullable.absent() : confidence;
            items = Immutable.list(items);
            additionalProperties = Immutable.extras(additionalProperties);
        }
    }

    private final JsonCodec codec = JsonCodec.standard();

    @Test
    void keepsUnknownFieldsAndWritesThemBackFlat() {
        String json = "{\"job_id\":\"j1\",\"shade\":\"light\",\"items\":[{\"page_number\":2,\"extra\":null,\"n\":3.333333}],"
                + "\"response_type\":\"parse\",\"nested\":{\"a\":[1,2]}}";
        Outer outer = codec.decode(json, Outer.class);

        assertThat(outer.jobId()).isEqualTo("j1");
        assertThat(outer.items().get(0).pageNumber()).isEqualTo(2);
        assertThat(outer.additionalProperties()).containsOnlyKeys("response_type", "nested");
        assertThat(outer.items().get(0).additionalProperties().get("extra").isNull()).isTrue();
        assertThat(codec.toTree(outer)).isEqualTo(codec.readTree(json));
    }

    @Test
    void unknownEnumValuesRoundTripAndKnownOnesCompareIgnoringCase() {
        Outer outer = codec.decode("{\"shade\":\"ultraviolet\"}", Outer.class);
        assertThat(outer.shade().isKnown()).isFalse();
        assertThat(outer.shade().value()).isEqualTo("ultraviolet");
        assertThat(codec.encodeToString(outer)).isEqualTo("{\"shade\":\"ultraviolet\"}");

        Shade dark = codec.decode("{\"shade\":\"dark\"}", Outer.class).shade();
        assertThat(dark).isEqualTo(Shade.DARK).isNotSameAs(Shade.DARK);
        assertThat(dark.isKnown()).isTrue();
        assertThat(dark.value()).isEqualTo("dark");
        assertThat(Shade.of("light")).isSameAs(Shade.LIGHT);
    }

    @Test
    void nullableTellsAbsentFromExplicitNull() {
        Outer absent = codec.decode("{}", Outer.class);
        Outer explicitNull = codec.decode("{\"confidence\":null}", Outer.class);
        Outer value = codec.decode("{\"confidence\":\"dark\"}", Outer.class);

        assertThat(absent.confidence().isAbsent()).isTrue();
        assertThat(explicitNull.confidence().isNull()).isTrue();
        assertThat(value.confidence().get()).isEqualTo(Shade.DARK);
        assertThat(codec.encodeToString(absent)).isEqualTo("{}");
        assertThat(codec.encodeToString(explicitNull)).isEqualTo("{\"confidence\":null}");
        assertThat(codec.encodeToString(value)).isEqualTo("{\"confidence\":\"dark\"}");
    }

    @Test
    void decodeFailuresNameTheTypeAndThePath() {
        assertThatThrownBy(() -> codec.decode("{\"items\":[{},{\"page_number\":\"two\"}]}", Outer.class))
                .isInstanceOf(ReductoDecodeException.class)
                .hasMessageStartingWith("Could not decode Outer at $.items[1].page_number: ")
                .satisfies(e -> assertThat(((ReductoDecodeException) e).jsonPath()).isEqualTo("$.items[1].page_number"));
        assertThatThrownBy(() -> codec.decode("{\"job_id\":", Outer.class))
                .isInstanceOf(ReductoDecodeException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> codec.decode("null", Outer.class))
                .isInstanceOf(ReductoDecodeException.class)
                .hasMessageContaining("empty or null");
    }

    @Test
    void copiedTokensAreReadWithTheNumberParsingOfTheParserTheyWereCopiedFrom() throws IOException {
        for (boolean fast : new boolean[] {true, false}) {
            JsonFactory factory = JsonFactory.builder()
                    .configure(StreamReadFeature.USE_FAST_DOUBLE_PARSER, fast).build();
            try (JsonParser source = factory.createParser("[0.1234567890123456789, 2.5e-3]")) {
                source.nextToken();
                TokenBuffer tokens = TokenBuffer.asCopyOfValue(source);

                try (JsonParser replayed = JsonCodec.replay(tokens, source)) {
                    assertThat(replayed.isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER)).isEqualTo(fast);
                    replayed.nextToken();
                    replayed.nextToken();
                    assertThat(replayed.getDoubleValue()).isEqualTo(0.1234567890123456789);
                    replayed.nextToken();
                    assertThat(replayed.getDoubleValue()).isEqualTo(2.5e-3);
                }
            }
        }
    }
}
