package io.reductor.testkit.junit;

import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.ReductoSimulator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A JUnit 5 extension that runs tests against a {@link ReductoSimulator}: it starts one per test class (before the
 * first test, closed after the last, also when tests fail), or one per test, and injects it, and a
 * {@link ReductoClient} pointed at it, as method parameters (or constructor parameters, one simulator per class).
 * The client is closed with the simulator. Between the tests of a class the simulator is {@linkplain
 * ReductoSimulator#reset() reset}: every test starts without jobs, uploads or counts, with the documents and
 * pipelines registered on it kept.
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
 *     static final ReductoSimulatorExtension SIMULATOR = ReductoSimulatorExtension.builder()
 *             .simulator(simulator -> simulator.rateLimit(10).processingTimePerPage(Duration.ofMillis(1)))
 *             .client(client -> client.retryPolicy(RetryPolicy.none()))
 *             .build();
 * }
 * }</pre>
 *
 * <h2>Virtual time</h2>
 *
 * <p>With {@link Builder#virtualTime()}, each test gets its own {@link VirtualTimeScheduler}, injected as a parameter,
 * and the simulator and the client run on it: job timers, long-poll timeouts, rate limits, {@code created_at} and
 * retention on the simulator; polling waits, backoffs and deadlines on the client. Nothing moves until the test
 * advances it, and a new scheduler per test means {@code StepVerifier}, which disposes the scheduler it was given,
 * leaves the next test a working one. The requests themselves still travel over loopback in real time, so an advance
 * must wait until the request it is meant for has reached the simulator:
 * {@link ReductoSimulator#awaitRequests(io.reductor.testkit.SimulatorRoute, long)} blocks (without sleeping) until a
 * number of requests of a route have been taken in, a long poll only once its wake-ups are registered. The recipe:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ReductoSimulatorExtension SIMULATOR = ReductoSimulatorExtension.builder()
 *         .simulator(simulator -> simulator.queueTime(Duration.ofSeconds(5)).processingTimePerPage(Duration.ofMinutes(1)))
 *         .virtualTime()
 *         .build();
 *
 * @Test
 * void awaitsAJobInVirtualTime(ReductoClient client, ReductoSimulator simulator, VirtualTimeScheduler time) {
 *     String jobId = simulator.uploadDocument(...) ... runJob(...).block().jobId();
 *     StepVerifier.withVirtualTime(() -> client.awaitCompletion(jobId).map(JobUpdate::status), () -> time, Long.MAX_VALUE)
 *             .expectNext(JobStatus.PENDING)                                   // poll 1, answered at once
 *             .then(() -> simulator.awaitRequests(SimulatorRoute.GET_JOB, 2))  // poll 2, a long poll, held
 *             .thenAwait(Duration.ofSeconds(5))                                // the queue time
 *             .expectNext(JobStatus.IN_PROGRESS)
 *             .then(() -> simulator.awaitRequests(SimulatorRoute.GET_JOB, 3))
 *             .thenAwait(Duration.ofMinutes(1))                                // one page
 *             ...
 * }
 * }</pre>
 *
 * <p>Each advance moves the job by whatever falls due in it; every step of the job runs within the advance and
 * registers its next timer before a later advance takes effect. Wait for the client's next request before each
 * advance that should reach it, and advance no further than the next change it should see: what falls due within one
 * advance happens at once, before the client has asked again. To wait only for the outcome, one advance past the
 * job's whole duration is enough ({@code awaitResult} then sees it finished). Pass the injected scheduler to
 * {@code withVirtualTime} ({@code () -> time}): a scheduler {@code StepVerifier} makes itself is not the simulator's.
 */
public final class ReductoSimulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ReductoSimulatorExtension.class);
    private static final String KEY = "simulator";
    private static final String TIME_KEY = "virtual-time";

    private final Consumer<ReductoSimulator.Builder> simulatorConfiguration;
    private final Consumer<ReductoClient.Builder> clientConfiguration;
    private final boolean perTest;
    private final boolean virtualTime;
    private final boolean reset;

    /** An extension with default settings (used by {@code @ExtendWith} and {@link WithReductoSimulator}). */
    public ReductoSimulatorExtension() {
        this(new Builder());
    }

    private ReductoSimulatorExtension(Builder builder) {
        this.simulatorConfiguration = builder.simulator;
        this.clientConfiguration = builder.client;
        this.perTest = builder.perTest;
        this.virtualTime = builder.virtualTime;
        this.reset = builder.reset;
    }

    /**
     * An extension whose simulator is configured by {@code configuration}, for {@code @RegisterExtension}; the same
     * as {@code builder().simulator(configuration).build()}.
     *
     * @param configuration applied to the builder before the simulator starts; not {@code null}
     * @return a new extension, to hold in a static field annotated {@code @RegisterExtension}
     */
    public static ReductoSimulatorExtension configured(Consumer<ReductoSimulator.Builder> configuration) {
        return builder().simulator(configuration).build();
    }

    /**
     * A builder of an extension with other settings.
     *
     * @return a new builder: default simulator and client, one simulator per class, reset between tests, real time
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts the class's simulator, unless an enclosing class already did or each test gets its own. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest) {
            running(context);
        }
    }

    /**
     * Gives the test its simulator: a new one, or the class's one reset; and, with virtual time, its own
     * {@link VirtualTimeScheduler}.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Running running;
        if (perTest) {
            running = start();
            store.put(KEY, running);
        } else {
            running = running(context);
            if (reset) {
                running.simulator.reset();
            }
        }
        if (virtualTime) {
            VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
            running.time.use(scheduler);
            store.put(TIME_KEY, new TestScheduler(scheduler));
        }
    }

    /** Resolves {@link ReductoSimulator} and {@link ReductoClient} parameters, and with virtual time the scheduler. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ReductoSimulator.class || type == ReductoClient.class
                || virtualTime && type == VirtualTimeScheduler.class;
    }

    /** The test's simulator, a client pointed at it, or its virtual-time scheduler. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == VirtualTimeScheduler.class) {
            TestScheduler scheduler = context.getStore(NAMESPACE).get(TIME_KEY, TestScheduler.class);
            if (scheduler == null) {
                throw new ParameterResolutionException("The VirtualTimeScheduler of a test is a parameter of the test "
                        + "method or of its lifecycle methods, not of the constructor");
            }
            return scheduler.scheduler;
        }
        Running running = perTest ? context.getStore(NAMESPACE).get(KEY, Running.class) : running(context);
        if (running == null) {
            throw new ParameterResolutionException("With a simulator per test, ReductoSimulator and ReductoClient are "
                    + "parameters of the test method or of its lifecycle methods, not of the constructor");
        }
        return type == ReductoSimulator.class ? running.simulator : running.client;
    }

    /**
     * The simulator of the test or test class of {@code context}.
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
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> start(), Running.class);
    }

    private Running start() {
        VirtualTime time = virtualTime ? new VirtualTime() : null;
        ReductoSimulator.Builder simulatorBuilder = ReductoSimulator.builder();
        simulatorConfiguration.accept(simulatorBuilder);
        if (time != null) {
            simulatorBuilder.scheduler(time).clock(time.clock());
        }
        ReductoSimulator simulator = simulatorBuilder.start();
        try {
            ReductoClient.Builder clientBuilder = ReductoClient.builder().apiKey(simulator.apiKey())
                    .baseUrl(simulator.baseUrl());
            clientConfiguration.accept(clientBuilder);
            if (time != null) {
                clientBuilder.scheduler(time::current).clock(time.clock());
            }
            return new Running(simulator, clientBuilder.build(), time);
        } catch (RuntimeException | Error e) {
            simulator.close();
            throw e;
        }
    }

    /** Builds a {@link ReductoSimulatorExtension}; every setting has a default, see each method. */
    public static final class Builder {
        private Consumer<ReductoSimulator.Builder> simulator = builder -> { };
        private Consumer<ReductoClient.Builder> client = builder -> { };
        private boolean perTest;
        private boolean virtualTime;
        private boolean reset = true;

        private Builder() {
        }

        /**
         * Configures the simulator. Default: {@link ReductoSimulator#builder()} as it is. With
         * {@link #virtualTime()}, the scheduler and clock set here are replaced.
         *
         * @param configuration applied to the simulator's builder before it starts; not {@code null}
         * @return this builder
         */
        public Builder simulator(Consumer<ReductoSimulator.Builder> configuration) {
            this.simulator = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /**
         * Configures the injected client (timeouts, retry policy, options, a scheduler, ...). Default: the key and
         * base URL of the simulator and nothing else. With {@link #virtualTime()}, the scheduler and clock set here are
         * replaced.
         *
         * @param configuration applied to a builder already given the simulator's key and base URL; not {@code null}
         * @return this builder
         */
        public Builder client(Consumer<ReductoClient.Builder> configuration) {
            this.client = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /**
         * A new simulator and client for every test, closed after it, instead of one per class reset between tests.
         * They are then parameters of test methods and lifecycle methods only, not of the constructor.
         *
         * @return this builder
         */
        public Builder perTest() {
            this.perTest = true;
            return this;
        }

        /**
         * Keeps the class's simulator as the previous test left it (jobs, uploads, counts) instead of
         * {@linkplain ReductoSimulator#reset() resetting} it before each test.
         *
         * @return this builder
         */
        public Builder keepStateBetweenTests() {
            this.reset = false;
            return this;
        }

        /**
         * Gives each test its own {@link VirtualTimeScheduler} (a parameter of the test method), on which the
         * simulator (timers, timeouts, rate limits, its clock) and the client (waits, backoffs, deadlines, its
         * clock) run; see the class documentation for the recipe.
         *
         * @return this builder
         */
        public Builder virtualTime() {
            this.virtualTime = true;
            return this;
        }

        /**
         * The extension.
         *
         * @return a new extension, to hold in a static field annotated {@code @RegisterExtension}
         */
        public ReductoSimulatorExtension build() {
            return new ReductoSimulatorExtension(this);
        }
    }

    /** A test's virtual-time scheduler, disposed when the test ends. */
    @SuppressWarnings("deprecation")
    private record TestScheduler(VirtualTimeScheduler scheduler)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            scheduler.dispose();
        }
    }

    /** A started simulator and its client; both closed by JUnit with the store that holds them. */
    @SuppressWarnings("deprecation")
    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final ReductoSimulator simulator;
        private final ReductoClient client;
        private final VirtualTime time;
        private boolean closed;

        Running(ReductoSimulator simulator, ReductoClient client, VirtualTime time) {
            this.simulator = simulator;
            this.client = client;
            this.time = time;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                try {
                    client.close();
                } finally {
                    simulator.close();
                }
            }
        }
    }
}
