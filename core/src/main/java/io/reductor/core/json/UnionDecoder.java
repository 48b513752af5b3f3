package io.reductor.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;
import java.util.List;

/**
 * Base of the decoders of Reductor's union types: reads the JSON value as a tree, lets the subclass pick the variant
 * by discriminator or by shape, and binds the tree to it. A value no variant fits is kept as raw JSON by the union's
 * {@code Unknown} variant rather than forced into the wrong type.
 *
 * @param <T> the union type
 */
public abstract class UnionDecoder<T> extends StdDeserializer<T> {

    private static final long serialVersionUID = 1L;

    /** Creates a decoder for {@code union}. */
    protected UnionDecoder(Class<T> union) {
        super(union);
    }

    @Override
    public final T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return decode(context.readTree(parser), context);
    }

    /**
     * Picks the variant for {@code json} and decodes it.
     *
     * @param json    the value, never a JSON null (those decode to {@code null})
     * @param context the context to bind nested values with ({@link #read})
     */
    protected abstract T decode(JsonNode json, DeserializationContext context) throws IOException;

    /** Binds {@code json} to {@code type} with the codec's configuration. */
    protected static <V> V read(JsonNode json, Class<V> type, DeserializationContext context) throws IOException {
        return context.readTreeAsValue(json, type);
    }

    /** Binds a JSON array to a list of {@code type}. */
    protected static <V> List<V> readList(JsonNode json, Class<V> type, DeserializationContext context)
            throws IOException {
        return context.readTreeAsValue(json, context.getTypeFactory().constructCollectionType(List.class, type));
    }

    /** The text of a string field of an object, or {@code null} when absent or not a string. */
    protected static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
