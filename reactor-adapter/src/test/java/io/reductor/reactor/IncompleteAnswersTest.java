package io.reductor.reactor;

import io.netty.buffer.Unpooled;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.ListJobsRequest;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.reactor.internal.Call;
import io.reductor.reactor.internal.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 answers that are not what a success needs, through the whole client: a missing required field is a decode
 * error naming it, never an empty or null success, and an await ends with a typed {@link ReductoException} whatever
 * the service answers to its polls.
 */
class IncompleteAnswersTest {

    private static final String PARSE = "{\"job_id\":\"j\",\"usage\":{\"num_pages\":1},"
            + "\"result\":{\"type\":\"full\",\"chunks\":[]}}";
    private static final Duration PLENTY = Duration.ofHours(2);

    /** Answers {@code POST /parse_async} with a job id and every other call with the next body of a script. */
    private final List<String> script = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final ReductoClient client = ReductoClient.builder().apiKey("sk-test").baseUrl("http://127.0.0.1:1")
            .exchange(new HttpExchange() {
                @Override
                public <T> Mono<T> exchange(Call call, ResponseHandler<T> handler) {
                    return Mono.defer(() -> {
                        String body = call.uri().getPath().equals("/parse_async") ? "{\"job_id\":\"job-1\"}"
                                : script.get(Math.min(answered.getAndIncrement(), script.size() - 1));
                        return handler.handle(200, Map.of("content-type", List.of("application/json")),
                                Flux.just(Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8))));
                    });
                }
            }).build();

    @AfterEach
    void close() {
        client.close();
    }

    private void answer(String... bodies) {
        script.addAll(List.of(bodies));
    }

    @Test
    void aJobsPageWithoutJobsIsADecodeErrorNotAnEmptyListing() {
        answer("{\"detail\":\"maintenance\"}");

        StepVerifier.create(client.jobs())
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ReductoDecodeException.class,
                        decode -> assertThat(decode.jsonPath()).isEqualTo("$.jobs")))
                .verify();
        StepVerifier.create(client.listJobs(ListJobsRequest.builder().build()))
                .expectError(ReductoDecodeException.class).verify();
    }

    @Test
    void aJobWithoutAStatusIsADecodeErrorNotAJobWithoutOne() {
        answer("{\"progress\":0.5,\"reason\":null}");

        StepVerifier.create(client.getJob("job-1"))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ReductoDecodeException.class,
                        decode -> {
                            assertThat(decode.jsonPath()).isEqualTo("$.status");
                            assertThat(decode).hasMessageContaining("the required field status is missing");
                        }))
                .verify();
    }

    @Test
    void aParseWithANullResultIsADecodeErrorNotACompletedParse() {
        answer("{\"result\":null,\"usage\":null}");

        StepVerifier.create(client.parse().run(ParseRequest.builder().input(DocumentInput.url("https://e.x/a.pdf"))
                        .build()))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ReductoDecodeException.class,
                        decode -> {
                            assertThat(decode.jsonPath()).isEqualTo("$.result");
                            assertThat(decode.targetType()).isEqualTo("ParseResponse");
                        }))
                .verify();
    }

    /** Poll answers that end an await, each with the typed error it must end with. */
    static Stream<Arguments> hostilePolls() {
        return Stream.of(
                Arguments.of("the status goes missing", List.of("{\"status\":\"Pending\"}", "{\"progress\":0.9}"),
                        ReductoDecodeException.class, "$.status"),
                Arguments.of("the status turns null", List.of("{\"status\":\"Pending\"}", "{\"status\":null}"),
                        ReductoDecodeException.class, "$.status"),
                Arguments.of("the status is not a string", List.of("{\"status\":\"Pending\"}", "{\"status\":{}}"),
                        ReductoDecodeException.class, "$.status"),
                Arguments.of("the answer is not an object", List.of("{\"status\":\"Pending\"}", "[]"),
                        ReductoDecodeException.class, "$"),
                Arguments.of("the answer is JSON null", List.of("null"), ReductoDecodeException.class, "$"),
                Arguments.of("a parse result without its result",
                        List.of("{\"status\":\"Completed\",\"result\":{\"response_type\":\"parse\","
                                + "\"usage\":{\"num_pages\":1}}}"),
                        ReductoDecodeException.class, "$.result.result"),
                Arguments.of("a result of the wrong shape", List.of("{\"status\":\"Completed\",\"result\":\"done\"}"),
                        ReductoDecodeException.class, "$"),
                Arguments.of("completed without a result", List.of("{\"status\":\"Completed\"}"),
                        ReductoException.class, null),
                Arguments.of("an unknown status forever", List.of("{\"status\":\"Exploded\"}"),
                        ReductoTimeoutException.class, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePolls")
    void anAwaitEndsWithATypedErrorWhateverThePollsAnswer(String name, List<String> polls,
            Class<? extends ReductoException> expected, String jsonPath) {
        script.addAll(polls);
        AwaitOptions options = AwaitOptions.defaults().withTimeout(Duration.ofMinutes(10));

        StepVerifier.withVirtualTime(() -> client.parse().runJobAndAwait(ParseRequest.builder()
                        .input(DocumentInput.url("https://e.x/a.pdf")).build(), options))
                .thenAwait(PLENTY)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(expected);
                    if (jsonPath != null) {
                        assertThat(((ReductoDecodeException) error).jsonPath()).isEqualTo(jsonPath);
                    }
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void anUnknownStatusIsAwaitedThroughToTheResult() {
        answer("{\"status\":\"Exploded\"}", "{\"status\":\"Completed\",\"result\":" + PARSE + "}");

        StepVerifier.withVirtualTime(() -> client.awaitResult("job-1"))
                .thenAwait(PLENTY)
                .assertNext(result -> assertThat(result).isInstanceOfSatisfying(JobResult.Parse.class,
                        parse -> assertThat(parse.response()).isInstanceOf(ParseResponse.class)))
                .verifyComplete();
    }
}
