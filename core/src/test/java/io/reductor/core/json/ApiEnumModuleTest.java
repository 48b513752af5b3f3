package io.reductor.core.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.model.common.BlockType;
import io.reductor.core.model.common.Confidence;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.parse.ParseBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link ApiEnumModule} reads strings into open enums through their factories, and reads what Jackson's own
 * from-string creator reads: constants as the same instances, other strings kept as sent, other tokens failing with
 * Jackson's messages.
 */
class ApiEnumModuleTest {

    private static final JsonCodec DIRECT = JsonCodec.standard();
    private static final JsonCodec JACKSON = JsonCodec.withJacksonBinding();

    /** An open enum whose factory is not public: Jackson's reader keeps it. */
    static final class Hidden extends ApiEnum {
        private Hidden(String value) {
            super(value);
        }

        @JsonCreator
        static Hidden of(String value) {
            return new Hidden(value);
        }

        @Override
        public boolean isKnown() {
            return false;
        }
    }

    /** An open enum decoded by one test only. */
    static final class Shade extends ApiEnum {
        static final Shade LIGHT = new Shade("Light");
        static final Shade DARK = new Shade("Dark");
        private static final Known<Shade> KNOWN = Known.of(Shade::new, LIGHT, DARK);

        private Shade(String value) {
            super(value);
        }

        @JsonCreator
        public static Shade of(String value) {
            return KNOWN.resolve(value);
        }

        @Override
        public boolean isKnown() {
            return KNOWN.contains(this);
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {BlockType.class, Confidence.class, JobStatus.class, JobType.class})
    void openEnumsAreReadThroughTheirFactory(Class<?> type) throws IOException {
        assertThat(deserializer(DIRECT.mapper(), type)).isInstanceOf(ApiEnumModule.ApiEnumDeserializer.class);
        assertThat(deserializer(JACKSON.mapper(), type)).isNotInstanceOf(ApiEnumModule.ApiEnumDeserializer.class);
    }

    @Test
    void aFactoryThatCannotBeLinkedKeepsJacksonsReader() throws IOException {
        assertThat(ApiEnumModule.factory(Hidden.class)).isNull();
        assertThat(deserializer(DIRECT.mapper(), Hidden.class))
                .isNotInstanceOf(ApiEnumModule.ApiEnumDeserializer.class);
        assertThat(DIRECT.decode("\"x\"".getBytes(), Hidden.class).value()).isEqualTo("x");
    }

    @Test
    void constantsAreTheSameInstancesAndOtherStringsAreKeptAsSent() {
        assertThat(DIRECT.decode("\"Text\"".getBytes(), BlockType.class)).isSameAs(BlockType.TEXT);
        BlockType lowerCase = DIRECT.decode("\"text\"".getBytes(), BlockType.class);
        assertThat(lowerCase).isEqualTo(BlockType.TEXT);
        assertThat(lowerCase.value()).isEqualTo("text");
        BlockType unknown = DIRECT.decode("\"Sticker\"".getBytes(), BlockType.class);
        assertThat(unknown.isKnown()).isFalse();
        assertThat(unknown.value()).isEqualTo("Sticker");
        assertThat(unknown).isEqualTo(JACKSON.decode("\"Sticker\"".getBytes(), BlockType.class));
    }

    @Test
    void valuesInsideRecordsAndListsMatchJacksons() {
        String json = "[{\"type\":\"Table\",\"content\":\"c\",\"bbox\":{\"left\":0,\"top\":0,\"width\":1,"
                + "\"height\":1,\"page\":1},\"confidence\":\"high\"},{\"type\":\"Doodle\",\"content\":\"d\","
                + "\"bbox\":{\"left\":0,\"top\":0,\"width\":1,\"height\":1,\"page\":2},\"confidence\":null}]";
        assertThat(DIRECT.decode(json.getBytes(), ParseBlock[].class))
                .containsExactly(JACKSON.decode(json.getBytes(), ParseBlock[].class));
        assertThat(DIRECT.decode(json.getBytes(), ParseBlock[].class)[0].type()).isSameAs(BlockType.TABLE);
    }

    @Test
    void aConstantReadOnceIsMatchedByItsTextAndUnknownValuesAreNeverRemembered() throws IOException {
        ApiEnumModule.ApiEnumDeserializer reader = (ApiEnumModule.ApiEnumDeserializer) deserializer(DIRECT.mapper(),
                Shade.class);
        assertThat(reader.rememberedTexts()).isEmpty();
        String json = "[\"Light\",\"Light\",\"light\",\"Grey\",\"Grey\",\"Li\\u0067ht\",\"Dark\",\"Lights\","
                + "\"Ligh\",\"\"]";
        Shade[] direct = DIRECT.decode(json.getBytes(), Shade[].class);
        assertThat(direct).containsExactly(JACKSON.decode(json.getBytes(), Shade[].class));
        assertThat(reader.rememberedTexts()).containsExactly("Light", "light", "Dark");
        assertThat(direct[1]).isSameAs(Shade.LIGHT);
        assertThat(direct[5]).isSameAs(Shade.LIGHT);
        assertThat(direct[2].value()).isEqualTo("light");
        assertThat(direct[3].isKnown()).isFalse();
        assertThat(direct[4].value()).isEqualTo("Grey");
        assertThat(direct[7].value()).isEqualTo("Lights");
        assertThat(direct[8].value()).isEqualTo("Ligh");
        assertThat(direct[9].value()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "2.5", "true", "{}", "{\"value\":\"Text\"}", "[\"Text\"]", "[]"})
    void otherTokensFailAsJacksonFails(String token) {
        String json = "{\"type\":" + token + ",\"content\":\"c\",\"bbox\":{\"left\":0,\"top\":0,\"width\":1,"
                + "\"height\":1,\"page\":1}}";
        ReductoDecodeException direct = catchThrowableOfType(ReductoDecodeException.class,
                () -> DIRECT.decode(json.getBytes(), ParseBlock.class));
        ReductoDecodeException jackson = catchThrowableOfType(ReductoDecodeException.class,
                () -> JACKSON.decode(json.getBytes(), ParseBlock.class));
        assertThat(direct).isNotNull();
        assertThat(jackson).isNotNull();
        assertThat(direct.getMessage()).isEqualTo(jackson.getMessage()).contains("$.type");
    }

    @Test
    void aNullIsReadAsJacksonReadsIt() {
        String json = "{\"job_id\":\"j\",\"status\":\"Pending\",\"type\":null}";
        assertThat(DIRECT.decode(json.getBytes(), JobResponse.class))
                .isEqualTo(JACKSON.decode(json.getBytes(), JobResponse.class));
    }

    private static Object deserializer(ObjectMapper mapper, Class<?> type) throws IOException {
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createDummyInstance(mapper.getDeserializationConfig());
        return context.findRootValueDeserializer(mapper.constructType(type));
    }
}
