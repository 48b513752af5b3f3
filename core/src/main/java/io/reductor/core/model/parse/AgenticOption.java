package io.reductor.core.model.parse;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;
import java.util.Objects;

/**
 * One entry of {@code enhance.agentic}: a vision language model pass over tables, figures or text, chosen by
 * {@code scope}. Each adds cost and latency. A scope this version does not know is kept as raw JSON.
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
     * @param json the option as received
     */
    record Unknown(@JsonValue JsonNode json) implements AgenticOption {
        /** Checks the JSON is given. */
        public Unknown {
            Objects.requireNonNull(json, "json");
        }
    }

    /** Reads by {@code scope}. */
    final class Decoder extends UnionDecoder<AgenticOption> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(AgenticOption.class, AgenticTableOptions.class, AgenticFigureOptions.class, AgenticTextOptions.class);
        }

        @Override
        protected AgenticOption decode(JsonNode json, DeserializationContext context) throws IOException {
            String scope = json.isObject() ? text(json, "scope") : null;
            if ("table".equals(scope)) {
                return read(json, AgenticTableOptions.class, context);
            }
            if ("figure".equals(scope)) {
                return read(json, AgenticFigureOptions.class, context);
            }
            return "text".equals(scope) ? read(json, AgenticTextOptions.class, context) : new Unknown(json);
        }
    }
}
