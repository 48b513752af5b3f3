package io.reductor.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.TreeTraversingParser;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the decoders of Reductor's union types: reads the JSON value as a tree, lets the subclass pick the variant
 * by discriminator or by shape, and binds the tree to it. A value no variant fits is kept as raw JSON by the union's
 * {@code Unknown} variant rather than forced into the wrong type.
 *
 * <p>The deserializers of the variants (and of lists of them) are looked up once, when Jackson resolves this decoder,
 * so decoding never goes back to Jackson's deserializer cache, which builds missing entries behind a lock: a first
 * decode on an event-loop thread must not wait for it.
 *
 * @param <T> the union type
 */
public abstract class UnionDecoder<T> extends StdDeserializer<T> implements ResolvableDeserializer {

    private static final long serialVersionUID = 1L;

    private final Class<?>[] variants;
    private final transient Map<JavaType, JsonDeserializer<Object>> resolved = new ConcurrentHashMap<>();

    /**
     * Creates a decoder for {@code union}.
     *
     * @param variants the types the union's JSON may be bound to with {@link #read} and {@link #readList}
     */
    protected UnionDecoder(Class<T> union, Class<?>... variants) {
        super(union);
        this.variants = variants.clone();
    }

    @Override
    public void resolve(DeserializationContext context) throws JsonMappingException {
        for (Class<?> variant : variants) {
            JavaType type = context.constructType(variant);
            JavaType list = context.getTypeFactory().constructCollectionType(List.class, variant);
            resolved.put(type, context.findRootValueDeserializer(type));
            resolved.put(list, context.findRootValueDeserializer(list));
        }
    }

    @Override
    public final T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser instanceof NodeParser nodes && nodes.node() != null) {
            // A union nested in a variant being bound from a tree: use the tree's node instead of copying it.
            JsonNode json = nodes.node();
            parser.skipChildren();
            return decode(json, context);
        }
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
    protected <V> V read(JsonNode json, Class<V> type, DeserializationContext context) throws IOException {
        return bind(json, context.constructType(type), context);
    }

    /** Binds a JSON array to a list of {@code type}. */
    protected <V> List<V> readList(JsonNode json, Class<V> type, DeserializationContext context)
            throws IOException {
        return bind(json, context.getTypeFactory().constructCollectionType(List.class, type), context);
    }

    @SuppressWarnings("unchecked")
    private <V> V bind(JsonNode json, JavaType type, DeserializationContext context) throws IOException {
        JsonDeserializer<Object> deserializer = resolved.get(type);
        if (deserializer == null) {
            return context.readTreeAsValue(json, type);
        }
        try (JsonParser parser = new NodeParser(json, context.getParser().getCodec())) {
            parser.nextToken();
            return (V) deserializer.deserialize(parser, context);
        }
    }

    /** The text of a string field of an object, or {@code null} when absent or not a string. */
    protected static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /**
     * Walks a tree like Jackson's own tree parser and tells which node it is on, so a nested union reads the node it
     * is given rather than copying the subtree into a new tree at every level of nesting.
     */
    private static final class NodeParser extends TreeTraversingParser {
        private final JsonNode root;
        private JsonNode entered;

        NodeParser(JsonNode root, ObjectCodec codec) {
            super(root, codec);
            this.root = root;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken before = currentToken();
            // Jackson's parser knows the value of a field while on its name, and forgets an object or array it enters.
            JsonNode upcoming = before == null ? root : before == JsonToken.FIELD_NAME ? currentNode() : null;
            JsonToken token = super.nextToken();
            entered = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY ? upcoming : null;
            return token;
        }

        /** The node the parser is on, or {@code null} for an object or array that is an element of an array. */
        JsonNode node() {
            JsonToken token = currentToken();
            return token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY ? entered : currentNode();
        }
    }
}
