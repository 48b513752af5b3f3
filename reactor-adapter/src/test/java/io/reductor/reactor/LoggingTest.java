package io.reductor.reactor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.reductor.core.error.InternalServerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client logs, and under which public names: a call that fails, is retried and gives up is told at DEBUG on
 * {@code io.reductor.http}, the wire traffic at DEBUG on {@code io.reductor.wire}, an await's news on
 * {@code io.reductor.jobs}; nothing of normal operation above DEBUG, and never the key. Logs are captured from the
 * {@code io.reductor} logger at DEBUG with a Logback appender.
 */
class LoggingTest {

    @RegisterExtension
    static final WireMockReducto wireMock = new WireMockReducto();

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String JOB_ID = "job-1";

    private final String key = "sk-live-" + UUID.randomUUID().toString().replace("-", "");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger reductor = (Logger) LoggerFactory.getLogger("io.reductor");
    private Level savedLevel;

    @BeforeEach
    void captureDebugLogs() {
        savedLevel = reductor.getLevel();
        reductor.setLevel(Level.DEBUG);
        logs.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        logs.start();
        reductor.addAppender(logs);
    }

    @AfterEach
    void restoreLogging() {
        reductor.detachAppender(logs);
        logs.stop();
        reductor.setLevel(savedLevel);
    }

    @Test
    void aRetriedCallThatGivesUpIsToldAtDebugUnderPublicNamesWithoutTheKey() {
        wireMock.answerInTurn("GET", "/job/" + JOB_ID, aResponse().withStatus(500).withBody("busy"));

        try (ReductoClient client = wireMock.client().apiKey(key).wiretap(true)
                .retryPolicy(WireMockReducto.FAST_RETRIES.withMaxRetries(2)).build()) {
            StepVerifier.create(client.getJob(JOB_ID)).expectError(InternalServerException.class).verify(WAIT);
        }

        assertThat(wireMock.requests("GET", "/job/" + JOB_ID)).as("attempts").hasSize(3);
        List<ILoggingEvent> http = named("io.reductor.http");
        assertThat(http).extracting(ILoggingEvent::getFormattedMessage).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("GET /job/job-1 failed on attempt 1")
                        .contains("retrying in"))
                .anySatisfy(line -> assertThat(line).startsWith("GET /job/job-1 failed on attempt 3")
                        .endsWith("giving up"));
        assertThat(named("io.reductor.wire")).as("the wiretap's lines")
                .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("Bearer [REDACTED]"));
        assertThat(captured()).extracting(ILoggingEvent::getLoggerName).containsOnly("io.reductor.http",
                "io.reductor.wire");
        assertThat(captured()).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).doesNotContain(key);
        });
    }

    @Test
    void aStatusThisVersionDoesNotKnowIsToldOnceAtInfoOnTheJobsLogger() {
        wireMock.answerInTurn("GET", "/job/" + JOB_ID, okJson("{\"status\":\"Paused\"}"),
                okJson("{\"status\":\"Paused\"}"), okJson("{\"status\":\"Failed\",\"reason\":\"bad pdf\"}"));

        try (ReductoClient client = wireMock.client().apiKey(key).build()) {
            StepVerifier.create(client.awaitCompletion(JOB_ID, AwaitOptions.defaults().withoutLongPoll()
                            .withIntervals(Duration.ofMillis(1), Duration.ofMillis(2), 1.5)))
                    .expectNextCount(2).expectComplete().verify(WAIT);
        }

        assertThat(captured()).singleElement().satisfies(event -> {
            assertThat(event.getLoggerName()).isEqualTo("io.reductor.jobs");
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("job-1", "Paused").doesNotContain(key);
        });
    }

    private List<ILoggingEvent> named(String logger) {
        return captured().stream().filter(event -> event.getLoggerName().equals(logger)).toList();
    }

    /** The events so far: the appender adds under its own lock, and channels may still log as they close. */
    private List<ILoggingEvent> captured() {
        synchronized (logs) {
            return List.copyOf(logs.list);
        }
    }
}
