package io.reductor.testkit.junit;

import io.reductor.core.error.ReductoApiException;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.RetryPolicy;
import io.reductor.testkit.FaultInjection;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.SimulatorRoute;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * What the extension does around tests, checked by running test classes that use it and looking at them afterwards:
 * the client configured as asked and closed with the class, the simulator reset between tests, and a fresh simulator
 * and client per test when asked.
 */
class ExtensionLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String URL = "https://files.example/kept.txt";
    private static final List<ReductoClient> CLIENTS = new ArrayList<>();
    private static final List<ReductoSimulator> SIMULATORS = new ArrayList<>();

    private static TestExecutionSummary run(Class<?> testClass) {
        CLIENTS.clear();
        SIMULATORS.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request().selectors(selectClass(testClass)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.getFailures().forEach(failure -> {
            throw new AssertionError(failure.getTestIdentifier().getDisplayName(), failure.getException());
        });
        return summary;
    }

    @Test
    void theClientIsConfiguredAndClosedWithTheClassAndEachTestStartsFromAResetSimulator() {
        TestExecutionSummary summary = run(OneSimulatorPerClass.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(CLIENTS).hasSize(2).allSatisfy(client -> assertThat(client).isSameAs(CLIENTS.get(0)));
        assertThatThrownBy(() -> CLIENTS.get(0).version().block(WAIT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void perTestGivesEachTestItsOwnSimulatorAndClientClosedAfterIt() {
        TestExecutionSummary summary = run(OneSimulatorPerTest.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(SIMULATORS).hasSize(2).doesNotHaveDuplicates();
        assertThat(CLIENTS).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(client -> assertThatThrownBy(() -> client.version().block(WAIT))
                        .isInstanceOf(IllegalStateException.class));
    }

    /** Run by the test above: its client retries nothing, and its simulator answers every version call 503. */
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class OneSimulatorPerClass {
        @RegisterExtension
        static final ReductoSimulatorExtension SIMULATOR = ReductoSimulatorExtension.builder()
                .simulator(simulator -> simulator.faults(FaultInjection.builder().serviceUnavailable(1.0)
                        .endpoints(SimulatorRoute.VERSION).build()))
                .client(client -> client.retryPolicy(RetryPolicy.none()))
                .build();

        @Test
        void first(ReductoClient client, ReductoSimulator simulator) {
            CLIENTS.add(client);
            simulator.registerDocument(URL, "Kept: yes".getBytes(StandardCharsets.UTF_8));
            simulator.uploadDocument("gone.txt", "Gone: yes".getBytes(StandardCharsets.UTF_8));
            client.parse().run(ParseRequest.builder().input(DocumentInput.url(URL)).build()).block(WAIT);

            assertThatThrownBy(() -> client.version().block(WAIT)).isInstanceOfSatisfying(ReductoApiException.class,
                    error -> assertThat(error.status()).isEqualTo(503));
            assertThat(simulator.counters().requests(SimulatorRoute.VERSION)).as("no retry").isEqualTo(1);
        }

        @Test
        void second(ReductoClient client, ReductoSimulator simulator) {
            CLIENTS.add(client);
            assertThat(simulator.counters().totalRequests()).isZero();
            assertThat(simulator.counters().jobsCreated()).isZero();
            assertThat(client.jobs().collectList().block(WAIT)).as("the first test's job").isEmpty();
            assertThat(client.parse().run(ParseRequest.builder().input(DocumentInput.url(URL)).build()).block(WAIT)
                    .isCompleted()).as("the registered document is kept").isTrue();
        }
    }

    /** Run by the test above. */
    static class OneSimulatorPerTest {
        @RegisterExtension
        static final ReductoSimulatorExtension SIMULATOR = ReductoSimulatorExtension.builder().perTest().build();

        @Test
        void one(ReductoClient client, ReductoSimulator simulator) {
            CLIENTS.add(client);
            SIMULATORS.add(simulator);
        }

        @Test
        void another(ReductoClient client, ReductoSimulator simulator) {
            CLIENTS.add(client);
            SIMULATORS.add(simulator);
        }
    }
}
