package io.reductor.reactor.internal;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;

import javax.net.ssl.TrustManagerFactory;

/**
 * Assembles the Reactor Netty side of a client: the connection pool, TLS with HTTP/2 where offered, compression
 * (gzip answers are inflated as they stream in, so the transport's size cap bounds the inflated bytes), the connect
 * timeout, the response header limit, the user agent, the redacting wiretap and the {@link ResponseGuard} that keeps
 * desynchronised connections out of the pool.
 */
public final class NettyClients {

    /** The Reductor version, from the build. */
    public static final String VERSION = readVersion();

    /** The largest block of response headers read (by a client Reductor creates; a given one keeps its own). */
    private static final int MAX_RESPONSE_HEADER_BYTES = 64 * 1024;

    private NettyClients() {
    }

    /**
     * How to reach the API.
     *
     * @param baseUrl        the API's base URL (TLS is set up for {@code https})
     * @param apiKey         the key, for the exchange and the wiretap's redaction
     * @param connectTimeout how long to wait for a TCP connection
     * @param trustManagers  the certificates to trust instead of the JVM's, or {@code null}
     * @param given          a Reactor Netty client to share, or {@code null} to use {@code pool}
     * @param wiretap        whether to log the bytes, redacted, on {@code io.reductor.wire}
     */
    public record Connection(URI baseUrl, ApiKey apiKey, Duration connectTimeout, TrustManagerFactory trustManagers,
                             HttpClient given, boolean wiretap) {
    }

    /** A pool of {@code maxConnections} connections whose waiters queue without limit for up to 60 s. */
    public static ConnectionProvider newPool(int maxConnections) {
        return ConnectionProvider.builder("reductor")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(60))
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
    }

    /** The exchange over {@code connection.given()}, or over a new client on {@code pool}. */
    public static NettyExchange exchange(Connection connection, ConnectionProvider pool) {
        HttpClient http = connection.given();
        if (http == null) {
            // response headers up to 64 KiB, not Netty's 8 KiB: proxies and CDNs add large ones (cookies, policies)
            http = HttpClient.create(pool).keepAlive(true)
                    .httpResponseDecoder(spec -> spec.maxHeaderSize(MAX_RESPONSE_HEADER_BYTES));
            if ("https".equals(connection.baseUrl().getScheme())) {
                // HTTP/2 where the server offers it (ALPN), HTTP/1.1 otherwise
                http = http.protocol(HttpProtocol.H2, HttpProtocol.HTTP11).secure(spec -> spec.sslContext(
                        Http2SslContextSpec.forClient().configure(ssl -> {
                            if (connection.trustManagers() != null) {
                                ssl.trustManager(connection.trustManagers());
                            }
                        })));
            }
        }
        // Reactor Netty's wiretap would log the Authorization header; ours redacts it
        http = http.wiretap(false);
        if (connection.wiretap()) {
            RedactingWiretap tap = new RedactingWiretap(connection.apiKey());
            http = http.doOnChannelInit((observer, channel, address) ->
                    channel.pipeline().addFirst("reductor.wiretap", tap));
        }
        http = http.doOnConnected(connected -> ResponseGuard.install(connected.channel().pipeline()))
                .compress(true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connection.connectTimeout().toMillis())
                .headers(headers -> headers.set(HttpHeaderNames.USER_AGENT, userAgent()));
        return new NettyExchange(http, connection.apiKey());
    }

    /** The {@code User-Agent} sent with every request. */
    public static String userAgent() {
        return "Reductor/" + VERSION + " (Java " + System.getProperty("java.version") + "; "
                + System.getProperty("os.name") + ")";
    }

    private static String readVersion() {
        try (InputStream in = NettyClients.class.getResourceAsStream("/io/reductor/reactor/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
