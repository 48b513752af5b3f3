package io.reductor.reactor.internal;

import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

import java.util.Objects;

/**
 * The network as the client's lifecycle sees it: passes exchanges through until the client is closed, then refuses
 * every new one with an {@link IllegalStateException} (a bug in the caller, not a failure of the service, so it is
 * never retried), and disposes the connection pool the client created. A pool of a shared {@code HttpClient} is not
 * the client's to close and is left alone.
 */
public final class ClosableExchange implements HttpExchange {

    private final HttpExchange network;
    private final ConnectionProvider ownPool;
    private volatile boolean closed;

    /**
     * Wraps {@code network}.
     *
     * @param network the exchange that talks to the service
     * @param ownPool the pool the client created and disposes when closed, or {@code null} when it has none of its own
     */
    public ClosableExchange(HttpExchange network, ConnectionProvider ownPool) {
        this.network = Objects.requireNonNull(network, "network");
        this.ownPool = ownPool;
    }

    @Override
    public <T> Mono<T> exchange(Call call, ResponseHandler<T> handler) {
        return Mono.defer(() -> closed
                ? Mono.error(new IllegalStateException("This ReductoClient is closed (" + call.operation()
                        + " not sent): calls need a client that is still open; build a new one"))
                : network.exchange(call, handler));
    }

    @Override
    public byte[] redact(byte[] body) {
        return network.redact(body);
    }

    /**
     * Refuses new exchanges from now on and disposes the client's pool once the exchanges in flight end.
     *
     * @return completes when the pool is disposed
     */
    public Mono<Void> closeLater() {
        closed = true;
        return ownPool == null ? Mono.empty() : ownPool.disposeLater();
    }

    /** Refuses new exchanges from now on and disposes the client's pool without waiting. */
    public void close() {
        closed = true;
        if (ownPool != null) {
            ownPool.dispose();
        }
    }
}
