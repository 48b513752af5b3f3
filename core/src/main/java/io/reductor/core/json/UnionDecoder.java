package io.reductor.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.util.JsonParserSequence;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.TreeTraversingParser;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the decoders of Reductor's union types: lets the subclass pick the variant by discriminator or by shape,
 * and binds the value to it. The value is first copied as tokens ({@link Buffered}), which costs far less than a
 * tree; a subclass that can pick the variant from them ({@link #decodeBuffered}: a discriminator such as
 * {@code response_type}, or whether the value is an object) binds it from the tokens, and only the others build the
 * tree that {@link #decode(JsonNode, DeserializationContext)} inspects.
 *
 * <p>What a union does with a value none of its variants fits depends on which side of the API it is on, as the
 * API's spec and the model place it; each union's Javadoc says which:
 * <ul>
 *   <li><b>Response side</b>, the service's answers ({@code ParseResult}, {@code ExtractResult}, {@code SplitOutput},
 *   {@code PipelineParseOutput}, {@code PipelineExtractOutput}, {@code JobResult}): a value of a shape or kind this
 *   version does not know decodes to the union's {@code Unknown} variant, a {@link RawJson} that keeps the value as
 *   received and encodes back to the same JSON. Never an exception, never a variant chosen by default: the API adds
 *   kinds of results, and a client that fails on them or reads them as something else loses the user's data.</li>
 *   <li><b>Request side</b>, what users build ({@code DocumentInput}, {@code PageSelection}, {@code TableSplitSize},
 *   {@code CiteSource}, {@code WebhookConfig}, {@code AgenticOption}): the factories and constructors check their
 *   values and fail with an {@link IllegalArgumentException} naming the field and the value. Decoding one (a simulator
 *   reading a request, a request read from a file) fails with a typed decode error on a value no variant fits. The
 *   request-side unions chosen by a field ({@code WebhookConfig} by {@code mode}, {@code AgenticOption} by
 *   {@code scope}) also have an {@code Unknown} variant, so that a kind newer than this version can be sent: it holds
 *   a JSON object of a kind this version does not know, and refuses anything else.</li>
 * </ul>
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
    /** The deserializers of the variants, by class, for a bind that constructs no type. */
    private final transient Map<Class<?>, JsonDeserializer<Object>> resolvedVariants = new ConcurrentHashMap<>();
    /** The deserializers of the variants and of lists of them, by type, for binds from a tree. */
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
            JsonDeserializer<Object> deserializer = context.findRootValueDeserializer(type);
            resolvedVariants.put(variant, deserializer);
            resolved.put(type, deserializer);
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
        T streamed = decodeObject(parser, context);
        if (streamed != null) {
            return streamed;
        }
        String tagField = leadingTag();
        TokenBuffer copy;
        if (tagField != null && parser.currentToken() == JsonToken.START_OBJECT) {
            // the tag first, as the service sends it: read it, then bind the object with its first field replayed
            copy = context.bufferForInputBuffering(parser);
            copy.writeStartObject();
            if (parser.nextToken() == JsonToken.FIELD_NAME && tagField.equals(parser.currentName())) {
                JsonToken tag = parser.nextToken();
                TaggedReader<T> reader = tag == JsonToken.VALUE_STRING ? tagged(parser.getText()) : null;
                copy.writeFieldName(tagField);
                copy.copyCurrentStructure(parser);
                if (reader != null) {
                    // not closed: closing it would close the parser it continues with
                    JsonParser object = new LeadingField(JsonCodec.replay(copy, parser), parser);
                    object.nextToken();
                    return reader.read(object, context);
                }
                parser.nextToken();
            }
            // otherwise the whole object is copied, as below
            for (JsonToken token = parser.currentToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                copy.copyCurrentStructure(parser);
            }
            copy.writeEndObject();
        } else {
            copy = context.bufferAsCopyOfValue(parser);
        }
        Buffered value = new Buffered(copy, parser);
        T decoded = decodeBuffered(value, context);
        if (decoded != null) {
            return decoded;
        }
        try (JsonParser tokens = value.parser()) {
            return decode(context.readTree(tokens), context);
        }
    }

    /**
     * The field whose string value names the variant, such as {@code response_type}: when an object starts with it,
     * {@link #tagged} picks the reader and the object is bound without being copied. The default has none.
     *
     * @return the field's name, or {@code null}
     */
    protected String leadingTag() {
        return null;
    }

    /**
     * The reader of objects whose {@link #leadingTag()} is {@code tag}. The default knows no tag.
     *
     * @param tag the tag's value
     * @return the reader, or {@code null} when the tag does not decide the variant
     */
    protected TaggedReader<T> tagged(String tag) {
        return null;
    }

    /**
     * Reads one variant of a union from a parser on the object's {@code START_OBJECT}.
     *
     * @param <T> the union type
     */
    @FunctionalInterface
    protected interface TaggedReader<T> {
        /** Reads the object. */
        T read(JsonParser object, DeserializationContext context) throws IOException;
    }

    /**
     * Decodes the value straight from the parser, without copying it, when it is an object and the union has one
     * variant for every object. The default decides nothing.
     *
     * @param parser  on the value's first token, which the override may only look at before it decides
     * @param context the context to bind with ({@link #read(JsonParser, Class, DeserializationContext)})
     * @return the decoded value, or {@code null}, having read nothing, to decide by {@link #decodeBuffered}
     */
    protected T decodeObject(JsonParser parser, DeserializationContext context) throws IOException {
        return null;
    }

    /** Binds the value the parser is on to {@code type} with the codec's configuration. */
    @SuppressWarnings("unchecked")
    protected <V> V read(JsonParser parser, Class<V> type, DeserializationContext context) throws IOException {
        JsonDeserializer<Object> deserializer = resolvedVariants.get(type);
        if (parser instanceof LeadingField object && object.isOnStart()
                && deserializer instanceof RecordModule.RecordDeserializer record
                && record.readsAfterLeadingField(context)) {
            return (V) record.deserializeAfterLeadingField(object.leading, object.rest, context);
        }
        return deserializer != null ? (V) deserializer.deserialize(parser, context) : context.readValue(parser, type);
    }

    /**
     * Picks the variant from the value's tokens and decodes it, when that can be done without a tree: by a
     * discriminator or by the kind of value. The default decides nothing.
     *
     * @param value   the value as tokens, never a JSON null
     * @param context the context to bind with ({@link #read(Buffered, Class, DeserializationContext)})
     * @return the decoded value, or {@code null} to decide from the tree with {@link #decode}
     */
    protected T decodeBuffered(Buffered value, DeserializationContext context) throws IOException {
        return null;
    }

    /** Binds the buffered {@code value} to {@code type} with the codec's configuration. */
    protected <V> V read(Buffered value, Class<V> type, DeserializationContext context) throws IOException {
        try (JsonParser parser = value.parser()) {
            return read(parser, type, context);
        }
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

    private <V> V bind(JsonNode json, JavaType type, DeserializationContext context) throws IOException {
        if (!resolved.containsKey(type)) {
            return context.readTreeAsValue(json, type);
        }
        try (JsonParser parser = new NodeParser(json, context.getParser().getCodec())) {
            parser.nextToken();
            return bind(parser, type, context);
        }
    }

    /** Binds the value the parser is on with the deserializer resolved for {@code type}, or Jackson's own. */
    @SuppressWarnings("unchecked")
    private <V> V bind(JsonParser parser, JavaType type, DeserializationContext context) throws IOException {
        JsonDeserializer<Object> deserializer = resolved.get(type);
        return deserializer != null ? (V) deserializer.deserialize(parser, context) : context.readValue(parser, type);
    }

    /** The text of a string field of an object, or {@code null} when absent or not a string. */
    protected static String text(JsonNode json, String field) {
        return RawJson.text(json, field);
    }

    /** Whether {@code json} is an array whose elements are all objects (or JSON nulls). */
    protected static boolean isArrayOfObjects(JsonNode json) {
        if (!json.isArray()) {
            return false;
        }
        for (JsonNode element : json) {
            if (!element.isObject() && !element.isNull()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A union's value copied as tokens: cheap to make, read again as often as needed, and enough to find a
     * discriminator without building a tree.
     */
    protected static final class Buffered {
        private final TokenBuffer tokens;
        private final JsonParser source;

        Buffered(TokenBuffer tokens, JsonParser source) {
            this.tokens = tokens;
            this.source = source;
        }

        /** Whether the value is a JSON object. */
        public boolean isObject() {
            return tokens.firstToken() == JsonToken.START_OBJECT;
        }

        /**
         * The text of a string field at the top level of an object, or {@code null} when the value is not an object,
         * has no such field, or the field is not a string.
         */
        public String text(String field) throws IOException {
            if (!isObject()) {
                return null;
            }
            try (JsonParser parser = parser()) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean wanted = field.equals(parser.currentName());
                    JsonToken value = parser.nextToken();
                    if (wanted) {
                        return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    }
                    parser.skipChildren();
                }
                return null;
            }
        }

        /** A parser over the tokens, on the first one. */
        JsonParser parser() throws IOException {
            JsonParser parser = JsonCodec.replay(tokens, source);
            parser.nextToken();
            return parser;
        }
    }

    /**
     * An object whose first field, the tag, was read from {@code rest} and copied into {@code leading}: as a parser it
     * gives the whole object, {@code leading}'s tokens then {@code rest}'s. A record bound from its start reads
     * {@code rest} directly instead ({@link RecordModule.RecordDeserializer#deserializeAfterLeadingField}).
     */
    private static final class LeadingField extends JsonParserSequence {
        private final JsonParser leading;
        private final JsonParser rest;

        LeadingField(JsonParser leading, JsonParser rest) {
            super(false, new JsonParser[] {leading, rest});
            this.leading = leading;
            this.rest = rest;
        }

        /** Whether nothing but the object's {@code START_OBJECT} has been read from this parser. */
        boolean isOnStart() {
            return delegate() == leading && leading.currentToken() == JsonToken.START_OBJECT;
        }
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
