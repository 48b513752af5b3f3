package io.reductor.core.json;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.error.ReductoException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the Reducto wire format. Reductor's one JSON codec: it owns a privately configured Jackson
 * {@link ObjectMapper} and never touches an application's global one.
 *
 * <p>Its rules: {@code snake_case} on the wire; fields the model does not know are kept by each record and written
 * back; fields that are absent stay absent on write; unknown enum-like strings decode into open values
 * ({@link ApiEnum}); a field the model marks required (the few a success cannot be without, such as a job's
 * {@code status}) must be present, and not null unless the spec allows it; and every decoding failure becomes a
 * {@link ReductoDecodeException} naming the target type and the JSON path of the offending value. Instances are
 * immutable and thread-safe; {@link #standard()} is shared.
 */
public final class JsonCodec {

    private static final JsonCodec STANDARD = new JsonCodec(newMapper(true));

    /** The parser features that decide how numbers are parsed. */
    private static final int NUMBER_PARSING = StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature().getMask()
            | StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER.mappedFeature().getMask();

    private final ObjectMapper mapper;
    /** A reader per decoded class, made once: it holds the root deserializer, so a decode looks nothing up. */
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return mapper.readerFor(type);
        }
    };

    /** The same, for streams, which a decode leaves open. */
    private final ClassValue<ObjectReader> streamReaders = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return readers.get(type).without(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE);
        }
    };

    private JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The shared codec with Reductor's configuration. */
    public static JsonCodec standard() {
        return STANDARD;
    }

    /**
     * A codec like {@link #standard()} that binds records and open enums through Jackson's own creator paths instead
     * of {@link RecordModule}'s one pass and {@link ApiEnumModule}'s direct factory calls; package-private, for tests
     * that compare the two.
     */
    static JsonCodec withJacksonBinding() {
        return new JsonCodec(newMapper(false));
    }

    /** This codec's mapper; package-private, for tests that look at the deserializers it builds. */
    ObjectMapper mapper() {
        return mapper;
    }

    /** Decodes a UTF-8 JSON document into {@code type}. */
    public <T> T decode(byte[] json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        ObjectReader reader = readers.get(type);
        return decode(type, reader.getValueType(), () -> reader.readValue(json));
    }

    /** Decodes a JSON document into {@code type}. */
    public <T> T decode(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        ObjectReader reader = readers.get(type);
        return decode(type, reader.getValueType(), () -> reader.readValue(json));
    }

    /** Decodes a UTF-8 JSON document into a generic type such as {@code List<Upload>}. */
    public <T> T decode(byte[] json, TypeReference<T> type) {
        Objects.requireNonNull(json, "json");
        JavaType javaType = mapper.constructType(type);
        return decode(type.getType(), javaType, () -> mapper.readValue(json, javaType));
    }

    /** Decodes a UTF-8 JSON document from a stream, which is read to its end but not closed. */
    public <T> T decode(InputStream json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        ObjectReader reader = streamReaders.get(type);
        return decode(type, reader.getValueType(), () -> reader.readValue(json));
    }

    /** Converts an already parsed tree into {@code type}. */
    public <T> T decode(JsonNode json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        ObjectReader reader = readers.get(type);
        return decode(type, reader.getValueType(), () -> reader.readValue(json));
    }

    /**
     * A single-use decoder of one UTF-8 JSON document of {@code type} that is fed in pieces as they arrive, so a large
     * body is decoded without being held as bytes; it binds with this codec's configuration.
     */
    public <T> StreamingJsonDecoder<T> streamingDecoder(Class<T> type) {
        Objects.requireNonNull(type, "type");
        try {
            return new StreamingJsonDecoder<>(this, type, mapper.getFactory().createNonBlockingByteArrayParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Binds the tokens of a whole document, buffered by {@link StreamingJsonDecoder} from {@code source}, to
     * {@code type}.
     */
    <T> T decode(TokenBuffer tokens, JsonParser source, Class<T> type) {
        ObjectReader reader = readers.get(type);
        return decode(type, reader.getValueType(), () -> {
            try (JsonParser parser = replay(tokens, source)) {
                return reader.readValue(parser);
            }
        });
    }

    /**
     * A parser over tokens copied from {@code source} that reads numbers as {@code source} does: a token buffer keeps
     * a decimal as text, and its parser does not inherit the fast double parser this codec enables.
     */
    static JsonParser replay(TokenBuffer tokens, JsonParser source) {
        JsonParser parser = tokens.asParser(source);
        parser.overrideStdFeatures(source.getFeatureMask(), NUMBER_PARSING);
        return parser;
    }

    /**
     * Builds and caches Jackson's readers and writers for {@code types} (and everything they contain) now. Jackson
     * creates them on first use behind a lock; calling this once at start-up means the first decode on an event-loop
     * thread never waits for that lock.
     */
    public void prepare(Class<?>... types) {
        for (Class<?> type : types) {
            readers.get(type);
            mapper.writerFor(type);
        }
    }

    /** Parses a UTF-8 JSON document into a tree without binding it to a model type. */
    public JsonNode readTree(byte[] json) {
        Objects.requireNonNull(json, "json");
        return decode(JsonNode.class, mapper.constructType(JsonNode.class), () -> mapper.readTree(json));
    }

    /** Parses a JSON document into a tree without binding it to a model type. */
    public JsonNode readTree(String json) {
        Objects.requireNonNull(json, "json");
        return decode(JsonNode.class, mapper.constructType(JsonNode.class), () -> mapper.readTree(json));
    }

    /** Encodes a model value (or any value Jackson can write) as UTF-8 JSON. */
    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new ReductoException("Could not encode " + typeOf(value) + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Encodes a model value as a JSON string. */
    public String encodeToString(Object value) {
        return new String(encode(value), StandardCharsets.UTF_8);
    }

    /** Turns a model value into a JSON tree, as it would be written on the wire. */
    public JsonNode toTree(Object value) {
        try {
            return mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new ReductoException("Could not encode " + typeOf(value) + " as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The JSON properties this codec writes for {@code type}, by wire name (after the naming strategy and any
     * {@code @JsonProperty}), each with its declared type; the catch-all of unknown fields ({@code @JsonAnyGetter}) is
     * left out. Package-private: the spec-coverage test compares these names with the API description.
     */
    Map<String, JavaType> wireProperties(Class<?> type) {
        BeanDescription description = mapper.getSerializationConfig().introspect(mapper.constructType(type));
        Map<String, JavaType> properties = new LinkedHashMap<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.getAccessor() != null && property.getAccessor().hasAnnotation(JsonAnyGetter.class)) {
                continue;
            }
            properties.put(property.getName(), property.getPrimaryType());
        }
        return Collections.unmodifiableMap(properties);
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    private interface Read<T> {
        T read() throws IOException;
    }

    private static <T> T decode(Type target, JavaType javaType, Read<T> read) {
        try {
            T value = read.read();
            if (value == null && !javaType.isReferenceType()) {
                throw new ReductoDecodeException(target, "$", "the document is empty or null", null);
            }
            return value;
        } catch (JsonMappingException e) {
            throw new ReductoDecodeException(target, JsonPaths.of(e.getPath()), JsonPaths.problem(e), e);
        } catch (JsonProcessingException e) {
            throw new ReductoDecodeException(target, "$", "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ReductoDecodeException(target, "$", e.getMessage(), e);
        }
    }

    private static ObjectMapper newMapper(boolean directBinding) {
        JsonMapper.Builder builder = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                // leave out absent fields, but keep nulls inside maps and lists as sent
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
                        JsonInclude.Include.ALWAYS))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
                .enable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                // results carry thousands of coordinates and confidences: the same doubles, parsed faster
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .addModule(new NullableModule());
        if (directBinding) {
            builder.addModule(new RecordModule()).addModule(new ApiEnumModule());
        }
        return builder.build();
    }
}
