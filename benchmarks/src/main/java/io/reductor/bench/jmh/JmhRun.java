package io.reductor.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reductor.bench.harness.CommandLines;
import io.reductor.bench.report.Report.JmhRow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link CodecBenchmark} in a JMH process of its own, with the GC profiler, and reads its JSON results into
 * report rows.
 */
public final class JmhRun {

    private JmhRun() {
    }

    /**
     * Runs the benchmarks.
     *
     * @param commands builds the JMH command line
     * @param out      where JMH writes {@code jmh.json}
     * @param logs     where JMH's output goes, as {@code jmh.log}
     * @param smoke    one short iteration, no warm-up, instead of {@code -wi 2 -i 3 -w 2s -r 2s}
     * @return one row per benchmark method
     * @throws IOException if JMH cannot start or its results cannot be read
     * @throws InterruptedException if interrupted while JMH runs
     * @throws IllegalStateException if JMH fails
     */
    public static List<JmhRow> run(CommandLines commands, Path out, Path logs, boolean smoke)
            throws IOException, InterruptedException {
        Path results = out.resolve("jmh.json");
        List<String> arguments = new ArrayList<>(List.of(CodecBenchmark.class.getSimpleName(), "-prof", "gc",
                "-rf", "json", "-rff", results.toString()));
        arguments.addAll(smoke ? List.of("-wi", "0", "-i", "1", "-f", "1", "-r", "1s", "-foe", "true")
                : List.of("-wi", "2", "-i", "3", "-f", "1", "-w", "2s", "-r", "2s", "-foe", "true"));
        System.out.println("  jmh " + CodecBenchmark.class.getSimpleName() + " ...");
        Process process = new ProcessBuilder(commands.jar(arguments)).redirectErrorStream(true)
                .redirectOutput(logs.resolve("jmh.log").toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("JMH failed; see " + logs.resolve("jmh.log"));
        }
        List<JmhRow> rows = new ArrayList<>();
        for (JsonNode benchmark : new ObjectMapper().readTree(results.toFile())) {
            JsonNode primary = benchmark.path("primaryMetric");
            JsonNode secondary = benchmark.path("secondaryMetrics");
            JsonNode alloc = secondary.has("gc.alloc.rate.norm") ? secondary.path("gc.alloc.rate.norm")
                    : secondary.path("\u00b7gc.alloc.rate.norm");
            String method = benchmark.path("benchmark").asText();
            rows.add(new JmhRow(method.substring(method.lastIndexOf('.') + 1), primary.path("score").asDouble(),
                    primary.path("scoreError").asDouble(Double.NaN), primary.path("scoreUnit").asText(),
                    alloc.path("score").asDouble(Double.NaN)));
        }
        return rows;
    }
}
