package io.reductor.reactor;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.reductor.core.error.ReductoException;
import io.reductor.core.error.InternalServerException;
import io.reductor.core.error.ReductoTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a {@link ReductoClient} is configured: the API key and base URL (given, or read from {@code REDUCTO_API_KEY} and
 * {@code REDUCTO_BASE_URL} through the package-private {@code Builder.fromEnvironment(Function)}), the refusal of
 * plain {@code http://} to anything but loopback, a {@code toString()} without the key, and {@link
 * ReductoClient#withOptions} deriving a client without changing the original, observed through the requests sent.
 */
class ClientConfigTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SECRET = "sk-live-9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    @RegisterExtension
    static final WireMockReducto wireMock = new WireMockReducto();

    @BeforeEach
    void answerTheVersion() {
        wireMock.answer("GET", "/version", "\"1.2.3\"");
    }

    // ------------------------------------------------------------------------------------------------------- API key

    @Test
    void keyLimitsAndAPacerOfOnesOwnAreNotGivenTogether() {
        assertThatThrownBy(() -> ReductoClient.builder().apiKey("k").pacer(RequestPacer.inMemory())
                .keyLimits(KeyLimits.documented()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RequestPacer.inMemory(limits)");
    }

    @Test
    void keyLimitsAreCheckedWhenMade() {
        assertThat(KeyLimits.documented()).isEqualTo(new KeyLimits(1000, 200));
        assertThat(KeyLimits.unknown().of(RequestPacer.Lane.JOB_POLLS)).isInfinite();
        for (double wrong : new double[] {0, -5, Double.NaN}) {
            assertThatThrownBy(() -> new KeyLimits(wrong, 200))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("requestsPerSecond must be a positive number");
        }
    }

    @Test
    void withoutAKeyBuildingFailsNamingTheVariable() {
        assertThatThrownBy(() -> ReductoClient.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REDUCTO_API_KEY");
        assertThatThrownBy(() -> ReductoClient.builder().fromEnvironment(env(Map.of())).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REDUCTO_API_KEY");
        assertThatThrownBy(() -> ReductoClient.builder().fromEnvironment(env(Map.of("REDUCTO_API_KEY", "  ")))
                .build())
                .as("a blank variable is no key")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REDUCTO_API_KEY");
        assertThatThrownBy(() -> ReductoClient.builder().apiKey(" ").build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theKeyAndBaseUrlComeFromTheEnvironment() {
        ReductoClient client = ReductoClient.builder()
                .fromEnvironment(env(Map.of("REDUCTO_API_KEY", "sk-env-1", "REDUCTO_BASE_URL", wireMock.baseUrl())))
                .retryPolicy(RetryPolicy.none())
                .build();

        StepVerifier.create(client.version()).expectNext("1.2.3").expectComplete().verify(TIMEOUT);

        assertThat(wireMock.onlyRequest().getHeader("Authorization")).isEqualTo("Bearer sk-env-1");
        assertThat(client.toString()).contains(wireMock.baseUrl());
    }

    @Test
    void givenValuesWinOverTheEnvironment() {
        ReductoClient client = ReductoClient.builder()
                .apiKey("sk-given")
                .baseUrl(wireMock.baseUrl())
                .fromEnvironment(env(Map.of("REDUCTO_API_KEY", "sk-env-1",
                        "REDUCTO_BASE_URL", "https://eu.platform.reducto.ai")))
                .retryPolicy(RetryPolicy.none())
                .build();

        StepVerifier.create(client.version()).expectNext("1.2.3").expectComplete().verify(TIMEOUT);

        assertThat(wireMock.onlyRequest().getHeader("Authorization")).isEqualTo("Bearer sk-given");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void aBlankBaseUrlVariableMeansTheDefault(String blank) {
        ReductoClient client = ReductoClient.builder()
                .fromEnvironment(env(Map.of("REDUCTO_API_KEY", "sk-env-1", "REDUCTO_BASE_URL", blank)))
                .build();

        assertThat(client.toString()).contains("https://platform.reducto.ai");
    }

    @Test
    void anAbsentBaseUrlVariableMeansTheDefault() {
        ReductoClient client = ReductoClient.builder().fromEnvironment(env(Map.of("REDUCTO_API_KEY", "sk-env-1")))
                .build();

        assertThat(client.toString()).contains("https://platform.reducto.ai");
    }

    @Test
    void aBaseUrlVariableIsTrimmedAndCheckedLikeAGivenOne() {
        ReductoClient client = ReductoClient.builder()
                .fromEnvironment(env(Map.of("REDUCTO_API_KEY", "sk-env-1",
                        "REDUCTO_BASE_URL", " " + wireMock.baseUrl() + " ")))
                .retryPolicy(RetryPolicy.none())
                .build();
        StepVerifier.create(client.version()).expectNext("1.2.3").expectComplete().verify(TIMEOUT);

        assertThatThrownBy(() -> ReductoClient.builder()
                .fromEnvironment(env(Map.of("REDUCTO_API_KEY", "sk-env-1", "REDUCTO_BASE_URL", "http://example.com")))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example.com");
    }

    // ------------------------------------------------------------------------------------------------------ base URL

    @Test
    void aBaseUrlAndAnEnvironmentTogetherAreRefused() {
        assertThatThrownBy(() -> ReductoClient.builder().apiKey("sk-test-123").baseUrl("https://proxy.example.com")
                .environment(ReductoEnvironment.EU).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void aBaseUrlVariableAndAnEnvironmentTogetherAreRefused() {
        assertThatThrownBy(() -> ReductoClient.builder()
                .fromEnvironment(env(Map.of("REDUCTO_API_KEY", "sk-env-1", "REDUCTO_BASE_URL", wireMock.baseUrl())))
                .environment(ReductoEnvironment.EU)
                .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEnvironmentChoosesItsRegion() {
        ReductoClient client = ReductoClient.builder().apiKey("sk-test-123").environment(ReductoEnvironment.AU)
                .build();

        assertThat(client.toString()).contains("https://au.platform.reducto.ai");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com", "http://platform.reducto.ai", "http://10.0.0.1:8080",
            "http://localhost.example.com", "http://127.0.0.1.nip.io", "ftp://127.0.0.1", "platform.reducto.ai",
            "https://platform.reducto.ai/?debug=1"})
    void unsafeOrUnusableBaseUrlsAreRefused(String url) {
        assertThatThrownBy(() -> ReductoClient.builder().apiKey("sk-test-123").baseUrl(url).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("baseUrl \"" + url + "\"");
    }

    @Test
    void anInvalidBaseUrlNamesTheSettingAndTheValue() {
        assertThatThrownBy(() -> ReductoClient.builder().apiKey("sk-test-123").baseUrl("not a url"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("baseUrl \"not a url\" is not a valid URL")
                .hasMessageContaining("https://platform.reducto.ai");
        assertThatThrownBy(() -> ReductoClient.builder()
                .fromEnvironment(env(Map.of("REDUCTO_API_KEY", "sk-env-1", "REDUCTO_BASE_URL", "not a url"))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("REDUCTO_BASE_URL \"not a url\" is not a valid URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:1", "http://localhost:1", "http://LOCALHOST:1", "http://[::1]:1",
            "http://127.0.0.2:1", "https://example.com", "https://eu.platform.reducto.ai"})
    void httpsAndLoopbackHttpAreAccepted(String url) {
        ReductoClient client = ReductoClient.builder().apiKey("sk-test-123").baseUrl(url).build();

        assertThat(client.toString()).contains(url);
    }

    @Test
    void aTrailingSlashOrAPathPrefixIsKept() {
        ReductoClient slash = localClient().baseUrl(wireMock.baseUrl() + "/").build();
        ReductoClient prefixed = localClient().baseUrl(wireMock.baseUrl() + "/gateway/reducto").build();
        wireMock.stubFor(get(urlPathEqualTo("/gateway/reducto/version")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("\"9.9.9\"")));

        StepVerifier.create(slash.version()).expectNext("1.2.3").expectComplete().verify(TIMEOUT);
        StepVerifier.create(prefixed.version()).expectNext("9.9.9").expectComplete().verify(TIMEOUT);

        assertThat(wireMock.requests()).extracting(LoggedRequest::getUrl).containsExactly("/version",
                "/gateway/reducto/version");
    }

    // ------------------------------------------------------------------------------------------------------- secrecy

    @Test
    void toStringNeverShowsTheKey() {
        ReductoClient client = ReductoClient.builder().apiKey(SECRET).baseUrl(wireMock.baseUrl()).userId("u-1")
                .header("x-tenant", "t-1").build();
        ReductoClient derived = client.withOptions(RequestOptions.builder().userId("u-2")
                .responseTimeout(Duration.ofSeconds(5)).build());
        ReductoClient fromEnv = ReductoClient.builder().fromEnvironment(env(Map.of("REDUCTO_API_KEY", SECRET)))
                .build();

        for (Object shown : List.of(client, derived, fromEnv, client.options(), derived.options(), client.parse(),
                client.extract(), client.split(), client.edit(), client.pipeline(), client.classify())) {
            assertThat(shown.toString()).doesNotContain(SECRET).doesNotContain("9f8e7d6c5b4a");
        }
        assertThat(client.toString()).contains(wireMock.baseUrl());
    }

    @Test
    void theAuthorizationHeaderCannotBeSetAsAnOption() {
        assertThatThrownBy(() -> RequestOptions.builder().header("Authorization", "Bearer other"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReductoClient.builder().header("authorization", "Bearer other"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // -------------------------------------------------------------------------------------------------- withOptions

    @Test
    void withOptionsAddsHeadersToTheDerivedClientOnly() {
        ReductoClient original = localClient().header("x-tenant", "t-1").build();
        ReductoClient derived = original.withOptions(RequestOptions.builder().header("X-Tenant", "t-2")
                .header("x-trace", "abc").build());

        StepVerifier.create(original.version()).expectNext("1.2.3").expectComplete().verify(TIMEOUT);
        StepVerifier.create(derived.version()).expectNext("1.2.3").expectComplete().verify(TIMEOUT);
        StepVerifier.create(original.version()).expectNext("1.2.3").expectComplete().verify(TIMEOUT);

        List<LoggedRequest> sent = wireMock.requests();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).getHeader("x-tenant")).isEqualTo("t-1");
        assertThat(sent.get(0).containsHeader("x-trace")).isFalse();
        assertThat(sent.get(1).getHeader("x-tenant")).isEqualTo("t-2");
        assertThat(sent.get(1).getHeader("x-trace")).isEqualTo("abc");
        assertThat(sent.get(2).getHeader("x-tenant")).isEqualTo("t-1");
        assertThat(sent.get(2).containsHeader("x-trace")).isFalse();
        assertThat(sent).allSatisfy(request ->
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + WireMockReducto.API_KEY));
        assertThat(original.options().headers()).containsOnlyKeys("x-tenant");
    }

    @Test
    void withOptionsChangesTheResponseTimeoutOfTheDerivedClientOnly() {
        wireMock.stubFor(get(urlPathEqualTo("/version")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("\"1.2.3\"").withFixedDelay(1500)));
        ReductoClient original = localClient().build();
        ReductoClient impatient = original.withOptions(RequestOptions.builder()
                .responseTimeout(Duration.ofMillis(200)).build());

        StepVerifier.create(impatient.version())
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ReductoTimeoutException.class);
                    ReductoTimeoutException timeout = (ReductoTimeoutException) error;
                    assertThat(timeout.kind()).isEqualTo(ReductoTimeoutException.Kind.RESPONSE);
                    assertThat(timeout.duration()).isEqualTo(Duration.ofMillis(200));
                })
                .verify(TIMEOUT);
        StepVerifier.create(original.version()).expectNext("1.2.3").expectComplete().verify(TIMEOUT);

        assertThat(original.options().responseTimeout()).isNull();
        assertThat(impatient.options().responseTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(wireMock.requests()).hasSize(2);
    }

    @Test
    void withOptionsChangesTheRetryPolicyOfTheDerivedClientOnly() {
        wireMock.stubFor(get(urlPathEqualTo("/version")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"overloaded\"}")));
        ReductoClient original = localClient().build();
        ReductoClient persistent = original.withOptions(RequestOptions.builder().retryPolicy(RetryPolicy.defaults()
                .withMaxRetries(2).withBackoff(Duration.ofMillis(1), Duration.ofMillis(1))).build());

        StepVerifier.create(persistent.version())
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(InternalServerException.class);
                    assertThat(((ReductoException) error).attempts()).isEqualTo(3);
                })
                .verify(TIMEOUT);
        assertThat(wireMock.requests()).extracting(r -> r.getHeader("x-reductor-retry-count"))
                .containsExactly("0", "1", "2");

        wireMock.resetRequests();
        StepVerifier.create(original.version()).expectError(InternalServerException.class).verify(TIMEOUT);
        assertThat(wireMock.requests()).as("the original client still does not retry").hasSize(1);
        assertThat(original.options().retryPolicy()).isEqualTo(RetryPolicy.none());
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private static ReductoClient.Builder localClient() {
        return wireMock.client().retryPolicy(RetryPolicy.none());
    }

    /** An environment holding exactly {@code variables}. */
    private static Function<String, String> env(Map<String, String> variables) {
        Map<String, String> copy = new HashMap<>(variables);
        return copy::get;
    }
}
