package io.reductor.core.json;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.reductor.core.error.ReductoDecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A union whose tag comes first: the variant's record is read from the parser itself after the tag, in one pass, and
 * decodes what Jackson's path over the joined tokens decodes.
 */
class LeadingTagTest {

    private static final JsonCodec ONE_PASS = JsonCodec.standard();
    private static final JsonCodec JACKSON = JsonCodec.withJacksonBinding();

    /** A union of one known kind, chosen by a leading {@code kind}. */
    @JsonDeserialize(using = ShapeDecoder.class)
    sealed interface Shape permits Circle, Unknown {
    }

    /** The known kind; {@code radius} notes the parser it was read from. */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Circle(String kind, Seen radius, String label, @JsonAnySetter Map<String, JsonNode> extra)
            implements Shape {
    }

    /** Anything else, as JSON. */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Unknown(JsonNode json) implements Shape {
    }

    /** A number, and whether it was read through a parser that delegates to another. */
    @JsonDeserialize(using = SeenDecoder.class)
    record Seen(int value, boolean throughDelegate) {
    }

    static final class SeenDecoder extends StdDeserializer<Seen> {
        SeenDecoder() {
            super(Seen.class);
        }

        @Override
        public Seen deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return new Seen(parser.getIntValue(), parser instanceof JsonParserDelegate);
        }
    }

    static final class ShapeDecoder extends UnionDecoder<Shape> {
        ShapeDecoder() {
            super(Shape.class, Circle.class);
        }

        @Override
        protected String leadingTag() {
            return "kind";
        }

        @Override
        protected TaggedReader<Shape> tagged(String tag) {
            return tag.equals("circle") ? (object, context) -> read(object, Circle.class, context) : null;
        }

        @Override
        protected Shape decode(JsonNode json, DeserializationContext context) throws IOException {
            return "circle".equals(text(json, "kind")) ? read(json, Circle.class, context) : new Unknown(json);
        }
    }

    @Test
    void theFieldsAfterTheTagAreReadFromTheParserItself() {
        String json = "{\"kind\":\"circle\",\"radius\":3,\"label\":\"a\",\"colour\":\"red\"}";
        Circle onePass = (Circle) ONE_PASS.decode(json, Shape.class);
        Circle jackson = (Circle) JACKSON.decode(json, Shape.class);
        assertThat(onePass.radius()).isEqualTo(new Seen(3, false));
        assertThat(jackson.radius()).isEqualTo(new Seen(3, true));
        assertThat(onePass.kind()).isEqualTo("circle");
        assertThat(onePass.label()).isEqualTo("a");
        assertThat(onePass.extra()).containsOnlyKeys("colour");
        assertThat(onePass.extra()).isEqualTo(jackson.extra());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"kind\":\"circle\"}",
            "{\"kind\":\"circle\",\"label\":null,\"radius\":1}",
            "{\"radius\":2,\"kind\":\"circle\"}",
            "{\"kind\":\"square\",\"radius\":2}",
            "{\"kind\":7,\"radius\":2}",
            "[{\"kind\":\"circle\",\"radius\":4}]",
            "{\"kind\":\"circle\",\"nested\":{\"kind\":\"circle\",\"radius\":5},\"radius\":6}"})
    void decodesWhatJacksonDecodes(String json) {
        Object onePass = json.startsWith("[") ? ONE_PASS.decode(json, Shape[].class)[0] : ONE_PASS.decode(json,
                Shape.class);
        Object jackson = json.startsWith("[") ? JACKSON.decode(json, Shape[].class)[0] : JACKSON.decode(json,
                Shape.class);
        if (onePass instanceof Circle circle && jackson instanceof Circle other) {
            assertThat(circle.kind()).isEqualTo(other.kind());
            assertThat(circle.label()).isEqualTo(other.label());
            assertThat(circle.extra()).isEqualTo(other.extra());
            assertThat(circle.radius() == null).isEqualTo(other.radius() == null);
            if (circle.radius() != null) {
                assertThat(circle.radius().value()).isEqualTo(other.radius().value());
            }
        } else {
            assertThat(onePass).isEqualTo(jackson);
        }
    }

    @Test
    void aBadValueAfterTheTagFailsAsJacksonFailsWithItsPath() {
        String json = "{\"kind\":\"circle\",\"radius\":\"wide\"}";
        ReductoDecodeException onePass = catchThrowableOfType(ReductoDecodeException.class,
                () -> ONE_PASS.decode(json, Shape.class));
        ReductoDecodeException jackson = catchThrowableOfType(ReductoDecodeException.class,
                () -> JACKSON.decode(json, Shape.class));
        assertThat(onePass).isNotNull().hasMessageContaining("$.radius");
        assertThat(onePass.getMessage()).isEqualTo(jackson.getMessage());
    }
}
