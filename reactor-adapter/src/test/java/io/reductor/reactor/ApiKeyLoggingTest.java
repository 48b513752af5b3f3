package io.reductor.reactor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.error.AuthenticationException;
import io.reductor.core.error.InternalServerException;
import io.reductor.core.error.JobCreationUncertainException;
import io.reductor.core.error.RateLimitException;
import io.reductor.core.error.ReductoConnectionException;
import io.reductor.core.error.UnprocessableEntityException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.parse.ParseRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API key stays out of logs, exception messages and {@code toString()}s while requests succeed, fail, time out and
 * are retried, with DEBUG logging on for Reductor, Reactor Netty and Netty. Logs are captured with a Logback appender;
 * Netty's hex dumps are read back to text so that a key split across dump rows is still found. Each test first proves
 * that the key was really sent and that DEBUG lines were captured, so a silent logger cannot make it pass.
 */
class ApiKeyLoggingTest {

    private static final String JOB = "{\"status\":\"Pending\",\"result\":null,\"progress\":0.5,\"reason\":null}";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> DEBUG_LOGGERS = List.of("io.reductor", "reactor.netty", "io.netty");
    /** One row of a Netty hex dump: offset, up to 16 hex bytes, and the same bytes as text. */
    private static final Pattern HEX_DUMP_ROW =
            Pattern.compile("\\|[0-9a-f]{8}\\|((?: [0-9a-f]{2}){1,16})\\s*\\|(.{1,16})\\|");

    @RegisterExtension
    static final WireMockReducto server = new WireMockReducto();

    private final String key = "sk-live-" + UUID.randomUUID().toString().replace("-", "");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Map<String, Level> savedLevels = new LinkedHashMap<>();
    private final List<Object> shown = new ArrayList<>();

