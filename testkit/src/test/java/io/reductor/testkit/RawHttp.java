package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.reductor.core.json.JsonCodec;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.util.Map;

/** Plain HTTP against the simulator, for what the Reductor client would never send or hides. */
final class RawHttp {

    /**
     * An answer.
     *
     * @param status  the status
     * @param headers the headers
     * @param body    the body as text
     */
    record Answer(int status, io.netty.handler.codec.http.HttpHeaders headers, String body) {
        JsonNode json() {
            return JsonCodec.standard().readTree(body);
        }
    }

    private static final HttpClient HTTP = HttpClient.create(ConnectionProvider.newConnection());

    private RawHttp() {
    }

    static Mono<Answer> send(String method, String url, Map<String, String> headers, String body) {
        return HTTP.headers(h -> headers.forEach(h::set))
                .request(HttpMethod.valueOf(method)).uri(url)
                .send(body == null ? Mono.empty() : ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> new Answer(response.status().code(), response.responseHeaders(), text)));
    }

    static Answer call(String method, String url, Map<String, String> headers, String body) {
        return send(method, url, headers, body).block(Duration.ofSeconds(30));
    }

    static Map<String, String> auth(ReductoSimulator simulator) {
        return Map.of("Authorization", "Bearer " + simulator.apiKey(), "Content-Type", "application/json");
    }
}
