package io.reductor.reactor;

import io.reductor.core.error.BadRequestException;
import io.reductor.core.error.InternalServerException;
import io.reductor.core.error.JobCreationUncertainException;
import io.reductor.core.error.RateLimitException;
import io.reductor.core.error.ReductoConnectionException;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.error.ResponseTooLargeException;
import io.reductor.core.error.UnexpectedStatusException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.ListJobsRequest;
import io.reductor.core.model.parse.ParseRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static io.reductor.reactor.HostileServer.chunk;
import static io.reductor.reactor.HostileServer.head;
import static io.reductor.reactor.HostileServer.lastChunk;
import static io.reductor.reactor.HostileServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What broken proxies and bad days answer, served over loopback by a {@link HostileServer} to a real client: every
 * call ends in a typed {@link ReductoException} (or the right value) within the client's timeouts, is not retried when
 * it must not be (counted at the server), and leaves the connection pool serving the next call (checked after each
 * test, on a pool of one connection, so a connection left half-read or never released would fail it).
 *
 * <p>Runs in its own JVM with {@code -Xmx128m} (see the module's pom) and the default 64 MiB response cap: a 300 MB
 * body and a gzip body that inflates to 1 GiB must be stopped at the cap, not by the heap.
 */
class HostileResponsesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(1000);
    private static final RetryPolicy FAST_RETRIES = RetryPolicy.defaults()
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)).withJitter(0);
    private static final String JOB = "{\"status\":\"Pending\",\"progress\":0.5}";
    private static final String SUBMITTED = "{\"job_id\":\"e234ba95-410a-4dd0-8a14-743dbfc49470\"}";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private static HostileServer server;
    private static ReductoClient client;
    private static VirtualTimeScheduler virtualTime;
    private static ReductoClient virtualTimeClient;

    @BeforeAll
    static void start() throws IOException {
        server = new HostileServer();
        client = clientBuilder().build();
        virtualTime = VirtualTimeScheduler.create();
        virtualTimeClient = clientBuilder().scheduler(() -> virtualTime).build();
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        virtualTimeClient.close();
        virtualTime.dispose();
        server.close();
    }

    @BeforeEach
    void forget() {
        server.reset();
    }

    /** After every case the same clients, each with a pool of one connection, still answer a normal call. */
    @AfterEach
    void thePoolStillServes() {
        server.answer("GET /version", respond(200, "\"1.2.3\""));
        // waits out, in virtual time, whatever pacing a 429 of the case asked for
        virtualTime.advanceTimeBy(Duration.ofMinutes(1));
        for (ReductoClient each : new ReductoClient[] {client, virtualTimeClient}) {
            StepVerifier.create(each.version()).expectNext("1.2.3").expectComplete().verify(WAIT);
        }
    }

    private static ReductoClient.Builder clientBuilder() {
        return ReductoClient.builder().apiKey("sk-hostile").baseUrl(server.baseUrl())
                .responseTimeout(RESPONSE_TIMEOUT).retryPolicy(FAST_RETRIES).maxConnections(1);
    }

    // --- bodies that are not the JSON they should be ----------------------------------------------------------------

    @Test
    void emptyBodyIsADecodeError() {
        server.answer("GET /job/x", respond(200, ""));

        fails(client.getJob("x"), "GET /job/x", 1, ReductoDecodeException.class,
                "JobResponse", "the HTTP 200 answer to GET /job/x has an empty body");
    }

    @Test
    void htmlWhereJsonBelongsIsADecodeError() {
        server.answer("GET /version", respond(200, Map.of("Content-Type", "text/html"),
                bytes("<html><head><title>Maintenance</title></head><body>Back soon</body></html>")));

        fails(client.version(), "GET /version", 1, ReductoDecodeException.class,
                "String", "answer to GET /version is not valid JSON but text/html", "<title>Maintenance",
                "a proxy or gateway may have answered");
    }

    @Test
    void aJobCreationAnsweredWithHtmlIsNotSentAgain() {
        server.answer("POST /parse_async", respond(200, Map.of("Content-Type", "text/html"),
                bytes("<html><body>502 Bad Gateway</body></html>")));

        fails(client.parse().runJob(parseRequest()), "POST /parse_async", 1, ReductoDecodeException.class,
                "SubmittedJob", "POST /parse_async is not valid JSON");
    }

    @Test
    void truncatedJsonIsADecodeError() {
        server.answer("GET /job/x", respond(200, "{\"status\":\"Pending\",\"progr"));

        fails(client.getJob("x"), "GET /job/x", 1, ReductoDecodeException.class, "JobResponse", "end-of-input");
    }

    @Test
    void aChunkedBodyCutShortIsAnUncertainJobCreation() {
        server.answer("POST /parse", (socket, out) -> {
            out.write(head(200, Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked")));
            byte[] part = bytes("{\"job_id\":\"e234ba95\",\"dura");
            chunk(out, part, part.length);
            return false;
        });

        fails(client.parse().run(parseRequest()), "POST /parse", 1, JobCreationUncertainException.class,
                "POST /parse", "the job may have been created");
    }

    @Test
    void wrongJsonTypesNameTheField() {
        server.answer("GET /job/x", respond(200, "{\"status\":\"Pending\",\"progress\":{\"percent\":50}}"));

        fails(client.getJob("x"), "GET /job/x", 1, ReductoDecodeException.class, "JobResponse", "$.progress");
    }

    @Test
    void notANumberIsADecodeError() {
        server.answer("GET /job/x", respond(200, "{\"status\":\"Pending\",\"progress\":NaN}"));

        fails(client.getJob("x"), "GET /job/x", 1, ReductoDecodeException.class, "JobResponse", "NaN");
    }

    @Test
    void nestingTwoHundredThousandLevelsDeepIsADecodeError() {
        server.answer("GET /jobs", respond(200,
                "{\"jobs\":[],\"extra\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}"));

        fails(client.listJobs(ListJobsRequest.firstPage()), "GET /jobs", 1, ReductoDecodeException.class,
                "JobsPage", "depth");
    }

    @Test
    void nestingTwoHundredThousandLevelsDeepInAnErrorBodyStillGivesTheStatus() {
        server.answer("GET /job/x", respond(400, "{\"detail\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}"));

        fails(client.getJob("x"), "GET /job/x", 1, BadRequestException.class, "HTTP 400");
    }

    @Test
    void invalidUtf8IsADecodeError() {
        byte[] body = concat(bytes("{\"status\":\"Pend"), new byte[] {(byte) 0xC3, (byte) 0x28}, bytes("ing\"}"));
        server.answer("GET /job/x", respond(200, JSON, body));

        fails(client.getJob("x"), "GET /job/x", 1, ReductoDecodeException.class, "JobResponse", "UTF-8");
    }

    /** A UTF-8 byte-order mark is accepted: it says only that the body is UTF-8, which JSON bodies are. */
    @Test
    void aByteOrderMarkIsAcceptedAndTheBodyDecoded() {
        server.answer("GET /job/x", respond(200, JSON,
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes(JOB))));

        StepVerifier.create(client.getJob("x"))
                .assertNext(job -> assertThat(job.status()).isEqualTo(JobStatus.PENDING))
                .expectComplete()
                .verify(WAIT);
    }

    /** Duplicate keys: the last one wins, as in the official SDKs' JSON parsers ({@code JSON.parse}, Python's). */
    @Test
    void withDuplicateKeysTheLastWins() {
        server.answer("GET /job/x", respond(200, "{\"status\":\"Pending\",\"progress\":0.1,\"progress\":0.5}"));

        StepVerifier.create(client.getJob("x"))
                .assertNext(job -> assertThat(job.progress()).isEqualTo(0.5))
                .expectComplete()
                .verify(WAIT);
    }

    // --- bodies too large -------------------------------------------------------------------------------------------

    @Test
    void aStreamedBodyOf300MegabytesStopsAtTheCap() {
        long total = 300L * 1000 * 1000;
        server.answer("GET /job/x", (socket, out) -> {
            out.write(head(200, Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked")));
            byte[] spaces = new byte[64 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            for (long sent = 0; sent < total; sent += spaces.length) {
                chunk(out, spaces, spaces.length);
            }
            lastChunk(out);
            return true;
        });

        fails(client.getJob("x"), "GET /job/x", 1, ResponseTooLargeException.class,
                "GET /job/x", "67108864 bytes", "maxResponseBytes");
    }

    @Test
    void aDeclaredLengthOver300MegabytesIsRefusedBeforeReading() {
        server.answer("GET /job/x", (socket, out) -> {
            out.write(head(200, Map.of("Content-Type", "application/json", "Content-Length", "300000000")));
            out.write(bytes(JOB));
            return false;
        });

        fails(client.getJob("x"), "GET /job/x", 1, ResponseTooLargeException.class, "GET /job/x", "67108864 bytes");
    }

    @Test
    void aGzipBombStopsAtTheCapWhenInflated() {
        byte[] bomb = gzippedZeros(1024);
        assertThat(bomb.length).isBetween(1_000_000, 1_200_000);
        server.answer("GET /job/x", respond(200,
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"), bomb));

        fails(client.getJob("x"), "GET /job/x", 1, ResponseTooLargeException.class, "GET /job/x", "67108864 bytes");
    }

    // --- lengths that lie, slow and broken connections ------------------------------------------------------------

    @Test
    void aLengthLargerThanTheBodyThenCloseIsRetriedForAReadAndNamed() {
        server.answer("GET /job/x", lyingLength(1000, JOB));

        fails(client.getJob("x"), "GET /job/x", 3, ReductoConnectionException.class,
                "connection closed by 127.0.0.1", "before the response was complete (GET /job/x)",
                "failed after 3 attempts");
    }

    @Test
    void aLengthLargerThanTheBodyThenCloseIsNotResentForAJobCreation() {
        server.answer("POST /parse_async", lyingLength(1000, SUBMITTED));

        fails(client.parse().runJob(parseRequest()), "POST /parse_async", 1, JobCreationUncertainException.class,
                "POST /parse_async", "the job may have been created");
    }

    @Test
    void aLengthSmallerThanTheBodyGivesTheDeclaredBytesAndTheRestIsNotReadAsTheNextAnswer() {
        server.answer("GET /job/x", (socket, out) -> {
            out.write(head(200, Map.of("Content-Type", "application/json",
                    "Content-Length", Integer.toString(JOB.length()))));
            out.write(bytes(JOB + "{\"status\":\"Failed\",\"reason\":\"left over\"}"));
            return true;
        });
        server.answer("GET /version", respond(200, "\"1.2.3\""));

        StepVerifier.create(client.getJob("x"))
                .assertNext(job -> assertThat(job.status()).isEqualTo(JobStatus.PENDING))
                .expectComplete()
                .verify(WAIT);
        // the connection carrying the extra bytes was closed, not reused: the next call is answered on its first try
        StepVerifier.create(client.version()).expectNext("1.2.3").expectComplete().verify(WAIT);
        assertThat(server.requests("GET /version")).isEqualTo(1);
    }

    @Test
    void bytesArrivingWhileNoRequestIsOutstandingAreNotReadAsTheNextAnswer() throws Exception {
        server.answer("GET /job/x", (socket, out) -> {
            out.write(head(200, Map.of("Content-Type", "application/json",
                    "Content-Length", Integer.toString(JOB.length()))));
            out.write(bytes(JOB));
            out.flush();
            return true;
        });
        server.answer("GET /version", respond(200, "\"1.2.3\""));

        StepVerifier.create(client.getJob("x"))
                .assertNext(job -> assertThat(job.status()).isEqualTo(JobStatus.PENDING))
                .expectComplete()
                .verify(WAIT);
        // the client closes the connection the stale answer came on, rather than keep it for the next call
        server.sendToIdleConnections(bytes("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n\"stale\""))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        StepVerifier.create(client.version()).expectNext("1.2.3").expectComplete().verify(WAIT);
    }

    @Test
    void aBodyDribbledOneByteEveryTwoSecondsTimesOutAndAReadIsRetried() {
        server.answer("GET /job/x", dribble(JOB));

        fails(client.getJob("x"), "GET /job/x", 3, ReductoTimeoutException.class,
                "Response timeout", "1s", "GET /job/x", "failed after 3 attempts");
    }

    @Test
    void aBodyDribbledToAJobCreationTimesOutAndIsNotResent() {
        server.answer("POST /parse", dribble(SUBMITTED));

        fails(client.parse().run(parseRequest()), "POST /parse", 1, JobCreationUncertainException.class,
                "POST /parse", "the job may have been created");
    }

    @Test
    void aResetMidBodyIsAConnectionErrorAndAReadIsRetried() {
        server.answer("GET /jobs", resetAfter(JOB.substring(0, 10)));

        fails(client.listJobs(ListJobsRequest.firstPage()), "GET /jobs", 3, ReductoConnectionException.class,
                "127.0.0.1", "GET /jobs", "failed after 3 attempts");
    }

    @Test
    void aResetMidBodyOfAJobCreationIsNotResent() {
        server.answer("POST /parse_async", resetAfter(SUBMITTED.substring(0, 10)));

        fails(client.parse().runJob(parseRequest()), "POST /parse_async", 1, JobCreationUncertainException.class,
                "POST /parse_async", "the job may have been created");
    }

    // --- statuses and headers ---------------------------------------------------------------------------------------

    /** 10^12 seconds, far beyond any policy's cap: the call fails at once instead of waiting or retrying. */
    @ParameterizedTest
    @ValueSource(strings = {"1000000000000", "99999999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"})
    void anAbsurdRetryAfterEndsTheCallAtOnce(String retryAfter) {
        server.answer("GET /job/x", respond(503, Map.of("Content-Type", "application/json",
                "Retry-After", retryAfter), bytes("{\"detail\":\"overloaded\"}")));
        server.answer("POST /parse_async", respond(429, Map.of("Content-Type", "application/json",
                "Retry-After", retryAfter), bytes("{\"message\":\"[CODE 1000] slow down\"}")));

        fails(client.getJob("x"), "GET /job/x", 1, InternalServerException.class, "HTTP 503", "overloaded",
                "retry after");
        fails(virtualTimeClient.parse().runJob(parseRequest()), "POST /parse_async", 1, RateLimitException.class,
                "HTTP 429", "[CODE 1000]", "retry after");
    }

    /** An unreadable Retry-After is treated as absent: the policy's own backoff applies, and nothing crashes. */
    @ParameterizedTest
    @ValueSource(strings = {"-5", "soon", "NaN", "1e9", "Fri, 31 Foo 2024 25:61:00 GMT", "", "5, 6"})
    void aGarbageRetryAfterIsIgnored(String retryAfter) {
        server.answer("GET /job/x", respond(503, Map.of("Content-Type", "application/json",
                "Retry-After", retryAfter), bytes("{\"detail\":\"overloaded\"}")));

        fails(client.getJob("x"), "GET /job/x", 3, InternalServerException.class,
                "HTTP 503", "overloaded", "failed after 3 attempts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "soon", "1e9"})
    void aGarbageRetryAfterOnA429IsReadAsNone(String retryAfter) {
        server.answer("GET /job/x", respond(429, Map.of("Content-Type", "application/json",
                "Retry-After", retryAfter), bytes("{\"message\":\"[CODE 1000] slow down\"}")));
        ReductoClient once = virtualTimeClient.withOptions(RequestOptions.builder()
                .retryPolicy(RetryPolicy.none()).build());

        StepVerifier.create(once.getJob("x"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(RateLimitException.class).hasMessageContaining("[CODE 1000]");
                    assertThat(((RateLimitException) error).retryAfter()).isEmpty();
                })
                .verify(WAIT);
        assertThat(server.requests("GET /job/x")).isEqualTo(1);
    }

    /** 599 is in the 5xx class, which a client must treat as 500: a server error, retried like one. */
    @Test
    void anUnknownServerStatusIsAServerError() {
        server.answer("GET /job/x", respond(599, "{\"detail\":\"network connect timeout\"}"));

        fails(client.getJob("x"), "GET /job/x", 3, InternalServerException.class,
                "HTTP 599", "network connect timeout", "failed after 3 attempts");
    }

    @Test
    void anUnknownClientStatusIsNotRetried() {
        server.answer("POST /parse_async", respond(499, "{\"detail\":\"client closed request\"}"));

        fails(client.parse().runJob(parseRequest()), "POST /parse_async", 1, UnexpectedStatusException.class,
                "HTTP 499", "client closed request");
    }

    @Test
    void responseHeadersOf16KilobytesAreRead() {
        server.answer("GET /job/x", respond(200, Map.of("Content-Type", "application/json",
                "X-Padding", "p".repeat(16 * 1024)), bytes(JOB)));

        StepVerifier.create(client.getJob("x"))
                .assertNext(job -> assertThat(job.status()).isEqualTo(JobStatus.PENDING))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void responseHeadersOverTheLimitAreAConnectionErrorThatNamesThem() {
        server.answer("POST /parse_async", respond(200, Map.of("Content-Type", "application/json",
                "X-Padding", "p".repeat(128 * 1024)), bytes(SUBMITTED)));

        fails(client.parse().runJob(parseRequest()), "POST /parse_async", 1, JobCreationUncertainException.class,
                "POST /parse_async", "too large to read", "larger than 65536 bytes");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /**
     * Checks that {@code call} fails with {@code type} and a message containing {@code messageParts}, after
     * {@code requests} requests reached {@code route}.
     */
    private static void fails(Mono<?> call, String route, int requests, Class<? extends ReductoException> type,
            String... messageParts) {
        StepVerifier.create(call)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(type)
                        .hasMessageContainingAll(messageParts))
                .verify(WAIT);
        assertThat(server.requests(route)).as("requests to %s", route).isEqualTo(requests);
    }

    private static HostileServer.Answer lyingLength(int declared, String body) {
        return (socket, out) -> {
            out.write(head(200, Map.of("Content-Type", "application/json", "Content-Length",
                    Integer.toString(declared))));
            out.write(bytes(body));
            return false;
        };
    }

    private static HostileServer.Answer dribble(String body) {
        return (socket, out) -> {
            out.write(head(200, Map.of("Content-Type", "application/json", "Content-Length",
                    Integer.toString(body.length()))));
            for (byte b : bytes(body)) {
                out.write(b);
                out.flush();
                try {
                    Thread.sleep(2000); // the server's pace, not the test's: the client must give up first
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        };
    }

    private static HostileServer.Answer resetAfter(String part) {
        return (socket, out) -> {
            out.write(head(200, Map.of("Content-Type", "application/json", "Content-Length", "1000")));
            out.write(bytes(part));
            out.flush();
            socket.setSoLinger(true, 0); // close with RST
            socket.close();
            return false;
        };
    }

    /**
     * A gzip body of {@code mebibytes} MiB of zeros, about a thousandth of that in size, built without compressing
     * it all: after the first mebibyte, each further one deflates (sync-flushed) to the same bytes.
     */
    private static byte[] gzippedZeros(int mebibytes) {
        byte[] zeros = new byte[1 << 20];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] first = deflate(deflater, zeros, Deflater.SYNC_FLUSH);
        byte[] next = deflate(deflater, zeros, Deflater.SYNC_FLUSH);
        deflater.finish();
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            end.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        for (int i = 0; i < mebibytes; i++) {
            crc.update(zeros);
        }
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        gzip.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        gzip.writeBytes(first);
        for (int i = 1; i < mebibytes; i++) {
            gzip.writeBytes(next);
        }
        gzip.writeBytes(end.toByteArray());
        writeIntLittleEndian(gzip, (int) crc.getValue());
        writeIntLittleEndian(gzip, (int) ((long) mebibytes << 20));
        return gzip.toByteArray();
    }

    private static byte[] deflate(Deflater deflater, byte[] input, int flush) {
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int length;
        do {
            length = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, length);
        } while (length == buffer.length);
        return out.toByteArray();
    }

    private static void writeIntLittleEndian(OutputStream out, int value) {
        try {
            for (int i = 0; i < 4; i++) {
                out.write(value >>> (8 * i));
            }
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static ParseRequest parseRequest() {
        return ParseRequest.builder().input(DocumentInput.url("https://example.com/a.pdf")).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
