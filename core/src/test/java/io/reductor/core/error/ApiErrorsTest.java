package io.reductor.core.error;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ApiErrorsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static byte[] example(String name) {
        try (InputStream in = ApiErrorsTest.class.getResourceAsStream("/examples/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A value quoted from the request keeps its spaces; line breaks and tabs still fold into one line. */
    @Test
    void quotedValuesKeepTheirSpacesWhileLineBreaksFold() {
        ReductoApiException e = error(404,
                "{\"detail\":\"Pipeline not found: '  invoices  ' (check the id)\\nsee\\tthe docs\"}");

        assertThat(e.getMessage()).contains("Pipeline not found: '  invoices  ' (check the id) see the docs")
                .doesNotContain("\n").doesNotContain("\t");
    }

    private static ReductoApiException error(int status, String body) {
        return ApiErrors.fromResponse(status, Map.of(), utf8(body), CLOCK);
    }

    private static ReductoApiException error(int status, Map<String, List<String>> headers, String body) {
        return ApiErrors.fromResponse(status, headers, utf8(body), CLOCK);
    }

    @Nested
    class Examples {

        /** Fails when an error example is added without a test here. */
        @Test
        void everyErrorExampleIsCovered() throws URISyntaxException, IOException {
            Path dir = Path.of(Objects.requireNonNull(ApiErrorsTest.class.getResource("/examples")).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("error-"))
                        .collect(Collectors.toSet()))
                        .containsExactlyInAnyOrder(
                                "error-400-puffinparse-invalid-config.fragment.json",
                                "error-401-puffinparse-auth.fragment.json",
                                "error-422-docs-generated.json",
                                "error-429-docs-code1000.json",
                                "error-429-docs-code2000-job-polling.json",
                                "error-docs-format-400-file-download.json");
            }
        }

        @Test
        void badRequestWithErrorNameAndDetailString() {
            ReductoApiException e = ApiErrors.fromResponse(400, Map.of(),
                    example("error-400-puffinparse-invalid-config.fragment.json"), CLOCK);

            assertThat(e).isExactlyInstanceOf(BadRequestException.class);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errorName()).contains("INVALID_CONFIG");
            assertThat(e.errorCode()).contains("400");
            assertThat(e.getMessage()).isEqualTo("HTTP 400 Bad Request from Reducto [INVALID_CONFIG]: …");
        }

        @Test
        void authenticationErrorObject() {
            ReductoApiException e = ApiErrors.fromResponse(401, Map.of(),
                    example("error-401-puffinparse-auth.fragment.json"), CLOCK);

            assertThat(e).isExactlyInstanceOf(AuthenticationException.class);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.errorName()).contains("AUTH_ERROR");
            assertThat(e.errorCode()).contains("401");
            assertThat(e.getMessage()).isEqualTo("HTTP 401 Unauthorized from Reducto [AUTH_ERROR]: Invalid access token");
        }

        @Test
        void fastApiValidationError() {
            ReductoApiException e = ApiErrors.fromResponse(422, Map.of(), example("error-422-docs-generated.json"), CLOCK);

            assertThat(e).isExactlyInstanceOf(UnprocessableEntityException.class);
            UnprocessableEntityException u = (UnprocessableEntityException) e;
            assertThat(u.status()).isEqualTo(422);
            assertThat(u.issues()).hasSize(1);
            ValidationIssue issue = u.issues().get(0);
            assertThat(issue.loc()).containsExactly("loc");
            assertThat(issue.location()).isEqualTo("loc");
            assertThat(issue.msg()).isEqualTo("msg");
            assertThat(issue.type()).isEqualTo("type");
            assertThat(issue.ctx().isObject()).isTrue();
            assertThat(issue.input()).isNull();
            assertThat(e.errorName()).isEmpty();
            assertThat(e.getMessage()).isEqualTo("HTTP 422 Unprocessable Entity from Reducto: loc: msg (type)");
        }

        @Test
        void keyRateLimit() {
            ReductoApiException e = ApiErrors.fromResponse(429, Map.of(), example("error-429-docs-code1000.json"), CLOCK);

            assertThat(e).isExactlyInstanceOf(RateLimitException.class);
            RateLimitException r = (RateLimitException) e;
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.limitCode()).contains(1000);
            assertThat(r.isKeyLimit()).isTrue();
            assertThat(r.isPollingLimit()).isFalse();
            assertThat(r.isLoadShedding()).isFalse();
            assertThat(r.errorCode()).contains("1000");
            assertThat(r.retryAfter()).isEmpty();
            assertThat(r.getMessage()).isEqualTo(
                    "HTTP 429 Too Many Requests from Reducto [CODE 1000]: rate limit exceeded, retry with exponential backoff");
        }

        @Test
        void pollingRateLimit() {
            RateLimitException r = (RateLimitException) ApiErrors.fromResponse(429, Map.of(),
                    example("error-429-docs-code2000-job-polling.json"), CLOCK);

            assertThat(r.limitCode()).contains(2000);
            assertThat(r.isPollingLimit()).isTrue();
            assertThat(r.isKeyLimit()).isFalse();
            assertThat(r.isLoadShedding()).isFalse();
            assertThat(r.getMessage()).isEqualTo("HTTP 429 Too Many Requests from Reducto [CODE 2000]: "
                    + "rate limit exceeded, please use webhooks instead of polling");
        }

        @Test
        void errorObjectWithType() {
            ReductoApiException e = ApiErrors.fromResponse(400, Map.of(),
                    example("error-docs-format-400-file-download.json"), CLOCK);

            assertThat(e).isExactlyInstanceOf(BadRequestException.class);
            assertThat(e.errorName()).contains("file_download_failure");
            assertThat(e.errorCode()).contains("400");
            assertThat(e.getMessage()).isEqualTo("HTTP 400 Bad Request from Reducto [file_download_failure]: "
                    + "Failed to download file from url. Please check the document url and try again");
        }
    }

    @Nested
    class BodyShapes {

        @Test
        void realisticValidationErrorRendersLocationsWithIndexes() {
            String body = """
                    {"detail":[
                      {"type":"missing","loc":["body","input"],"msg":"Field required","input":{"document_url":"x"}},
                      {"type":"int_parsing","loc":["body","settings","page_range",0],
                       "msg":"Input should be a valid integer","input":"a","url":"https://errors.pydantic.dev/2.6/v/int_parsing"}
                    ]}""";
            UnprocessableEntityException e = (UnprocessableEntityException) error(422, body);

            assertThat(e.issues()).extracting(ValidationIssue::location)
                    .containsExactly("body.input", "body.settings.page_range[0]");
            assertThat(e.issues()).extracting(ValidationIssue::msg)
                    .containsExactly("Field required", "Input should be a valid integer");
            assertThat(e.issues().get(0).input().get("document_url").asText()).isEqualTo("x");
            assertThat(e.issues().get(1).additionalProperties()).containsOnlyKeys("url");
            assertThat(e.getMessage()).isEqualTo("HTTP 422 Unprocessable Entity from Reducto: "
                    + "body.input: Field required (missing); "
                    + "body.settings.page_range[0]: Input should be a valid integer (int_parsing)");
        }

        @Test
        void manyValidationIssuesAreCountedNotAllListed() {
            StringBuilder body = new StringBuilder("{\"detail\":[");
            for (int i = 0; i < 13; i++) {
                body.append(i == 0 ? "" : ",").append("{\"loc\":[\"body\",\"f").append(i)
                        .append("\"],\"msg\":\"bad\",\"type\":\"t\"}");
            }
            UnprocessableEntityException e = (UnprocessableEntityException) error(422, body.append("]}").toString());

            assertThat(e.issues()).hasSize(13);
            assertThat(e.getMessage()).contains("body.f9: bad (t); and 3 more").doesNotContain("body.f10");
        }

        @Test
        void detailStringGivesNoIssues() {
            UnprocessableEntityException e = (UnprocessableEntityException) error(422, "{\"detail\":\"Invalid page range\"}");

            assertThat(e.issues()).isEmpty();
            assertThat(e.getMessage()).isEqualTo("HTTP 422 Unprocessable Entity from Reducto: Invalid page range");
        }

        @Test
        void errorMessageAndDetailStringAreBothShown() {
            ReductoApiException e = error(400,
                    "{\"error\":{\"code\":400,\"name\":\"INVALID_CONFIG\",\"message\":\"Bad config\"},"
                            + "\"detail\":\"page_range must be positive\"}");

            assertThat(e.getMessage())
                    .isEqualTo("HTTP 400 Bad Request from Reducto [INVALID_CONFIG]: Bad config; page_range must be positive");
        }

        @Test
        void htmlPageIsNamedByItsTitleNotDumped() {
            String nginx = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n"
                    + "<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
                    + "<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n".repeat(6);
            ReductoApiException e = error(403, Map.of("Content-Type", List.of("text/html")), nginx);

            assertThat(e).isExactlyInstanceOf(PermissionDeniedException.class);
            assertThat(e.getMessage()).isEqualTo("HTTP 403 Forbidden from Reducto: HTML page \"403 Forbidden\" "
                    + "(Reducto answers a request without an API key this way)");
            assertThat(e.getMessage()).doesNotContain("<").hasSizeLessThan(150);
            assertThat(e.body()).isEqualTo(nginx);
        }

        @Test
        void htmlPrefersTitleThenHeadingThenSaysHtml() {
            assertThat(error(401, "<html><head><title>Access denied</title></head><body><h1>No</h1></body></html>")
                    .getMessage()).isEqualTo("HTTP 401 Unauthorized from Reducto: HTML page \"Access denied\"");
            assertThat(error(502, "<!DOCTYPE html><body><h1>Bad &amp; gateway</h1></body>").getMessage())
                    .isEqualTo("HTTP 502 Bad Gateway from Reducto: HTML page \"Bad & gateway\"");
            assertThat(error(500, "<html><body><p>oops</p></body></html>").getMessage())
                    .isEqualTo("HTTP 500 Internal Server Error from Reducto: HTML page");
        }

        @Test
        void emptyBody() {
            ReductoApiException e = ApiErrors.fromResponse(502, Map.of(), new byte[0], CLOCK);

            assertThat(e.getMessage()).isEqualTo("HTTP 502 Bad Gateway from Reducto (empty body)");
            assertThat(e.body()).isEmpty();
            assertThat(ApiErrors.fromResponse(503, null, null, null).getMessage())
                    .isEqualTo("HTTP 503 Service Unavailable from Reducto (empty body)");
        }

        @Test
        void plainTextIsQuotedAndCapped() {
            assertThat(error(500, "Internal Server Error\n").getMessage())
                    .isEqualTo("HTTP 500 Internal Server Error from Reducto: Internal Server Error");

            ReductoApiException long_ = error(500, "x".repeat(5000));
            assertThat(long_.getMessage()).endsWith("...").hasSizeLessThan(600)
                    .startsWith("HTTP 500 Internal Server Error from Reducto: xxx");
            assertThat(long_.body()).hasSize(5000);
        }

        @Test
        void textThatStartsWithANumberIsNotMistakenForJson() {
            assertThat(error(404, "404 page not found").getMessage())
                    .isEqualTo("HTTP 404 Not Found from Reducto: 404 page not found");
        }

        @Test
        void bareJsonStringAndOtherJson() {
            assertThat(error(500, "\"Extraction failed\"").getMessage())
                    .isEqualTo("HTTP 500 Internal Server Error from Reducto: Extraction failed");
            assertThat(error(500, "{\"status\":\"error\"}").getMessage())
                    .isEqualTo("HTTP 500 Internal Server Error from Reducto: {\"status\":\"error\"}");
            assertThat(error(500, "{\"error\":\"boom\"}").getMessage())
                    .isEqualTo("HTTP 500 Internal Server Error from Reducto: boom");
        }

        @Test
        void brokenJsonKeepsTheRawText() {
            ReductoApiException e = error(500, "{\"detail\": [ {\"loc\"");

            assertThat(e).isExactlyInstanceOf(InternalServerException.class);
            assertThat(e.getMessage()).isEqualTo("HTTP 500 Internal Server Error from Reducto: {\"detail\": [ {\"loc\"");
        }

        @Test
        void s3StyleXmlShowsCodeAndMessage() {
            ReductoApiException e = error(403, "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code>"
                    + "<Message>Request has expired</Message></Error>");

            assertThat(e.errorName()).contains("AccessDenied");
            assertThat(e.getMessage()).isEqualTo("HTTP 403 Forbidden from Reducto [AccessDenied]: Request has expired");
        }

        @Test
        void neverThrowsWhateverTheBody() {
            List<byte[]> bodies = List.of(new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1}, utf8("[".repeat(100_000)),
                    utf8("{\"detail\":[{\"loc\":{\"a\":1},\"msg\":[1],\"type\":{}} , 3, null, \"s\"]}"),
                    utf8("{\"detail\":null,\"error\":null,\"message\":null}"), utf8("null"), utf8("<"), utf8("{}"),
                    utf8("[1,2]"), utf8("{\"error\":{\"code\":{\"x\":1}}}"));
            for (byte[] body : bodies) {
                for (int status : new int[]{0, -1, 200, 400, 422, 429, 442, 500, 999}) {
                    assertThatCode(() -> {
                        ReductoApiException e = ApiErrors.fromResponse(status, null, body, null);
                        assertThat(e.getMessage()).startsWith("HTTP " + status);
                        assertThat(e.rawBody()).isEqualTo(body);
                    }).doesNotThrowAnyException();
                }
            }
        }

        @Test
        void oddValidationEntriesAreKeptLeniently() {
            UnprocessableEntityException e = (UnprocessableEntityException) error(422,
                    "{\"detail\":[\"just text\",{\"loc\":[\"body\",2],\"msg\":\"bad\"}]}");

            assertThat(e.issues()).extracting(ValidationIssue::msg).containsExactly("just text", "bad");
            assertThat(e.getMessage()).isEqualTo("HTTP 422 Unprocessable Entity from Reducto: just text; body[2]: bad");
        }
    }

    @Nested
    class StatusFamilies {

        @Test
        void eachStatusGetsItsSubclass() {
            assertThat(error(400, "{}")).isExactlyInstanceOf(BadRequestException.class);
            assertThat(error(401, "{}")).isExactlyInstanceOf(AuthenticationException.class);
            assertThat(error(403, "{}")).isExactlyInstanceOf(PermissionDeniedException.class);
            assertThat(error(404, "{}")).isExactlyInstanceOf(NotFoundException.class);
            assertThat(error(409, "{}")).isExactlyInstanceOf(ConflictException.class);
            assertThat(error(422, "{}")).isExactlyInstanceOf(UnprocessableEntityException.class);
            assertThat(error(429, "{}")).isExactlyInstanceOf(RateLimitException.class);
            assertThat(error(442, "{}")).isExactlyInstanceOf(PasswordProtectedDocumentException.class);
            assertThat(error(500, "{}")).isExactlyInstanceOf(InternalServerException.class);
            assertThat(error(599, "{}")).isExactlyInstanceOf(InternalServerException.class);
            assertThat(error(408, "{}")).isExactlyInstanceOf(UnexpectedStatusException.class);
            assertThat(error(418, "{}")).isExactlyInstanceOf(UnexpectedStatusException.class);
            assertThat(error(600, "{}")).isExactlyInstanceOf(UnexpectedStatusException.class);
            assertThat(error(404, "{}")).isInstanceOf(ReductoApiException.class).isInstanceOf(ReductoException.class);
        }

        @Test
        void passwordProtectedDocument() {
            ReductoApiException e = error(442, "{\"detail\":\"Document is password protected\"}");

            assertThat(e).isExactlyInstanceOf(PasswordProtectedDocumentException.class);
            assertThat(e.status()).isEqualTo(442);
            assertThat(e.getMessage())
                    .isEqualTo("HTTP 442 Password-Protected Document from Reducto: Document is password protected");
        }

        @ParameterizedTest
        @ValueSource(ints = {502, 503, 504})
        void gatewayErrorsAreTransient(int status) {
            assertThat(((InternalServerException) error(status, "")).isTransient()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(ints = {500, 501, 505})
        void otherServerErrorsAreNot(int status) {
            assertThat(((InternalServerException) error(status, "{\"detail\":\"Extraction failed\"}")).isTransient())
                    .isFalse();
        }

        @Test
        void unknownStatusHasNoReasonPhrase() {
            ReductoApiException e = error(499, "{\"detail\":\"client closed\"}");

            assertThat(e.status()).isEqualTo(499);
            assertThat(e.getMessage()).isEqualTo("HTTP 499 from Reducto: client closed");
        }
    }

    @Nested
    class RetryAfter {

        private RateLimitException rateLimit(Map<String, List<String>> headers) {
            return (RateLimitException) ApiErrors.fromResponse(429, headers,
                    utf8("{\"message\":\"[CODE 1000] rate limit exceeded\"}"), CLOCK);
        }

        @Test
        void secondsAreReadAndShownInTheMessage() {
            RateLimitException e = rateLimit(Map.of("Retry-After", List.of("2")));

            assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
            assertThat(e.getMessage())
                    .isEqualTo("HTTP 429 Too Many Requests from Reducto [CODE 1000]: rate limit exceeded (retry after 2s)");
        }

        @Test
        void fractionalSeconds() {
            assertThat(rateLimit(Map.of("retry-after", List.of("1.5"))).retryAfter()).contains(Duration.ofMillis(1500));
        }

        @Test
        void httpDateIsMeasuredAgainstTheClock() {
            RateLimitException e = rateLimit(Map.of("Retry-After", List.of("Mon, 01 Jan 2024 00:00:30 GMT")));

            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
            Clock later = Clock.fixed(Instant.parse("2024-01-01T00:00:20Z"), ZoneOffset.UTC);
            assertThat(ApiErrors.retryAfter(Map.of("Retry-After", List.of("Mon, 01 Jan 2024 00:00:30 GMT")), later))
                    .contains(Duration.ofSeconds(10));
        }

        @Test
        void obsoleteHttpDateForms() {
            assertThat(ApiErrors.retryAfter(Map.of("Retry-After", List.of("Monday, 01-Jan-24 00:01:00 GMT")), CLOCK))
                    .contains(Duration.ofMinutes(1));
            assertThat(ApiErrors.retryAfter(Map.of("Retry-After", List.of("Mon Jan  1 00:00:05 2024")), CLOCK))
                    .contains(Duration.ofSeconds(5));
        }

        @Test
        void pastDateMeansNoWait() {
            assertThat(rateLimit(Map.of("Retry-After", List.of("Sun, 31 Dec 2023 23:59:00 GMT"))).retryAfter())
                    .contains(Duration.ZERO);
        }

        @Test
        void retryAfterMsTakesPrecedence() {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Retry-After", List.of("10"));
            headers.put("Retry-After-Ms", List.of("1500"));
            RateLimitException e = rateLimit(headers);

            assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
            assertThat(e.getMessage()).endsWith("(retry after 1.5s)");
        }

        @Test
        void unreadableRetryAfterMsFallsBackToRetryAfter() {
            assertThat(rateLimit(Map.of("retry-after-ms", List.of("soon"), "Retry-After", List.of("3"))).retryAfter())
                    .contains(Duration.ofSeconds(3));
        }

        @Test
        void anAbsurdlyLargeNumberIsAnAbsurdlyLongWaitNotNone() {
            assertThat(ApiErrors.retryAfter(Map.of("Retry-After", List.of("1000000000000")), CLOCK))
                    .contains(Duration.ofSeconds(1_000_000_000_000L));
            assertThat(ApiErrors.retryAfter(Map.of("retry-after-ms", List.of("1000000000000000.5")), CLOCK))
                    .contains(Duration.ofSeconds(1_000_000_000_000L).plusNanos(500_000));
            RateLimitException beyond = rateLimit(Map.of("Retry-After", List.of("9".repeat(40))));
            assertThat(beyond.retryAfter()).contains(Duration.ofSeconds(Long.MAX_VALUE));
            assertThat(beyond.getMessage()).contains("retry after " + Long.MAX_VALUE + "s");
        }

        @Test
        void absentOrUnreadableHeadersGiveEmpty() {
            RateLimitException none = rateLimit(Map.of());
            assertThat(none.retryAfter()).isEmpty();
            assertThat(none.getMessage()).doesNotContain("retry after");
            assertThat(rateLimit(Map.of("Retry-After", List.of("whenever"))).retryAfter()).isEmpty();
            assertThat(rateLimit(Map.of("Retry-After", List.of("-5"))).retryAfter()).isEmpty();
            assertThat(rateLimit(Map.of("Retry-After", List.of(""))).retryAfter()).isEmpty();
            assertThat(ApiErrors.retryAfter(null, CLOCK)).isEmpty();
        }

        @Test
        void loadSheddingHasNoCode() {
            RateLimitException e = (RateLimitException) error(429, "");

            assertThat(e.limitCode()).isEmpty();
            assertThat(e.isLoadShedding()).isTrue();
            assertThat(e.isKeyLimit()).isFalse();
            assertThat(e.isPollingLimit()).isFalse();
            assertThat(e.getMessage()).isEqualTo("HTTP 429 Too Many Requests from Reducto (empty body)");
        }

        @Test
        void limitCodeIsFoundAnywhereInTheBody() {
            RateLimitException e = (RateLimitException) error(429, "{\"detail\":\"Too many requests [code 2000]\"}");

            assertThat(e.limitCode()).contains(2000);
            assertThat(e.getMessage()).isEqualTo("HTTP 429 Too Many Requests from Reducto [CODE 2000]: Too many requests");
        }
    }

    @Nested
    class HeadersAndBody {

        @Test
        void headerLookupIgnoresCase() {
            ReductoApiException e = error(500, Map.of("X-Request-ID", List.of("req-123"),
                    "Content-Type", List.of("application/json")), "{}");

            assertThat(e.header("x-request-id")).contains("req-123");
            assertThat(e.header("CONTENT-TYPE")).contains("application/json");
            assertThat(e.headers().get("content-type")).containsExactly("application/json");
            assertThat(e.header("missing")).isEmpty();
        }

        @Test
        void requestIdIsReadAndShown() {
            ReductoApiException e = error(500, Map.of("X-Request-Id", List.of("req-123")), "{\"detail\":\"boom\"}");

            assertThat(e.requestId()).contains("req-123");
            assertThat(e.getMessage()).isEqualTo("HTTP 500 Internal Server Error from Reducto: boom (request id req-123)");
        }

        @Test
        void requestIdFallsBackToOtherHeaders() {
            assertThat(error(500, Map.of("Request-Id", List.of("r2")), "").requestId()).contains("r2");
            assertThat(error(500, Map.of("x-amzn-RequestId", List.of("r3")), "").requestId()).contains("r3");
            assertThat(error(500, Map.of("x-request-id", List.of("r1"), "x-amzn-requestid", List.of("r3")), "")
                    .requestId()).contains("r1");
            assertThat(error(500, Map.of(), "").requestId()).isEmpty();
        }

        @Test
        void authorizationNeverShows() {
            String secret = "sk-live-0123456789abcdef";
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Authorization", List.of("Bearer " + secret));
            headers.put("proxy-authorization", List.of("Basic dXNlcjpwYXNzd29yZA=="));
            headers.put("X-Request-Id", List.of("req-9"));
            ReductoApiException e = error(401, headers,
                    "{\"error\":{\"name\":\"AUTH_ERROR\",\"message\":\"Invalid access token " + secret + "\"},"
                            + "\"detail\":\"got Bearer other-token-999\"}");

            assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("other-token-999")
                    .doesNotContain("dXNlcjpwYXNzd29yZA==").contains("[REDACTED]");
            assertThat(e.toString()).doesNotContain(secret).doesNotContain("dXNlcjpwYXNzd29yZA==");
            assertThat(e.header("authorization")).contains("[REDACTED]");
            assertThat(e.header("Proxy-Authorization")).contains("[REDACTED]");
            assertThat(e.headers().toString()).doesNotContain(secret).doesNotContain("dXNlcjpwYXNzd29yZA==");
            assertThat(e.header("x-request-id")).contains("req-9");
        }

        @Test
        void rawBodyIsDefensivelyCopied() {
            byte[] body = utf8("{\"detail\":\"boom\"}");
            ReductoApiException e = ApiErrors.fromResponse(500, Map.of(), body, CLOCK);
            body[2] = 'X';
            e.rawBody()[3] = 'Y';

            assertThat(e.body()).isEqualTo("{\"detail\":\"boom\"}");
            assertThat(e.rawBody()).isEqualTo(utf8("{\"detail\":\"boom\"}"));
        }

        @Test
        void survivesJavaSerialization() throws IOException, ClassNotFoundException {
            UnprocessableEntityException e = (UnprocessableEntityException) error(422,
                    Map.of("X-Request-Id", List.of("r1")),
                    "{\"detail\":[{\"loc\":[\"body\",0],\"msg\":\"bad\",\"type\":\"t\",\"input\":{\"a\":1}}]}");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(e);
            }
            UnprocessableEntityException copy;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy = (UnprocessableEntityException) in.readObject();
            }

            assertThat(copy.getMessage()).isEqualTo(e.getMessage());
            assertThat(copy.issues()).isEqualTo(e.issues());
            assertThat(copy.header("x-request-id")).contains("r1");
            assertThat(copy.body()).isEqualTo(e.body());
        }

        @Test
        void headersAreUnmodifiable() {
            ReductoApiException e = error(500, Map.of("a", List.of("1")), "");

            assertThatCode(() -> e.headers().put("b", List.of("2"))).isInstanceOf(UnsupportedOperationException.class);
            assertThatCode(() -> e.headers().get("a").add("3")).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
