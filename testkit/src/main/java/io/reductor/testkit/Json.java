package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.json.JsonCodec;

/** The simulator's JSON: Reductor's own codec, so that what it writes is exactly the wire format of the records. */
final class Json {

    static final JsonCodec CODEC = JsonCodec.standard();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** A record (or any value) as a tree, as the codec writes it. */
    static JsonNode tree(Object value) {
        return CODEC.toTree(value);
    }

    /** A record (or tree) as UTF-8 JSON. */
    static byte[] bytes(Object value) {
        return CODEC.encode(value);
    }

    /** A new empty object. */
    static ObjectNode object() {
        return NODES.objectNode();
    }
}
