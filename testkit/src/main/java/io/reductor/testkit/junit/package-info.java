/**
 * JUnit 5 support for {@link io.reductor.testkit.ReductoSimulator}. Annotate a test class with
 * {@link io.reductor.testkit.junit.WithReductoSimulator} (or register
 * {@link io.reductor.testkit.junit.ReductoSimulatorExtension}) to get one simulator per test class, started before the
 * first test and closed after the last, injected into constructors and test methods together with a
 * {@link io.reductor.reactor.ReductoClient} pointed at it. For other settings, register
 * {@link io.reductor.testkit.junit.ReductoSimulatorExtension#configured} in a static {@code @RegisterExtension} field.
 * Nested test classes share their enclosing class's simulator.
 */
package io.reductor.testkit.junit;
