package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.model.job.JobType;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The simulator's HTTP layer: routes requests, counts them, checks the key, rate limits, validates bodies against the
 * spec, injects faults, and sends the answers. Runs on the server's event loops and never blocks: document work
 * happens in {@link Processing} off the loops.
 */
final class SimulatorHandler {

    private static final Set<String> JOB_PATHS = Set.of("/parse", "/parse_async", "/extract", "/extract_async",
            "/split", "/split_async", "/edit", "/edit_async", "/pipeline", "/pipeline_async", "/classify");
    private static final Duration MAX_LONG_POLL = Duration.ofMinutes(5);
    private static final byte[] EMPTY = new byte[0];
    private static final String UPLOAD = "POST /upload";
    private static final String STORAGE_PUT = "PUT /_storage/{token}";

    private final Settings settings;
    private final SimulatorCounters counters;
    private final JobStore jobs;
    private final DocumentStore documents;
    private final ResultStorage storage;
    private final Processing processing;
    private final SpecValidation validation;
    private final RateLimiter rateLimiter;
    private final RateLimiter pollLimiter;
    private final Faults faults;
    private final Supplier<String> baseUrl;
    private final AtomicLong requestIds = new AtomicLong();

    SimulatorHandler(Settings settings, SimulatorCounters counters, JobStore jobs, DocumentStore documents,
                     ResultStorage storage, Processing processing, SpecValidation validation,
                     Supplier<String> baseUrl) {
        this.settings = settings;
        this.counters = counters;
        this.jobs = jobs;
        this.documents = documents;
        this.storage = storage;
        this.processing = processing;
        this.validation = validation;
        this.baseUrl = baseUrl;
        java.util.function.LongSupplier nanos = () -> settings.scheduler().now(java.util.concurrent.TimeUnit.NANOSECONDS);
        this.rateLimiter = settings.rateLimit() > 0 ? new RateLimiter(settings.rateLimit(), nanos) : null;
        this.pollLimiter = settings.jobPollRateLimit() > 0 ? new RateLimiter(settings.jobPollRateLimit(), nanos)
                : null;
        this.faults = new Faults(settings.faults());
    }

    /**
     * A matched route.
     *
     * @param name  the endpoint, as {@code "POST /parse"} or {@code "GET /job/{job_id}"}
     * @param path  the request path
     * @param param the path parameter, or {@code null}
     * @param open  whether it is served without the API key
     */
    private record Route(String name, String path, String param, boolean open) {
    }

