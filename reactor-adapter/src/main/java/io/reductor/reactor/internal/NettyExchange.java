package io.reductor.reactor.internal;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.reductor.core.error.ReductoApiException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.util.context.ContextView;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends calls with Reactor Netty. The API key is added here, and only to calls marked authenticated, so it never
 * travels to presigned storage URLs.
 */
public final class NettyExchange implements HttpExchange {

    /** The context keys under which a call and its "was it sent?" flag reach {@link #prepare}. */
    private static final Object CALL = new Object();
    private static final Object SENT = new Object();

    private final HttpClient client;
    private final ApiKey apiKey;

    /**
     * Creates the exchange.
     *
     * @param client the configured client (pool, timeouts, compression, user agent)
     * @param apiKey the key sent as {@code Authorization: Bearer} on authenticated calls
     */
    public NettyExchange(HttpClient client, ApiKey apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        // one client for every call: what differs per call travels in the subscriber's context and is applied to
        // the request about to be sent, rather than copying the client's configuration three times per call
        this.client = Objects.requireNonNull(client, "client").doOnRequest(this::prepare);
    }

    @Override
    public <T> Mono<T> exchange(Call call, ResponseHandler<T> handler) {
        return Mono.defer(() -> {
            AtomicBoolean sent = new AtomicBoolean();
            HttpClient.RequestSender sender = client.request(HttpMethod.valueOf(call.method())).uri(call.uri());
            HttpClient.ResponseReceiver<?> receiver = sender;
            if (call.body() instanceof RequestBody.Bytes bytes) {
                receiver = sender.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes.bytes())));
            } else if (call.body() instanceof RequestBody.Stream stream) {
                receiver = sender.send((request, outbound) -> outbound.send(stream.content().get()));
            }
            return receiver
                    .responseConnection((response, connection) -> handler.handle(response.status().code(),
                                    new ResponseHeaderView(response.responseHeaders()), connection.inbound().receive())
                            // a body left unread (too large, undecodable) must not go back to the pool half-read
                            .doOnError(error -> !(error instanceof ReductoApiException), error -> connection.dispose()))
                    .next()
                    .onErrorMap(error -> !sent.get() && !(error instanceof NotSentException), NotSentException::new)
                    .contextWrite(context -> context.put(CALL, call).put(SENT, sent));
        });
    }

    /** Applies the call's headers and response timeout to its request as it is about to be sent, and marks it sent. */
    private void prepare(HttpClientRequest request, reactor.netty.Connection connection) {
        ContextView context = request.currentContextView();
        Call call = context.get(CALL);
        writeHeaders(call, request.requestHeaders());
        request.responseTimeout(call.responseTimeout());
        context.<AtomicBoolean>get(SENT).set(true);
    }

    @Override
    public byte[] redact(byte[] body) {
        return apiKey.redact(body);
    }

    private void writeHeaders(Call call, HttpHeaders headers) {
        call.headers().forEach(headers::set);
        if (call.authenticated()) {
            headers.set(HttpHeaderNames.AUTHORIZATION, apiKey.bearer());
        }
        if (call.body() instanceof RequestBody.Bytes bytes) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, bytes.contentType());
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.bytes().length);
        } else if (call.body() instanceof RequestBody.Stream stream) {
            if (!stream.contentType().isEmpty()) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, stream.contentType());
            }
            if (stream.hasKnownLength()) {
                headers.set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(stream.length()));
            } else {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        } else if (!call.method().equals("GET")) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
    }
}
