/**
 * A Reducto-compatible server to test against, for users' tests as much as Reductor's own. Start from
 * {@link io.reductor.testkit.ReductoSimulator}: {@link io.reductor.testkit.ReductoSimulator#start()} binds it to
 * {@code 127.0.0.1} on a random port, and its {@code baseUrl()} and {@code apiKey()} configure a client; close it to
 * stop it. It serves every endpoint of the API with results derived from the documents it is given (PDF or plain text;
 * URLs are never fetched, register their content), moves jobs through their statuses in simulated time, and applies the
 * real service's checks: the key, validation against the vendored spec (422), rate limits (429) and retention.
 *
 * <p>{@link io.reductor.testkit.ReductoSimulator.Builder} sets everything else: timings, the scheduler and clock (a
 * {@code VirtualTimeScheduler} makes jobs advance only with virtual time), rate limits, injected
 * {@link io.reductor.testkit.FaultInjection}s, pipelines by id ({@link io.reductor.testkit.PipelineDefinition}). What
 * the simulator saw is counted in {@link io.reductor.testkit.SimulatorCounters}, and what an upload delivered in an
 * {@link io.reductor.testkit.UploadReceipt}. The public types are immutable values or thread-safe; every other class in
 * the package is the simulator's own and not API. For JUnit 5, see {@link io.reductor.testkit.junit}.
 */
package io.reductor.testkit;
