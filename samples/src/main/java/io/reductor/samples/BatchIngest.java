package io.reductor.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkOptions;
import io.reductor.reactor.ReductoClient;
import io.reductor.testkit.PipelineDefinition;
import io.reductor.testkit.ReductoSimulator;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Batch ingest: uploads every document, runs each through a pipeline (or a parse when no pipeline is given) with
 * bounded concurrency, shows live progress, writes one JSON result per document and prints a summary table. Exits 0
 * when every document completed, 1 when any failed, 2 on bad arguments.
 *
 * <pre>
 * BatchIngest [--pipeline ID] [--concurrency N] [--out DIR] [FILE_OR_FOLDER...]
 * </pre>
 *
 * <p>Without {@code REDUCTO_API_KEY} it starts the embedded {@link ReductoSimulator} and says so first; with a key it
 * talks to the real API. Without files it processes a small bundled set of sample PDFs.
 */
public final class BatchIngest {

    /** The pipeline the simulator knows, used when no {@code --pipeline} is given in simulator mode. */
    static final String DEMO_PIPELINE = "reductor-demo";

    private static final List<String> BUNDLED = List.of("invoice-acme-1042.pdf", "services-agreement.pdf",
            "quarterly-report-q1.pdf", "purchase-order-7731.pdf");
    private static final JsonCodec CODEC = JsonCodec.standard();

    private final PrintStream out;
    private final boolean terminal;

