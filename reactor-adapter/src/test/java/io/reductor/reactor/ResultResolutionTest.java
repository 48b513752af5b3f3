package io.reductor.reactor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.error.ResponseTooLargeException;
import io.reductor.core.error.ResultDownloadException;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.json.StreamingJsonDecoder;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.UrlResult;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.pipeline.PipelineParseOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resolving {@code UrlResult}s: streaming decode, no API key on the download, size cap, typed errors, auto-resolve. */
class ResultResolutionTest {

    private static final JsonCodec CODEC = JsonCodec.standard();
    private static final String RESULT_PATH = "/results/5b0e8a52.json";
    private static final String SIGNATURE = "c2lnbmF0dXJlLXZhbHVlLXNlY3JldA";
    private static final String QUERY = "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20260301"
            + "%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20260301T120000Z&X-Amz-Expires=3600"
            + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + SIGNATURE;
    private static final Duration WAIT = Duration.ofSeconds(30);

    // gzip off, so plain bodies come with Content-Length (the dribbled ones are chunked without it)
    @RegisterExtension
    static final WireMockReducto server = new WireMockReducto(options -> options.gzipDisabled(true));

    private static byte[] payload;
    private static FullResult expected;

    @BeforeAll
    static void readPayloadOnce() throws IOException {
        payload = readPayload();
        expected = CODEC.decode(payload, FullResult.class);
    }

    // ---- the streaming decoder, fed directly --------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 4096, Integer.MAX_VALUE})
    void decodesTheRealPayloadFedInSlices(int slice) {
        StreamingJsonDecoder<FullResult> decoder = CODEC.streamingDecoder(FullResult.class);
        byte[] reused = new byte[Math.min(slice, payload.length)];
        for (int offset = 0; offset < payload.length; offset += slice) {
            int length = Math.min(slice, payload.length - offset);
            System.arraycopy(payload, offset, reused, 0, length);
            decoder.feed(reused, 0, length); // the same array every time: the decoder must not keep it
            Arrays.fill(reused, (byte) 'x');
        }
        FullResult decoded = decoder.finish();

        assertThat(decoded).isEqualTo(expected);
        assertThat(decoder.bytesFed()).isEqualTo(payload.length);
        assertThat(decoded.chunks()).isNotEmpty();
    }

    @Test
    void keepsUnknownFieldsLikeTheCodec() {
        byte[] json = "{\"type\":\"full\",\"chunks\":[],\"future_field\":{\"n\":1.5,\"big\":12345678901234567890}}"
                .getBytes(StandardCharsets.UTF_8);
        StreamingJsonDecoder<FullResult> decoder = CODEC.streamingDecoder(FullResult.class);
        for (byte b : json) {
            decoder.feed(new byte[] {b});
        }
        FullResult decoded = decoder.finish();

        assertThat(decoded).isEqualTo(CODEC.decode(json, FullResult.class));
        assertThat(decoded.additionalProperties()).containsKey("future_field");
    }

