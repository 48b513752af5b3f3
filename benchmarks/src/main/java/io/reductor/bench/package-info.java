/**
 * Reductor's benchmarks. {@link io.reductor.bench.BenchmarkRunner} runs the end-to-end comparison (started by
 * {@code benchmarks/run}); the packages below it hold its parts:
 *
 * <ul>
 *   <li>{@link io.reductor.bench.harness}: the machinery every measurement shares: options, the {@code Scenario}
 *       abstraction and the one loop that drives it, the client-process protocol, {@code /proc} readings, command
 *       lines;</li>
 *   <li>{@link io.reductor.bench.scenarios}: what is measured: ingest, upload, listing;</li>
 *   <li>{@link io.reductor.bench.clients}: who is measured: Reductor, a raw Reactor Netty client, the TypeScript
 *       SDK;</li>
 *   <li>{@link io.reductor.bench.report}: the results: report records, targets, tables, charts, files;</li>
 *   <li>{@link io.reductor.bench.jmh}: the JMH micro-benchmarks of the codec.</li>
 * </ul>
 */
package io.reductor.bench;
