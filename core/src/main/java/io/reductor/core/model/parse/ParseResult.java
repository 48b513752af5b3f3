package io.reductor.core.model.parse;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.RawJson;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;

/**
 * The {@code result} of a parse: the chunks themselves ({@link FullResult}, {@code type: "full"}), or, when they are
 * too large for one response (around 6 MB, or when {@code settings.force_url_result} is set), a presigned URL to them
 * ({@link UrlResult}, {@code type: "url"}). The body behind the URL is a whole {@link FullResult}. Chosen by
 * {@code type}, then by shape; anything else is kept as raw JSON in {@link Unknown}. A response-side union: see
 * {@link UnionDecoder} for the rule on unknown shapes.
 */
@JsonDeserialize(using = ParseResult.Decoder.class)
public sealed interface ParseResult permits FullResult, UrlResult, ParseResult.Unknown {

    /**
     * A parse result of a kind this version does not know.
     *
     * @param json the result as received
     */
    record Unknown(JsonNode json) implements ParseResult, RawJson {
        /** Checks the JSON is given. */
        public Unknown {
            RawJson.require(json);
        }
    }

    /** Reads by {@code type}; without one, {@code chunks} means full and {@code url} means URL. */
    final class Decoder extends UnionDecoder<ParseResult> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(ParseResult.class, FullResult.class, UrlResult.class);
        }

        @Override
        protected String leadingTag() {
            return "type";
        }

        @Override
        protected TaggedReader<ParseResult> tagged(String tag) {
            return switch (tag) {
                case "full" -> (object, context) -> read(object, FullResult.class, context);
                case "url" -> (object, context) -> read(object, UrlResult.class, context);
                default -> null;
            };
        }

        @Override
        protected ParseResult decodeBuffered(Buffered value, DeserializationContext context) throws IOException {
            String type = value.text("type");
            return "full".equals(type) ? read(value, FullResult.class, context)
                    : "url".equals(type) ? read(value, UrlResult.class, context) : null;
        }

        @Override
        protected ParseResult decode(JsonNode json, DeserializationContext context) throws IOException {
            if (!json.isObject()) {
                return new Unknown(json);
            }
            String type = text(json, "type");
            if ("full".equals(type) || (type == null && json.has("chunks"))) {
                return read(json, FullResult.class, context);
            }
            if ("url".equals(type) || (type == null && json.has("url"))) {
                return read(json, UrlResult.class, context);
            }
            return new Unknown(json);
        }
    }
}
