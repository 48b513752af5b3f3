package io.reductor.reactor;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.reductor.core.json.JsonCodec;
import io.reductor.spec.SpecValidator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WireMock standing in for the Reducto API, as a JUnit 5 extension of a test class: register it in a static field
 * ({@code @RegisterExtension static final WireMockReducto wireMock = new WireMockReducto();}) and it listens on
 * 127.0.0.1 on a random port from before the first test to after the last, forgetting stubs, scenarios and received
 * requests before each test. It is the {@link WireMockServer} itself, so tests stub and verify on it directly, and it
 * adds what every such test needs: a client pointed at it, answers, what was sent, and whether it is what the official
 * spec describes.
 */
public final class WireMockReducto extends WireMockServer
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** The API key of {@link #client()}. */
    public static final String API_KEY = "sk-test-123";

    /**
     * The retry policy of {@link #client()}: the default rules with backoffs of a few milliseconds, no jitter, and 429s
     * waited out for 100 ms only (a persistent 429 reaches the test after its first wait at the pacer).
     */
    public static final RetryPolicy FAST_RETRIES = RetryPolicy.defaults()
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).withJitter(0)
            .withMaxRateLimitWait(Duration.ofMillis(100));

    private static final JsonCodec CODEC = JsonCodec.standard();

    /** WireMock on loopback with its default behaviour. */
    public WireMockReducto() {
        this(UnaryOperator.identity());
    }

    /**
     * WireMock on loopback with more configuration, such as {@code options -> options.gzipDisabled(true)}.
     *
     * @param configuration adds to options that bind 127.0.0.1 on a random port
     */
    public WireMockReducto(UnaryOperator<WireMockConfiguration> configuration) {
        super(configuration.apply(options().bindAddress("127.0.0.1").dynamicPort()));
    }

    /** Starts the server before the first test of the class. */
    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    /** Forgets the previous test's stubs, scenarios and requests. */
    @Override
    public void beforeEach(ExtensionContext context) {
        resetAll();
    }

    /** Stops the server after the last test of the class. */
    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** {@code http://127.0.0.1:<port>}, the base URL of this server. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** A client builder pointed at this server, with {@link #API_KEY} and {@link #FAST_RETRIES}. */
    public ReductoClient.Builder client() {
        return ReductoClient.builder().apiKey(API_KEY).baseUrl(baseUrl()).retryPolicy(FAST_RETRIES);
    }

    /** Answers {@code method path} (any query) with 200 and this JSON body. */
    public void answer(String method, String path, String json) {
        stubFor(request(method, urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(json)));
    }

    /** Answers {@code method path} (any query) with each response in turn, the last one for every further call. */
    public void answerInTurn(String method, String path, ResponseDefinitionBuilder... responses) {
        String scenario = method + " " + path;
        for (int i = 0; i < responses.length; i++) {
            ScenarioMappingBuilder step = request(method, urlPathEqualTo(path)).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "after " + i)
                    .willReturn(responses[i]);
            stubFor(i + 1 < responses.length ? step.willSetStateTo("after " + (i + 1)) : step);
        }
    }

    /** Every request received since the test started, oldest first. */
    public List<LoggedRequest> requests() {
        List<LoggedRequest> sent = new ArrayList<>(getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        Collections.reverse(sent); // the journal lists the newest first
        return sent;
    }

    /** The requests received for {@code method path} (any query), oldest first. */
    public List<LoggedRequest> requests(String method, String path) {
        return findAll(RequestPatternBuilder.newRequestPattern(RequestMethod.fromString(method),
                urlPathEqualTo(path)));
    }

    /** The one request received since the test started; fails the test unless exactly one came. */
    public LoggedRequest onlyRequest() {
        List<LoggedRequest> sent = requests();
        assertThat(sent).as("requests received").hasSize(1);
        return sent.get(0);
    }

    /** The body of a request, read as JSON. */
    public static JsonNode json(LoggedRequest request) {
        return CODEC.readTree(request.getBody());
    }

    /**
     * What the official spec finds wrong with a request's JSON body: validated against the request schema of its
     * operation (method and path) in the vendored descriptions.
     *
     * @return one line per error; empty when a description of the operation accepts the body
     * @throws IllegalArgumentException when the spec describes no JSON body for the request's method and path
     */
    public static List<String> specErrors(LoggedRequest request) {
        String path = request.getUrl().replaceFirst("\\?.*", "");
        return SpecValidator.instance().validateRequest(request.getMethod().value() + " " + path, json(request));
    }

    /** A loopback base URL where nothing listens: a port that was free a moment ago. */
    public static String unreachableBaseUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
