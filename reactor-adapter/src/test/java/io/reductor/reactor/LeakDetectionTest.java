package io.reductor.reactor;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.reductor.core.error.AuthenticationException;
import io.reductor.core.error.NotFoundException;
import io.reductor.core.error.ReductoConnectionException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.error.ResponseTooLargeException;
import io.reductor.core.error.UnprocessableEntityException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.reactor.internal.Call;
import io.reductor.reactor.internal.HttpExchange;
import io.reductor.reactor.internal.RequestBody;
import io.reductor.reactor.internal.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Netty buffer is leaked by the client, whatever the exchange ends with: success, error statuses, broken connections,
 * an oversized body, a cancellation. Leak detection runs at {@code paranoid} level for reactor-adapter's tests (set in
 * its pom), so every buffer is tracked; Netty reports a buffer that was garbage-collected without being released as an
 * ERROR line starting with {@code LEAK:} from {@link ResourceLeakDetector}, which this test captures. A control test
 * leaks a buffer on purpose and sees the report, so a silent capture cannot pass for a clean client.
 */
class LeakDetectionTest {

    private static final String JOB = "{\"status\":\"Pending\",\"result\":null,\"progress\":0.5,\"reason\":null}";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** At most this many collect-and-poll rounds; a report normally shows after the first. */
    private static final int MAX_GC_ROUNDS = 20;

    @RegisterExtension
    static final WireMockReducto server = new WireMockReducto();

