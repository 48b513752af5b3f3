package io.reductor.reactor.internal;

import java.util.List;
import java.util.Map;

/** The declared length of a response body, checked before any of it is read. */
final class ContentLength {

    private ContentLength() {
    }

    /** Whether the {@code content-length} header declares more than {@code limit} bytes. */
    static boolean exceeds(Map<String, List<String>> headers, long limit) {
        return declared(headers) > limit;
    }

    /** The length the {@code content-length} header declares, or {@code -1} when there is none or it is not a number. */
    static long declared(Map<String, List<String>> headers) {
        List<String> values = headers.get("content-length");
        if (values == null || values.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(values.get(0).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
