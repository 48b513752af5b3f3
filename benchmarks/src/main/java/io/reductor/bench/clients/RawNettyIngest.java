package io.reductor.bench.clients;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.reductor.bench.harness.ChildMain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ingest benchmark at the ceiling of our stack: the same work as {@link ReductorIngest} by a minimal hand-written
 * Reactor Netty client, with no models, no retries and no error handling beyond counting: {@code POST /pipeline_async}
 * with a prepared body, then {@code GET /job/{id}?timeout=20} until the status is terminal, read with Jackson's
 * streaming parser, which stops at the field: the body of a finished job, its result, is never read. Same arguments
 * and {@code RESULT} as {@link ReductorIngest}; the client and its connection pool live as long as the process.
 * {@link RawNettyTreeIngest} is the same client reading every answer whole.
 */
public final class RawNettyIngest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("Completed", "Failed", "Cancelled");

    private RawNettyIngest() {
    }

    /**
     * Runs the scenario under the {@link ChildMain} protocol.
     *
     * @param args {@code --name=value} arguments
     */
    public static void main(String[] args) {
        run(args, false);
    }

    /**
     * Runs the scenario, reading from each answer only the field it needs or, with {@code wholeAnswers}, every answer
     * whole into a Jackson tree first.
     */
    static void run(String[] args, boolean wholeAnswers) {
        ChildMain.run(args, options -> {
            int count = Integer.parseInt(ChildMain.required(options, "count"));
            int concurrency = Integer.parseInt(ChildMain.required(options, "concurrency"));
            ObjectNode request = JSON.createObjectNode()
                    .put("input", ChildMain.required(options, "document"))
                    .put("pipeline_id", ChildMain.required(options, "pipeline-id"));
            byte[] body = JSON.writeValueAsBytes(request);
            String authorization = "Bearer " + ChildMain.required(options, "api-key");
            ConnectionProvider pool = ConnectionProvider.builder("raw-ingest").maxConnections(concurrency)
                    .pendingAcquireMaxCount(-1).build();
            HttpClient http = HttpClient.create(pool)
                    .baseUrl(ChildMain.required(options, "base-url"))
                    .responseTimeout(Duration.ofSeconds(60))
                    .headers(headers -> headers.set(HttpHeaderNames.AUTHORIZATION, authorization));
            return () -> {
                AtomicInteger completed = new AtomicInteger();
                AtomicInteger failed = new AtomicInteger();
                long start = System.nanoTime();
                Flux.range(0, count)
                        .flatMap(i -> submit(http, body, wholeAnswers)
                                .flatMap(jobId -> await(http, jobId, wholeAnswers))
                                .doOnNext(status -> (status.equals("Completed") ? completed : failed)
                                        .incrementAndGet())
                                .onErrorResume(error -> {
                                    if (failed.getAndIncrement() < 3) {
                                        System.err.println("job failed: " + error);
                                    }
                                    return Mono.empty();
                                }), concurrency)
                        .blockLast();
                double seconds = (System.nanoTime() - start) / 1e9;
                return Map.of("completed", completed.get(), "failed", failed.get(), "seconds", seconds);
            };
        });
    }

    private static Mono<String> submit(HttpClient http, byte[] body, boolean wholeAnswers) {
        return http.headers(headers -> headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON))
                .post().uri("/pipeline_async")
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .responseSingle((response, content) -> content.asByteArray()
                        .map(bytes -> field(response.status().code(), bytes, "job_id", wholeAnswers)));
    }

    private static Mono<String> await(HttpClient http, String jobId, boolean wholeAnswers) {
        return http.get().uri("/job/" + jobId + "?timeout=20")
                .responseSingle((response, content) -> content.asByteArray()
                        .map(bytes -> field(response.status().code(), bytes, "status", wholeAnswers)))
                .repeat()
                .filter(TERMINAL::contains)
                .next();
    }

    /**
     * Reads one top-level string field: with Jackson's streaming parser, stopping as soon as it is found, or, with
     * {@code wholeAnswer}, from the whole body read into a tree.
     */
    private static String field(int status, byte[] body, String name, boolean wholeAnswer) {
        if (status != 200) {
            throw new IllegalStateException("HTTP " + status + ": " + new String(body, StandardCharsets.UTF_8));
        }
        String value;
        try {
            value = wholeAnswer ? textOf(JSON.readTree(body).get(name)) : streamedField(body, name);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + e.getMessage(), e);
        }
        if (value == null) {
            throw new IllegalStateException("no " + name + " in " + new String(body, StandardCharsets.UTF_8));
        }
        return value;
    }

    private static String textOf(JsonNode value) {
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** The top-level string field {@code name}, or {@code null}; the parser stops as soon as it is found. */
    private static String streamedField(byte[] body, String name) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean wanted = name.equals(parser.currentName());
                    JsonToken value = parser.nextToken();
                    if (wanted && value == JsonToken.VALUE_STRING) {
                        return parser.getText();
                    }
                    parser.skipChildren();
                }
            }
        }
        return null;
    }
}
