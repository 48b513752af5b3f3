package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Sends one attempt of a {@link Call} and hands the response to a {@link ResponseHandler}. The one implementation that
 * talks to the network is {@link NettyExchange}; tests of retry rules substitute their own to run in virtual time.
 *
 * <p>A failure before any byte of the request could have reached the server (no connection, pool exhausted) is
 * signalled as {@link NotSentException}; any other error means the server may have seen the request.
 */
@FunctionalInterface
public interface HttpExchange {

    /** Sends {@code call} once; cold, cancelling aborts the exchange. */
    <T> Mono<T> exchange(Call call, ResponseHandler<T> handler);

    /**
     * An error body with any credential this exchange sends replaced, before it is quoted in an exception (a
     * service may echo the key back, for example in "Invalid API key: ..."). By default the body is returned as is.
     */
    default byte[] redact(byte[] body) {
        return body;
    }

    /**
     * Reads a response.
     *
     * @param <T> what it makes of the response
     */
    @FunctionalInterface
    interface ResponseHandler<T> {
        /**
         * Reads the response; {@code body} must be consumed or cancelled.
         *
         * @param status  the HTTP status
         * @param headers the headers by lower-case name
         * @param body    the body as it arrives; buffers are released after each {@code onNext}
         */
        Mono<T> handle(int status, Map<String, List<String>> headers, Flux<ByteBuf> body);
    }

    /** The request never left the client: safe to send again whatever it does. */
    final class NotSentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Wraps the failure that stopped the request before it was sent. */
        public NotSentException(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
