package io.reductor.core.model.parse;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.RawJson;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;
import java.util.Map;

/**
 * One entry of {@code enhance.agentic}: a vision language model pass over tables, figures or text, chosen by
 * {@code scope}. Each adds cost and latency. A scope this version does not know (or none) is kept as raw JSON in
 * {@link Unknown}, which is also how to send a scope newer than this version. A request-side union (see
 * {@link UnionDecoder} for the rule): values are checked when built, and decoding anything but an object fails.
 */
@JsonDeserialize(using = AgenticOption.Decoder.class)
public sealed interface AgenticOption
        permits AgenticTableOptions, AgenticFigureOptions, AgenticTextOptions, AgenticOption.Unknown {

    /** Agentic table extraction with the default settings. */
    static AgenticOption tables() {
        return AgenticTableOptions.builder().build();
    }

    /** Agentic figure extraction with the default settings. */
    static AgenticOption figures() {
        return AgenticFigureOptions.builder().build();
    }

    /** Agentic text extraction with the default settings. */
    static AgenticOption text() {
        return AgenticTextOptions.builder().build();
    }

    /**
     * An agentic option of a scope this version does not know.
     *
     * @param json the option: an object whose {@code scope} is none of {@code table}, {@code figure} and {@code text}
     */
    record Unknown(JsonNode json) implements AgenticOption, RawJson {
        /**
         * Checks the JSON is an object without a {@code scope} this version knows.
         *
         * @throws IllegalArgumentException otherwise, naming the field and the value
         */
        public Unknown {
            RawJson.requireUnknownKind(json, "scope", Decoder.SCOPES.keySet());
        }
    }

    /** Reads by {@code scope}. */
    final class Decoder extends UnionDecoder<AgenticOption> {
        private static final long serialVersionUID = 1L;

        private static final Map<String, Class<? extends AgenticOption>> SCOPES = Map.of("table",
                AgenticTableOptions.class, "figure", AgenticFigureOptions.class, "text", AgenticTextOptions.class);

        Decoder() {
            super(AgenticOption.class, AgenticTableOptions.class, AgenticFigureOptions.class, AgenticTextOptions.class);
        }

        @Override
        protected AgenticOption decode(JsonNode json, DeserializationContext context) throws IOException {
            if (!json.isObject()) {
                return context.reportInputMismatch(AgenticOption.class,
                        "expected an agentic option object but found %s", json.getNodeType());
            }
            String scope = text(json, "scope");
            Class<? extends AgenticOption> variant = scope != null ? SCOPES.get(scope) : null;
            return variant != null ? read(json, variant, context) : new Unknown(json);
        }
    }
}
