package io.reductor.reactor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reductor.core.error.ReductoException;
import io.reductor.core.model.parse.UrlResult;
import io.reductor.reactor.internal.Call;
import io.reductor.reactor.internal.HttpExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one URL rule for calls that leave the API (presigned uploads, result downloads) and the base URL: {@code https},
 * plain {@code http} only to loopback. A refused URL fails before a byte of the call is sent.
 */
class OutsideCallRuleTest {

    private static final String SIGNED = "?X-Amz-Signature=c2VjcmV0";

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/bucket/doc.pdf", "http://10.0.0.7/doc.pdf", "ftp://example.com/doc"})
    void aPresignedUploadUrlBreakingTheRuleIsRefusedBeforeAByteIsSent(String presignedUrl) {
        RecordingExchange exchange = new RecordingExchange("{\"file_id\":\"reducto://big.pdf\",\"presigned_url\":\""
                + presignedUrl + SIGNED + "\"}");
        ReductoClient client = client(exchange, 4);

        StepVerifier.create(client.upload(UploadSource.of(new byte[16], "big.pdf")))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ReductoException.class)
                        .hasMessageStartingWith("Refusing PUT presigned upload URL")
                        .hasMessageNotContaining("c2VjcmV0"))
                .verify();

        // only the POST /upload that handed out the URL went out; the document's bytes never did
        assertThat(exchange.calls).extracting(Call::operation).containsExactly("POST /upload");
        assertThat(exchange.bodyBytesRead.get()).isZero();
    }

    @Test
    void aPresignedUploadUrlToLoopbackOverHttpIsFollowed() {
        RecordingExchange exchange = new RecordingExchange(
                "{\"file_id\":\"reducto://big.pdf\",\"presigned_url\":\"http://127.0.0.1:9/put" + SIGNED + "\"}");
        ReductoClient client = client(exchange, 4);

        StepVerifier.create(client.upload(UploadSource.of(new byte[16], "big.pdf")))
                .assertNext(upload -> assertThat(upload.fileId()).isEqualTo("reducto://big.pdf"))
                .verifyComplete();

        assertThat(exchange.calls).extracting(Call::method).containsExactly("POST", "PUT");
        assertThat(exchange.calls.get(1).authenticated()).isFalse();
        assertThat(exchange.bodyBytesRead.get()).isEqualTo(16);
    }

    @Test
    void aResultUrlBreakingTheRuleIsRefusedBeforeAnyRequest() {
        RecordingExchange exchange = new RecordingExchange("{}");
        ReductoClient client = client(exchange, 1_000_000);
        UrlResult result = UrlResult.builder().url("http://example.com/results/r1.json" + SIGNED).resultId("r1")
                .build();

        StepVerifier.create(client.resolve(result))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ReductoException.class)
                        .hasMessageContaining("plain http:// to example.com")
                        .hasMessageNotContaining("c2VjcmV0"))
                .verify();

        assertThat(exchange.calls).isEmpty();
    }

    @Test
    void theBaseUrlFollowsTheSameRule() {
        assertThatThrownBy(() -> ReductoClient.builder().apiKey("sk-test").baseUrl("http://example.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain http:// to example.com");
    }

    private static ReductoClient client(RecordingExchange exchange, long directUploadLimit) {
        return ReductoClient.builder().apiKey("sk-test").baseUrl("http://127.0.0.1:1").exchange(exchange)
                .directUploadLimit(directUploadLimit).build();
    }

    /** Answers every call with 200 and {@code answer}, reading any body to its end and counting its bytes. */
    private static final class RecordingExchange implements HttpExchange {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final AtomicLong bodyBytesRead = new AtomicLong();
        private final String answer;

        RecordingExchange(String answer) {
            this.answer = answer;
        }

        @Override
        public <T> Mono<T> exchange(Call call, ResponseHandler<T> handler) {
            return Mono.defer(() -> {
                calls.add(call);
                Mono<Void> sent = Mono.empty();
                if (call.body() instanceof io.reductor.reactor.internal.RequestBody.Stream stream
                        && call.method().equals("PUT")) {
                    sent = stream.content().get().doOnNext(chunk -> {
                        bodyBytesRead.addAndGet(chunk.readableBytes());
                        chunk.release();
                    }).then();
                }
                Flux<ByteBuf> body = Flux.just(Unpooled.wrappedBuffer(answer.getBytes(StandardCharsets.UTF_8)));
                return sent.then(handler.handle(200, Map.of("content-type", List.of("application/json")), body));
            });
        }
    }
}
