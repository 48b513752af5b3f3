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
        String value = HttpResult.header(headers, "content-length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
