package io.reductor.reactor.endpoint;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.reductor.core.error.AuthenticationException;
import io.reductor.core.error.BadRequestException;
import io.reductor.core.error.InternalServerException;
import io.reductor.core.error.PasswordProtectedDocumentException;
import io.reductor.core.error.PermissionDeniedException;
import io.reductor.core.error.RateLimitException;
import io.reductor.core.error.ReductoApiException;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.error.ResponseTooLargeException;
import io.reductor.core.error.UnprocessableEntityException;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.RetryPolicy;
import io.reductor.reactor.WireMockReducto;
import io.reductor.spec.SpecValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failure answers of the service, each error example served with its status, become the matching exception of
 * {@code io.reductor.core.error} with what the body and headers say; bodies that are too large or not JSON fail with
 * the client's own exceptions. No retries: {@link RetryPolicy#none()}, and each test checks one request was sent.
 */
class ErrorMappingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonCodec CODEC = JsonCodec.standard();
    private static final String JOB_ID = "5df31070-0c0a-4a1e-9a53-5b7f7f6f0e2a";

    @RegisterExtension
    static final WireMockReducto wireMock = new WireMockReducto();
    /** WireMock streams bodies without a length unless told; with gzip off it sends the length it is given. */
    @RegisterExtension
    static final WireMockReducto plain = new WireMockReducto(options -> options.gzipDisabled(true));

    private static ReductoClient client;

    @BeforeAll
    static void connect() {
        client = clientBuilder().build();
    }

    /** A call of the client and the path it requests. */
    private record Endpoint(String method, String path, Function<ReductoClient, Mono<?>> call) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Endpoint PARSE = new Endpoint("POST", "/parse", c -> c.parse().run(ParseRequest.builder()
            .input(DocumentInput.url("https://ci.reducto.ai/onepager.pdf")).build()));
    private static final Endpoint PARSE_ASYNC = new Endpoint("POST", "/parse_async", c -> c.parse().runJob(
            ParseRequest.builder().input(DocumentInput.url("https://ci.reducto.ai/onepager.pdf")).build()));
    private static final Endpoint GET_JOB = new Endpoint("GET", "/job/" + JOB_ID, c -> c.getJob(JOB_ID));
    private static final Endpoint CANCEL = new Endpoint("POST", "/cancel/" + JOB_ID, c -> c.cancelJob(JOB_ID));
    private static final Endpoint VERSION = new Endpoint("GET", "/version", ReductoClient::version);

    static Stream<Arguments> errorExamples() {
        return Stream.of(
                Arguments.of("/examples/error-400-puffinparse-invalid-config.fragment.json", 400, "application/json",
                        PARSE, BadRequestException.class, (Consumer<ReductoApiException>) e -> {
                            assertThat(e.errorName()).contains("INVALID_CONFIG");
                            assertThat(e.errorCode()).contains("400");
                            assertThat(e.getMessage()).startsWith("HTTP 400 Bad Request from Reducto [INVALID_CONFIG]");
                        }),
                Arguments.of("/examples/error-docs-format-400-file-download.json", 400, "application/json",
                        PARSE_ASYNC, BadRequestException.class, (Consumer<ReductoApiException>) e -> {
                            assertThat(e.errorName()).contains("file_download_failure");
                            assertThat(e.errorCode()).contains("400");
                            assertThat(e.getMessage()).contains("Failed to download file from url");
                        }),
                Arguments.of("/examples/error-401-puffinparse-auth.fragment.json", 401, "application/json",
                        GET_JOB, AuthenticationException.class, (Consumer<ReductoApiException>) e -> {
                            assertThat(e.errorName()).contains("AUTH_ERROR");
                            assertThat(e.errorCode()).contains("401");
                            assertThat(e.getMessage()).contains("Invalid access token");
                        }),
                Arguments.of("/fixtures/endpoint/error-403-nginx.html", 403, "text/html",
                        VERSION, PermissionDeniedException.class, (Consumer<ReductoApiException>) e -> {
                            assertThat(e.getMessage()).contains("HTML page \"403 Forbidden\"");
                            assertThat(e.body()).startsWith("<html>");
                            assertThat(e.errorName()).isEmpty();
                        }),
                Arguments.of("/examples/error-422-docs-generated.json", 422, "application/json",
                        CANCEL, UnprocessableEntityException.class, (Consumer<ReductoApiException>) e -> {
                            UnprocessableEntityException invalid = (UnprocessableEntityException) e;
                            assertThat(invalid.issues()).singleElement().satisfies(issue -> {
                                assertThat(issue.loc()).containsExactly("loc");
                                assertThat(issue.msg()).isEqualTo("msg");
                                assertThat(issue.type()).isEqualTo("type");
                            });
                        }),
                Arguments.of("/fixtures/endpoint/error-422-fastapi.json", 422, "application/json",
                        PARSE, UnprocessableEntityException.class, (Consumer<ReductoApiException>) e -> {
                            UnprocessableEntityException invalid = (UnprocessableEntityException) e;
                            assertThat(invalid.issues()).hasSize(2);
                            assertThat(invalid.issues().get(0).location()).isEqualTo("body.input");
                            assertThat(invalid.issues().get(0).type()).isEqualTo("missing");
                            assertThat(invalid.issues().get(1).location())
                                    .isEqualTo("body.settings.page_range[0].start");
                            assertThat(invalid.issues().get(1).input().textValue()).isEqualTo("one");
                            assertThat(e.getMessage()).contains("body.input: Field required (missing)");
                        }),
                Arguments.of("/examples/error-429-docs-code1000.json", 429, "application/json",
                        PARSE, RateLimitException.class, (Consumer<ReductoApiException>) e -> {
                            RateLimitException limited = (RateLimitException) e;
                            assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
                            assertThat(limited.limitCode()).contains(1000);
                            assertThat(limited.isKeyLimit()).isTrue();
                            assertThat(limited.isLoadShedding()).isFalse();
                            assertThat(e.header("Retry-After")).contains("7");
                        }),
                Arguments.of("/examples/error-429-docs-code2000-job-polling.json", 429, "application/json",
                        GET_JOB, RateLimitException.class, (Consumer<ReductoApiException>) e -> {
                            RateLimitException limited = (RateLimitException) e;
                            assertThat(limited.isPollingLimit()).isTrue();
                            assertThat(limited.limitCode()).contains(2000);
                            assertThat(limited.retryAfter()).as("production sends no Retry-After").isEmpty();
                            assertThat(e.getMessage()).contains("please use webhooks instead of polling");
                        }),
                Arguments.of("/fixtures/endpoint/error-442-password-protected.json", 442, "application/json",
                        PARSE, PasswordProtectedDocumentException.class, (Consumer<ReductoApiException>) e ->
                                assertThat(e.getMessage()).startsWith("HTTP 442 Password-Protected Document")
                                        .contains("The document is password protected")),
                Arguments.of("/fixtures/endpoint/error-500-extraction.json", 500, "application/json",
                        PARSE, InternalServerException.class, (Consumer<ReductoApiException>) e -> {
                            assertThat(((InternalServerException) e).isTransient()).isFalse();
                            assertThat(e.getMessage()).contains("Failed to extract content");
                        }),
                Arguments.of("/fixtures/endpoint/error-502-gateway.html", 502, "text/html",
                        GET_JOB, InternalServerException.class, (Consumer<ReductoApiException>) e -> {
                            assertThat(((InternalServerException) e).isTransient()).isTrue();
                            assertThat(e.getMessage()).contains("HTML page \"502 Bad Gateway\"");
                        }),
                Arguments.of("/fixtures/endpoint/error-503-overloaded.json", 503, "application/json",
                        PARSE_ASYNC, InternalServerException.class, (Consumer<ReductoApiException>) e -> {
                            assertThat(((InternalServerException) e).isTransient()).isTrue();
                            assertThat(e.getMessage()).contains("Service temporarily unavailable");
                        }));
    }

    @ParameterizedTest(name = "{1} {0} on {3}")
    @MethodSource("errorExamples")
    void errorResponsesBecomeTypedExceptions(String fixture, int status, String contentType, Endpoint endpoint,
            Class<? extends ReductoApiException> type, Consumer<ReductoApiException> check) {
        String body = resource(fixture);
        if (fixture.endsWith(".json") && status == 422) {
            assertThat(SpecValidator.instance().validate("openapi.json", "HTTPValidationError", CODEC.readTree(body)))
                    .isEmpty();
        }
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withHeader("Content-Type", contentType)
                .withHeader("x-request-id", "req-" + status).withBody(body);
        if (status == 429 && fixture.contains("code1000")) {
            response = response.withHeader("Retry-After", "7");
        }
        wireMock.stubFor(request(endpoint.method(), urlPathEqualTo(endpoint.path())).willReturn(response));

        StepVerifier.create(endpoint.call().apply(client))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isExactlyInstanceOf(type);
                    ReductoApiException api = (ReductoApiException) error;
                    assertThat(api.status()).isEqualTo(status);
                    assertThat(api.body()).isEqualTo(body);
                    assertThat(api.requestId()).contains("req-" + status);
                    assertThat(api.getMessage()).contains("req-" + status).doesNotContain(WireMockReducto.API_KEY);
                    check.accept(api);
                })
                .verify(TIMEOUT);

        assertThat(wireMock.getAllServeEvents()).as("RetryPolicy.none() sends once").hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------------- size cap

    @Test
    void aBodyLargerThanMaxResponseBytesIsRefused() {
        ReductoClient capped = clientBuilder().maxResponseBytes(1024).maxConnections(1).build();
        String big = jsonString(4096);
        wireMock.stubFor(request("GET", urlPathEqualTo("/version")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(big)));
        wireMock.stubFor(request("GET", urlPathEqualTo("/job/" + JOB_ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\": \"Pending\"}")));

        StepVerifier.create(capped.version())
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ResponseTooLargeException.class);
                    assertThat(((ResponseTooLargeException) error).limitBytes()).isEqualTo(1024);
                    assertThat(error.getMessage()).contains("GET /version");
                })
                .verify(TIMEOUT);
        // the refused response must not poison the only pooled connection
        StepVerifier.create(capped.getJob(JOB_ID))
                .assertNext(job -> assertThat(job.status().value()).isEqualTo("Pending"))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(client.version())
                .assertNext(version -> assertThat(version).hasSize(4094))
                .expectComplete()
                .verify(TIMEOUT);
    }

    /** The length is declared (by {@link #plain}), so the body is refused before it is read. */
    @Test
    void aDeclaredContentLengthOverTheLimitIsRefused() {
        ReductoClient capped = plain.client().retryPolicy(RetryPolicy.none()).maxResponseBytes(1024).maxConnections(1)
                .build();
        plain.stubFor(request("GET", urlPathEqualTo("/version")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Content-Length", "1025").withBody(jsonString(1025))));
        plain.stubFor(request("GET", urlPathEqualTo("/job/" + JOB_ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\": \"Pending\"}")));

        StepVerifier.create(capped.version())
                .expectError(ResponseTooLargeException.class)
                .verify(TIMEOUT);
        // the unread body must not poison the only pooled connection
        StepVerifier.create(capped.getJob(JOB_ID))
                .assertNext(job -> assertThat(job.status().value()).isEqualTo("Pending"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aCompressedBodyIsMeasuredAsItIsDecompressed() throws IOException {
        ReductoClient capped = clientBuilder().maxResponseBytes(1024).build();
        byte[] gzipped = gzip(jsonString(64 * 1024));
        assertThat(gzipped.length).as("small on the wire, large once inflated").isLessThan(1024);
        wireMock.stubFor(request("GET", urlPathEqualTo("/version")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip")
                .withBody(gzipped)));

        StepVerifier.create(capped.version())
                .expectError(ResponseTooLargeException.class)
                .verify(TIMEOUT);
        StepVerifier.create(client.version())
                .assertNext(version -> assertThat(version).hasSize(64 * 1024 - 2))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aBodyOfExactlyMaxResponseBytesIsAccepted() {
        ReductoClient capped = clientBuilder().maxResponseBytes(1024).build();
        wireMock.stubFor(request("GET", urlPathEqualTo("/version")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(jsonString(1024))));

        StepVerifier.create(capped.version())
                .assertNext(version -> assertThat(version).hasSize(1022))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void anErrorBodyLargerThanMaxResponseBytesIsRefusedToo() {
        ReductoClient capped = clientBuilder().maxResponseBytes(1024).build();
        wireMock.stubFor(request("GET", urlPathEqualTo("/version")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": " + jsonString(4096) + "}")));

        StepVerifier.create(capped.version())
                .expectError(ResponseTooLargeException.class)
                .verify(TIMEOUT);
    }

    // --------------------------------------------------------------------------------------------------- not JSON

    @ParameterizedTest
    @ValueSource(strings = {"/version", "/parse", "/job/" + JOB_ID})
    void aNonJsonSuccessBodyIsADecodeError(String path) {
        Endpoint endpoint = Stream.of(VERSION, PARSE, GET_JOB).filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow();
        wireMock.stubFor(request(endpoint.method(), urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Service is up</body></html>")));

        StepVerifier.create(endpoint.call().apply(client))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoDecodeException.class);
                    assertThat(((ReductoDecodeException) error).jsonPath()).isEqualTo("$");
                    assertThat(error.getMessage()).contains("not valid JSON");
                })
                .verify(TIMEOUT);

        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aJsonBodyOfTheWrongShapeIsADecodeErrorNamingThePath() {
        wireMock.stubFor(request("GET", urlPathEqualTo("/job/" + JOB_ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\": \"Pending\", \"progress\": {\"percent\": 50}}")));

        StepVerifier.create(client.getJob(JOB_ID))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoDecodeException.class);
                    assertThat(((ReductoDecodeException) error).jsonPath()).isEqualTo("$.progress");
                })
                .verify(TIMEOUT);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static ReductoClient.Builder clientBuilder() {
        return wireMock.client().retryPolicy(RetryPolicy.none());
    }

    /** A JSON string literal of exactly {@code length} bytes, quotes included. */
    private static String jsonString(int length) {
        return "\"" + "v".repeat(length - 2) + "\"";
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String resource(String path) {
        try (InputStream in = ErrorMappingTest.class.getResourceAsStream(path)) {
            Objects.requireNonNull(in, path + " is not on the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
