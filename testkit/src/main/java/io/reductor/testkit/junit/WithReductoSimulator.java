package io.reductor.testkit.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against a {@link io.reductor.testkit.ReductoSimulator} with default settings: one simulator for
 * the class, started before its first test, reset before each test and stopped after its last, injected into test
 * constructors and methods together with a {@link io.reductor.reactor.ReductoClient} pointed at it. The same as
 * {@code @ExtendWith(ReductoSimulatorExtension.class)}; for other settings, register an extension made by
 * {@link ReductoSimulatorExtension#builder()} with {@code @RegisterExtension}.
 *
 * <pre>{@code
 * @WithReductoSimulator
 * class InvoiceIngestTest {
 *     @Test
 *     void parses(ReductoClient client, ReductoSimulator simulator) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ReductoSimulatorExtension.class)
public @interface WithReductoSimulator {
}
