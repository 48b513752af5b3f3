package io.reductor.testkit;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import java.util.Map;

/**
 * One endpoint of the simulator: an HTTP method, a path template whose {@code {name}} segments match any one non-empty
 * segment, who may call it, how its body is read, and the handler that answers it.
 *
 * @param method   the HTTP method, as {@code "POST"}
 * @param template the path template, as {@code "/job/{job_id}"}
 * @param access   who may call it, and under which limits
 * @param streamed whether the handler reads the body itself as it arrives (no size limit), instead of being given
 *                 the whole body
 * @param handler  answers a matched request
 */
record Route(String method, String template, Access access, boolean streamed, Handler handler) {

    /** Who may call a route. */
    enum Access {
        /** No key, no rate limit, no faults: storage URLs, health, the webhook portal. */
        OPEN,
        /** The API key, the rate limit and fault injection. */
        API,
        /** As {@link #API}, and the job-poll rate limit too. */
        JOB_POLL
    }

    /** Answers a request matched to a route. */
    @FunctionalInterface
    interface Handler {
        /** The answer; a failed {@code Mono} is answered with 500. */
        Mono<Reply> handle(Call call);
    }

    /**
     * A request matched to a route.
     *
     * @param route   the route
     * @param request the request, for its headers (and its body, on a streamed route)
     * @param params  the path parameters by name
     * @param query   the query parameters (the first value of each)
     * @param body    the whole body; empty on a streamed route
     * @param takenIn counts the request as taken in, the first time it runs
     */
    record Call(Route route, HttpServerRequest request, Map<String, String> params, Map<String, String> query,
                byte[] body, Runnable takenIn) {

        /** A path parameter of the template. */
        String param(String name) {
            return params.get(name);
        }

        /**
         * Marks the request taken in: answered, or held with its wake-ups registered. Only the first call counts, so
         * a held long poll is not counted again when it is answered.
         */
        void takeIn() {
            takenIn.run();
        }
    }

    /** An API route (key, rate limit, faults) given the whole body. */
    static Route api(String method, String template, Handler handler) {
        return new Route(method, template, Access.API, false, handler);
    }

    /** A route served without the key, limits or faults, given the whole body. */
    static Route open(String method, String template, Handler handler) {
        return new Route(method, template, Access.OPEN, false, handler);
    }

    /** An API route (key, rate limit, faults) given the whole body. */
    static Route api(SimulatorRoute route, Handler handler) {
        return api(route.method(), route.pathTemplate(), handler);
    }

    /** A route served without the key, limits or faults, given the whole body. */
    static Route open(SimulatorRoute route, Handler handler) {
        return open(route.method(), route.pathTemplate(), handler);
    }

    /** This route with other access. */
    Route withAccess(Access access) {
        return new Route(method, template, access, streamed, handler);
    }

    /** This route reading its own body as it arrives. */
    Route withStreamedBody() {
        return new Route(method, template, access, true, handler);
    }

    /** How counters, faults and spec validation name the endpoint: {@code "GET /job/{job_id}"}. */
    String name() {
        return method + " " + template;
    }

    /** Whether a key and limits apply. */
    boolean open() {
        return access == Access.OPEN;
    }
}
