package io.reductor.reactor.internal;

import io.netty.handler.codec.http.HttpHeaders;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A response's headers as a read-only map by lower-case name, over Netty's headers: a lookup by name
 * ({@code content-length}, {@code retry-after}) reads them where they are, and only iterating copies them, once. Most
 * responses are only ever looked up in, so most are never copied.
 */
final class ResponseHeaderView extends AbstractMap<String, List<String>> {

    private final HttpHeaders headers;
    private Set<Entry<String, List<String>>> entries;

    ResponseHeaderView(HttpHeaders headers) {
        this.headers = headers;
    }

    @Override
    public List<String> get(Object name) {
        if (!(name instanceof String text)) {
            return null;
        }
        List<String> values = headers.getAll(text);
        return values.isEmpty() ? null : Collections.unmodifiableList(values);
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String text && headers.contains(text);
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        if (entries == null) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            for (String name : headers.names()) {
                copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(headers.getAll(name)));
            }
            entries = Collections.unmodifiableMap(copy).entrySet();
        }
        return entries;
    }
}
