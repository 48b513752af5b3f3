package io.reductor.testkit.junit;

import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A JUnit 5 extension that starts one {@link ReductoSimulator} per test class (before the first test, stopped after
 * the last, also when tests fail) and injects it, and a {@link ReductoClient} pointed at it, as constructor or method
 * parameters.
 *
 * <pre>{@code
 * @ExtendWith(ReductoSimulatorExtension.class)           // or @WithReductoSimulator
 * class MyTest {
 *     @Test
 *     void parses(ReductoClient client, ReductoSimulator simulator) { ... }
 * }
 *
 * class ConfiguredTest {
 *     @RegisterExtension
 *     static final ReductoSimulatorExtension SIMULATOR = ReductoSimulatorExtension.configured(
 *             builder -> builder.rateLimit(10).processingTimePerPage(Duration.ofMillis(1)));
 * }
 * }</pre>
 *
 * <p>The client is built with {@code ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())};
 * nested test classes share their enclosing class's simulator.
 */
public final class ReductoSimulatorExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ReductoSimulatorExtension.class);
    private static final String KEY = "simulator";

    private final Consumer<ReductoSimulator.Builder> configuration;

    /** An extension with default simulator settings (used by {@code @ExtendWith} and {@link WithReductoSimulator}). */
    public ReductoSimulatorExtension() {
        this(builder -> { });
    }

    private ReductoSimulatorExtension(Consumer<ReductoSimulator.Builder> configuration) {
        this.configuration = configuration;
    }

    /**
     * An extension whose simulator is configured by {@code configuration}, for {@code @RegisterExtension}.
     *
     * @param configuration applied to the builder before the simulator starts; not {@code null}
     * @return a new extension, to hold in a static field annotated {@code @RegisterExtension}
     */
    public static ReductoSimulatorExtension configured(Consumer<ReductoSimulator.Builder> configuration) {
        return new ReductoSimulatorExtension(Objects.requireNonNull(configuration, "configuration"));
    }

    /** Starts the class's simulator, unless an enclosing class already did. */
    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    /** Resolves {@link ReductoSimulator} and {@link ReductoClient} parameters. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ReductoSimulator.class || type == ReductoClient.class;
    }

    /** The class's simulator, or a client pointed at it. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = running(context);
        return parameter.getParameter().getType() == ReductoSimulator.class ? running.simulator : running.client;
    }

    /**
     * The simulator of the test class of {@code context}, started on first use.
     *
     * @param context the context of a test or test class that uses the extension
     * @return the running simulator
     * @throws IllegalStateException when the extension is not registered on the test class
     */
    public static ReductoSimulator simulator(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).get(KEY, Running.class);
        if (running == null) {
            throw new IllegalStateException("No ReductoSimulator: register ReductoSimulatorExtension on the test class");
        }
        return running.simulator;
    }

    private Running running(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> {
            ReductoSimulator.Builder builder = ReductoSimulator.builder();
            configuration.accept(builder);
            ReductoSimulator simulator = builder.start();
            ReductoClient client = ReductoClient.builder().apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl())
                    .build();
            return new Running(simulator, client);
        }, Running.class);
    }

    /** A started simulator and its client; closed by JUnit with the class's store. */
    @SuppressWarnings("deprecation")
    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final ReductoSimulator simulator;
        private final ReductoClient client;
        private boolean closed;

        Running(ReductoSimulator simulator, ReductoClient client) {
            this.simulator = simulator;
            this.client = client;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                simulator.close();
            }
        }
    }
}
