package io.reductor.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client observes and meters into the application's Micrometer registries when there are such beans, and the
 * starter needs no Micrometer when the application has none.
 */
class ReductoMicrometerTest {

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
}