    /** Handles one exchange. */
    Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        String path = decoder.path();
        Map<String, String> query = new HashMap<>();
        decoder.parameters().forEach((key, values) -> query.put(key, values.isEmpty() ? "" : values.get(0)));
        String method = request.method().name();
        Route route = route(method, path);
        if (settings.discardUploadContent() && route != null && (route.name().equals(UPLOAD)
                || route.name().equals(STORAGE_PUT))) {
            return handleStreamed(route, request, response, query);
        }
        String length = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && parseLong(length) > settings.maxBodyBytes()) {
            counters.request(route == null ? "UNKNOWN" : route.name());
            response.keepAlive(false);
            return send(response, Reply.detail(413, "Request body too large"), Faults.Draw.NONE);
        }
        return request.receive().aggregate().asByteArray().defaultIfEmpty(EMPTY)
                .flatMap(body -> {
                    if (route == null) {
                        counters.request("UNKNOWN");
                        return send(response, knownPath(path) ? Reply.detail(405, "Method Not Allowed")
                                : Reply.detail(404, "Not Found"), Faults.Draw.NONE);
                    }
                    counters.request(route.name());
                    if (body.length > settings.maxBodyBytes()) {
                        return send(response, Reply.detail(413, "Request body too large"), Faults.Draw.NONE);
                    }
                    return serve(route, request, response, () -> dispatch(route, request, query, body));
                });
    }

    /**
     * Handles an upload whose body is streamed through, never aggregated ({@link Settings#discardUploadContent()}):
     * the same checks and answers as {@link #handle}, without the body size limit.
     */
    private Mono<Void> handleStreamed(Route route, HttpServerRequest request, HttpServerResponse response,
                                      Map<String, String> query) {
        counters.request(route.name());
        return serve(route, request, response, () -> route.name().equals(UPLOAD) ? streamUpload(request, query)
                : streamStore(route.param(), query, request));
    }

    /**
     * Answers a counted request to a known route: refuses a protected route's request with a bad key or over the rate
     * limit, injects a drawn fault, and otherwise sends what {@code work} replies (500 if it fails).
     */
    private Mono<Void> serve(Route route, HttpServerRequest request, HttpServerResponse response,
                             Supplier<Mono<Reply>> work) {
        if (!route.open()) {
            Reply refused = checkKey(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
            if (refused == null) {
                refused = checkRate(route);
            }
            if (refused != null) {
                return send(response, refused, Faults.Draw.NONE);
            }
        }
        Faults.Draw draw = route.open() ? Faults.Draw.NONE : faults.draw(route.name());
        if (draw.kind() == Faults.Kind.UNAVAILABLE) {
            counters.fault("503");
            return send(response, Reply.detail(503, "Service temporarily unavailable"), draw);
        }
        return work.get()
                .onErrorResume(e -> Mono.just(Reply.detail(500, "Internal server error: " + e)))
                .flatMap(reply -> send(response, reply, draw));
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
        if (pollLimiter != null && route.name().equals("GET /job/{job_id}")) {
            Duration wait = pollLimiter.acquire(key);
            if (wait != null) {
                counters.rateLimited();
                return Reply.rateLimited(2000, "rate limit exceeded, please use webhooks instead of polling", wait);
            }
        }
        if (rateLimiter != null) {
            Duration wait = rateLimiter.acquire(key);
            if (wait != null) {
                counters.rateLimited();
                return Reply.rateLimited(1000, "rate limit exceeded, retry with exponential backoff", wait);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------------ routes

    private static Route route(String method, String path) {
        if (JOB_PATHS.contains(path) || path.equals("/cite") || path.equals("/upload")
                || path.equals("/configure_webhook")) {
            return method.equals("POST") ? new Route("POST " + path, path, null, false) : null;
        }
        if (path.equals("/jobs") || path.equals("/version")) {
            return method.equals("GET") ? new Route("GET " + path, path, null, false) : null;
        }
        if (path.equals("/health")) {
            return method.equals("GET") ? new Route("GET /health", path, null, true) : null;
        }
        String param;
        if ((param = param(path, "/job/")) != null) {
            return method.equals("GET") ? new Route("GET /job/{job_id}", path, param, false) : null;
        }
        if ((param = param(path, "/cancel/")) != null) {
            return method.equals("POST") ? new Route("POST /cancel/{job_id}", path, param, false) : null;
        }
        if ((param = param(path, "/_storage/")) != null) {
            return method.equals("PUT") ? new Route("PUT /_storage/{token}", path, param, true) : null;
        }
        if ((param = param(path, "/_results/")) != null) {
            return method.equals("GET") ? new Route("GET /_results/{id}", path, param, true) : null;
        }
        if (path.equals("/_webhooks/portal")) {
            return method.equals("GET") ? new Route("GET /_webhooks/portal", path, null, true) : null;
        }
        return null;
    }

    private static boolean knownPath(String path) {
        return JOB_PATHS.contains(path) || Set.of("/cite", "/upload", "/configure_webhook", "/jobs", "/version",
                "/health", "/_webhooks/portal").contains(path) || param(path, "/job/") != null
                || param(path, "/cancel/") != null || param(path, "/_storage/") != null
                || param(path, "/_results/") != null;
    }

    private static String param(String path, String prefix) {
        if (!path.startsWith(prefix) || path.length() == prefix.length()) {
            return null;
        }
        String rest = path.substring(prefix.length());
        return rest.contains("/") ? null : rest;
    }

    private Mono<Reply> dispatch(Route route, HttpServerRequest request, Map<String, String> query, byte[] body) {
        String path = route.path();
        if (JOB_PATHS.contains(path) || path.equals("/cite")) {
            JsonNode json;
            if (body.length == 0) {
                ArrayNode issues = Json.NODES.arrayNode();
                ObjectNode issue = Reply.issue(Json.NODES.arrayNode().add("body"), "Field required", "missing");
                issue.putNull("input");
                return Mono.just(Reply.validation(issues.add(issue)));
            }
            try {
                json = Json.CODEC.readTree(body);
            } catch (ReductoDecodeException e) {
                ObjectNode issue = Reply.issue(Json.NODES.arrayNode().add("body").add(0), "JSON decode error",
                        "json_invalid");
                issue.putObject("input");
                issue.putObject("ctx").put("error", "Expecting value");
                return Mono.just(Reply.validation(Json.NODES.arrayNode().add(issue)));
            }
            ArrayNode issues = validation.validate(route.name(), json);
            if (!issues.isEmpty()) {
                return Mono.just(Reply.validation(issues));
            }
            if (path.equals("/cite")) {
                return Mono.just(processing.cite(json));
            }
            String base = path.replace("_async", "");
            JobType type = switch (base) {
                case "/parse" -> JobType.PARSE;
                case "/extract" -> JobType.EXTRACT;
                case "/split" -> JobType.SPLIT;
                case "/edit" -> JobType.EDIT;
                case "/pipeline" -> JobType.PIPELINE;
                default -> JobType.CLASSIFY;
            };
            boolean async = path.endsWith("_async") || ((base.equals("/parse") || base.equals("/extract"))
                    && json.hasNonNull("async"));
            return processing.submit(type, async, json);
        }
        return switch (route.name()) {
            case "POST /upload" -> Mono.just(upload(request, query, body));
            case "PUT /_storage/{token}" -> Mono.just(store(route.param(), query, body));
            case "GET /_results/{id}" -> Mono.just(storage.get(route.param(), query));
            case "GET /job/{job_id}" -> job(route.param(), query);
            case "POST /cancel/{job_id}" -> Mono.just(cancel(route.param()));
            case "GET /jobs" -> Mono.just(list(query));
            case "POST /configure_webhook" -> Mono.just(Reply.ok(Json.NODES.textNode(baseUrl.get()
                    + "/_webhooks/portal")));
            case "GET /version" -> Mono.just(Reply.ok(Json.NODES.textNode(settings.version())));
            case "GET /health" -> Mono.just(Reply.ok(Json.NODES.textNode("OK")));
            case "GET /_webhooks/portal" -> Mono.just(new Reply(200, "text/html", ("<html><body><h1>Simulated "
                    + "webhook portal</h1><p>Svix deliveries go to " + (settings.svixUrl() == null ? "nowhere"
                    : settings.svixUrl()) + ".</p></body></html>").getBytes(StandardCharsets.UTF_8), Map.of()));
            default -> Mono.just(Reply.detail(404, "Not Found"));
        };
    }

    // ------------------------------------------------------------------------------------------------------ upload

    private Reply upload(HttpServerRequest request, Map<String, String> query, byte[] body) {
        String extension = query.get("extension");
        String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        String boundary = MultipartForm.boundary(contentType);
        MultipartForm.Part file = null;
        if (boundary != null) {
            try {
                file = MultipartForm.parse(body, boundary).part("file");
            } catch (IllegalArgumentException e) {
                return Reply.detail(400, "There was an error parsing the body: " + e.getMessage());
            }
        } else if (body.length > 0 && contentType != null && !contentType.startsWith("application/json")) {
            return Reply.detail(400, "Expected a multipart/form-data body with a 'file' field");
        }
        if (file == null) {
            return presignedStart(extension);
        }
        ObjectNode answer = Json.object();
        answer.put("file_id", documents.upload(file.fileName(), extension, file.content()));
        answer.putNull("presigned_url");
        return Reply.ok(answer);
    }

    /** {@code POST /upload} without a file: a file id and the presigned URL to {@code PUT} its bytes to. */
    private Reply presignedStart(String extension) {
        String token = Ids.uuid();
        String signature = Ids.uuid().replace("-", "");
        ObjectNode answer = Json.object();
        answer.put("file_id", documents.startPresigned(extension, token, signature));
        answer.put("presigned_url", baseUrl.get() + "/_storage/" + token + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Expires=3600&X-Amz-Signature=" + signature);
        return Reply.ok(answer);
    }

    /** {@code POST /upload} read as a stream: the file part is counted and hashed, not kept. */
    private Mono<Reply> streamUpload(HttpServerRequest request, Map<String, String> query) {
        String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        String boundary = MultipartForm.boundary(contentType);
        if (boundary == null) {
            long[] received = {0};
            return request.receive().doOnNext(chunk -> received[0] += chunk.readableBytes())
                    .then(Mono.fromSupplier(() -> received[0] > 0 && contentType != null
                            && !contentType.startsWith("application/json")
                            ? Reply.detail(400, "Expected a multipart/form-data body with a 'file' field")
                            : presignedStart(query.get("extension"))));
        }
        MultipartStream form = new MultipartStream(boundary);
        return request.receive().doOnNext(form::accept)
                .then(Mono.fromSupplier(() -> {
                    UploadReceipt receipt = form.finish();
                    if (receipt == null) {
                        return presignedStart(query.get("extension"));
                    }
                    ObjectNode answer = Json.object();
                    answer.put("file_id", documents.uploadDiscarded(form.fileName(), query.get("extension"), receipt));
                    answer.putNull("presigned_url");
                    return Reply.ok(answer);
                }))
                .onErrorResume(IllegalArgumentException.class, e -> Mono.just(
                        Reply.detail(400, "There was an error parsing the body: " + e.getMessage())));
    }

    /** The presigned flow's {@code PUT} read as a stream: counted and hashed, not kept. */
    private Mono<Reply> streamStore(String token, Map<String, String> query, HttpServerRequest request) {
        Reply refused = checkPresigned(token, query);
        if (refused != null) {
            return Mono.just(refused);
        }
        ContentDigest digest = new ContentDigest();
        return request.receive().doOnNext(digest::update)
                .then(Mono.fromSupplier(() -> {
                    UploadReceipt receipt = digest.receipt();
                    documents.completePresignedDiscarded(token, receipt);
                    return new Reply(200, null, EMPTY, Map.of("ETag", "\"" + receipt.sha256().substring(0, 32)
                            + "\""));
                }));
    }

    private Reply store(String token, Map<String, String> query, byte[] body) {
        Reply refused = checkPresigned(token, query);
        if (refused != null) {
            return refused;
        }
        documents.completePresigned(token, body);
        return new Reply(200, null, EMPTY, Map.of("ETag", "\"" + Integer.toHexString(java.util.Arrays.hashCode(body))
                + "\""));
    }

    /** Why a {@code PUT} to storage is refused (unknown upload, wrong signature), or {@code null}. */
    private Reply checkPresigned(String token, Map<String, String> query) {
        DocumentStore.Presigned presigned = documents.presigned(token);
        if (presigned == null) {
            return Reply.storageError(404, "NoSuchUpload", "The specified upload does not exist.");
        }
        if (!presigned.signature().equals(query.get("X-Amz-Signature"))) {
            return Reply.storageError(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
        }
        return null;
    }

    // -------------------------------------------------------------------------------------------------------- jobs

    private Mono<Reply> job(String id, Map<String, String> query) {
        Job job = jobs.get(id);
        if (job == null) {
            return Mono.just(notFound(id));
        }
        String timeoutText = query.get("timeout");
        if (timeoutText == null || timeoutText.isBlank()) {
            return Mono.just(Reply.ok(processing.render(job)));
        }
        double seconds;
        try {
            seconds = Double.parseDouble(timeoutText);
        } catch (NumberFormatException e) {
            return Mono.just(queryIssue("timeout", timeoutText, "float_parsing",
                    "Input should be a valid number, unable to parse string as a number"));
        }
        Duration timeout = Duration.ofMillis((long) (Math.max(0, seconds) * 1000));
        if (timeout.compareTo(MAX_LONG_POLL) > 0) {
            timeout = MAX_LONG_POLL;
        }
        if (timeout.isZero()) {
            return Mono.just(Reply.ok(processing.render(job)));
        }
        Mono<Void> wake = settings.longPollUntilFinished() ? job.finished() : job.nextChange();
        return Mono.firstWithSignal(wake, Mono.delay(timeout, settings.scheduler()).then())
                .then(Mono.fromSupplier(() -> Reply.ok(processing.render(job))));
    }

    private static Reply notFound(String id) {
        return Reply.detail(404, "Job not found: " + id + " (jobs and their results are kept for 12 hours)");
    }

    private Reply cancel(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            return notFound(id);
        }
        job.cancel();
        return Reply.ok(Json.object().put("job_id", id).put("status", job.status().value()));
    }

    private Reply list(Map<String, String> query) {
        int limit = 100;
        String limitText = query.get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                return queryIssue("limit", limitText, "int_parsing",
                        "Input should be a valid integer, unable to parse string as an integer");
            }
            if (limit < 1) {
                return queryIssue("limit", limitText, "greater_than_equal", "Input should be greater than or equal to 1");
            }
            if (limit > 500) {
                return queryIssue("limit", limitText, "less_than_equal", "Input should be less than or equal to 500");
            }
        }
        boolean exclude = false;
        String excludeText = query.get("exclude_configs");
        if (excludeText != null) {
            String value = excludeText.strip().toLowerCase(java.util.Locale.ROOT);
            if (List.of("true", "1", "yes", "on", "t", "y").contains(value)) {
                exclude = true;
            } else if (!List.of("false", "0", "no", "off", "f", "n").contains(value)) {
                return queryIssue("exclude_configs", excludeText, "bool_parsing",
                        "Input should be a valid boolean, unable to interpret input");
            }
        }
        String cursor = query.get("cursor");
        if (cursor != null && (cursor.isBlank() || !JobStore.validCursor(cursor))) {
            return Reply.detail(400, "Invalid cursor");
        }
        JobStore.Page page = jobs.page(limit, cursor == null || cursor.isBlank() ? null : cursor);
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("jobs");
        for (Job job : page.jobs()) {
            list.add(processing.summary(job, exclude));
        }
        if (page.nextCursor() == null) {
            answer.putNull("next_cursor");
        } else {
            answer.put("next_cursor", page.nextCursor());
        }
        return Reply.ok(answer);
    }

    private static Reply queryIssue(String name, String input, String type, String msg) {
        ObjectNode issue = Reply.issue(Json.NODES.arrayNode().add("query").add(name), msg, type);
        issue.put("input", input);
        return Reply.validation(Json.NODES.arrayNode().add(issue));
    }

    // -------------------------------------------------------------------------------------------------------- send

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
                return response.send(reactor.core.publisher.Flux.just(Unpooled.wrappedBuffer(body, 0, body.length / 2))
                                .concatWith(Mono.error(new TruncatedByFaultInjection())))
                        .then().onErrorResume(TruncatedByFaultInjection.class, e -> Mono.fromRunnable(() ->
                                response.withConnection(connection -> connection.channel()
                                        .writeAndFlush(Unpooled.EMPTY_BUFFER)
                                        .addListener(io.netty.channel.ChannelFutureListener.CLOSE))));
            }
            if (body.length == 0) {
                return response.send().then();
            }
            return response.send(Mono.just(Unpooled.wrappedBuffer(body))).then();
        }));
    }
}
