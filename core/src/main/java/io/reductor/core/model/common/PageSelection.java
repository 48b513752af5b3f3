package io.reductor.core.model.common;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.Immutable;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Which pages to process ({@code page_range}, 1-indexed): one range, several ranges, a list of page numbers, or, for
 * spreadsheets, a list of sheet names.
 *
 * <p>A request-side union (see {@link UnionDecoder} for the rule): the factories and constructors refuse bad values
 * with an {@link IllegalArgumentException} naming the field and the value, and decoding a value that is none of these
 * shapes fails.
 *
 * <pre>{@code
 * PageSelection.range(1, 5);
 * PageSelection.pages(List.of(1, 3, 8));
 * PageSelection.sheets(List.of("Summary"));
 * }</pre>
 */
@JsonDeserialize(using = PageSelection.Decoder.class)
public sealed interface PageSelection {

    /** Pages {@code start} to {@code end}, both included. */
    static PageSelection range(int start, int end) {
        if (start < 1 || end < start) {
            throw new IllegalArgumentException(
                    "page range must satisfy 1 <= start <= end but was start=" + start + ", end=" + end);
        }
        return new Range(PageRange.builder().start(start).end(end).build());
    }

    /** One range as given. */
    static PageSelection of(PageRange range) {
        return new Range(range);
    }

    /** Several ranges. */
    static PageSelection ranges(List<PageRange> ranges) {
        return new Ranges(ranges);
    }

    /** Individual page numbers. */
    static PageSelection pages(List<Integer> pages) {
        return new Pages(pages);
    }

    /** Spreadsheet sheets by name. */
    static PageSelection sheets(List<String> sheetNames) {
        return new Sheets(sheetNames);
    }

    /**
     * One range.
     *
     * @param range the range
     */
    record Range(@JsonValue PageRange range) implements PageSelection {
        /** Checks the range is given. */
        public Range {
            Objects.requireNonNull(range, "range");
        }
    }

    /**
     * Several ranges.
     *
     * @param ranges the ranges
     */
    record Ranges(@JsonValue List<PageRange> ranges) implements PageSelection {
        /** Copies the list. */
        public Ranges {
            ranges = Immutable.list(Objects.requireNonNull(ranges, "ranges"));
        }
    }

    /**
     * Page numbers.
     *
     * @param pages the 1-indexed page numbers
     */
    record Pages(@JsonValue List<Integer> pages) implements PageSelection {
        /** Checks every page is at least 1 and copies the list. */
        public Pages {
            for (Integer page : Objects.requireNonNull(pages, "pages")) {
                if (page == null || page < 1) {
                    throw new IllegalArgumentException("pages are 1-indexed but the list holds " + page);
                }
            }
            pages = Immutable.list(pages);
        }
    }

    /**
     * Sheet names of a spreadsheet.
     *
     * @param sheetNames the names
     */
    record Sheets(@JsonValue List<String> sheetNames) implements PageSelection {
        /** Copies the list. */
        public Sheets {
            sheetNames = Immutable.list(Objects.requireNonNull(sheetNames, "sheetNames"));
        }
    }

    /** Reads an object as a range and an array by the type of its first element. */
    final class Decoder extends UnionDecoder<PageSelection> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(PageSelection.class, PageRange.class, String.class, Integer.class);
        }

        @Override
        protected PageSelection decode(JsonNode json, DeserializationContext context) throws IOException {
            if (json.isObject()) {
                return new Range(read(json, PageRange.class, context));
            }
            if (json.isArray()) {
                JsonNode first = json.isEmpty() ? null : json.get(0);
                if (first == null || first.isObject()) {
                    return new Ranges(readList(json, PageRange.class, context));
                }
                if (first.isTextual()) {
                    return new Sheets(readList(json, String.class, context));
                }
                return new Pages(readList(json, Integer.class, context));
            }
            return context.reportInputMismatch(PageSelection.class,
                    "expected a page range object or an array but found %s", json.getNodeType());
        }
    }
}
