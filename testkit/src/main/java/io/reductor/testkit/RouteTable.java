package io.reductor.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's routes, matched once per request: a path that fits a template and a method gives the route and its
 * path parameters; a path that fits a template under other methods only is {@link MethodNotAllowed} (405); any other
 * path is {@link NotFound} (404). A {@code {name}} segment of a template takes exactly one non-empty segment; other
 * segments must be equal; paths are compared as sent (not decoded, no trailing {@code /} dropped).
 */
final class RouteTable {

    /** What a request's method and path lead to. */
    sealed interface Match permits Found, MethodNotAllowed, NotFound {
    }

    /**
     * A route for the request.
     *
     * @param route  the route
     * @param params its path parameters by name
     */
    record Found(Route route, Map<String, String> params) implements Match {
    }

    /** The path is known, but not under this method. */
    record MethodNotAllowed() implements Match {
    }

    /** No route has this path. */
    record NotFound() implements Match {
    }

    /** A route with its template cut into segments. */
    private record Entry(Route route, String[] segments) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /**
     * A table of {@code routes}.
     *
     * @throws IllegalArgumentException when two routes have the same method and template
     */
    RouteTable(List<Route> routes) {
        for (Route route : routes) {
            if (entries.stream().anyMatch(entry -> entry.route().name().equals(route.name()))) {
                throw new IllegalArgumentException("Two routes for " + route.name());
            }
            entries.add(new Entry(route, segments(route.template())));
        }
    }

    /** The route of a request, or why there is none. */
    Match match(String method, String path) {
        String[] segments = segments(path);
        boolean pathKnown = false;
        for (Entry entry : entries) {
            Map<String, String> params = params(entry.segments(), segments);
            if (params != null) {
                if (entry.route().method().equals(method)) {
                    return new Found(entry.route(), params);
                }
                pathKnown = true;
            }
        }
        return pathKnown ? new MethodNotAllowed() : new NotFound();
    }

    /** The path parameters when {@code path} fits {@code template}, else {@code null}. */
    private static Map<String, String> params(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = Map.of();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                if (params.isEmpty()) {
                    params = new HashMap<>();
                }
                params.put(part.substring(1, part.length() - 1), path[i]);
            } else if (!part.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    /** A path cut at every {@code /}, empty segments kept ({@code "/job/1/"} has four). */
    private static String[] segments(String path) {
        return path.split("/", -1);
    }
}
