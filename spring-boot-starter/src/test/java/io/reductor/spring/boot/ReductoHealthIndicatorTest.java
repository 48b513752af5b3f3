package io.reductor.spring.boot;

import io.reductor.testkit.ReductoSimulator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The health indicator: off unless asked for, {@code GET /version} once per cache period, DOWN with the reason. */
class ReductoHealthIndicatorTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ReductoAutoConfiguration.class));

    @Test
    void offByDefaultBecauseEachCheckCostsARequest() {
        runner.withPropertyValues("reducto.api-key=k").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(ReductoHealthIndicator.class));
    }

    @Test
    void upWithTheVersionAndOneRequestPerCachePeriod() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            runner.withPropertyValues("reducto.api-key=" + simulator.apiKey(),
                    "reducto.base-url=" + simulator.baseUrl(), "reducto.health.enabled=true",
                    "reducto.health.cache-for=1h").run(context -> {
                        ReductoHealthIndicator indicator = context.getBean(ReductoHealthIndicator.class);
                        long before = simulator.counters().requests("GET /version");

                        Health first = indicator.health().block(Duration.ofSeconds(10));
                        Health second = indicator.health().block(Duration.ofSeconds(10));

                        assertThat(first.getStatus()).isEqualTo(Status.UP);
                        assertThat(first.getDetails()).containsKey("version");
                        assertThat(second).isEqualTo(first);
                        assertThat(simulator.counters().requests("GET /version") - before).isEqualTo(1);
                    });
        }
    }

    @Test
    void downWithTheTypedErrorWhenTheServiceCannotBeReached() {
        runner.withPropertyValues("reducto.api-key=k", "reducto.base-url=http://127.0.0.1:1",
                "reducto.retry.max-retries=0", "reducto.health.enabled=true", "reducto.health.cache-for=0s")
                .run(context -> {
                    Health health = context.getBean(ReductoHealthIndicator.class).health()
                            .block(Duration.ofSeconds(10));

                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("error").toString())
                            .startsWith("ReductoConnectionException").contains("127.0.0.1:1");
                });
    }
}