    @Test
    void truncatedMalformedEmptyAndTrailingInputFailNamingTheType() {
        StreamingJsonDecoder<FullResult> truncated = CODEC.streamingDecoder(FullResult.class);
        truncated.feed(Arrays.copyOf(payload, payload.length / 2));
        assertThatThrownBy(truncated::finish).isInstanceOf(ReductoDecodeException.class)
                .hasMessageContaining("FullResult").hasMessageContaining("truncated");

        StreamingJsonDecoder<FullResult> malformed = CODEC.streamingDecoder(FullResult.class);
        assertThatThrownBy(() -> malformed.feed("{\"type\":\"full\",\"chunks\":[}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReductoDecodeException.class)
                .satisfies(e -> assertThat(((ReductoDecodeException) e).targetType()).isEqualTo("FullResult"))
                .satisfies(e -> assertThat(((ReductoDecodeException) e).jsonPath()).isEqualTo("$.chunks[0]"));

        assertThatThrownBy(() -> CODEC.streamingDecoder(FullResult.class).finish())
                .isInstanceOf(ReductoDecodeException.class).hasMessageContaining("empty");

        StreamingJsonDecoder<FullResult> twice = CODEC.streamingDecoder(FullResult.class);
        assertThatThrownBy(() -> twice.feed("{\"type\":\"full\"} {}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReductoDecodeException.class).hasMessageContaining("after the end");

        StreamingJsonDecoder<FullResult> wrongShape = CODEC.streamingDecoder(FullResult.class);
        wrongShape.feed("{\"type\":\"full\",\"chunks\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(wrongShape::finish).isInstanceOf(ReductoDecodeException.class)
                .hasMessageContaining("FullResult").hasMessageContaining("$.chunks");
    }

    // ---- downloads over HTTP ------------------------------------------------------------------------------------

    @Test
    void downloadsWithoutTheApiKeyAndDecodes() {
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(payload)));

        FullResult resolved = client(false).resolve(urlResult()).block(WAIT);

        assertThat(resolved).isEqualTo(expected);
        server.verify(1, getRequestedFor(urlPathEqualTo(RESULT_PATH))
                .withoutHeader("Authorization")
                .withoutHeader("user-id")
                .withQueryParam("X-Amz-Signature", equalTo(SIGNATURE))
                .withQueryParam("X-Amz-Credential", equalTo("AKIAEXAMPLE/20260301/us-west-2/s3/aws4_request")));
    }

    @Test
    void isColdAndDownloadsOncePerSubscription() {
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(200).withBody(payload)));
        ReductoClient client = client(false);

        var resolution = client.resolve(urlResult());
        server.verify(0, getRequestedFor(urlPathEqualTo(RESULT_PATH)));
        resolution.block(WAIT);
        resolution.block(WAIT);
        server.verify(2, getRequestedFor(urlPathEqualTo(RESULT_PATH)));
    }

    @Test
    void decodesALargeBodyArrivingInManyNetworkBuffers() {
        ObjectNode big = (ObjectNode) CODEC.readTree(payload);
        ArrayNode chunks = (ArrayNode) big.get("chunks");
        JsonNode first = chunks.get(0);
        for (int i = 0; i < 400; i++) {
            chunks.add(first.deepCopy());
        }
        byte[] body = CODEC.encode(big);
        assertThat(body.length).isGreaterThan(1_000_000);
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(200).withBody(body)));

        FullResult resolved = client(false).resolve(urlResult()).block(WAIT);