    @BeforeEach
    void captureDebugLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : DEBUG_LOGGERS) {
            Logger logger = context.getLogger(name);
            savedLevels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        logs.setContext(context);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
    }

    @AfterEach
    void restoreLogging() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        logs.stop();
        savedLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    @Test
    void keyAppearsNowhereWhileRequestsSucceedFailAndRetry() {
        stubEverything();
        ReductoClient client = client(null);

        exercise(client);

        assertThat(server.findAll(getRequestedFor(urlEqualTo("/job/ok"))
                .withHeader("Authorization", equalTo("Bearer " + key)))).as("the key was sent").isNotEmpty();
        assertThat(logLines()).as("DEBUG lines of the client were captured")
                .anySatisfy(event -> assertThat(event.getLoggerName()).startsWith("io.reductor"))
                .anySatisfy(event -> assertThat(event.getLoggerName()).startsWith("reactor.netty"));
        assertKeyNowhere();
    }

    @Test
    void keyAppearsInNoMessageOfTheBuilder() {
        assertThatThrownBy(() -> ReductoClient.builder().apiKey(key).baseUrl("http://reducto.example.com").build())
                .satisfies(this::show)
                .hasMessageContaining("http");
        assertThatThrownBy(() -> ReductoClient.builder().apiKey(key).baseUrl("https://x.example.com")
                .environment(ReductoEnvironment.EU).build())
                .satisfies(this::show);
        assertThatThrownBy(() -> RequestOptions.builder().header("Authorization", "Bearer x"))
                .satisfies(this::show);
        ReductoClient client = ReductoClient.builder().apiKey("  " + key + "\n").baseUrl("https://eu.example.com")
                .build();
        show(client);
        show(client.options());
        show(client.withOptions(RequestOptions.builder().userId("u1").header("x-trace", "t").build()));
        assertThat(client.toString()).contains("https://eu.example.com");
        // building sends nothing, so there may be no log line at all: only what was shown is required here
        assertKeyNowhere(false);
    }

    /**
     * Reactor Netty's wiretap ({@code HttpClient.wiretap(true)}) logs the raw request bytes, {@code Authorization}
     * header included, so the client switches it off even on a client the user supplies.
     */
    @Test
    void aUserSuppliedWiretapIsSwitchedOff() {
        stubEverything();
        ReductoClient client = client(HttpClient.create().wiretap(true), false);

        exercise(client);

        assertThat(logLines()).noneSatisfy(event -> assertThat(event.getLoggerName())
                .isEqualTo("reactor.netty.http.client.HttpClient"));
        assertKeyNowhere();
    }

    /** Reductor's own wiretap logs the traffic as text with the key redacted. */
    @Test
    void theRedactingWiretapLogsTrafficWithoutTheKey() {
        stubEverything();
        ReductoClient client = client(null, true);

        exercise(client);

        assertThat(logLines()).anySatisfy(event -> {
            assertThat(event.getLoggerName()).isEqualTo("io.reductor.wire");
            assertThat(event.getFormattedMessage()).contains("Bearer [REDACTED]");
        });
        assertKeyNowhere();
    }

    /**
     * Some services echo the credential they rejected; the transport redacts the key from error bodies before they are
     * quoted in exceptions.
     */
    @Test
    void keyEchoedInAnErrorBodyIsNotRepeatedInTheMessage() {
        server.stubFor(get(urlEqualTo("/job/echo")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":\"Invalid API key: " + key + "\"}")));
        ReductoClient client = client(null);

        StepVerifier.create(client.getJob("echo"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(AuthenticationException.class);
                    assertThat(error.getMessage()).doesNotContain(key);
                    assertThat(error.toString()).doesNotContain(key);
                })
                .verify(WAIT);
    }

    // --- the scenario ------------------------------------------------------------------------------------------------

    private void stubEverything() {
        server.stubFor(get(urlEqualTo("/job/ok")).willReturn(okJson(JOB)));
        server.stubFor(get(urlEqualTo("/job/busy")).willReturn(aResponse().withStatus(503).withBody("busy")));
        server.stubFor(get(urlEqualTo("/job/denied")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":401,\"name\":\"AUTH_ERROR\",\"message\":\"Invalid access token\"}}")));
        server.stubFor(get(urlEqualTo("/job/limited")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3600").withBody("{\"message\":\"[CODE 1000] Rate limit exceeded\"}")));
        server.stubFor(get(urlEqualTo("/job/reset")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get(urlEqualTo("/job/slow")).willReturn(okJson(JOB).withFixedDelay(1_000)));
        server.stubFor(post(urlEqualTo("/parse_async")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":[{\"loc\":[\"body\",\"input\"],\"msg\":\"Field required\","
                        + "\"type\":\"missing\",\"input\":null}]}")));
        server.stubFor(post(urlEqualTo("/extract_async")).willReturn(aResponse()
                .withFault(Fault.EMPTY_RESPONSE)));
    }

    private ReductoClient client(HttpClient httpClient) {
        return client(httpClient, false);
    }

    private ReductoClient client(HttpClient httpClient, boolean wiretap) {
        ReductoClient.Builder builder = server.client().apiKey(key).wiretap(wiretap);
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        ReductoClient client = builder.build();
        show(client);
        show(client.options());
        return client;
    }

    private void exercise(ReductoClient client) {
        StepVerifier.create(client.getJob("ok")).consumeNextWith(this::show).expectComplete().verify(WAIT);
        expectError(client.getJob("busy"), InternalServerException.class);
        expectError(client.getJob("denied"), AuthenticationException.class);
        expectError(client.getJob("limited"), RateLimitException.class);
        expectError(client.getJob("reset"), ReductoConnectionException.class);
        expectError(client.withOptions(RequestOptions.builder().responseTimeout(Duration.ofMillis(200)).build())
                .getJob("slow"), ReductoTimeoutException.class);
        expectError(client.parse().runJob(ParseRequest.builder()
                .input(DocumentInput.url("https://example.com/a.pdf")).build()), UnprocessableEntityException.class);
        ReductoClient nowhere = server.client().apiKey(key).baseUrl(WireMockReducto.unreachableBaseUrl()).build();
        expectError(nowhere.getJob("ok"), ReductoConnectionException.class);
        assertThat(shown).anySatisfy(error -> assertThat(error).isInstanceOf(InternalServerException.class));
        assertThat(shown).anySatisfy(error -> assertThat(error).isInstanceOf(ReductoConnectionException.class));
        expectError(client.extract().runJob(ExtractRequest.builder()
                .input(DocumentInput.url("https://example.com/a.pdf")).build()),
                JobCreationUncertainException.class);
    }

    private void expectError(Mono<?> call, Class<? extends Throwable> type) {
        StepVerifier.create(call)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(type);
                    show(error);
                })
                .verify(WAIT);
    }

    /** Remembers a value, and for an exception its whole chain, to check what it shows. */
    private void show(Object value) {
        if (value instanceof Throwable error) {
            for (Throwable t = error; t != null && !shown.contains(t); t = t.getCause()) {
                shown.add(t);
                for (Throwable suppressed : t.getSuppressed()) {
                    show(suppressed);
                }
            }
        } else {
            shown.add(value);
        }
    }

    private void assertKeyNowhere() {
        assertKeyNowhere(true);
    }

    /** The lines logged so far; Netty threads may still be appending (the appender locks itself while it does). */
    private List<ILoggingEvent> logLines() {
        synchronized (logs) {
            return List.copyOf(logs.list);
        }
    }

    /** The key appears in nothing shown and in no log line; {@code requireLogs} guards against a silent logger. */
    private void assertKeyNowhere(boolean requireLogs) {
        assertThat(shown).isNotEmpty().allSatisfy(value -> {
            assertThat(String.valueOf(value)).doesNotContain(key);
            if (value instanceof Throwable error) {
                assertThat(String.valueOf(error.getMessage())).doesNotContain(key);
                assertThat(String.valueOf(error.getLocalizedMessage())).doesNotContain(key);
            }
        });
        List<ILoggingEvent> events = logLines();
        if (requireLogs) {
            assertThat(events).isNotEmpty();
        }
        assertThat(events).allSatisfy(event -> {
            String text = event.getFormattedMessage() + throwableText(event.getThrowableProxy());
            assertThat(text).doesNotContain(key);
            assertThat(hexDumpText(text)).doesNotContain(key);
            assertThat(String.valueOf(event.getMDCPropertyMap())).doesNotContain(key);
        });
    }

    private static String throwableText(IThrowableProxy proxy) {
        StringBuilder text = new StringBuilder();
        for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
            text.append('\n').append(p.getClassName()).append(": ").append(p.getMessage());
            for (IThrowableProxy suppressed : p.getSuppressed()) {
                text.append(throwableText(suppressed));
            }
        }
        return text.toString();
    }

    /** The bytes of every hex-dump row in {@code text}, decoded and joined, so that split strings are found. */
    private static String hexDumpText(String text) {
        StringBuilder bytes = new StringBuilder();
        Matcher row = HEX_DUMP_ROW.matcher(text);
        while (row.find()) {
            for (String hex : row.group(1).trim().split(" ")) {
                bytes.append((char) Integer.parseInt(hex, 16));
            }
        }
        return bytes.toString();
    }
}
