package io.reductor.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reductor.bench.BenchDocuments;
import io.reductor.bench.e2e.Report.Clients;
import io.reductor.bench.e2e.Report.Environment;
import io.reductor.bench.e2e.Report.IngestRow;
import io.reductor.bench.e2e.Report.JmhRow;
import io.reductor.bench.e2e.Report.ListingRow;
import io.reductor.bench.e2e.Report.UploadRow;
import io.reductor.testkit.PipelineDefinition;
import io.reductor.testkit.ReductoSimulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Runs issue 7's end-to-end comparison in one go and writes the results: every scenario against a fresh
 * {@link ReductoSimulator} in this process, on loopback, each client in its own process (see {@link ChildMain}) so the
 * operating system's CPU and memory accounting is its own, one after another in the same run so ratios hold on a noisy
 * machine.
 *
 * <p>Options ({@code --name=value}): {@code --smoke} (a one-minute version whose figures mean nothing),
 * {@code --out} (default {@code benchmarks/results}, or {@code benchmarks/target/smoke-results} with {@code --smoke}),
 * {@code --scenarios} (comma-separated subset of {@code ingest,upload,listing,jmh}), {@code --documents},
 * {@code --node-dir} (default {@code benchmarks/node}), {@code --node} (the Node executable, default {@code node}),
 * {@code --clients}, {@code --processing} and {@code --concurrency} (comma-separated subsets of the ingest matrix),
 * {@code --long-poll=until-finished} (the simulator holds a long poll until the job finishes instead of until its
 * next status change; the real service does not document which it does),
 * {@code --client-jvm-options} (extra options for every client JVM, space-separated),
 * {@code --jfr=true} (each client JVM records a Java Flight Recorder profile into the logs folder).
 * Run it through {@code benchmarks/run}, which builds what it needs first.
 */
public final class BenchmarkRunner {

    private static final String PIPELINE = "bench-pipeline";
    private static final String TS_SDK = "reductoai@0.16.0";
    /** The heap of the upload and listing clients: issue 7 asks for both to work within 64 MB. */
    private static final String CONSTRAINED_HEAP = "-Xmx64m";

    private final boolean smoke;
    private final Path out;
    private final Path logs;
    private final Set<String> scenarios;
    private final int documents;
    private final Path nodeDir;
    private final String node;
    private final String nodeVersion;
    private final Path jar;
    private final boolean flightRecordings;
    private final boolean longPollUntilFinished;
    private final List<String> ingestClients;
    private final List<Integer> processing;
    private final List<Integer> concurrencies;
    private final List<String> clientJvmOptions;

