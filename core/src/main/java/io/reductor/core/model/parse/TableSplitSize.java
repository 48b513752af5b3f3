package io.reductor.core.model.parse;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;
import java.util.Objects;

/**
 * How large the pieces of a split table are ({@code spreadsheet.split_large_tables.size}): one number of rows, or
 * separate row and column counts. The service's default is 50.
 *
 * <p>A request-side union (see {@link UnionDecoder} for the rule): the factories and constructors refuse bad values
 * with an {@link IllegalArgumentException} naming the field and the value, and decoding a value that is neither shape
 * fails.
 */
@JsonDeserialize(using = TableSplitSize.Decoder.class)
public sealed interface TableSplitSize {

    /** Pieces of {@code rows} rows. */
    static TableSplitSize rows(int rows) {
        return new Uniform(rows);
    }

    /** Pieces sized by rows and columns independently. */
    static TableSplitSize of(LargeTableSplitSize size) {
        return new RowsAndColumns(size);
    }

    /**
     * One size for every piece.
     *
     * @param size the number of rows per piece, at least 1
     */
    record Uniform(@JsonValue int size) implements TableSplitSize {
        /** Checks the size is positive. */
        public Uniform {
            if (size < 1) {
                throw new IllegalArgumentException("size must be at least 1 but was " + size);
            }
        }
    }

    /**
     * Separate row and column counts.
     *
     * @param size the counts
     */
    record RowsAndColumns(@JsonValue LargeTableSplitSize size) implements TableSplitSize {
        /** Checks the counts are given. */
        public RowsAndColumns {
            Objects.requireNonNull(size, "size");
        }
    }

    /** Reads a number as a uniform size and an object as row and column counts. */
    final class Decoder extends UnionDecoder<TableSplitSize> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(TableSplitSize.class, LargeTableSplitSize.class);
        }

        @Override
        protected TableSplitSize decode(JsonNode json, DeserializationContext context) throws IOException {
            if (json.isIntegralNumber()) {
                return new Uniform(json.intValue());
            }
            if (json.isObject()) {
                return new RowsAndColumns(read(json, LargeTableSplitSize.class, context));
            }
            return context.reportInputMismatch(TableSplitSize.class,
                    "expected an integer or an object with row and column but found %s", json.getNodeType());
        }
    }
}
