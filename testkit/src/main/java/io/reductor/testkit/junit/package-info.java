/**
 * JUnit 5 support for {@link io.reductor.testkit.ReductoSimulator}. Annotate a test class with
 * {@link io.reductor.testkit.junit.WithReductoSimulator} (or register
 * {@link io.reductor.testkit.junit.ReductoSimulatorExtension}) to get one simulator per test class, started before the
 * first test, reset before each test and closed after the last, injected into constructors and test methods together
 * with a {@link io.reductor.reactor.ReductoClient} pointed at it. For other settings (the simulator's, the client's, a
 * simulator per test, virtual time), register an extension made by
 * {@link io.reductor.testkit.junit.ReductoSimulatorExtension#builder()} in a static {@code @RegisterExtension} field.
 * Nested test classes share their enclosing class's simulator.
 */
package io.reductor.testkit.junit;