    private static ReductoClient client;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    /** Where Netty reports leaks (through SLF4J, so Logback here). */
    private final Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);

    @BeforeAll
    static void connect() {
        client = server.client().maxResponseBytes(64 * 1024).build();
    }

    @BeforeEach
    void capture() {
        assertThat(ResourceLeakDetector.getLevel())
                .as("io.netty.leakDetection.level=paranoid is set for reactor-adapter's tests in its pom")
                .isEqualTo(ResourceLeakDetector.Level.PARANOID);
        collectAndReport(3); // earlier tests' garbage is reported before we start listening
        logs.start();
        detectorLog.addAppender(logs);
    }

    @AfterEach
    void release() {
        detectorLog.detachAppender(logs);
        detectorLog.setAdditive(true);
        logs.stop();
    }

    @Test
    void aDeliberateLeakIsReported() {
        String marker = "deliberate-leak-" + UUID.randomUUID();
        detectorLog.setAdditive(false); // keep the expected report out of the build log
        leakOneBuffer(marker);

        for (int round = 0; round < MAX_GC_ROUNDS && leakReports().stream().noneMatch(r -> r.contains(marker));
                round++) {
            collectAndReport(1);
        }

        assertThat(leakReports()).anySatisfy(report -> assertThat(report).contains(marker));
    }

    @Test
    void noBufferLeaksAcrossABatchOfRequests() {
        server.stubFor(get(urlEqualTo("/job/ok")).willReturn(okJson(JOB)));
        server.stubFor(get(urlEqualTo("/job/big")).willReturn(okJson(JOB.repeat(2000)))); // ~150 KB, over the 64 KiB limit
        // without Content-Length: the limit is hit while the chunks are read
        server.stubFor(get(urlEqualTo("/job/big-chunked")).willReturn(okJson(JOB.repeat(2000))
                .withChunkedDribbleDelay(4, 200)));
        server.stubFor(get(urlEqualTo("/job/missing")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\":\"Job not found\"}")));
        server.stubFor(get(urlEqualTo("/job/denied")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"code\":401,\"name\":\"AUTH_ERROR\",\"message\":\"Invalid access token\"}}")));
        server.stubFor(get(urlEqualTo("/job/busy")).willReturn(aResponse().withStatus(503).withBody("busy")));
        server.stubFor(get(urlEqualTo("/job/reset")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get(urlEqualTo("/job/garbled")).willReturn(aResponse()
                .withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        server.stubFor(get(urlEqualTo("/job/slow")).willReturn(okJson(JOB.repeat(50))
                .withChunkedDribbleDelay(10, 2_000)));
        server.stubFor(post(urlEqualTo("/parse_async")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":[{\"loc\":[\"body\",\"input\"],\"msg\":\"Field required\","
                        + "\"type\":\"missing\",\"input\":null}]}")));

        for (int i = 0; i < 5; i++) {
            StepVerifier.create(client.getJob("ok")).expectNextCount(1).expectComplete().verify(WAIT);
        }
        StepVerifier.create(client.getJob("big")).expectError(ResponseTooLargeException.class).verify(WAIT);
        StepVerifier.create(client.getJob("big-chunked")).expectError(ResponseTooLargeException.class).verify(WAIT);
        StepVerifier.create(client.getJob("missing")).expectError(NotFoundException.class).verify(WAIT);
        StepVerifier.create(client.getJob("denied")).expectError(AuthenticationException.class).verify(WAIT);
        StepVerifier.create(client.getJob("busy")).expectError(ReductoException.class).verify(WAIT);
        StepVerifier.create(client.getJob("reset")).expectError(ReductoException.class).verify(WAIT);
        StepVerifier.create(client.getJob("garbled")).expectError(ReductoException.class).verify(WAIT);
        StepVerifier.create(client.parse().runJob(ParseRequest.builder()
                        .input(DocumentInput.url("https://example.com/a.pdf")).build()))
                .expectError(UnprocessableEntityException.class).verify(WAIT);
        // cancelled at once, and cancelled while the body dribbles in
        StepVerifier.create(client.getJob("slow")).thenCancel().verify(WAIT);
        StepVerifier.create(client.getJob("slow").timeout(Duration.ofMillis(500)))
                .expectError(TimeoutException.class).verify(WAIT);
        // many at once, sharing pooled connections
        StepVerifier.create(Flux.range(0, 20).flatMap(i -> client.getJob("ok"), 8))
                .expectNextCount(20).expectComplete().verify(WAIT);
        StepVerifier.create(client.getJob("ok")).expectNextCount(1).expectComplete().verify(WAIT);

        collectAndReport(5);

        assertThat(leakReports()).isEmpty();
    }

    @Test
    void aDeclaredBodyCutShortCancelledOrUnreadableMidwayLeaksNothing() {
        Call call = new Call("GET", URI.create("https://platform.reducto.ai/job/abc"), "GET /job/abc", Map.of(),
                RequestBody.NONE, Call.Safety.REPEATABLE, true, Duration.ofSeconds(5),
                RetryPolicy.defaults().withMaxRetries(0), null);
        for (int i = 0; i < 20; i++) {
            Sinks.Many<ByteBuf> cut = Sinks.many().unicast().onBackpressureBuffer();
            StepVerifier.create(transport(cut).sendForBody(call, (status, headers, content) -> "read"))
                    .then(() -> cut.tryEmitNext(Unpooled.copiedBuffer("{\"status\":", StandardCharsets.UTF_8)))
                    .then(() -> cut.tryEmitError(new IOException("connection closed mid-body")))
                    .expectError(ReductoConnectionException.class)
                    .verify(WAIT);
            Sinks.Many<ByteBuf> cancelled = Sinks.many().unicast().onBackpressureBuffer();
            StepVerifier.create(transport(cancelled).sendForBody(call, (status, headers, content) -> "read"))
                    .then(() -> cancelled.tryEmitNext(Unpooled.copiedBuffer("{\"status\":", StandardCharsets.UTF_8)))
                    .thenCancel()
                    .verify(WAIT);
            Sinks.Many<ByteBuf> unreadable = Sinks.many().unicast().onBackpressureBuffer();
            StepVerifier.create(transport(unreadable).sendForBody(call, (status, headers, content) -> {
                        throw new IllegalStateException("cannot read " + content.readableBytes() + " bytes");
                    }))
                    .then(() -> unreadable.tryEmitNext(Unpooled.copiedBuffer("{\"status\":", StandardCharsets.UTF_8)))
                    .then(unreadable::tryEmitComplete)
                    .expectError(IllegalStateException.class)
                    .verify(WAIT);
        }

        collectAndReport(5);

        assertThat(leakReports()).isEmpty();
    }

    /** A transport whose one exchange answers 200, declaring 40 bytes, with what {@code body} gives. */
    private static Transport transport(Sinks.Many<ByteBuf> body) {
        HttpExchange exchange = new HttpExchange() {
            @Override
            public <T> Mono<T> exchange(Call call, ResponseHandler<T> handler) {
                // the chunks are unpooled heap buffers, which the detector does not track: only the transport's are
                return handler.handle(200, Map.of("content-length", List.of("40")), body.asFlux());
            }

            @Override
            public byte[] redact(byte[] bytes) {
                return bytes;
            }
        };
        return new Transport(exchange, Schedulers::parallel, Clock.systemUTC(), () -> 0.5, 1 << 20,
                Duration.ofSeconds(10), null, null);
    }

    /** Allocates a tracked buffer, marks it, and drops it without releasing it. */
    private static void leakOneBuffer(String marker) {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(16);
        buffer.touch(marker);
        buffer.writeInt(42);
    }

    private List<String> leakReports() {
        return logs.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains("LEAK:"))
                .toList();
    }

    /**
     * Lets the garbage collector find unreleased buffers and Netty report them. Netty polls its queue of collected
     * buffers whenever it tracks a new one, so each round collects, waits until the reference handler has enqueued
     * what the collection cleared (a sentinel shows when), then allocates and releases a tracked buffer.
     */
    private static void collectAndReport(int rounds) {
        for (int i = 0; i < rounds; i++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            System.gc();
            try {
                assertThat(queue.remove(10_000)).as("the collector ran").isSameAs(sentinel);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(1);
            probe.release();
        }
    }
}
