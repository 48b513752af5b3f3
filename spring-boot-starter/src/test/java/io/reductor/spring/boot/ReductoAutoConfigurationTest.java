package io.reductor.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.reductor.reactor.KeyLimits;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.RequestPacer;
import io.reductor.reactor.RetryPolicy;
import io.reductor.reactor.UploadSource;
import io.reductor.reactor.webhook.WebhookHub;
import io.reductor.reactor.webhook.WebhookReceiver;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.SimulatorRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client bean: built from {@code reducto.*}, adjusted by customizers, replaced by the application's, closed; it
 * reports to the application's Micrometer registries when there are such beans, and needs no Micrometer otherwise.
 */
class ReductoAutoConfigurationTest {

    private static ReductoSimulator simulator;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ReductoAutoConfiguration.class));

    @BeforeAll
    static void startSimulator() {
        simulator = ReductoSimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    private ApplicationContextRunner onSimulator() {
        return runner.withPropertyValues("reducto.api-key=" + simulator.apiKey(),
                "reducto.base-url=" + simulator.baseUrl());
    }

    @Test
    void buildsAClientThatTalksToTheConfiguredService() {
        onSimulator().run(context -> {
            ReductoClient client = context.getBean(ReductoClient.class);

            assertThat(client.version().block()).isNotBlank();
            assertThat(context).doesNotHaveBean(WebhookHub.class).doesNotHaveBean(WebhookReceiver.class)
                    .doesNotHaveBean(ReductoHealthIndicator.class);
        });
    }

    @Test
    void failsAtStartupWithoutAKeyNamingTheProperty() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reducto.api-key").hasMessageContaining("REDUCTO_API_KEY"));
    }

    @Test
    void anInvalidBaseUrlFailsAtStartupNamingTheSetting() {
        runner.withPropertyValues("reducto.api-key=k", "reducto.base-url=http://example.com").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("http://example.com"));
    }

    @Test
    void aBaseUrlAndAnEnvironmentTogetherAreRefused() {
        onSimulator().withPropertyValues("reducto.environment=eu").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("environment"));
    }

    @Test
    void theClientIsClosedWithTheContext() {
        List<ReductoClient> clients = new ArrayList<>();
        onSimulator().run(context -> clients.add(context.getBean(ReductoClient.class)));

        assertThat(clients).hasSize(1);
        assertThatThrownBy(() -> clients.get(0).version().block(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void keyLimitPropertiesPaceTheClientFromTheStart() {
        onSimulator().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("reducto.key-limits.requests-per-second=100").run(context -> {
                    context.getBean(ReductoClient.class);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("reductor.pacer.rate").tag("lane", "requests").gauge().value())
                            .isEqualTo(100);
                    assertThat(meters.get("reductor.pacer.rate").tag("lane", "job_polls").gauge().value())
                            .as("not given: learned").isNaN();
                });
    }

    @Test
    void aPacerBeanPacesTheClientAndIsNotGivenWithKeyLimitProperties() {
        RequestPacer shared = RequestPacer.inMemory(new KeyLimits(7, 3));
        onSimulator().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(RequestPacer.class, () -> shared).run(context -> {
                    context.getBean(ReductoClient.class);
                    assertThat(context.getBean(MeterRegistry.class).get("reductor.pacer.rate")
                            .tag("lane", "job_polls").gauge().value()).isEqualTo(3);
                });
        onSimulator().withBean(RequestPacer.class, () -> shared)
                .withPropertyValues("reducto.key-limits.requests-per-second=100").run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause()
                                .isInstanceOf(IllegalStateException.class)
                                .hasMessageContaining("reducto.key-limits").hasMessageContaining("RequestPacer bean"));
        onSimulator().withPropertyValues("reducto.key-limits.job-polls-per-second=0").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("reducto.key-limits: jobPollsPerSecond must be a positive number"));
    }

    @Test
    void retryPropertiesChangeOnlyWhatTheySet() {
        RetryPolicy policy = ReductoAutoConfiguration.retryPolicy(new ReductoProperties.Retry(5, null,
                Duration.ofSeconds(30), Duration.ofMinutes(2)));

        assertThat(policy.maxRetries()).isEqualTo(5);
        assertThat(policy.initialBackoff()).isEqualTo(RetryPolicy.defaults().initialBackoff());
        assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.maxRateLimitWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(ReductoAutoConfiguration.retryPolicy(new ReductoProperties.Retry(null, null, null, null)))
                .isEqualTo(RetryPolicy.defaults());
    }

    @Test
    void theDirectUploadLimitSendsLargerUploadsThroughThePresignedUrl() {
        onSimulator().withPropertyValues("reducto.direct-upload-limit=1KB").run(context -> {
            ReductoClient client = context.getBean(ReductoClient.class);
            long before = simulator.counters().requests(SimulatorRoute.STORAGE_PUT);

            client.upload(UploadSource.of(new byte[1024], "small.pdf")).block(Duration.ofSeconds(10));
            assertThat(simulator.counters().requests(SimulatorRoute.STORAGE_PUT)).isEqualTo(before);
            client.upload(UploadSource.of(new byte[1025], "large.pdf")).block(Duration.ofSeconds(10));
            assertThat(simulator.counters().requests(SimulatorRoute.STORAGE_PUT)).isEqualTo(before + 1);
        });
    }

    @Test
    void propertiesBindFromRelaxedNamesAndNeverPrintTheKey() {
        onSimulator().withPropertyValues("reducto.retry.max-retries=0", "reducto.total-timeout=90s",
                "reducto.max-connections=8", "reducto.webhook.max-body-size=1MB").run(context -> {
                    ReductoProperties properties = context.getBean(ReductoProperties.class);

                    assertThat(properties.retry().maxRetries()).isZero();
                    assertThat(properties.totalTimeout()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(properties.maxConnections()).isEqualTo(8);
                    assertThat(properties.webhook().maxBodySize().toBytes()).isEqualTo(1024 * 1024);
                    assertThat(properties.webhook().path()).isEqualTo("/webhooks/reducto");
                    assertThat(properties.toString()).doesNotContain(simulator.apiKey());
                });
    }

    @Test
    void customizersRunInOrderAfterTheProperties() {
        onSimulator().withUserConfiguration(Customizers.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Customizers.class).calls).containsExactly("first", "second");
        });
    }

    @Test
    void theApplicationsOwnClientWins() {
        onSimulator().withUserConfiguration(OwnClient.class).run(context ->
                assertThat(context).getBean(ReductoClient.class).isSameAs(context.getBean(OwnClient.class).client));
    }

    @Test
    void theClientObservesIntoTheApplicationsObservationRegistry() {
        onSimulator().withBean(ObservationRegistry.class, TestObservationRegistry::create).run(context -> {
            context.getBean(ReductoClient.class).version().block();

            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasObservationWithNameEqualTo("reductor.http.exchange").that()
                    .hasLowCardinalityKeyValue("operation", "GET /version")
                    .hasLowCardinalityKeyValue("outcome", "success");
        });
    }

    @Test
    void theClientRecordsMetersInTheApplicationsMeterRegistry() {
        onSimulator().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            context.getBean(ReductoClient.class);

            assertThat(context.getBean(MeterRegistry.class).find("reductor.pacer.rate").gauges()).hasSize(2);
        });
    }

    @Test
    void withoutMicrometerTheClientIsBuiltWithoutItsCustomizers() {
        onSimulator().withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ReductoClient.class)
                    .doesNotHaveBean("reductoObservationCustomizer").doesNotHaveBean("reductoMeterCustomizer");
            assertThat(context.getBean(ReductoClient.class).version().block()).isNotBlank();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        final List<String> calls = new ArrayList<>();

        @Bean
        @Order(2)
        ReductoClientCustomizer second() {
            return builder -> calls.add("second");
        }

        @Bean
        @Order(1)
        ReductoClientCustomizer first() {
            return builder -> calls.add("first");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        final ReductoClient client = ReductoClient.builder().apiKey("own").baseUrl("http://127.0.0.1:1").build();

        @Bean(destroyMethod = "close")
        ReductoClient reductoClient() {
            return client;
        }
    }
}
