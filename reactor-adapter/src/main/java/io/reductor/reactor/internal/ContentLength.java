package io.reductor.reactor.internal;

import java.util.List;
import java.util.Map;

/** The declared length of a response body, checked before any of it is read. */
final class ContentLength {

    private ContentLength() {
    }

    /** Whether the {@code content-length} header declares more than {@code limit} bytes. */
    static boolean exceeds(Map<String, List<String>> headers, long limit) {
        List<String> values = headers.get("content-length");
        if (values == null || values.isEmpty()) {
            return false;
        }
        try {
            return Long.parseLong(values.get(0).trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