    BatchIngest(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Runs the program with the process environment and exits with its status. */
    public static void main(String[] args) {
        int status = new BatchIngest(System.out, System.console() != null).run(args, System.getenv());
        System.exit(status);
    }

    /** Runs the program; returns the exit status. */
    int run(String[] args, Map<String, String> environment) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.println("usage: BatchIngest [--pipeline ID] [--concurrency N] [--out DIR] [FILE_OR_FOLDER...]");
            return 2;
        }
        String apiKey = environment.get(ReductoClient.API_KEY_VARIABLE);
        if (apiKey == null || apiKey.isBlank()) {
            try (ReductoSimulator simulator = ReductoSimulator.builder()
                    .processingTimePerPage(Duration.ofMillis(150))
                    .start()) {
                simulator.registerPipeline(DEMO_PIPELINE, demoPipeline());
                out.println("Reductor batch ingest: no " + ReductoClient.API_KEY_VARIABLE + " set, so running against"
                        + " the embedded Reducto simulator at " + simulator.baseUrl() + " (no account, no network)");
                ReductoClient client = ReductoClient.builder().apiKey(simulator.apiKey())
                        .baseUrl(simulator.baseUrl()).build();
                return ingest(client, options.withDefaultPipeline(DEMO_PIPELINE));
            }
        }
        ReductoClient.Builder client = ReductoClient.builder().apiKey(apiKey);
        String baseUrl = environment.get(ReductoClient.BASE_URL_VARIABLE);
        if (baseUrl != null && !baseUrl.isBlank()) {
            client.baseUrl(baseUrl.strip());
        }
        out.println("Reductor batch ingest against " + (baseUrl == null || baseUrl.isBlank()
                ? "the Reducto API" : baseUrl.strip()));
        return ingest(client.build(), options);
    }

    private int ingest(ReductoClient client, Options options) {
        List<Path> documents;
        try {
            documents = options.inputs.isEmpty() ? bundledDocuments() : expand(options.inputs);
            Files.createDirectories(options.out);
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
        if (documents.isEmpty()) {
            out.println("error: no documents found in " + options.inputs);
            return 2;
        }
        String mode = options.pipeline != null ? "pipeline " + options.pipeline : "parse";
        out.println("Processing " + documents.size() + " documents with " + mode + ", at most "
                + options.concurrency + " at a time; results go to " + options.out);

        Progress progress = new Progress(documents.size(), System.nanoTime());
        Flux<BulkDocument<Path>> source = Flux.fromIterable(documents).map(path -> BulkDocument.file(path, path));
        BulkOptions bulk = BulkOptions.defaults().withConcurrency(options.concurrency);
        Flux<? extends BulkEvent<Path, ?>> events = options.pipeline != null
                ? client.pipeline().submitAll(source, input -> PipelineRequest.builder().input(input)
                        .pipelineId(options.pipeline).build(), bulk)
                : client.parse().submitAll(source, input -> ParseRequest.builder().input(input).build(), bulk);

        Map<Path, Row> rows = new LinkedHashMap<>();
        documents.forEach(path -> rows.put(path, new Row(path.getFileName().toString())));
        for (BulkEvent<Path, ?> event : events.toIterable()) {
            Row row = rows.get(event.key());
            if (event instanceof BulkEvent.Submitted<Path, ?> submitted) {
                row.jobId = submitted.jobId();
                row.started = System.nanoTime();
                progress.inFlight++;
            } else {
                progress.inFlight = Math.max(0, progress.inFlight - 1);
                row.finish(event, options.out);
                if (row.completed) {
                    progress.done++;
                } else {
                    progress.failed++;
                }
                if (!terminal) {
                    out.println((row.completed ? "done    " : "FAILED  ") + row.name
                            + (row.completed ? "" : ": " + row.detail));
                }
            }
            if (terminal) {
                out.print("\r" + progress.bar());
            }
        }
        if (terminal) {
            out.println();
        }
        printSummary(rows.values(), progress);
        return progress.failed == 0 ? 0 : 1;
    }

    private void printSummary(Iterable<Row> rows, Progress progress) {
        out.println();
        out.printf(Locale.ROOT, "%-28s %-10s %-38s %8s%n", "document", "outcome", "job", "seconds");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "%-28s %-10s %-38s %8s%n", row.name, row.completed ? "completed" : "failed",
                    row.jobId == null ? "-" : row.jobId, row.seconds());
        }
        out.printf(Locale.ROOT, "%n%d completed, %d failed in %.1f s (%.1f documents/s)%n", progress.done,
                progress.failed, progress.elapsedSeconds(), progress.throughput());
    }

    /** The pipeline the simulator runs in demo mode: parse, then extract a few common fields. */
    static PipelineDefinition demoPipeline() {
        JsonNode schema = CODEC.readTree("""
                {"type": "object", "properties": {
                  "title": {"type": "string", "description": "The document's title"},
                  "date": {"type": "string", "description": "The main date of the document"},
                  "total": {"type": "number", "description": "The total amount, if any"},
                  "parties": {"type": "array", "items": {"type": "string"}}}}""");
        return PipelineDefinition.builder().extract(schema).build();
    }

    private static List<Path> bundledDocuments() throws IOException {
        Path folder = Files.createTempDirectory("reductor-samples");
        for (String name : BUNDLED) {
            try (InputStream in = BatchIngest.class.getResourceAsStream("documents/" + name)) {
                if (in == null) {
                    throw new IOException("bundled document " + name + " is missing from the classpath");
                }
                Files.copy(in, folder.resolve(name));
            }
        }
        return BUNDLED.stream().map(folder::resolve).toList();
    }

    private static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> listing = Files.list(input)) {
                    listing.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IOException("no such file or folder: " + input);
            }
        }
        return files;
    }

    /** Command-line options. */
    record Options(String pipeline, int concurrency, Path out, List<Path> inputs) {

        static Options parse(String[] args) {
            String pipeline = null;
            int concurrency = 4;
            Path out = Path.of("reductor-output");
            List<Path> inputs = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                Function<String, String> value = name -> {
                    throw new IllegalArgumentException(name + " needs a value");
                };
                switch (arg) {
                    case "--pipeline" -> pipeline = i + 1 < args.length ? args[++i] : value.apply(arg);
                    case "--out" -> out = Path.of(i + 1 < args.length ? args[++i] : value.apply(arg));
                    case "--concurrency" -> {
                        String text = i + 1 < args.length ? args[++i] : value.apply(arg);
                        try {
                            concurrency = Integer.parseInt(text);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--concurrency must be a whole number, not " + text);
                        }
                        if (concurrency < 1) {
                            throw new IllegalArgumentException("--concurrency must be at least 1");
                        }
                    }
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        inputs.add(Path.of(arg));
                    }
                }
            }
            return new Options(pipeline, concurrency, out, List.copyOf(inputs));
        }

        Options withDefaultPipeline(String id) {
            return pipeline != null ? this : new Options(id, concurrency, out, inputs);
        }
    }

    /** One document's line in the summary. */
    private static final class Row {
        private final String name;
        private String jobId;
        private long started;
        private long finished;
        private boolean completed;
        private String detail = "";

        Row(String name) {
            this.name = name;
        }

        void finish(BulkEvent<Path, ?> event, Path folder) {
            finished = System.nanoTime();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("document", name);
            record.put("job_id", jobId);
            if (event instanceof BulkEvent.Completed<Path, ?> done) {
                completed = true;
                record.put("result", done.result());
            } else {
                Throwable error = event instanceof BulkEvent.Failed<Path, ?> failed ? failed.error()
                        : ((BulkEvent.Rejected<Path, ?>) event).error();
                detail = error.getClass().getSimpleName() + ": " + error.getMessage();
                record.put("error", detail);
            }
            try {
                Files.write(folder.resolve(name + ".json"), CODEC.encode(record));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String seconds() {
            return started == 0 || finished == 0 ? "-"
                    : String.format(Locale.ROOT, "%.1f", (finished - started) / 1e9);
        }
    }

    /** Counts for the progress line. */
    private static final class Progress {
        private final int total;
        private final long start;
        private int done;
        private int failed;
        private int inFlight;

        Progress(int total, long start) {
            this.total = total;
            this.start = start;
        }

        String bar() {
            int width = 30;
            int filled = total == 0 ? width : (done + failed) * width / total;
            return String.format(Locale.ROOT, "[%s%s] %d/%d done, %d failed, %d in flight, %.1f docs/s",
                    "#".repeat(filled), ".".repeat(width - filled), done + failed, total, failed, inFlight,
                    throughput());
        }

        double elapsedSeconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        double throughput() {
            double seconds = elapsedSeconds();
            return seconds <= 0 ? 0 : (done + failed) / seconds;
        }
    }
}
