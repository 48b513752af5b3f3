package io.reductor.reactor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a client closes the pooled connections it created, leaves a shared client's pool alone, and refuses new
 * calls.
 */
class ClientCloseTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final Sinks.Empty<Void> connectionClosed = Sinks.empty();
    private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
            .doOnChannelInit((observer, channel, address) -> {
                connectionsOpened.incrementAndGet();
                channel.closeFuture().addListener(closed -> connectionClosed.tryEmitEmpty());
            })
            .route(routes -> routes.get("/version", (request, response) -> response.sendString(Mono.just("\"1.0\""))))
            .bindNow();

    @AfterEach
    void stopServer() {
        server.disposeNow();
    }

    @Test
    void closingClosesTheConnectionsOfTheClientsOwnPool() {
        ReductoClient client = ReductoClient.builder().apiKey("sk-test").baseUrl("http://127.0.0.1:" + server.port())
                .retryPolicy(RetryPolicy.none()).build();
        StepVerifier.create(client.version()).expectNext("1.0").expectComplete().verify(WAIT);

        StepVerifier.create(client.disposeLater()).expectComplete().verify(WAIT);

        StepVerifier.create(connectionClosed.asMono()).expectComplete().verify(WAIT);
        assertThat(connectionsOpened).as("one TCP connection, closed by the client").hasValue(1);
    }

    @Test
    void closingLeavesASharedHttpClientsPoolAlone() {
        ConnectionProvider shared = ConnectionProvider.create("shared-by-the-application", 4);
        try {
            ReductoClient.Builder onSharedPool = ReductoClient.builder().apiKey("sk-test")
                    .baseUrl("http://127.0.0.1:" + server.port()).httpClient(HttpClient.create(shared))
                    .retryPolicy(RetryPolicy.none());
            ReductoClient client = onSharedPool.build();
            StepVerifier.create(client.version()).expectNext("1.0").expectComplete().verify(WAIT);

            client.close();

            StepVerifier.create(client.version()).expectError(IllegalStateException.class).verify(WAIT);
            StepVerifier.create(onSharedPool.build().version()).expectNext("1.0").expectComplete().verify(WAIT);
            assertThat(connectionsOpened).as("the kept-alive connection was reused, not closed").hasValue(1);
        } finally {
            shared.disposeLater().block(WAIT);
        }
    }
}
