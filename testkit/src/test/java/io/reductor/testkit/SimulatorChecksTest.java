package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.error.JobFailedException;
import io.reductor.core.error.NotFoundException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.error.ResultDownloadException;
import io.reductor.core.error.UnprocessableEntityException;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.BoundingBox;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.edit.EditRequest;
import io.reductor.core.model.edit.EditResponse;
import io.reductor.core.model.edit.EditWidget;
import io.reductor.core.model.edit.WidgetType;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.ParseSettings;
import io.reductor.core.model.parse.UrlResult;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.RetryPolicy;
import io.reductor.reactor.UploadSource;
import io.reductor.spec.SpecValidator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.scheduler.VirtualTimeScheduler;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks the real service makes, the state machine's edges, and the shape of what the simulator answers, each
 * with its own simulator.
 */
class SimulatorChecksTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final SpecValidator SPEC = SpecValidator.instance();

    private static ReductoClient client(ReductoSimulator simulator) {
        return ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl()).build();
    }

    private static String upload(ReductoClient client) {
        return client.upload(UploadSource.of(TestDocuments.invoicePdf(), "invoice.pdf")).block(WAIT).fileId();
    }

    private static void assertValid(String file, String schema, JsonNode json) {
        assertThat(SPEC.validate(file, schema, json)).as(schema + " in " + file + ": " + json).isEmpty();
    }

    @Test
    void missingKeyIsAnNginx403AndAWrongKeyA401() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            RawHttp.Answer missing = RawHttp.call("GET", simulator.baseUrl() + "/version", Map.of(), null);
            RawHttp.Answer wrong = RawHttp.call("GET", simulator.baseUrl() + "/version",
                    Map.of("Authorization", "Bearer not-the-key"), null);
            RawHttp.Answer open = RawHttp.call("PUT", simulator.baseUrl() + "/_storage/unknown", Map.of(), "x");

            assertThat(missing.status()).isEqualTo(403);
            assertThat(missing.headers().get("content-type")).startsWith("text/html");
            assertThat(missing.body()).contains("<center>nginx</center>");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().toString())
                    .isEqualTo("{\"error\":{\"code\":401,\"name\":\"AUTH_ERROR\",\"message\":\"Invalid access token\"}}");
            assertThat(open.status()).isEqualTo(404); // storage needs no key, but this upload does not exist
            assertThatThrownBy(() -> ReductoClient.builder().apiKey("wrong").baseUrl(simulator.baseUrl()).build()
                    .version().block(WAIT)).hasMessageContaining("401");
        }
    }

    @Test
    void invalidBodiesAre422InFastApisShape() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            RawHttp.Answer numberInput = RawHttp.call("POST", simulator.baseUrl() + "/parse",
                    RawHttp.auth(simulator), "{\"input\": 42}");
            RawHttp.Answer missingInput = RawHttp.call("POST", simulator.baseUrl() + "/split_async",
                    RawHttp.auth(simulator), "{\"split_description\": []}");
            RawHttp.Answer notJson = RawHttp.call("POST", simulator.baseUrl() + "/extract",
                    RawHttp.auth(simulator), "{nope");
            RawHttp.Answer badLimit = RawHttp.call("GET", simulator.baseUrl() + "/jobs?limit=501",
                    RawHttp.auth(simulator), null);

            assertThat(numberInput.status()).isEqualTo(422);
            JsonNode issue = numberInput.json().path("detail").path(0);
            assertThat(issue.path("loc").toString()).startsWith("[\"body\",\"input\"");
            assertThat(issue.path("input").asInt()).isEqualTo(42);
            assertValid("openapi.json", "HTTPValidationError", numberInput.json());
            assertThat(missingInput.status()).isEqualTo(422);
            assertThat(missingInput.json().path("detail").findValuesAsText("type")).contains("missing");
            assertThat(missingInput.json().path("detail").toString()).contains("[\"body\",\"input\"]");
            assertThat(notJson.json().path("detail").path(0).path("type").asText()).isEqualTo("json_invalid");
            assertThat(badLimit.status()).isEqualTo(422);
            assertThat(badLimit.json().path("detail").path(0).path("loc").toString())
                    .isEqualTo("[\"query\",\"limit\"]");
            assertThat(simulator.counters().jobsCreated()).isZero();

            JsonNode invalid = JsonCodec.standard().readTree("{\"input\": \"https://x.test/a.pdf\", "
                    + "\"settings\": {\"ocr_system\": 7}}");
            RawHttp.Answer badSetting = RawHttp.call("POST", simulator.baseUrl() + "/parse", RawHttp.auth(simulator),
                    invalid.toString());
            assertThat(badSetting.status()).isEqualTo(422);
            assertThat(badSetting.json().path("detail").toString()).contains("ocr_system");
        }
    }

    @Test
    void rateLimitsAnswer429WithTheirCodeAndRetryAfter() {
        try (ReductoSimulator simulator = ReductoSimulator.builder().rateLimit(2).jobPollRateLimit(1).start()) {
            List<RawHttp.Answer> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(RawHttp.call("GET", simulator.baseUrl() + "/version", RawHttp.auth(simulator), null));
            }
            RawHttp.Answer limited = answers.get(2);
            assertThat(answers.get(0).status()).isEqualTo(200);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().path("message").asText()).startsWith("[CODE 1000]");
            assertThat(limited.headers().get("Retry-After")).isEqualTo("1");

            ReductoClient client = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                    .retryPolicy(RetryPolicy.none()).build();
            assertThatThrownBy(() -> client.version().block(WAIT))
                    .isInstanceOfSatisfying(io.reductor.core.error.RateLimitException.class, e -> {
                        assertThat(e.isKeyLimit()).isTrue();
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                    });
            assertThat(simulator.counters().rateLimitedRequests()).isGreaterThanOrEqualTo(2);
        }
        try (ReductoSimulator simulator = ReductoSimulator.builder().jobPollRateLimit(1).start()) {
            RawHttp.call("GET", simulator.baseUrl() + "/job/x", RawHttp.auth(simulator), null);
            RawHttp.Answer polled = RawHttp.call("GET", simulator.baseUrl() + "/job/x", RawHttp.auth(simulator), null);
            assertThat(polled.status()).isEqualTo(429);
            assertThat(polled.json().path("message").asText()).startsWith("[CODE 2000]");
        }
    }

    @Test
    void presignedUploadFlowStoresThePutBytes() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            ReductoClient client = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                    .directUploadLimit(100).build();

            Upload upload = client.upload(UploadSource.of(TestDocuments.invoicePdf(), "big.pdf")).block(WAIT);
            ParseResponse parsed = client.parse().run(ParseRequest.builder()
                    .input(DocumentInput.fileId(upload.fileId())).build()).block(WAIT).response();

            assertThat(upload.fileId()).startsWith("reducto://");
            assertThat(simulator.counters().requests("PUT /_storage/{token}")).isEqualTo(1);
            assertThat(((FullResult) parsed.result()).chunks().get(0).content()).contains("INV-2024-001");

            RawHttp.Answer start = RawHttp.call("POST", simulator.baseUrl() + "/upload", RawHttp.auth(simulator),
                    "{}");
            assertValid("openapi.json", "UploadResponse", start.json());
            String url = start.json().path("presigned_url").asText();
            RawHttp.Answer forged = RawHttp.call("PUT", url.replaceFirst("Signature=.*", "Signature=forged"), Map.of(),
                    "bytes");
            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.body()).contains("SignatureDoesNotMatch");
            RawHttp.Answer early = RawHttp.call("POST", simulator.baseUrl() + "/parse", RawHttp.auth(simulator),
                    "{\"input\": \"" + start.json().path("file_id").asText() + "\"}");
            assertThat(early.status()).isEqualTo(400);
            assertThat(early.json().path("detail").asText()).contains("has not been uploaded yet");
        }
    }

    @Test
    void largeResultsAreUrlResultsThatTheClientResolvesAndThatExpire() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (ReductoSimulator simulator = ReductoSimulator.builder().urlResultThreshold(200).clock(clock)
                .resultUrlLifetime(Duration.ofMinutes(10)).start()) {
            ReductoClient client = client(simulator);
            ParseResponse response = client.parse().run(ParseRequest.builder()
                    .input(DocumentInput.fileId(upload(client))).build()).block(WAIT).response();

            UrlResult url = (UrlResult) response.result();
            assertThat(url.url()).startsWith(simulator.baseUrl() + "/_results/" + url.resultId());
            ParseResponse resolved = client.resolve(response).block(WAIT);
            assertThat(((FullResult) resolved.result()).chunks().get(0).content()).contains("INV-2024-001");
            assertThat(client.resolve(url).block(WAIT).chunks()).hasSize(1);
            RawHttp.Answer body = RawHttp.call("GET", url.url(), Map.of(), null);
            assertValid("openapi.json", "FullResult", body.json());

            clock.advance(Duration.ofMinutes(11));
            assertThatThrownBy(() -> client.resolve(url).block(WAIT))
                    .isInstanceOfSatisfying(ResultDownloadException.class, e -> assertThat(e.expired()).isTrue());

            ParseResponse small = client.parse().run(ParseRequest.builder()
                    .input(DocumentInput.fileId(upload(client)))
                    .settings(ParseSettings.builder().forceUrlResult(true).build()).build()).block(WAIT).response();
            assertThat(small.result()).isInstanceOf(UrlResult.class);
        }
    }

    @Test
    void jobsExpireAfterTheRetentionPeriod() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (ReductoSimulator simulator = ReductoSimulator.builder().clock(clock).start()) {
            ReductoClient client = client(simulator);
            String jobId = client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(upload(client)))
                    .build()).block(WAIT).jobId();
            client.awaitResult(jobId).block(WAIT);

            clock.advance(Duration.ofHours(11).plusMinutes(59));
            assertThat(client.getJob(jobId).block(WAIT).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(client.jobs().collectList().block(WAIT)).hasSize(1);

            clock.advance(Duration.ofMinutes(2));
            assertThatThrownBy(() -> client.getJob(jobId).block(WAIT)).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("12 hours");
            assertThat(client.jobs().collectList().block(WAIT)).isEmpty();
            assertThatThrownBy(() -> client.parse().run(ParseRequest.builder()
                    .input(DocumentInput.jobReference(jobId)).build()).block(WAIT))
                    .hasMessageContaining("404");
        }
    }

    @Test
    void cancelledJobsStopAndReportCancelled() {
        try (ReductoSimulator simulator = ReductoSimulator.builder().processingTimePerPage(Duration.ofHours(1))
                .start()) {
            ReductoClient client = client(simulator);
            String jobId = client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(upload(client)))
                    .build()).block(WAIT).jobId();

            client.cancelJob(jobId).block(WAIT);

            assertThat(client.getJob(jobId).block(WAIT).status()).isEqualTo(JobStatus.CANCELLED);
            assertThatThrownBy(() -> client.awaitResult(jobId).block(WAIT)).isInstanceOf(JobFailedException.class);
            assertThat(simulator.counters().requests("POST /cancel/{job_id}")).isEqualTo(1);
        }
    }

    @Test
    void longPollHoldsUntilTheStatusChangesOrTheTimeoutPasses() throws Exception {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        try (ReductoSimulator simulator = ReductoSimulator.builder().scheduler(time)
                .queueTime(Duration.ofSeconds(60)).start()) {
            ReductoClient client = client(simulator);
            String jobId = client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(upload(client)))
                    .build()).block(WAIT).jobId();
            String url = simulator.baseUrl() + "/job/" + jobId + "?timeout=30";

            CompletableFuture<RawHttp.Answer> timedOut = RawHttp.send("GET", url, RawHttp.auth(simulator), null)
                    .toFuture();
            simulator.awaitRequests(SimulatorRoute.GET_JOB, 1); // held: its timeout is registered
            time.advanceTimeBy(Duration.ofSeconds(30));
            assertThat(timedOut.get(30, TimeUnit.SECONDS).json().path("status").asText()).isEqualTo("Pending");

            CompletableFuture<RawHttp.Answer> changed = RawHttp.send("GET", url.replace("timeout=30", "timeout=120"),
                    RawHttp.auth(simulator), null).toFuture();
            simulator.awaitRequests(SimulatorRoute.GET_JOB, 2);
            time.advanceTimeBy(Duration.ofSeconds(30)); // the job leaves Pending after 60 s
            assertThat(changed.get(30, TimeUnit.SECONDS).json().path("status").asText()).isEqualTo("InProgress");
        }
    }

    @Test
    void aRequestIsTakenInOnceHeldSoThatAnAdvanceCannotOvertakeIt() throws Exception {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        try (ReductoSimulator simulator = ReductoSimulator.builder().scheduler(time).start()) {
            ReductoClient client = client(simulator);
            String fileId = simulator.uploadDocument("note.txt", "Total: 42".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<RunResult<ParseResponse>> parsed = client.parse().run(ParseRequest.builder()
                    .input(DocumentInput.fileId(fileId)).build()).toFuture();

            simulator.awaitRequests(SimulatorRoute.PARSE, 1); // the job exists and the request waits for it
            assertThat(parsed).as("nothing moves before virtual time does").isNotDone();
            assertThat(simulator.counters().jobsCreated()).isEqualTo(1);
            time.advanceTimeBy(Duration.ofSeconds(1));

            assertThat(parsed.get(30, TimeUnit.SECONDS).isCompleted()).isTrue();
        }
    }

    @Test
    void longPollUntilFinishedHoldsPastTheIntermediateStatuses() throws Exception {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        try (ReductoSimulator simulator = ReductoSimulator.builder().scheduler(time).longPollUntilFinished(true)
                .queueTime(Duration.ofSeconds(60)).start()) {
            ReductoClient client = client(simulator);
            String jobId = client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(upload(client)))
                    .build()).block(WAIT).jobId();
            CompletableFuture<RawHttp.Answer> held = RawHttp.send("GET",
                    simulator.baseUrl() + "/job/" + jobId + "?timeout=300", RawHttp.auth(simulator), null).toFuture();
            simulator.awaitRequests(SimulatorRoute.GET_JOB, 1); // held: its timeout is registered

            time.advanceTimeBy(Duration.ofSeconds(60)); // Pending -> InProgress: the held request stays held
            client.getJob(jobId).map(JobResponse::status)
                    .filter(status -> status == JobStatus.IN_PROGRESS)
                    .repeatWhenEmpty(repeat -> repeat.delayElements(Duration.ofMillis(5)))
                    .block(WAIT);
            time.advanceTimeBy(Duration.ofSeconds(120)); // processing, Completing, then Completed

            assertThat(held.get(30, TimeUnit.SECONDS).json().path("status").asText()).isEqualTo("Completed");
        }
    }

    @Test
    void faultsAreInjectedRepeatablyFromTheSeed() {
        FaultInjection faults = FaultInjection.builder().seed(7).serviceUnavailable(0.5).endpoints("GET /version")
                .build();
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (ReductoSimulator simulator = ReductoSimulator.builder().faults(faults).start()) {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    statuses.add(RawHttp.call("GET", simulator.baseUrl() + "/version", RawHttp.auth(simulator), null)
                            .status());
                }
                runs.add(statuses);
                assertThat(simulator.counters().faults().get("503")).isEqualTo(statuses.stream()
                        .filter(s -> s == 503).count());
            }
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(200, 503);
    }

    @Test
    void aResetAfterProcessingLeavesTheJobCreated() {
        try (ReductoSimulator simulator = ReductoSimulator.builder()
                .faults(FaultInjection.builder().connectionReset(1.0).endpoints("POST /parse_async").build())
                .start()) {
            ReductoClient client = client(simulator);
            String fileId = upload(client);

            assertThatThrownBy(() -> client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(fileId))
                    .async(AsyncOptions.builder().metadata(JsonCodec.standard().readTree("\"doc-1\"")).build())
                    .build()).block(WAIT)).isInstanceOf(ReductoException.class);
            assertThat(simulator.counters().faults()).containsEntry("reset", 1L);
            assertThat(simulator.counters().jobsWithMetadata("doc-1")).isEqualTo(1);
        }
        try (ReductoSimulator simulator = ReductoSimulator.builder()
                .faults(FaultInjection.builder().truncatedBody(1.0).endpoints("GET /version").build()).start()) {
            ReductoClient client = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                    .retryPolicy(RetryPolicy.none()).build();
            assertThatThrownBy(() -> client.version().block(WAIT)).isInstanceOf(ReductoException.class);
            assertThat(simulator.counters().faults()).containsEntry("truncated", 1L);
        }
    }

    @Test
    void syncParseWithAnAsyncConfigAnswersAJob() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            ReductoClient client = client(simulator);
            RunResult<ParseResponse> result = client.parse().run(ParseRequest.builder()
                    .input(DocumentInput.fileId(upload(client)))
                    .async(AsyncOptions.builder().priority(true).build()).build()).block(WAIT);

            assertThat(result.isCompleted()).isFalse();
            assertThat(client.awaitResult(result.jobId().orElseThrow()).block(WAIT).responseType()).isEqualTo("parse");
        }
    }

    @Test
    void plainTextDocumentsRegisteredForUrlsAreParsed() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            String text = "# Meeting Notes\n\nAttendees: Ann, Bob\n\n- first action item\n- second action item\n"
                    + "\f## Page Two\n\nClosing remarks follow here.";
            simulator.registerDocument("https://example.com/notes.txt", text.getBytes(StandardCharsets.UTF_8));
            ParseResponse response = client(simulator).parse().run(ParseRequest.builder()
                    .input(DocumentInput.url("https://example.com/notes.txt")).build()).block(WAIT).response();

            assertThat(response.usage().numPages()).isEqualTo(2);
            FullResult result = (FullResult) response.result();
            assertThat(result.chunks().get(0).blocks()).extracting(b -> b.type().value())
                    .containsExactly("Title", "Key Value", "List Item", "List Item", "Section Header", "Text");
        }
    }

    @Test
    void editAnswersAStoredDocumentAndFillsTheFormFromTheInstructions() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            ReductoClient client = client(simulator);
            BoundingBox box = BoundingBox.builder().left(0.1).top(0.1).width(0.3).height(0.05).page(1).build();
            EditResponse response = client.edit().run(EditRequest.builder()
                    .documentUrl(DocumentInput.fileId(upload(client)))
                    .editInstructions("Customer name: Jane Doe")
                    .formSchema(List.of(EditWidget.builder().bbox(box).description("customer name")
                            .type(WidgetType.TEXT).build()))
                    .build()).block(WAIT);

            assertThat(response.formSchema().get(0).value()).isEqualTo("Jane Doe");
            RawHttp.Answer document = RawHttp.call("GET", response.documentUrl(), Map.of(), null);
            assertThat(document.status()).isEqualTo(200);
            assertThat(document.body()).startsWith("%PDF");
        }
    }

    @Test
    void webhooksAreDeliveredDirectAndSvixSigned() throws Exception {
        Sinks.Many<String[]> received = Sinks.many().replay().all();
        DisposableServer receiver = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().aggregate().asString().flatMap(body -> {
                    // The two deliveries may arrive at once on two event loops: emitNext retries the one that
                    // finds the sink busy, where tryEmitNext would drop it (FAIL_NON_SERIALIZED).
                    received.emitNext(new String[] {request.uri(), body,
                            String.valueOf(request.requestHeaders().get("svix-id")),
                            String.valueOf(request.requestHeaders().get("svix-timestamp")),
                            String.valueOf(request.requestHeaders().get("svix-signature"))},
                            Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
                    return response.status(200).send().then();
                })).bindNow();
        String secret = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123".getBytes());
        try (ReductoSimulator simulator = ReductoSimulator.builder()
                .svixEndpoint("http://127.0.0.1:" + receiver.port() + "/svix").svixSecret(secret).start()) {
            ReductoClient client = client(simulator);
            String fileId = upload(client);
            client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(fileId))
                    .async(AsyncOptions.builder().metadata(JsonCodec.standard().readTree("{\"doc\":\"a\"}"))
                            .webhook(WebhookConfig.direct("http://127.0.0.1:" + receiver.port() + "/direct")).build())
                    .build()).block(WAIT);
            String svixJob = client.parse().runJob(ParseRequest.builder().input(DocumentInput.fileId(fileId))
                    .async(AsyncOptions.builder().webhook(WebhookConfig.svix()).build()).build()).block(WAIT).jobId();

            List<String[]> deliveries = received.asFlux().take(2).collectList().block(WAIT);

            String[] direct = deliveries.stream().filter(d -> d[0].equals("/direct")).findFirst().orElseThrow();
            JsonNode payload = JsonCodec.standard().readTree(direct[1]);
            assertThat(payload.path("status").asText()).isEqualTo("Completed");
            assertThat(payload.path("metadata").path("doc").asText()).isEqualTo("a");
            String[] svix = deliveries.stream().filter(d -> d[0].equals("/svix")).findFirst().orElseThrow();
            assertThat(JsonCodec.standard().readTree(svix[1]).path("job_id").asText()).isEqualTo(svixJob);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal((svix[2] + "." + svix[3] + "." + svix[1])
                    .getBytes(StandardCharsets.UTF_8)));
            assertThat(svix[4]).isEqualTo("v1," + expected);
            assertThat(simulator.counters().webhookDeliveries()).isEqualTo(2);
        } finally {
            receiver.disposeNow();
        }
    }

    @Test
    void responsesValidateAgainstTheSpec() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            simulator.registerDocument("https://example.com/invoice.pdf", TestDocuments.invoicePdf());
            Map<String, String> auth = RawHttp.auth(simulator);
            String base = simulator.baseUrl();
            String input = "\"input\": \"https://example.com/invoice.pdf\"";

            JsonNode parse = RawHttp.call("POST", base + "/parse", auth, "{" + input
                    + ", \"settings\": {\"return_ocr_data\": true}}").json();
            assertValid("openapi.json", "ParseResponse", parse);
            assertValid("reducto-parse-api-openapi.yml", "ParseResponse", parse);

            JsonNode submitted = RawHttp.call("POST", base + "/parse_async", auth, "{" + input + "}").json();
            assertValid("openapi.json", "AsyncParseResponse", submitted);
            String jobId = submitted.path("job_id").asText();
            client(simulator).awaitResult(jobId).block(WAIT);
            JsonNode job = RawHttp.call("GET", base + "/job/" + jobId, auth, null).json();
            // (the per-tag description's oneOf of result types cannot hold: a parse result also fits its free-form
            // V3ExtractResponse, so only the SDK spec's anyOf is checked)
            assertValid("openapi.json", "EnhancedAsyncJobResponse", job);
            JsonNode jobs = RawHttp.call("GET", base + "/jobs?limit=5", auth, null).json();
            assertValid("openapi.json", "JobsResponse", jobs);
            assertValid("reducto-jobs-api-openapi.yml", "JobsResponse", jobs);

            String schema = "\"instructions\": {\"schema\": {\"type\": \"object\", \"properties\": "
                    + "{\"invoice_number\": {\"type\": \"string\"}}}}";
            JsonNode extract = RawHttp.call("POST", base + "/extract", auth, "{" + input + ", " + schema + "}").json();
            assertValid("openapi.json", "V3ExtractResponse", extract);
            assertValid("reducto-pipeline-api-openapi.yml", "ExtractResponse", extract);
            JsonNode cited = RawHttp.call("POST", base + "/extract", auth, "{" + input + ", " + schema
                    + ", \"settings\": {\"citations\": {\"enabled\": true}}}").json();
            assertValid("reducto-extract-api-openapi.yml", "V3ExtractResponse", cited);

            JsonNode split = RawHttp.call("POST", base + "/split", auth, "{" + input + ", \"split_description\": "
                    + "[{\"name\": \"invoice\", \"description\": \"billing\"}]}").json();
            assertValid("openapi.json", "SplitResponse", split);
            JsonNode classify = RawHttp.call("POST", base + "/classify", auth, "{" + input
                    + ", \"classification_schema\": [{\"category\": \"invoice\", \"criteria\": [\"total due\"]}]}")
                    .json();
            assertValid("reducto-classify-api-openapi.yml", "ClassifyResponse", classify);
            JsonNode cite = RawHttp.call("POST", base + "/cite", auth, "{\"source\": \"jobid://" + jobId
                    + "\", \"queries\": [{\"text\": \"Total Due\"}]}").json();
            assertValid("reducto-classify-api-openapi.yml", "CiteResponse", cite);
            assertThat(cite.path("results").path(0).path("matches").path(0).path("page").asInt()).isEqualTo(1);
            simulator.registerPipeline("p", PipelineDefinition.builder().extract(JsonCodec.standard().readTree(
                    "{\"type\": \"object\", \"properties\": {\"total_due\": {\"type\": \"number\"}}}")).build());
            JsonNode pipeline = RawHttp.call("POST", base + "/pipeline", auth, "{" + input
                    + ", \"pipeline_id\": \"p\"}").json();
            assertValid("openapi.json", "PipelineResponse", pipeline);
            assertValid("reducto-pipeline-api-openapi.yml", "PipelineResponse", pipeline);
        }
    }

    @Test
    void unknownJobsAndRoutesAreNotFound() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            assertThatThrownBy(() -> client(simulator).getJob("no-such-job").block(WAIT))
                    .isInstanceOf(NotFoundException.class);
            assertThat(RawHttp.call("GET", simulator.baseUrl() + "/nowhere", RawHttp.auth(simulator), null).status())
                    .isEqualTo(404);
            assertThat(RawHttp.call("GET", simulator.baseUrl() + "/parse", RawHttp.auth(simulator), null).status())
                    .isEqualTo(405);
            assertThat(client(simulator).configureWebhook().block(WAIT)).startsWith(simulator.baseUrl());
            assertThatThrownBy(() -> client(simulator).jobs(io.reductor.core.model.job.ListJobsRequest.builder()
                    .cursor("garbage").build()).blockFirst(WAIT)).hasMessageContaining("400");
        }
    }
}
