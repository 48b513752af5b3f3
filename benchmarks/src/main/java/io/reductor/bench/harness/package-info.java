/**
 * The machinery of the end-to-end benchmarks, shared by every scenario: {@link io.reductor.bench.harness.RunOptions}
 * (the runner's options), {@link io.reductor.bench.harness.Scenario} and
 * {@link io.reductor.bench.harness.ScenarioDriver} (warm-up, turns, repetitions, medians, checks),
 * {@link io.reductor.bench.harness.ChildMain} and {@link io.reductor.bench.harness.ChildProcess} (the
 * READY/GO/RESULT protocol of a measured client process, from both sides), the {@code /proc} readings of CPU time and
 * peak RSS, {@link io.reductor.bench.harness.CommandLines} (how client processes are started) and
 * {@link io.reductor.bench.harness.SimulatorRun} (the simulator a run talks to). Apart from the scenarios,
 * {@link io.reductor.bench.harness.SimulatorStartup} times the simulator's first start in fresh JVMs.
 */
package io.reductor.bench.harness;
