package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.json.JsonCodec;

/**
 * The simulator's JSON: Reductor's own codec, so that what it writes is exactly the wire format of the records. The
 * codec is made at its first use ({@link #codec()}), not when a simulator starts: trees alone do not need it.
 */
final class Json {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Makes the codec when first used, once. */
    private static final class Codec {
        static final JsonCodec INSTANCE = JsonCodec.standard();
    }

    private Json() {
    }

    /** Reductor's codec, made at the first call. */
    static JsonCodec codec() {
        return Codec.INSTANCE;
    }

    /** A record (or any value) as a tree, as the codec writes it. */
    static JsonNode tree(Object value) {
        return codec().toTree(value);
    }

    /** A record (or tree) as UTF-8 JSON. */
    static byte[] bytes(Object value) {
        return codec().encode(value);
    }

    /** A new empty object. */
    static ObjectNode object() {
        return NODES.objectNode();
    }
}
