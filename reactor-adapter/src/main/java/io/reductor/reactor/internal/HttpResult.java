package io.reductor.reactor.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A response read whole: status, headers (by lower-case name) and body.
 *
 * @param status  the HTTP status
 * @param headers the headers, by lower-case name
 * @param body    the body bytes, empty when there is none
 */
public record HttpResult(int status, Map<String, List<String>> headers, byte[] body) {

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        return header(headers, name);
    }

    /** The first value of a header in {@code headers} (by lower-case name), or {@code null}. */
    public static String header(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
