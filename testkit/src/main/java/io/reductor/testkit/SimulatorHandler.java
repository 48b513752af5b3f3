package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.reductor.core.error.ReductoDecodeException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The simulator's HTTP layer. Every endpoint is one entry of {@link #routes}, matched once per request: an unknown
 * path is 404, a known path under another method 405. A matched request is counted by its route's name, checked (key,
 * rate limits) unless the route is open, given a drawn fault, and answered by its handler. JSON bodies are parsed and
 * validated against the spec before a handler sees them. Runs on the server's event loops and never blocks: document
 * work happens off the loops ({@link JobRunner}).
 */
final class SimulatorHandler {

    private static final byte[] EMPTY = new byte[0];

    private final Settings settings;
    private final SimulatorCounters counters;
    private final CompletableFuture<SpecValidation> validation;
    private final RateLimiter rateLimiter;
    private final RateLimiter pollLimiter;
    private final Faults faults;
    private final RouteTable routes;
    private final AtomicLong requestIds = new AtomicLong();

    /**
     * A handler serving the simulator's state.
     *
     * @param validation the spec validation, still loading when the first requests may come: a request waits for it
     *                   without blocking its event loop
     * @param baseUrl    the server's base URL, known once it is bound
     * @param workers    where documents are read and results built, off the event loops
     */
    SimulatorHandler(Settings settings, SimulatorCounters counters, JobStore jobs, DocumentStore documents,
                     ResultStorage storage, Map<String, PipelineDefinition> pipelines, Webhooks webhooks,
                     CompletableFuture<SpecValidation> validation, Supplier<String> baseUrl, Scheduler workers) {
        this.settings = settings;
        this.counters = counters;
        this.validation = validation;
        LongSupplier nanos = () -> settings.scheduler().now(TimeUnit.NANOSECONDS);
        this.rateLimiter = settings.rateLimit() > 0 ? new RateLimiter(settings.rateLimit(), nanos) : null;
        this.pollLimiter = settings.jobPollRateLimit() > 0 ? new RateLimiter(settings.jobPollRateLimit(), nanos)
                : null;
        this.faults = new Faults(settings.faults());
        this.routes = routes(jobs, documents, storage, pipelines, webhooks, baseUrl, workers);
    }

    /** Every endpoint: the API's, then the simulator's own storage and portal, served without the key. */
    private RouteTable routes(JobStore jobStore, DocumentStore documents, ResultStorage storage,
                              Map<String, PipelineDefinition> pipelines, Webhooks webhooks, Supplier<String> baseUrl,
                              Scheduler workers) {
        JobRenderer renderer = new JobRenderer(settings, storage, baseUrl);
        InputResolver inputs = new InputResolver(documents, jobStore, settings, baseUrl);
        JobRunner runner = new JobRunner(settings, counters, jobStore, renderer, webhooks, workers);
        JobEndpoints jobs = new JobEndpoints(settings, jobStore, renderer);
        UploadEndpoints uploads = new UploadEndpoints(documents, baseUrl);
        CiteEndpoint cite = new CiteEndpoint(inputs);
        ParseJob parse = new ParseJob(inputs, storage, settings.urlResultThreshold());
        ExtractJob extract = new ExtractJob(inputs);
        SplitJob split = new SplitJob(inputs);
        EditJob edit = new EditJob(inputs, storage, baseUrl);
        PipelineJob pipeline = new PipelineJob(inputs, pipelines, parse);
        ClassifyJob classify = new ClassifyJob(inputs);
        boolean streamUploads = settings.discardUploadContent();
        return new RouteTable(List.of(
                Route.api(SimulatorRoute.PARSE, submit(runner, parse, false)),
                Route.api(SimulatorRoute.PARSE_ASYNC, submit(runner, parse, true)),
                Route.api(SimulatorRoute.EXTRACT, submit(runner, extract, false)),
                Route.api(SimulatorRoute.EXTRACT_ASYNC, submit(runner, extract, true)),
                Route.api(SimulatorRoute.SPLIT, submit(runner, split, false)),
                Route.api(SimulatorRoute.SPLIT_ASYNC, submit(runner, split, true)),
                Route.api(SimulatorRoute.EDIT, submit(runner, edit, false)),
                Route.api(SimulatorRoute.EDIT_ASYNC, submit(runner, edit, true)),
                Route.api(SimulatorRoute.PIPELINE, submit(runner, pipeline, false)),
                Route.api(SimulatorRoute.PIPELINE_ASYNC, submit(runner, pipeline, true)),
                Route.api(SimulatorRoute.CLASSIFY, submit(runner, classify, false)),
                Route.api(SimulatorRoute.CITE, json((call, body) -> Mono.just(cite.cite(body)))),
                streamUploads ? Route.api(SimulatorRoute.UPLOAD, uploads::streamUpload).withStreamedBody()
                        : Route.api(SimulatorRoute.UPLOAD, uploads::upload),
                Route.api(SimulatorRoute.GET_JOB, jobs::job).withAccess(Route.Access.JOB_POLL),
                Route.api(SimulatorRoute.CANCEL_JOB, jobs::cancel),
                Route.api(SimulatorRoute.LIST_JOBS, jobs::list),
                Route.api(SimulatorRoute.CONFIGURE_WEBHOOK, call -> ok(Json.NODES.textNode(baseUrl.get()
                        + "/_webhooks/portal"))),
                Route.api(SimulatorRoute.VERSION, call -> ok(Json.NODES.textNode(settings.version()))),
                Route.open(SimulatorRoute.HEALTH, call -> ok(Json.NODES.textNode("OK"))),
                streamUploads ? Route.open(SimulatorRoute.STORAGE_PUT, uploads::streamStore).withStreamedBody()
                        : Route.open(SimulatorRoute.STORAGE_PUT, uploads::store),
                Route.open(SimulatorRoute.RESULT_GET, call -> Mono.just(storage.get(call.param("id"), call.query()))),
                Route.open(SimulatorRoute.WEBHOOK_PORTAL, call -> Mono.just(webhookPortal()))));
    }

