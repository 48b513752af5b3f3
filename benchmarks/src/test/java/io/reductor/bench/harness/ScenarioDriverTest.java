package io.reductor.bench.harness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioDriverTest {

    @Test
    void theClientsTakeTurnsGoingFirst() {
        List<String> clients = List.of("a", "b", "c");

        assertThat(ScenarioDriver.rotated(clients, 0)).containsExactly("a", "b", "c");
        assertThat(ScenarioDriver.rotated(clients, 1)).containsExactly("b", "c", "a");
        assertThat(ScenarioDriver.rotated(clients, 2)).containsExactly("c", "a", "b");
        assertThat(ScenarioDriver.rotated(clients, 3)).containsExactly("a", "b", "c");
        assertThat(clients).containsExactly("a", "b", "c");
    }

    @Test
    void theMedianRunIsReported() {
        assertThat(ScenarioDriver.median(List.of(3.0, 1.0, 2.0), Double::doubleValue)).isEqualTo(2.0);
        assertThat(ScenarioDriver.median(List.of(5.0), Double::doubleValue)).isEqualTo(5.0);
        assertThat(ScenarioDriver.median(List.of(4.0, 1.0), Double::doubleValue)).isEqualTo(4.0);
    }
}
