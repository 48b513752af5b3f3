package io.reductor.reactor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.reactor.RequestOptions;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds every call the client sends and decodes the API's answers: paths, encoding of path and query parameters,
 * JSON bodies, which calls create jobs, the one rule for per-attempt timeouts, and the options' retry policy and total
 * timeout, which travel with each {@link Call}. Calls to URLs outside the API (presigned uploads, result downloads)
 * are built here too, by {@link #outsideCall}, under the {@link UrlRule}.
 *
 * @param transport        sends calls
 * @param codec            the JSON codec
 * @param baseUri          the API's base URL, without a trailing slash
 * @param options          the effective options (never with a {@code null} retry policy)
 * @param processingTimeout the default per-attempt timeout of synchronous processing endpoints
 * @param defaultTimeout   the default per-attempt timeout of every other call
 */
public record Endpoints(Transport transport, JsonCodec codec, URI baseUri, RequestOptions options,
                        Duration processingTimeout, Duration defaultTimeout) {

    /** How much of a markup body a decode error quotes. */
    private static final int MARKUP_SHOWN = 60;

    /** How long a call may take, which decides its default timeout. */
    public enum Kind {
        /** Synchronous processing ({@code /parse}, {@code /extract}, ...): the server allows itself 900 s. */
        PROCESSING,
        /** Everything else. */
        QUICK
    }

    /** Checks the arguments. */
    public Endpoints {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(options.retryPolicy(), "options.retryPolicy");
    }

    /** The same endpoints with {@code overrides} applied to the options. */
    public Endpoints withOptions(RequestOptions overrides) {
        return new Endpoints(transport, codec, baseUri, options.mergedWith(overrides), processingTimeout,
                defaultTimeout);
    }

    /** {@code POST path} with a JSON body, decoded as {@code type}. */
    public <T> Mono<T> post(String path, Object body, Class<T> type, Call.Safety safety, Kind kind) {
        return Mono.defer(() -> {
            Call call = post(path, body, safety, kind);
            return transport.sendForBody(call, (status, headers, content) -> decode(status, headers, content,
                    call.operation(), type));
        });
    }

    /** {@code POST path} to a synchronous processing endpoint, which creates a billed job, decoded as {@code type}. */
    public <T> Mono<T> process(String path, Object request, Class<T> type) {
        return post(path, request, type, Call.Safety.CREATES_JOB, Kind.PROCESSING);
    }

    /** {@code POST path} to an {@code *_async} endpoint, which creates a billed job and answers with its id. */
    public Mono<SubmittedJob> submit(String path, Object request) {
        return post(path, request, SubmittedJob.class, Call.Safety.CREATES_JOB, Kind.QUICK);
    }

    /**
     * {@code POST path} to an endpoint that answers with a result, or with {@code {"job_id": ...}} when the request
     * asked for asynchronous processing.
     */
    public <T> Mono<RunResult<T>> postForResultOrJob(String path, Object body, Class<T> type) {
        return Mono.defer(() -> {
            Call call = post(path, body, Call.Safety.CREATES_JOB, Kind.PROCESSING);
            return send(call).map(result -> resultOrJob(result, call.operation(), type));
        });
    }

    /** {@code GET path?query}, decoded as {@code type}. */
    public <T> Mono<T> get(String path, Map<String, String> query, Class<T> type) {
        return get(path, null, query, type);
    }

    /**
     * {@code GET template?query} with its one path parameter, such as {@code /job/{job_id}}, decoded as
     * {@code type}.
     *
     * @param parameter the value of the template's parameter, encoded as one segment
     */
    public <T> Mono<T> get(String template, String parameter, Map<String, String> query, Class<T> type) {
        return Mono.defer(() -> {
            Call call = call("GET", template, parameter, query, RequestBody.NONE, Call.Safety.REPEATABLE,
                    Kind.QUICK);
            return transport.sendForBody(call, (status, headers, content) -> decode(status, headers, content,
                    call.operation(), type));
        });
    }

    /**
     * {@code POST path} without a body that is safe to repeat, such as a cancellation; the answer read whole, for
     * callers that decode it or ignore it.
     */
    public Mono<HttpResult> postWithoutBody(String path) {
        return postWithoutBody(path, null);
    }

    /**
     * {@code POST template} with its one path parameter, such as {@code /cancel/{job_id}}, without a body and safe to
     * repeat; the answer read whole.
     *
     * @param parameter the value of the template's parameter, encoded as one segment
     */
    public Mono<HttpResult> postWithoutBody(String template, String parameter) {
        return Mono.defer(() -> send(call("POST", template, parameter, Map.of(), RequestBody.NONE,
                Call.Safety.REPEATABLE, Kind.QUICK)));
    }

    /** A call to {@code path} on the API, authenticated, with the headers and rules of the options. */
    public Call call(String method, String path, Map<String, String> query, RequestBody body, Call.Safety safety,
            Kind kind) {
        return call(method, path, null, query, body, safety, kind);
    }

    /**
     * A call to {@code template} on the API with its one path parameter (a template in braces) replaced by
     * {@code parameter}, or to {@code template} as it is when {@code parameter} is {@code null}; the call's route
     * keeps the template.
     */
    private Call call(String method, String template, String parameter, Map<String, String> query, RequestBody body,
            Call.Safety safety, Kind kind) {
        String path = parameter == null ? template : template.substring(0, template.indexOf('{'))
                + segment(parameter) + template.substring(template.indexOf('}') + 1);
        String operation = method + " " + path;
        String route = parameter == null ? operation : method + " " + template;
        return new Call(method, resolve(path, query), operation, route, options.headers(), body, safety, true,
                responseTimeout(kind), options.retryPolicy(), options.totalTimeout());
    }

    /**
     * A call to a URL outside the API that the service handed out (a presigned upload URL, a result URL): checked by
     * the {@link UrlRule}, never authenticated, without the options' extra headers (they are meant for Reducto), with
     * the options' retry policy, deadline and the {@link Kind#QUICK} timeout.
     *
     * @param operation names the call in messages instead of the URL, which carries credentials
     * @param route     names the kind of call for metrics, the same for every URL of the kind
     * @throws ReductoException when the URL breaks the rule, before a byte is sent
     */
    public Call outsideCall(String method, URI uri, String operation, String route, Map<String, String> headers,
            RequestBody body) {
        String problem = UrlRule.problem(uri);
        if (problem != null) {
            throw new ReductoException("Refusing " + operation + ": " + problem);
        }
        return new Call(method, uri, operation, route, headers, body, Call.Safety.REPEATABLE, false,
                responseTimeout(Kind.QUICK), options.retryPolicy(), options.totalTimeout());
    }

    /** Sends a call and reads its answer whole. */
    public Mono<HttpResult> send(Call call) {
        return transport.send(call);
    }

    /** The per-attempt response timeout of a call of {@code kind}: the options' one, else the kind's default. */
    private Duration responseTimeout(Kind kind) {
        if (options.responseTimeout() != null) {
            return options.responseTimeout();
        }
        return kind == Kind.PROCESSING ? processingTimeout : defaultTimeout;
    }

    /** Encodes one path segment, such as a job id, so that it cannot change the path. */
    public static String segment(String value) {
        Objects.requireNonNull(value, "path parameter");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("A path parameter must not be empty");
        }
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        String encoded = out.toString();
        if (encoded.equals(".") || encoded.equals("..")) {
            throw new IllegalArgumentException("A path parameter must not be '" + value + "'");
        }
        return encoded;
    }

    private Call post(String path, Object body, Call.Safety safety, Kind kind) {
        return call("POST", path, Map.of(), new RequestBody.Bytes(codec.encode(body), "application/json"), safety,
                kind);
    }

    private URI resolve(String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(baseUri.toString()).append(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            uri.append(separator).append(segment(parameter.getKey())).append('=').append(segment(parameter.getValue()));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    private <T> RunResult<T> resultOrJob(HttpResult result, String operation, Class<T> type) {
        requireJson(result.status(), result.headers(), Unpooled.wrappedBuffer(result.body()), operation, type);
        JsonNode tree = codec.readTree(result.body());
        if (tree.isObject() && tree.has("job_id") && !tree.has("result") && !tree.has("usage")) {
            return RunResult.submitted(codec.decode(tree, SubmittedJob.class));
        }
        return RunResult.completed(codec.decode(tree, type));
    }

    /** Decodes a 2xx body straight from the buffers it arrived in. */
    private <T> T decode(int status, Map<String, List<String>> headers, ByteBuf content, String operation,
            Class<T> type) {
        requireJson(status, headers, content, operation, type);
        return codec.decode(new ByteBufInputStream(content), type);
    }

    /**
     * Fails with a {@link ReductoDecodeException} that says what came instead when a 2xx body cannot be JSON at all:
     * an empty body, or markup (the HTML page of a proxy or gateway that answered in the service's place).
     */
    private static void requireJson(int status, Map<String, List<String>> headers, ByteBuf content,
            String operation, Class<?> type) {
        int first = content.readerIndex();
        int end = content.writerIndex();
        while (first < end && isWhitespace(content.getByte(first))) {
            first++;
        }
        String answer = "the HTTP " + status + " answer to " + operation;
        if (first == end) {
            throw new ReductoDecodeException(type, "$", answer + " has an empty body", null);
        }
        if (content.getByte(first) == '<') {
            String contentType = HttpResult.header(headers, "content-type");
            int shown = Math.min(end - first, MARKUP_SHOWN);
            String start = content.toString(first, shown, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            throw new ReductoDecodeException(type, "$", answer + " is not valid JSON but "
                    + (contentType == null ? "markup" : contentType) + " starting \"" + start
                    + "\": a proxy or gateway may have answered in the service's place", null);
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