    private BenchmarkRunner(Map<String, String> options) throws IOException, URISyntaxException {
        this.smoke = Boolean.parseBoolean(options.getOrDefault("smoke", "false"));
        this.out = Path.of(options.getOrDefault("out", smoke ? "benchmarks/target/smoke-results" : "benchmarks/results"));
        this.logs = out.resolve("logs");
        this.scenarios = Set.of(options.getOrDefault("scenarios", "ingest,upload,listing,jmh").split(","));
        this.documents = Integer.parseInt(options.getOrDefault("documents", smoke ? "300" : "10000"));
        this.nodeDir = Path.of(options.getOrDefault("node-dir", "benchmarks/node"));
        this.node = options.getOrDefault("node", "node");
        this.nodeVersion = version(List.of(node, "--version"));
        this.processing = integers(options, "processing", smoke ? "0" : "0,200");
        this.concurrencies = integers(options, "concurrency", smoke ? "32" : "64,256");
        this.ingestClients = List.of(options.getOrDefault("clients", String.join(",", Clients.REDUCTOR,
                Clients.RAW_NETTY, Clients.TS_POLL, Clients.TS_LONG_POLL)).split(","));
        this.clientJvmOptions = Stream.of(options.getOrDefault("client-jvm-options", "").split(" "))
                .filter(option -> !option.isBlank()).toList();
        this.longPollUntilFinished = switch (options.getOrDefault("long-poll", "next-change")) {
            case "next-change" -> false;
            case "until-finished" -> true;
            default -> throw new IllegalArgumentException("--long-poll is next-change or until-finished but was "
                    + options.get("long-poll"));
        };
        this.flightRecordings = Boolean.parseBoolean(options.getOrDefault("jfr", "false"));
        this.jar = Path.of(BenchmarkRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createDirectories(logs);
    }

    /**
     * Runs the benchmarks.
     *
     * @param args {@code --name=value} options, and {@code --smoke} alone
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                options.put("smoke", "true");
            } else {
                options.putAll(ChildMain.parse(new String[] {arg}));
            }
        }
        new BenchmarkRunner(options).run();
    }

    private void run() throws Exception {
        Environment environment = new Environment(Instant.now().toString(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                nodeVersion, TS_SDK, version(List.of("git", "rev-parse", "--short", "HEAD")), smoke, documents,
                longPollUntilFinished ? "held until the job finishes" : "held until the next status change");
        System.out.println("Reductor end-to-end benchmarks" + (smoke ? " (smoke run: the figures mean nothing)" : "")
                + ": " + environment.cores() + " cores, " + environment.jvm() + ", Node " + nodeVersion);
        List<IngestRow> ingest = scenarios.contains("ingest") ? ingest() : List.of();
        List<UploadRow> upload = scenarios.contains("upload") ? upload() : List.of();
        List<ListingRow> listing = scenarios.contains("listing") ? listing() : List.of();
        List<JmhRow> jmh = scenarios.contains("jmh") ? jmh() : List.of();
        Report report = new Report(environment, ingest, upload, listing, jmh);
        ResultsWriter.write(report, out);
        System.out.println();
        System.out.println(ResultsWriter.table(report));
        System.out.println("Written to " + out + " (results.json, CSV files, charts, summary.md; client logs in "
                + logs + ")");
        List<String> problems = harnessProblems(report);
        if (!problems.isEmpty()) {
            System.out.println("The harness did not do all its work:");
            problems.forEach(problem -> System.out.println("  - " + problem));
            System.exit(2);
        }
    }

    // ------------------------------------------------------------------------------------------------------ ingest

    private List<IngestRow> ingest() throws Exception {
        // The simulator runs in this JVM: without a warm-up, whichever client came first would also pay for the
        // simulator's own JIT compilation.
        System.out.println("  warm-up of the simulator (not measured):");
        ingest(Clients.RAW_NETTY, 0, 64, smoke ? 300 : 5_000, "warm-up-");
        List<IngestRow> rows = new ArrayList<>();
        int round = 0;
        for (int processingMs : processing) {
            for (int concurrency : concurrencies) {
                // the clients take turns going first, so no client always meets the machine in the same state
                List<String> order = new ArrayList<>(ingestClients);
                Collections.rotate(order, -round++);
                for (String client : order) {
                    IngestRow row = ingest(client, processingMs, concurrency, documents, "");
                    if (row != null) {
                        rows.add(row);
                    }
                }
            }
        }
        rows.sort(Comparator.comparingInt(IngestRow::processingMs).thenComparingInt(IngestRow::concurrency)
                .thenComparingInt(row -> ingestClients.indexOf(row.client())));
        return rows;
    }

    private IngestRow ingest(String client, int processingMs, int concurrency, int count, String prefix)
            throws Exception {
        boolean typescript = client.startsWith("ts-");
        if (typescript && !Files.isDirectory(nodeDir.resolve("node_modules/reductoai"))) {
            System.out.println("  " + client + ": skipped, " + nodeDir + "/node_modules has no reductoai (run npm ci"
                    + " there, as benchmarks/run does) or Node is missing");
            return null;
        }
        try (ReductoSimulator simulator = ReductoSimulator.builder()
                .processingTimePerPage(Duration.ofMillis(processingMs))
                .queueTime(Duration.ZERO)
                .longPollUntilFinished(longPollUntilFinished)
                .start()) {
            simulator.registerPipeline(PIPELINE, PipelineDefinition.parseOnly());
            String document = simulator.uploadDocument("invoice.txt", BenchDocuments.invoice());
            List<String> arguments = List.of("--base-url=" + simulator.baseUrl(), "--api-key=" + simulator.apiKey(),
                    "--pipeline-id=" + PIPELINE, "--document=" + document, "--count=" + count,
                    "--concurrency=" + concurrency);
            String name = prefix + client + "-" + processingMs + "ms-c" + concurrency;
            List<String> command = new ArrayList<>();
            switch (client) {
                case Clients.REDUCTOR -> command.addAll(java("-Xmx512m", ReductorIngest.class, name));
                case Clients.RAW_NETTY -> command.addAll(java("-Xmx512m", RawNettyIngest.class, name));
                case Clients.TS_POLL, Clients.TS_LONG_POLL -> command.addAll(List.of(node,
                        nodeDir.resolve("ingest.mjs").toString(),
                        "--mode=" + (client.equals(Clients.TS_POLL) ? "poll" : "longpoll")));
                default -> throw new IllegalArgumentException(client);
            }
            command.addAll(arguments);
            System.out.printf("  ingest %-18s %3d ms processing, concurrency %3d, %,d documents ...%n", client,
                    processingMs, concurrency, count);
            Measured measured = measure(name, command, simulator);
            ChildProcess.Outcome outcome = measured.outcome();
            long requests = measured.requests();
            JsonNode result = outcome.result();
            int completed = result.path("completed").asInt();
            double seconds = result.path("seconds").asDouble();
            IngestRow row = new IngestRow(client, processingMs, concurrency, count, completed,
                    result.path("failed").asInt(), seconds, completed / seconds, (double) requests / count,
                    outcome.workCpuSeconds() * 1000 / count, outcome.processCpuSeconds(),
                    mib(outcome.peakRssBytes()));
            System.out.printf("    %,d completed, %d failed in %.2f s: %.0f jobs/s, %.2f requests/job, %.3f CPU s per"
                            + " 1,000 jobs, peak RSS %.0f MiB%n", row.completed(), row.failed(), row.seconds(),
                    row.jobsPerSecond(), row.requestsPerJob(), row.cpuSecondsPer1000(), row.peakRssMb());
            return row;
        }
    }

    // ------------------------------------------------------------------------------------------------------ upload

    private List<UploadRow> upload() throws Exception {
        long size = smoke ? 32L << 20 : 1L << 30;
        Path data = Files.createDirectories(Path.of("benchmarks", "target", "bench-data"));
        Path file = data.resolve("upload-" + size + ".bin");
        System.out.printf("  upload: writing a %,d-byte file of random bytes ...%n", size);
        String sha256 = writeRandomFile(file, size);
        List<UploadRow> rows = new ArrayList<>();
        try {
            System.out.println("  warm-up of the simulator (not measured):");
            upload(Clients.RAW_NETTY, "direct", file, size, sha256, "warm-up-");
            for (String path : List.of("direct", "presigned")) {
                List<UploadRow> runs = new ArrayList<>();
                for (int repetition = 0; repetition < repetitions(); repetition++) {
                    for (String client : List.of(Clients.REDUCTOR, Clients.RAW_NETTY)) {
                        runs.add(upload(client, path, file, size, sha256, ""));
                    }
                }
                rows.addAll(medians(runs, UploadRow::client, UploadRow::seconds));
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return rows;
    }

    private UploadRow upload(String client, String path, Path file, long size, String sha256, String prefix)
            throws Exception {
        try (ReductoSimulator simulator = ReductoSimulator.builder().discardUploadContent(true).start()) {
            String name = prefix + client + "-upload-" + path;
            List<String> command = new ArrayList<>(java(CONSTRAINED_HEAP,
                    client.equals(Clients.REDUCTOR) ? ReductorUpload.class : RawNettyUpload.class, name));
            command.addAll(List.of("--base-url=" + simulator.baseUrl(), "--api-key=" + simulator.apiKey(),
                    "--file=" + file, "--path=" + path));
            System.out.printf("  upload %-18s %-9s %,d bytes, %s ...%n", client, path, size, CONSTRAINED_HEAP);
            ChildProcess.Outcome outcome = measure(name, command, simulator).outcome();
            JsonNode result = outcome.result();
            double seconds = result.path("seconds").asDouble();
            boolean verified = simulator.receivedUpload(result.path("fileId").asText())
                    .filter(receipt -> receipt.bytes() == size && receipt.sha256().equals(sha256))
                    .isPresent();
            if (!verified) {
                throw new IllegalStateException(name + ": the simulator did not receive the file intact");
            }
            UploadRow row = new UploadRow(client, path, size, seconds, size / seconds / 1e6, verified,
                    mib(result.path("heapPeakBytes").asLong()), mib(result.path("heapMaxBytes").asLong()),
                    mib(outcome.peakRssBytes()), outcome.workCpuSeconds());
            System.out.printf("    %.2f s: %.0f MB/s, received intact: %s, heap peak %.1f MiB of %.0f, peak RSS %.0f MiB%n",
                    row.seconds(), row.mbPerSecond(), verified ? "yes" : "NO", row.heapPeakMb(), row.heapMaxMb(),
                    row.peakRssMb());
            return row;
        }
    }

    /** Writes {@code size} random bytes (incompressible, like a scanned PDF) and returns their SHA-256 in hex. */
    private static String writeRandomFile(Path file, long size) throws IOException {
        MessageDigest sha256 = sha256();
        SplittableRandom random = new SplittableRandom(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                int length = (int) Math.min(block.length, size - written);
                out.write(block, 0, length);
                sha256.update(block, 0, length);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    // ----------------------------------------------------------------------------------------------------- listing

    private List<ListingRow> listing() throws Exception {
        int jobs = smoke ? 5_000 : 100_000;
        List<ListingRow> rows = new ArrayList<>();
        try (ReductoSimulator simulator = ReductoSimulator.start()) {
            simulator.seedCompletedJobs(jobs);
            System.out.println("  (the first listing, by raw-reactor-netty, warms the simulator up and is not measured)");
            List<String> clients = new ArrayList<>(List.of(Clients.RAW_NETTY));
            for (int repetition = 0; repetition < repetitions(); repetition++) {
                clients.addAll(List.of(Clients.REDUCTOR, Clients.RAW_NETTY));
            }
            List<ListingRow> runs = new ArrayList<>();
            for (int run = 0; run < clients.size(); run++) {
                String client = clients.get(run);
                String name = (run == 0 ? "warm-up-" : "") + client + "-listing-" + run;
                List<String> command = new ArrayList<>(java(CONSTRAINED_HEAP,
                        client.equals(Clients.REDUCTOR) ? ReductorListing.class : RawNettyListing.class, name));
                command.addAll(List.of("--base-url=" + simulator.baseUrl(), "--api-key=" + simulator.apiKey(),
                        "--page-size=500"));
                System.out.printf("  listing %-18s %,d jobs in pages of 500, %s ...%n", client, jobs,
                        CONSTRAINED_HEAP);
                Measured measured = measure(name, command, simulator);
                JsonNode result = measured.outcome().result();
                long received = result.path("jobs").asLong();
                double seconds = result.path("seconds").asDouble();
                ListingRow row = new ListingRow(client, received, jobs, measured.requests(), seconds,
                        received / seconds, mib(result.path("heapPeakBytes").asLong()),
                        mib(result.path("heapMaxBytes").asLong()), mib(measured.outcome().peakRssBytes()),
                        measured.outcome().workCpuSeconds());
                System.out.printf("    %,d jobs in %.2f s (%,d requests): %,.0f jobs/s, heap peak %.1f MiB of %.0f%n",
                        received, seconds, row.requests(), row.jobsPerSecond(), row.heapPeakMb(), row.heapMaxMb());
                if (received != jobs) {
                    throw new IllegalStateException(name + " listed " + received + " of " + jobs + " jobs");
                }
                if (run > 0) {
                    runs.add(row);
                }
            }
            rows.addAll(medians(runs, ListingRow::client, ListingRow::seconds));
        }
        return rows;
    }

    // --------------------------------------------------------------------------------------------------------- jmh

    private List<JmhRow> jmh() throws Exception {
        Path results = out.resolve("jmh.json");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString(), "CodecBenchmark",
                "-prof", "gc", "-rf", "json", "-rff", results.toString()));
        command.addAll(smoke ? List.of("-wi", "0", "-i", "1", "-f", "1", "-r", "1s", "-foe", "true")
                : List.of("-wi", "2", "-i", "3", "-f", "1", "-w", "2s", "-r", "2s", "-foe", "true"));
        System.out.println("  jmh CodecBenchmark ...");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
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

    // ------------------------------------------------------------------------------------------------------ helpers

    /** How often each short measurement (upload, listing) is repeated; the median run is reported. */
    private int repetitions() {
        return smoke ? 1 : 3;
    }

    /**
     * Per client (in the order they first appear), the run with the median time: upload and listing take a second or
     * two, so a single run says more about the machine's noise than about the client.
     */
    private static <R> List<R> medians(List<R> runs, Function<R, String> client, ToDoubleFunction<R> seconds) {
        Map<String, List<R>> byClient = new LinkedHashMap<>();
        runs.forEach(run -> byClient.computeIfAbsent(client.apply(run), name -> new ArrayList<>()).add(run));
        return byClient.values().stream()
                .map(list -> list.stream().sorted(Comparator.comparingDouble(seconds)).toList().get(list.size() / 2))
                .toList();
    }

    /**
     * What went wrong with the harness itself, as opposed to a target missed: a client that did not run, a job that
     * failed, an upload that arrived damaged, a listing that came up short. Any of these fails the run (and CI's smoke).
     */
    private List<String> harnessProblems(Report report) {
        List<String> problems = new ArrayList<>();
        if (scenarios.contains("ingest")) {
            long expected = (long) processing.size() * concurrencies.size() * ingestClients.size();
            if (report.ingest().size() != expected) {
                problems.add("ingest: " + report.ingest().size() + " of " + expected + " client runs happened");
            }
        }
        report.ingest().stream().filter(row -> row.failed() > 0 || row.completed() != row.documents())
                .forEach(row -> problems.add("ingest " + row.client() + " " + row.processingMs() + " ms c"
                        + row.concurrency() + ": " + row.completed() + " completed, " + row.failed() + " failed"));
        report.upload().stream().filter(row -> !row.verified())
                .forEach(row -> problems.add("upload " + row.client() + " " + row.path()
                        + ": the simulator did not receive the file intact"));
        report.listing().stream().filter(row -> row.jobs() != row.expected())
                .forEach(row -> problems.add("listing " + row.client() + ": " + row.jobs() + " of " + row.expected()
                        + " jobs"));
        if (scenarios.contains("jmh") && report.jmh().isEmpty()) {
            problems.add("jmh: no results");
        }
        return problems;
    }

    /** A client process's outcome and the HTTP requests the simulator received from it between GO and RESULT. */
    private record Measured(ChildProcess.Outcome outcome, long requests) {
    }

    private Measured measure(String name, List<String> command, ReductoSimulator simulator) throws Exception {
        long[] before = new long[1];
        try (ChildProcess process = ChildProcess.start(name, command, logs.resolve(name + ".log"))) {
            ChildProcess.Outcome outcome = process.run(Duration.ofMinutes(30),
                    () -> before[0] = simulator.counters().totalRequests());
            return new Measured(outcome, simulator.counters().totalRequests() - before[0]);
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** The command line of a client JVM; with {@code --jfr}, it records a profile into the logs folder. */
    private List<String> java(String heap, Class<?> main, String name) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), heap));
        command.addAll(clientJvmOptions);
        if (flightRecordings) {
            command.add("-XX:StartFlightRecording:settings=profile,filename=" + logs.resolve(name + ".jfr"));
        }
        command.addAll(List.of("-cp", jar.toString(), main.getName()));
        return command;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<Integer> integers(Map<String, String> options, String name, String defaults) {
        return Stream.of(options.getOrDefault(name, defaults).split(",")).map(Integer::valueOf).toList();
    }

    /** The first line a command prints, or {@code "not found"}. */
    private static String version(List<String> command) {
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
