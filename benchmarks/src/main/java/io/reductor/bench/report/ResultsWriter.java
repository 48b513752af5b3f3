package io.reductor.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.reductor.bench.report.Report.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Report} for people and for tools, and renders it for the terminal.
 *
 * <p>{@link #write(Report, Path)} writes into one directory:
 * <ul>
 *   <li>{@code results.json}: the whole report (read it back with {@link #read(Path)});</li>
 *   <li>{@code ingest.csv}, {@code rate-limited.csv}, {@code upload.csv}, {@code listing.csv}, {@code jmh.csv}:
 *       one row per record, a header
 *       row of the record's component names, RFC 4180 quoting and CRLF line ends, preceded by the environment stamp
 *       as {@code # key: value} comment lines (one per {@link Environment} component);</li>
 *   <li>{@code summary.md}: the environment, the tables, the target verdicts and the charts;</li>
 *   <li>{@code ingest-throughput.png}, {@code ingest-cpu.png} (when there are ingest rows) and {@code upload.png}
 *       (when there are upload rows): bar charts titled with the machine stamp.</li>
 * </ul>
 */
public final class ResultsWriter {

    /** The JSON file name. */
    public static final String RESULTS_JSON = "results.json";
    /** The Markdown summary's file name. */
    public static final String SUMMARY_MD = "summary.md";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String CRLF = "\r\n";

    private ResultsWriter() {
    }

    /**
     * Writes every file listed in the class description into {@code directory}, creating it if needed and replacing
     * files of an earlier run.
     *
     * @param report    a run's results
     * @param directory where to write, for example {@code benchmarks/results/<timestamp>}
     * @throws UncheckedIOException if a file cannot be written
     */
    public static void write(Report report, Path directory) {
        try {
            Files.createDirectories(directory);
            JSON.writeValue(directory.resolve(RESULTS_JSON).toFile(), report);
            Environment environment = report.environment();
            writeString(directory.resolve("ingest.csv"), csv(environment, Report.IngestRow.class, report.ingest()));
            writeString(directory.resolve("rate-limited.csv"),
                    csv(environment, Report.RateLimitedRow.class, report.rateLimited()));
            writeString(directory.resolve("upload.csv"), csv(environment, Report.UploadRow.class, report.upload()));
            writeString(directory.resolve("listing.csv"), csv(environment, Report.ListingRow.class, report.listing()));
            writeString(directory.resolve("jmh.csv"), csv(environment, Report.JmhRow.class, report.jmh()));
            List<String> charts = Charts.write(report, directory);
            writeString(directory.resolve(SUMMARY_MD), summary(report, charts));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + directory, e);
        }
    }

    /**
     * Reads a {@code results.json} that {@link #write(Report, Path)} wrote.
     *
     * @param resultsJson the file
     * @return the report
     * @throws UncheckedIOException if it cannot be read or is not a report
     */
    public static Report read(Path resultsJson) {
        try {
            return JSON.readValue(resultsJson.toFile(), Report.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resultsJson, e);
        }
    }

    /**
     * Renders a report for a monospace terminal: the environment stamp, the ingest table grouped by setting with
     * ratios to the peers, the rate-limited ingest, upload, listing and JMH tables, and the target verdicts.
     *
     * @param report a run's results
     * @return the text, lines ending in {@code \n}
     */
    public static String table(Report report) {
        Environment environment = report.environment();
        List<Targets.Verdict> verdicts = Targets.evaluate(report);
        StringBuilder out = new StringBuilder("Reductor end-to-end benchmarks: ")
                .append(ReportTables.stamp(environment)).append('\n')
                .append(environment.os()).append("; ").append(environment.tsSdk()).append("; commit ")
                .append(environment.commit()).append("; started ").append(environment.startedAt()).append('\n');
        if (environment.smoke()) {
            out.append("*** ").append(ReportTables.SMOKE_WARNING).append(" ***\n");
        }
        for (Table table : List.of(ReportTables.ingest(report), ReportTables.rateLimited(report),
                ReportTables.upload(report), ReportTables.listing(report), ReportTables.jmh(report),
                ReportTables.verdicts(verdicts))) {
            out.append('\n').append(table.text());
        }
        out.append('\n').append(ReportTables.verdictCount(verdicts));
        if (environment.smoke()) {
            out.append(" (smoke run: meaningless)");
        }
        return out.append('\n').toString();
    }

    /**
     * Renders records as CSV: the environment as {@code # key: value} lines, a header of the component names, then
     * one line per record. Numbers are written in full (no exponent), {@code NaN} as {@code NaN}.
     */
    static <R extends Record> String csv(Environment environment, Class<R> type, List<R> rows) {
        StringBuilder out = new StringBuilder();
        ReportTables.components(environment).forEach((key, value) ->
                out.append("# ").append(key).append(": ").append(oneLine(String.valueOf(value))).append(CRLF));
        out.append(String.join(",", Arrays.stream(type.getRecordComponents())
                .map(component -> quote(component.getName())).toList())).append(CRLF);
        for (R row : rows) {
            Map<String, Object> values = ReportTables.components(row);
            out.append(String.join(",", values.values().stream().map(ResultsWriter::cell).toList())).append(CRLF);
        }
        return out.toString();
    }

    /** Quotes a CSV field if it holds a comma, a quote or a line break, doubling its quotes (RFC 4180). */
    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    private static String cell(Object value) {
        if (value instanceof Double number && Double.isFinite(number)) {
            return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
        }
        return quote(String.valueOf(value));
    }

    private static String summary(Report report, List<String> charts) {
        Environment environment = report.environment();
        List<Targets.Verdict> verdicts = Targets.evaluate(report);
        StringBuilder out = new StringBuilder("# Reductor end-to-end benchmarks\n\n");
        if (environment.smoke()) {
            out.append("> **").append(ReportTables.SMOKE_WARNING).append("**\n\n");
        }
        out.append("| | |\n|---|---|\n");
        ReportTables.components(environment).forEach((key, value) ->
                out.append("| ").append(key).append(" | ").append(String.valueOf(value).replace("|", "\\|"))
                        .append(" |\n"));
        out.append("\n## Targets\n\n").append(ReportTables.verdictCount(verdicts))
                .append(environment.smoke() ? " (smoke run: meaningless)" : "").append(".\n\n")
                .append(ReportTables.verdicts(verdicts).markdown())
                .append("\n## Results\n\n");
        for (Table table : List.of(ReportTables.ingest(report), ReportTables.rateLimited(report),
                ReportTables.upload(report), ReportTables.listing(report), ReportTables.jmh(report))) {
            out.append(table.markdown()).append('\n');
        }
        out.append("## Charts\n\n");
        if (charts.isEmpty()) {
            out.append("(no ingest or upload rows, so no charts)\n");
        }
        charts.forEach(chart -> out.append("![").append(chart).append("](").append(chart).append(")\n\n"));
        return out.toString();
    }

    private static String oneLine(String value) {
        return value.replace('\r', ' ').replace('\n', ' ');
    }

    private static void writeString(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