        assertThat(resolved).isEqualTo(CODEC.decode(body, FullResult.class));
        assertThat(resolved.chunks()).hasSize(chunks.size());
    }

    @Test
    void refusesABodyOverTheLimitAnnouncedByContentLength() {
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(200).withBody(payload)));

        StepVerifier.create(client(false, payload.length - 1).resolve(urlResult()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ResponseTooLargeException.class)
                        .hasMessageNotContaining(SIGNATURE).hasMessageNotContaining("X-Amz")
                        .satisfies(t -> assertThat(((ResponseTooLargeException) t).limitBytes())
                                .isEqualTo(payload.length - 1)))
                .verify(WAIT);
    }

    @Test
    void refusesAChunkedBodyOnceItGrowsOverTheLimit() {
        // Chunked transfer: no Content-Length, so the limit is enforced while the body streams in.
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(200).withBody(payload)
                .withChunkedDribbleDelay(8, 8)));

        StepVerifier.create(client(false, 1000).resolve(urlResult()))
                .expectError(ResponseTooLargeException.class)
                .verify(WAIT);

        StepVerifier.create(client(false, payload.length).resolve(urlResult()))
                .expectNext(expected)
                .verifyComplete();
    }

    @Test
    void aTruncatedBodyIsADecodeError() {
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(200)
                .withBody(Arrays.copyOf(payload, payload.length - 20))));

        StepVerifier.create(client(false).resolve(urlResult()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ReductoDecodeException.class)
                        .hasMessageContaining("FullResult"))
                .verify(WAIT);
    }

    @Test
    void anExpiredUrlIsATypedErrorThatNeverShowsTheUrlAndIsNotRetried() {
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withHeader("x-amz-request-id", "REQ123")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                        + "<Message>Request has expired</Message><X-Amz-Expires>3600</X-Amz-Expires>"
                        + "<Expires>2026-03-01T13:00:00Z</Expires><ServerTime>2026-03-01T14:00:00Z</ServerTime>"
                        + "<RequestId>REQ123</RequestId><HostId>abc=</HostId></Error>")));
        ReductoClient client = server.client().build();

        StepVerifier.create(client.resolve(urlResult()))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ResultDownloadException.class);
                    ResultDownloadException download = (ResultDownloadException) e;
                    assertThat(download.expired()).isTrue();
                    assertThat(download.status()).isEqualTo(403);
                    assertThat(download.errorCode()).contains("AccessDenied");
                    assertThat(download.resultId()).contains("res_5b0e8a52");
                    assertThat(download.host()).contains("127.0.0.1");
                    assertThat(download.getMessage()).contains("expired", "res_5b0e8a52", "127.0.0.1",
                            "Request has expired", "fetch the job again", "12 hours", "REQ123");
                    for (String shown : new String[] {download.getMessage(), download.toString()}) {
                        assertThat(shown).doesNotContain(SIGNATURE, "X-Amz-Signature", "X-Amz-Credential",
                                "AKIAEXAMPLE", RESULT_PATH, "?");
                    }
                })
                .verify(WAIT);
        server.verify(1, getRequestedFor(urlPathEqualTo(RESULT_PATH)));
    }

    @Test
    void aMissingResultIsATypedError() {
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                        + "<Message>The specified key does not exist.</Message><Key>results/5b0e8a52.json</Key>"
                        + "</Error>")));

        StepVerifier.create(client(false).resolve(urlResult()))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ResultDownloadException.class);
                    ResultDownloadException download = (ResultDownloadException) e;
                    assertThat(download.expired()).isFalse();
                    assertThat(download.status()).isEqualTo(404);
                    assertThat(download.errorCode()).contains("NoSuchKey");
                    assertThat(download.getMessage()).contains("not found", "res_5b0e8a52")
                            .doesNotContain(SIGNATURE, "X-Amz");
                })
                .verify(WAIT);
    }

    @Test
    void aBodyEchoingTheUrlHasItsQueryRemoved() {
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad request for " + RESULT_PATH + QUERY + "</body></html>")));

        StepVerifier.create(client(false).resolve(urlResult()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ResultDownloadException.class)
                        .hasMessageContaining("HTTP 400")
                        .hasMessageNotContaining(SIGNATURE).hasMessageNotContaining("AKIAEXAMPLE"))
                .verify(WAIT);
    }

    @Test
    void serverErrorsOfTheStorageAreRetried() {
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>"))
                .willSetStateTo("recovered"));
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody(payload)));
        ReductoClient client = server.client().build();

        assertThat(client.resolve(urlResult()).block(WAIT)).isEqualTo(expected);
        server.verify(2, getRequestedFor(urlPathEqualTo(RESULT_PATH)));
    }

    @Test
    void refusesPlainHttpToOtherHostsAndUrlsThatAreNotHttp() {
        ReductoClient client = client(false);
        for (String url : new String[] {"http://storage.example.invalid/r.json" + QUERY, "file:///etc/passwd",
                "not a url " + QUERY}) {
            UrlResult result = UrlResult.builder().url(url).resultId("res_1").build();
            StepVerifier.create(client.resolve(result))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ReductoException.class)
                            .hasMessageContaining("res_1").hasMessageNotContaining(SIGNATURE))
                    .verify(WAIT);
        }
    }

    @Test
    void aFullResponseIsGivenBackAsItIs() {
        ParseResponse full = parseResponse(expected);
        assertThat(client(false).resolve(full).block(WAIT)).isSameAs(full);
    }

    @Test
    void resolvingAResponseKeepsEverythingButTheResult() {
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(200).withBody(payload)));
        ParseResponse withUrl = parseResponse(urlResult());

        ParseResponse resolved = client(false).resolve(withUrl).block(WAIT);

        assertThat(resolved).isEqualTo(withUrl.toBuilder().result(expected).build());
    }

    // ---- the client option --------------------------------------------------------------------------------------

    @Test
    void parseRunResolvesUrlResultsWhenTheOptionIsOn() {
        stubParseAnsweringWithAUrl();
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(200).withBody(payload)));

        RunResult<ParseResponse> run = client(true).parse().run(parseRequest()).block(WAIT);

        assertThat(run.response().result()).isEqualTo(expected);
        assertThat(run.response().jobId()).isEqualTo("5b0e8a52-1f3c-4d2e-8a7b-9c0d1e2f3a4b");
        assertThat(run.response().additionalProperties()).containsKey("warnings");
        server.verify(postRequestedFor(urlPathEqualTo("/parse")).withHeader("Authorization",
                equalTo("Bearer " + WireMockReducto.API_KEY)));
        server.verify(1, getRequestedFor(urlPathEqualTo(RESULT_PATH)).withoutHeader("Authorization"));
    }

    @Test
    void parseRunLeavesUrlResultsWhenTheOptionIsOff() {
        stubParseAnsweringWithAUrl();

        RunResult<ParseResponse> run = client(false).parse().run(parseRequest()).block(WAIT);

        assertThat(run.response().result()).isEqualTo(urlResult());
        server.verify(0, getRequestedFor(urlPathEqualTo(RESULT_PATH)));
    }

    @Test
    void getJobResolvesParseAndPipelineResultsWhenTheOptionIsOn() {
        server.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(200).withBody(payload)));
        server.stubFor(get(urlPathEqualTo("/job/parse-1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"Completed\",\"type\":\"Parse\",\"result\":" + parseResponseJson() + "}")));
        server.stubFor(get(urlPathEqualTo("/job/pipe-1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"Completed\",\"type\":\"Pipeline\",\"result\":{\"response_type\":\"pipeline\","
                        + "\"job_id\":\"pipe-1\",\"usage\":{\"num_pages\":1},\"result\":{\"parse\":["
                        + parseResponseJson() + "," + parseResponseJson()
                        + "],\"extract\":null,\"split\":null,\"edit\":null}}}")));

        JobResponse parseJob = client(true).getJob("parse-1").block(WAIT);
        JobResponse pipelineJob = client(true).getJob("pipe-1").block(WAIT);
        JobResponse untouched = client(false).getJob("parse-1").block(WAIT);

        assertThat(((JobResult.Parse) parseJob.result()).response().result()).isEqualTo(expected);
        PipelineParseOutput parse = ((JobResult.Pipeline) pipelineJob.result()).response().result().parse();
        assertThat(parse).isInstanceOf(PipelineParseOutput.Multiple.class);
        assertThat(parse.responses()).extracting(ParseResponse::result).containsExactly(expected, expected);
        assertThat(((JobResult.Parse) untouched.result()).response().result()).isInstanceOf(UrlResult.class);
        server.verify(3, getRequestedFor(urlPathEqualTo(RESULT_PATH)).withoutHeader("Authorization"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static ReductoClient client(boolean resolve) {
        return client(resolve, 2L * 1024 * 1024 * 1024);
    }

    private static ReductoClient client(boolean resolve, long maxResultBytes) {
        return server.client().retryPolicy(RetryPolicy.none()).userId("user-7").resolveUrlResults(resolve)
                .maxResultBytes(maxResultBytes).build();
    }

    private static String presignedUrl() {
        return server.baseUrl() + RESULT_PATH + QUERY;
    }

    private static UrlResult urlResult() {
        return UrlResult.builder().url(presignedUrl()).resultId("res_5b0e8a52").build();
    }

    private static ParseResponse parseResponse(io.reductor.core.model.parse.ParseResult result) {
        return CODEC.decode(parseResponseJson(), ParseResponse.class).toBuilder().result(result).build();
    }

    private static String parseResponseJson() {
        return "{\"response_type\":\"parse\",\"job_id\":\"5b0e8a52-1f3c-4d2e-8a7b-9c0d1e2f3a4b\",\"duration\":48.1,"
                + "\"pdf_url\":null,\"usage\":{\"num_pages\":412,\"credits\":412.0},"
                + "\"result\":{\"type\":\"url\",\"url\":\"" + presignedUrl() + "\",\"result_id\":\"res_5b0e8a52\"},"
                + "\"parse_mode\":\"base_v2\",\"warnings\":[{\"code\":\"LARGE_RESULT\"}]}";
    }

    private static void stubParseAnsweringWithAUrl() {
        server.stubFor(post(urlPathEqualTo("/parse")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(parseResponseJson())));
    }

    private static ParseRequest parseRequest() {
        return ParseRequest.builder().input(DocumentInput.url("https://example.com/doc.pdf")).build();
    }

    /** The real body behind a result URL, from core's test resources (classpath via the test-jar, else the file). */
    private static byte[] readPayload() throws IOException {
        String name = "examples/parse-puffinparse-url-result-body.json";
        try (InputStream in = ResultResolutionTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in != null) {
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(Path.of("..", "core", "src", "test", "resources", name));
    }
}
