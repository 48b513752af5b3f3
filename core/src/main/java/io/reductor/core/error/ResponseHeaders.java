package io.reductor.core.error;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Response-header handling shared by {@link ApiErrors} and {@link ReductoApiException}. */
final class ResponseHeaders {

    /** Headers whose values are credentials: never kept, never shown. */
    private static final Set<String> SENSITIVE = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization");

    private ResponseHeaders() {
    }

    /**
     * An unmodifiable copy whose keys compare ignoring case; same-named headers that differ only in case are merged,
     * {@code null} names and values dropped, and credential headers (see {@link #SENSITIVE}) replaced by
     * {@link ErrorText#REDACTED}.
     */
    static Map<String, List<String>> normalize(Map<String, List<String>> headers) {
        Map<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                String name = entry.getKey();
                if (name == null) {
                    continue;
                }
                List<String> values = merged.computeIfAbsent(name, k -> new ArrayList<>());
                if (SENSITIVE.contains(name.toLowerCase(Locale.ROOT))) {
                    if (values.isEmpty()) {
                        values.add(ErrorText.REDACTED);
                    }
                } else if (entry.getValue() != null) {
                    for (String value : entry.getValue()) {
                        if (value != null) {
                            values.add(value);
                        }
                    }
                }
            }
        }
        merged.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(merged);
    }

    /** The first value of header {@code name} (ignoring case) in any map. */
    static Optional<String> first(Map<String, List<String>> headers, String name) {
        if (headers == null || name == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (name.equalsIgnoreCase(entry.getKey()) && entry.getValue() != null) {
                for (String value : entry.getValue()) {
                    if (value != null) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The credential strings in the {@code Authorization} and {@code Proxy-Authorization} headers of {@code headers},
     * whole and without their scheme, so that a message can be scrubbed of them.
     */
    static Set<String> secrets(Map<String, List<String>> headers) {
        Set<String> secrets = new LinkedHashSet<>();
        if (headers == null) {
            return secrets;
        }
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            String name = entry.getKey();
            if (name == null || entry.getValue() == null || !CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : entry.getValue()) {
                if (value == null) {
                    continue;
                }
                String whole = value.strip();
                addSecret(secrets, whole);
                int space = whole.indexOf(' ');
                if (space > 0) {
                    addSecret(secrets, whole.substring(space + 1).strip());
                }
            }
        }
        return secrets;
    }

    private static void addSecret(Set<String> secrets, String candidate) {
        // Very short values would mangle ordinary words in the message; real credentials are longer.
        if (candidate.length() >= 6) {
            secrets.add(candidate);
        }
    }
}
