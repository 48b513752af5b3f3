package io.reductor.reactor;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over {@code https} the client negotiates HTTP/2 when the server offers it and falls back to HTTP/1.1 when it does
 * not. Each local TLS server answers {@code GET /version} with the protocol version the request arrived with.
 */
class Http2Test {

    private static X509Bundle certificate;
    private static DisposableServer http2;
    private static DisposableServer http11;

    @BeforeAll
    static void startServers() throws Exception {
        certificate = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        http2 = HttpServer.create().host("127.0.0.1").port(0)
                .protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
                .secure(spec -> spec.sslContext(Http2SslContextSpec.forServer(certificate.getKeyPair().getPrivate(),
                        certificate.getCertificate())))
                .route(routes -> routes.get("/version", (request, response) ->
                        response.sendString(Mono.just("\"" + request.version().text() + "\""))))
                .bindNow();
        http11 = HttpServer.create().host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(Http11SslContextSpec.forServer(
                        certificate.getKeyPair().getPrivate(), certificate.getCertificate())))
                .route(routes -> routes.get("/version", (request, response) ->
                        response.sendString(Mono.just("\"" + request.version().text() + "\""))))
                .bindNow();
    }

    @AfterAll
    static void stopServers() {
        http2.disposeNow();
        http11.disposeNow();
    }

    @Test
    void speaksHttp2WhenTheServerOffersIt() {
        try (ReductoClient client = client(http2)) {
            StepVerifier.create(client.version())
                    .assertNext(version -> assertThat(version).isEqualTo("HTTP/2.0"))
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));
        }
    }

    @Test
    void fallsBackToHttp11WhenItDoesNot() {
        try (ReductoClient client = client(http11)) {
            StepVerifier.create(client.version())
                    .assertNext(version -> assertThat(version).isEqualTo("HTTP/1.1"))
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));
        }
    }

    private static ReductoClient client(DisposableServer server) {
        return ReductoClient.builder().apiKey("sk-test-h2").baseUrl("https://localhost:" + server.port())
                .trustManagers(certificate.toTrustManagerFactory()).retryPolicy(RetryPolicy.none()).build();
    }
}
