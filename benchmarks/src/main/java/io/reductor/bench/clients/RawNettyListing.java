package io.reductor.bench.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.reductor.bench.harness.ChildMain;
import reactor.netty.http.client.HttpClient;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The listing benchmark with a minimal hand-written Reactor Netty client, the ceiling of our stack: a loop of
 * {@code GET /jobs?limit=..&exclude_configs=true&cursor=..} until {@code next_cursor} is null, counting the jobs of
 * each page read with Jackson's tree (no models, no retries).
 *
 * <p>Arguments and {@code RESULT} as {@link ReductorListing}. Speaks {@link ChildMain}'s protocol.
 */
public final class RawNettyListing {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawNettyListing() {
    }

    /**
     * Runs the listing as a {@link ChildMain} process.
     *
     * @param args {@code --name=value} arguments
     */
    public static void main(String[] args) {
        ChildMain.run(args, options -> {
            int pageSize = Integer.parseInt(options.getOrDefault("page-size", "500"));
            String baseUrl = ChildMain.required(options, "base-url").replaceFirst("/+$", "");
            String authorization = "Bearer " + ChildMain.required(options, "api-key");
            HttpClient http = HttpClient.create().headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, authorization));
            http.warmup().block();
            String first = baseUrl + "/jobs?limit=" + pageSize + "&exclude_configs=true";
            return () -> {
                long start = System.nanoTime();
                long jobs = 0;
                String cursor = null;
                do {
                    String uri = cursor == null ? first
                            : first + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
                    JsonNode page = http.get().uri(uri)
                            .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                                    .map(bytes -> json(response.status().code(), bytes)))
                            .block();
                    if (page == null || !page.path("jobs").isArray()) {
                        throw new IllegalStateException("GET /jobs answered without a jobs array: " + page);
                    }
                    jobs += page.get("jobs").size();
                    JsonNode next = page.get("next_cursor");
                    cursor = next == null || next.isNull() ? null : next.asText();
                } while (cursor != null);
                double seconds = (System.nanoTime() - start) / 1e9;
                return ChildMain.withHeapFigures(Map.of("jobs", jobs, "seconds", seconds));
            };
        });
    }

    private static JsonNode json(int status, byte[] body) {
        if (status != 200) {
            throw new IllegalStateException("GET /jobs answered " + status + ": "
                    + new String(body, StandardCharsets.UTF_8));
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("GET /jobs answered a body that is not JSON", e);
        }
    }
}
