/**
 * JMH micro-benchmarks: {@link io.reductor.bench.jmh.CodecBenchmark} (the JSON codec) and
 * {@link io.reductor.bench.jmh.JmhRun}, which runs it for the end-to-end report.
 */
package io.reductor.bench.jmh;
