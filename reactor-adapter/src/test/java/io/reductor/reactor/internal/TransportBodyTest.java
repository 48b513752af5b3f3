package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reductor.core.error.ResponseTooLargeException;
import io.reductor.reactor.RetryPolicy;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Transport#sendForBody}: a small declared body is copied into one pooled buffer that the reader reads and
 * that is released after it; a larger or undeclared one is read as {@link Transport#send(Call)} reads it. That the
 * buffer is released when the body fails or is cancelled midway is checked by {@code LeakDetectionTest}.
 */
class TransportBodyTest {

    private static final Call GET = new Call("GET", URI.create("https://platform.reducto.ai/job/abc"), "GET /job/abc",
            Map.of(), RequestBody.NONE, Call.Safety.REPEATABLE, true, Duration.ofSeconds(5),
            RetryPolicy.defaults().withMaxRetries(0), null);

    @Test
    void aDeclaredBodyArrivingInChunksIsReadFromOnePooledBufferReleasedAfterTheReader() {
        AtomicReference<ByteBuf> seen = new AtomicReference<>();
        Transport transport = transport(answering("20", chunks("{\"status\":", "\"Pending\"}")), 1 << 20);

        StepVerifier.create(transport.sendForBody(GET, (status, headers, content) -> {
                    seen.set(content);
                    assertThat(content.refCnt()).isEqualTo(1);
                    return content.toString(StandardCharsets.UTF_8);
                }))
                .expectNext("{\"status\":\"Pending\"}")
                .verifyComplete();

        assertThat(seen.get().refCnt()).as("released once read, as no wrapped array is").isZero();
    }

    @Test
    void aBodyLongerThanTheCapFailsBeforeTheReaderRuns() {
        AtomicReference<ByteBuf> seen = new AtomicReference<>();
        // the header declares less than the cap; the chunks then exceed it
        Transport transport = transport(answering("8", chunks("{\"a\":", "\"bcdefgh\"}")), 10);

        StepVerifier.create(transport.sendForBody(GET, (status, headers, content) -> {
                    seen.set(content);
                    return "read";
                }))
                .expectError(ResponseTooLargeException.class)
                .verify();

        assertThat(seen.get()).as("the reader never ran").isNull();
    }

    @Test
    void anUndeclaredOrLargeBodyIsReadAsAnArray() {
        for (String length : new String[] {null, Integer.toString(Transport.POOLED_BODY_LIMIT + 1)}) {
            int size = length == null ? 20 : Transport.POOLED_BODY_LIMIT + 1;
            Transport transport = transport(answering(length, Flux.just(Unpooled.wrappedBuffer(new byte[size]))),
                    4 << 20);

            StepVerifier.create(transport.sendForBody(GET, (status, headers, content) -> content.hasArray()
                            && content.readableBytes() == size))
                    .expectNext(true)
                    .verifyComplete();
        }
    }

    private static Flux<ByteBuf> chunks(String... parts) {
        return Flux.fromArray(parts).map(part -> Unpooled.copiedBuffer(part, StandardCharsets.UTF_8));
    }

    /** Answers 200 with {@code body}, declaring {@code length} as its {@code content-length} unless it is null. */
    private static HttpExchange answering(String length, Flux<ByteBuf> body) {
        return new HttpExchange() {
            @Override
            public <T> Mono<T> exchange(Call call, ResponseHandler<T> handler) {
                Map<String, List<String>> headers = length == null ? Map.of()
                        : Map.of("content-length", List.of(length));
                return handler.handle(200, headers, body);
            }

            @Override
            public byte[] redact(byte[] bytes) {
                return bytes;
            }
        };
    }

    private static Transport transport(HttpExchange exchange, long maxResponseBytes) {
        return new Transport(exchange, Schedulers::parallel, Clock.systemUTC(), () -> 0.5, maxResponseBytes,
                Duration.ofSeconds(10), null, null);
    }
}
