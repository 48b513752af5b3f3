package io.reductor.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.reactor.BulkDocument;
import io.reductor.reactor.BulkEvent;
import io.reductor.reactor.BulkLedger;
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
 * BatchIngest [--pipeline ID] [--concurrency N] [--out DIR] [--resume LEDGER] [FILE_OR_FOLDER...]
 * </pre>
 *
 * <p>Without {@code REDUCTO_API_KEY} it starts the embedded {@link ReductoSimulator} and says so first; with a key it
 * talks to the real API. Without files it processes a small bundled set of sample PDFs.
 *
 * <p>{@code --resume LEDGER} records each document's job in a file of JSON lines ({@link BulkLedger#file(Path)}) as
 * the run goes. The same command run again after a crash, a Ctrl-C or a {@code kill -9} awaits the jobs already
 * created and submits only the other documents, so none is submitted twice. A document is known by its normalized
 * absolute path (a bundled one by its resource name), so the files must stay where they are between runs. It needs a
 * service that keeps its jobs between runs, hence an API key: the embedded simulator starts empty each time.
 */
public final class BatchIngest {

    /** The pipeline the simulator knows, used when no {@code --pipeline} is given in simulator mode. */
    static final String DEMO_PIPELINE = "reductor-demo";

    private static final String USAGE =
            "usage: BatchIngest [--pipeline ID] [--concurrency N] [--out DIR] [--resume LEDGER] [FILE_OR_FOLDER...]";
    private static final String BUNDLED_FOLDER = "documents/";
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
            out.println(USAGE);
            return 2;
        }
        String apiKey = environment.get(ReductoClient.API_KEY_VARIABLE);
        if (apiKey == null || apiKey.isBlank()) {
            if (options.resume != null) {
                out.println("error: --resume needs a service that keeps its jobs between runs, and the embedded "
                        + "simulator starts empty each time: set " + ReductoClient.API_KEY_VARIABLE + " (and "
                        + ReductoClient.BASE_URL_VARIABLE + " for a service other than the Reducto API)");
                return 2;
            }
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
        List<Document> documents;
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

        BulkOptions bulk = BulkOptions.defaults().withConcurrency(options.concurrency);
        if (options.resume == null) {
            return process(client, options, documents, bulk);
        }
        try (BulkLedger ledger = BulkLedger.file(options.resume)) {
            try {
                out.println(resumeLine(ledger, options.resume, documents));
            } catch (RuntimeException e) {
                out.println("error: " + e.getMessage());
                return 2;
            }
            return process(client, options, documents, bulk.withLedger(ledger));
        }
    }

    /** What the ledger already knows of these documents, in one line; opens the ledger, failing when it cannot. */
    private static String resumeLine(BulkLedger ledger, Path file, List<Document> documents) {
        List<BulkLedger.Entry> known = Flux.fromIterable(documents).concatMap(document -> ledger.find(document.key))
                .collectList().block();
        if (known.isEmpty()) {
            return "Recording each document's job in the ledger " + file + ": run the same command again to resume";
        }
        long inDoubt = known.stream().filter(BulkLedger.Entry::inDoubt).count();
        return "Resuming with the ledger " + file + ": " + (known.size() - inDoubt) + " of " + documents.size()
                + " documents have a job, awaited rather than submitted again" + (inDoubt == 0 ? "" : "; " + inDoubt
                + " may have been sent without their job being recorded, looked up in the job list first");
    }

    private int process(ReductoClient client, Options options, List<Document> documents, BulkOptions bulk) {
        Progress progress = new Progress(documents.size(), System.nanoTime());
        Flux<BulkDocument<String>> source = Flux.fromIterable(documents)
                .map(document -> BulkDocument.file(document.key, document.file));
        Flux<? extends BulkEvent<String, ?>> events = options.pipeline != null
                ? client.pipeline().submitAll(source, input -> PipelineRequest.builder().input(input)
                        .pipelineId(options.pipeline).build(), bulk)
                : client.parse().submitAll(source, input -> ParseRequest.builder().input(input).build(), bulk);

        Map<String, Row> rows = new LinkedHashMap<>();
        documents.forEach(document -> rows.put(document.key, new Row(document.file.getFileName().toString())));
        for (BulkEvent<String, ?> event : events.toIterable()) {
            Row row = rows.get(event.key());
            if (event instanceof BulkEvent.Submitted<String, ?> submitted) {
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

    /** The bundled documents, copied to a new temporary folder each run and known by their resource names. */
    private static List<Document> bundledDocuments() throws IOException {
        Path folder = Files.createTempDirectory("reductor-samples");
        List<Document> documents = new ArrayList<>();
        for (String name : BUNDLED) {
            try (InputStream in = BatchIngest.class.getResourceAsStream(BUNDLED_FOLDER + name)) {
                if (in == null) {
                    throw new IOException("bundled document " + name + " is missing from the classpath");
                }
                Files.copy(in, folder.resolve(name));
            }
            String resource = BatchIngest.class.getPackageName().replace('.', '/') + "/" + BUNDLED_FOLDER + name;
            documents.add(new Document(resource, folder.resolve(name)));
        }
        return documents;
    }

    /** The files given and those directly in the folders given, each known by its normalized absolute path. */
    private static List<Document> expand(List<Path> inputs) throws IOException {
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
        return files.stream().map(file -> new Document(file.toAbsolutePath().normalize().toString(), file)).toList();
    }

    /**
     * One document to process.
     *
     * @param key  what names it in events and in the ledger, the same in every run
     * @param file the file uploaded
     */
    private record Document(String key, Path file) {
    }

    /** Command-line options; {@code resume} is the ledger's file, or {@code null} without {@code --resume}. */
    record Options(String pipeline, int concurrency, Path out, Path resume, List<Path> inputs) {

        static Options parse(String[] args) {
            String pipeline = null;
            int concurrency = 4;
            Path out = Path.of("reductor-output");
            Path resume = null;
            List<Path> inputs = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                Function<String, String> value = name -> {
                    throw new IllegalArgumentException(name + " needs a value");
                };
                switch (arg) {
                    case "--pipeline" -> pipeline = i + 1 < args.length ? args[++i] : value.apply(arg);
                    case "--out" -> out = Path.of(i + 1 < args.length ? args[++i] : value.apply(arg));
                    case "--resume" -> resume = Path.of(i + 1 < args.length ? args[++i] : value.apply(arg));
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
            return new Options(pipeline, concurrency, out, resume, List.copyOf(inputs));
        }

        Options withDefaultPipeline(String id) {
            return pipeline != null ? this : new Options(id, concurrency, out, resume, inputs);
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

        void finish(BulkEvent<String, ?> event, Path folder) {
            finished = System.nanoTime();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("document", name);
            record.put("job_id", jobId);
            if (event instanceof BulkEvent.Completed<String, ?> done) {
                completed = true;
                record.put("result", done.result());
            } else {
                Throwable error = event instanceof BulkEvent.Failed<String, ?> failed ? failed.error()
                        : ((BulkEvent.Rejected<String, ?>) event).error();
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
