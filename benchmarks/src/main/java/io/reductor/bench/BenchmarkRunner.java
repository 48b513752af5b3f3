package io.reductor.bench;

import io.reductor.bench.clients.TypeScriptSdk;
import io.reductor.bench.harness.CommandLines;
import io.reductor.bench.harness.RunOptions;
import io.reductor.bench.harness.Scenario;
import io.reductor.bench.harness.ScenarioDriver;
import io.reductor.bench.jmh.JmhRun;
import io.reductor.bench.report.Report;
import io.reductor.bench.report.Report.Environment;
import io.reductor.bench.report.Report.IngestRow;
import io.reductor.bench.report.Report.JmhRow;
import io.reductor.bench.report.Report.ListingRow;
import io.reductor.bench.report.Report.RateLimitedRow;
import io.reductor.bench.report.Report.UploadRow;
import io.reductor.bench.report.ResultsWriter;
import io.reductor.bench.scenarios.IngestScenario;
import io.reductor.bench.scenarios.ListingScenario;
import io.reductor.bench.scenarios.RateLimitedScenario;
import io.reductor.bench.scenarios.UploadScenario;
import io.reductor.testkit.ReductoSimulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the end-to-end comparison in one go and writes the results: each chosen scenario (ingest, rate-limited ingest,
 * upload, listing) against a {@link ReductoSimulator} in this process, on loopback, each client in its own process so
 * the operating system's CPU and memory accounting is its own, one after another in the same run so ratios hold on a
 * noisy machine; then the JMH codec benchmarks. Exits 2 when the harness did not do all its work (a client that did
 * not run, a job that failed, a document Reductor lost or ingested twice under a rate limit, an upload that arrived
 * damaged, a listing that came up short); a missed target does not fail the run.
 *
 * <p>Its options are described by {@link RunOptions}. Run it through {@code benchmarks/run}, which builds what it
 * needs first.
 */
public final class BenchmarkRunner {

    private final RunOptions options;
    private final CommandLines commands;

    private BenchmarkRunner(RunOptions options, Path jar) {
        this.options = options;
        this.commands = new CommandLines(options, jar);
    }

    /**
     * Runs the benchmarks.
     *
     * @param args the options (see {@link RunOptions})
     * @throws Exception if the options are wrong, a scenario cannot be prepared or JMH fails
     */
    public static void main(String[] args) throws Exception {
        RunOptions options = RunOptions.parse(args);
        Path jar = Path.of(BenchmarkRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> problems = new BenchmarkRunner(options, jar).run();
        if (!problems.isEmpty()) {
            System.out.println("The harness did not do all its work:");
            problems.forEach(problem -> System.out.println("  - " + problem));
            System.exit(2);
        }
    }

    /** Runs what the options choose, writes and prints the report, and returns what the harness failed to do. */
    private List<String> run() throws IOException, InterruptedException {
        Files.createDirectories(options.logs());
        Environment environment = environment();
        System.out.println("Reductor end-to-end benchmarks" + (options.smoke() ? " (smoke run: the figures mean"
                + " nothing)" : "") + ": " + environment.cores() + " cores, " + environment.jvm() + ", Node "
                + environment.node());
        List<String> problems = new ArrayList<>();
        ScenarioDriver driver = new ScenarioDriver(options.clients(), commands, options.logs(), System.out);
        List<IngestRow> ingest = drive(driver, new IngestScenario(options), problems);
        List<RateLimitedRow> rateLimited = drive(driver, new RateLimitedScenario(options), problems);
        List<UploadRow> upload = drive(driver, new UploadScenario(options), problems);
        List<ListingRow> listing = drive(driver, new ListingScenario(options), problems);
        List<JmhRow> jmh = jmh(problems);
        Report report = new Report(environment, ingest, rateLimited, upload, listing, jmh);
        ResultsWriter.write(report, options.out());
        System.out.println();
        System.out.println(ResultsWriter.table(report));
        System.out.println("Written to " + options.out() + " (results.json, CSV files, charts, summary.md; client logs"
                + " in " + options.logs() + ")");
        return problems;
    }

    private <R> List<R> drive(ScenarioDriver driver, Scenario<?, R> scenario, List<String> problems)
            throws IOException, InterruptedException {
        if (!options.runs(scenario.name())) {
            return List.of();
        }
        ScenarioDriver.Results<R> results = driver.drive(scenario);
        problems.addAll(results.problems());
        return results.rows();
    }

    private List<JmhRow> jmh(List<String> problems) throws IOException, InterruptedException {
        if (!options.runs("jmh")) {
            return List.of();
        }
        List<JmhRow> rows = JmhRun.run(commands, options.out(), options.logs(), options.smoke());
        if (rows.isEmpty()) {
            problems.add("jmh: no results");
        }
        return rows;
    }

    private Environment environment() {
        String node = firstLine(List.of(options.node(), "--version"));
        return new Environment(Instant.now().toString(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                node, TypeScriptSdk.PACKAGE, firstLine(List.of("git", "rev-parse", "--short", "HEAD")),
                options.smoke(), options.documents(), options.longPollUntilFinished()
                        ? "held until the job finishes" : "held until the next status change");
    }

    /** The first line a command prints, or {@code "not found"}. */
    private static String firstLine(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("").trim();
            return process.waitFor() == 0 && !first.isEmpty() ? first : "not found";
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not found";
        }
    }
}