    /** Refills the rate limits' buckets. */
    void resetRateLimits() {
        if (rateLimiter != null) {
            rateLimiter.clear();
        }
        if (pollLimiter != null) {
            pollLimiter.clear();
        }
    }

    private static Mono<Reply> ok(JsonNode body) {
        return Mono.just(Reply.ok(body));
    }

    /** Handles one exchange. */
    Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        Map<String, String> query = new HashMap<>();
        decoder.parameters().forEach((key, values) -> query.put(key, values.isEmpty() ? "" : values.get(0)));
        RouteTable.Match match = routes.match(request.method().name(), decoder.path());
        RouteTable.Found found = match instanceof RouteTable.Found f ? f : null;
        if (found != null && found.route().streamed()) {
            counters.request(found.route().name());
            return serve(new Route.Call(found.route(), request, found.params(), query, EMPTY,
                    takenIn(found.route())), response);
        }
        String length = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && parseLong(length) > settings.maxBodyBytes()) {
            counters.request(found == null ? "UNKNOWN" : found.route().name());
            response.keepAlive(false);
            return send(response, tooLarge(), Faults.Draw.NONE);
        }
        return request.receive().aggregate().asByteArray().defaultIfEmpty(EMPTY)
                .flatMap(body -> {
                    if (found == null) {
                        counters.request("UNKNOWN");
                        return send(response, match instanceof RouteTable.MethodNotAllowed
                                ? Reply.detail(405, "Method Not Allowed") : Reply.detail(404, "Not Found"),
                                Faults.Draw.NONE);
                    }
                    counters.request(found.route().name());
                    Runnable takenIn = takenIn(found.route());
                    if (body.length > settings.maxBodyBytes()) {
                        takenIn.run();
                        return send(response, tooLarge(), Faults.Draw.NONE);
                    }
                    return serve(new Route.Call(found.route(), request, found.params(), query, body, takenIn),
                            response);
                });
    }

    /**
     * Answers a counted call: refuses a protected route's call with a bad key or over the rate limit, injects a drawn
     * fault, and otherwise sends what the route's handler replies (500 if it fails).
     */
    private Mono<Void> serve(Route.Call call, HttpServerResponse response) {
        Route route = call.route();
        if (!route.open()) {
            Reply refused = checkKey(call.request().requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
            if (refused == null) {
                refused = checkRate(route);
            }
            if (refused != null) {
                call.takeIn();
                return send(response, refused, Faults.Draw.NONE);
            }
        }
        Faults.Draw draw = route.open() ? Faults.Draw.NONE : faults.draw(route.name());
        if (draw.kind() == Faults.Kind.UNAVAILABLE) {
            counters.fault("503");
            call.takeIn();
            return send(response, Reply.detail(503, "Service temporarily unavailable"), draw);
        }
        return Mono.defer(() -> route.handler().handle(call))
                .onErrorResume(e -> Mono.just(Reply.detail(500, "Internal server error: " + e)))
                .doOnNext(reply -> call.takeIn())
                .flatMap(reply -> send(response, reply, draw));
    }

    /** Counts a request of {@code route} as taken in, once, however often it runs. */
    private Runnable takenIn(Route route) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                counters.takenIn(route.name());
            }
        };
    }

    /** A handler creating a job of {@code kind}; {@code asyncRoute} for the {@code _async} endpoints. */
    private Route.Handler submit(JobRunner runner, JobKind<?> kind, boolean asyncRoute) {
        return json((call, body) -> runner.submit(kind, asyncRoute, body, call::takeIn));
    }

    /**
     * A handler of a JSON body: a missing or malformed body, or one the spec does not allow for the route, is
     * answered with 422 before {@code handler} sees it.
     */
    private Route.Handler json(BiFunction<Route.Call, JsonNode, Mono<Reply>> handler) {
        return call -> {
            if (call.body().length == 0) {
                ObjectNode issue = Reply.issue(Json.NODES.arrayNode().add("body"), "Field required", "missing");
                issue.putNull("input");
                return Mono.just(Reply.validation(Json.NODES.arrayNode().add(issue)));
            }
            JsonNode json;
            try {
                json = Json.codec().readTree(call.body());
            } catch (ReductoDecodeException e) {
                ObjectNode issue = Reply.issue(Json.NODES.arrayNode().add("body").add(0), "JSON decode error",
                        "json_invalid");
                issue.putObject("input");
                issue.putObject("ctx").put("error", "Expecting value");
                return Mono.just(Reply.validation(Json.NODES.arrayNode().add(issue)));
            }
            return Mono.fromFuture(validation, true).flatMap(spec -> {
                ArrayNode issues = spec.validate(call.route().name(), json);
                return issues.isEmpty() ? handler.apply(call, json) : Mono.just(Reply.validation(issues));
            });
        };
    }

    private Reply webhookPortal() {
        return new Reply(200, "text/html", ("<html><body><h1>Simulated webhook portal</h1><p>Svix deliveries go to "
                + (settings.svixUrl() == null ? "nowhere" : settings.svixUrl().get()) + ".</p></body></html>")
                .getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static Reply tooLarge() {
        return Reply.detail(413, "Request body too large");
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Reply checkKey(String authorization) {
        if (authorization == null) {
            return Reply.forbiddenHtml();
        }
        String expected = "Bearer " + settings.apiKey();
        return authorization.strip().equals(expected) ? null : Reply.authError();
    }

    private Reply checkRate(Route route) {
        String key = settings.apiKey();
        if (pollLimiter != null && route.access() == Route.Access.JOB_POLL) {
            Duration wait = pollLimiter.acquire(key);
            if (wait != null) {
                counters.rateLimited();
                return Reply.rateLimited(2000, "rate limit exceeded, please use webhooks instead of polling",
                        settings.rateLimitRetryAfter() ? wait : null);
            }
        }
        if (rateLimiter != null) {
            Duration wait = rateLimiter.acquire(key);
            if (wait != null) {
                counters.rateLimited();
                return Reply.rateLimited(1000, "rate limit exceeded, retry with exponential backoff",
                        settings.rateLimitRetryAfter() ? wait : null);
            }
        }
        return null;
    }

    /** Ends a deliberately truncated body. */
    private static final class TruncatedByFaultInjection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TruncatedByFaultInjection() {
            super("response truncated by fault injection", null, false, false);
        }
    }

    private Mono<Void> send(HttpServerResponse response, Reply reply, Faults.Draw draw) {
        Mono<Void> delay = Mono.empty();
        if (!draw.delay().isZero()) {
            counters.fault("delay");
            delay = Mono.delay(draw.delay(), settings.scheduler()).then();
        }
        return delay.then(Mono.defer(() -> {
            if (draw.kind() == Faults.Kind.RESET) {
                counters.fault("reset");
                return Mono.fromRunnable(() -> response.withConnection(connection -> {
                    connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                    connection.channel().close();
                }));
            }
            response.status(HttpResponseStatus.valueOf(reply.status()));
            response.header("x-request-id", "sim-" + requestIds.incrementAndGet());
            if (reply.contentType() != null) {
                response.header(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
            }
            reply.headers().forEach(response::header);
            byte[] body = reply.body();
            response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
            if (draw.kind() == Faults.Kind.TRUNCATED && body.length > 1) {
                counters.fault("truncated");
                // an error after the first half of the body makes Reactor Netty abort the response and close the
                // connection: the client sees a premature close under the full Content-Length
                return response.send(Flux.just(Unpooled.wrappedBuffer(body, 0, body.length / 2))
                                .concatWith(Mono.error(new TruncatedByFaultInjection())))
                        .then().onErrorResume(TruncatedByFaultInjection.class, e -> Mono.fromRunnable(() ->
                                response.withConnection(connection -> connection.channel()
                                        .writeAndFlush(Unpooled.EMPTY_BUFFER)
                                        .addListener(ChannelFutureListener.CLOSE))));
            }
            if (body.length == 0) {
                return response.send().then();
            }
            return response.send(Mono.just(Unpooled.wrappedBuffer(body))).then();
        }));
    }
}
