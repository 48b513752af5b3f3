package io.reductor.testkit;

import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.RequestOptions;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** A closed client refuses new calls, itself and the clients derived from it, without touching the network. */
class ClosedClientTest {

    @Test
    void callsAfterCloseFailWithoutReachingTheService() {
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            ReductoClient client = ReductoClient.builder().apiKey(simulator.apiKey())
                    .baseUrl(simulator.baseUrl()).build();
            ReductoClient derived = client.withOptions(RequestOptions.builder().userId("u-1").build());
            StepVerifier.create(client.version()).expectNextCount(1).verifyComplete();
            long before = simulator.counters().requests("GET /version");

            client.close();

            StepVerifier.create(client.version())
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("closed").hasMessageContaining("GET /version"))
                    .verify();
            StepVerifier.create(derived.version()).expectError(IllegalStateException.class).verify();
            assertThat(simulator.counters().requests("GET /version")).isEqualTo(before);
        }
    }
}
