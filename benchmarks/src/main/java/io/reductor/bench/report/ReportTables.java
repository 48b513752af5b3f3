package io.reductor.bench.report;

import io.reductor.bench.clients.Client;
import io.reductor.bench.harness.JvmRecipe;
import io.reductor.bench.report.Report.Environment;
import io.reductor.bench.report.Report.IngestRow;
import io.reductor.bench.report.Report.JmhRow;
import io.reductor.bench.report.Report.ListingRow;
import io.reductor.bench.report.Report.RateLimitedRow;
import io.reductor.bench.report.Report.UploadRow;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/** The tables of a {@link Report}, shared by the terminal rendering and {@code summary.md}. */
public final class ReportTables {

    static final String SMOKE_WARNING =
            "SMOKE RUN: too short to mean anything; these figures only show that the harness works.";

    private static final String RAW = Client.RAW_REACTOR_NETTY.id();
    /** The clients in the order of {@link Client}, then any other by name. */
    private static final List<String> CLIENT_ORDER = Stream.of(Client.values()).map(Client::id).toList();
    private static final List<String> TS_VARIANTS =
            Stream.of(Client.values()).filter(Client::isTypeScriptSdk).map(Client::id).toList();
    private static final String NONE = "-";

    private ReportTables() {
    }

    /** For example {@code "2 cores, JVM OpenJDK 17.0.15, Node v22.11.0"}, plus a smoke-run mark. */
    static String stamp(Environment environment) {
        return environment.cores() + " cores, JVM " + environment.jvm() + ", Node " + environment.node()
                + (environment.smoke() ? " (SMOKE RUN)" : "");
    }

    /** A record's components by name, in declaration order. */
    static Map<String, Object> components(Record record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                values.put(component.getName(), component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
        return values;
    }

    /** Orders rows by client: reductor, raw Reactor Netty, the TypeScript variants, then any other by name. */
    static <T> Comparator<T> byClient(Function<T, String> client) {
        return Comparator.<T>comparingInt(row -> {
            int index = CLIENT_ORDER.indexOf(client.apply(row));
            return index < 0 ? CLIENT_ORDER.size() : index;
        }).thenComparing(client);
    }

    static Table ingest(Report report) {
        Table table = new Table("Ingest (" + String.format(Locale.ROOT, "%,d", report.environment().documents())
                + " documents per scenario; cold = a fresh process, warm = the same process after an unmeasured"
                + " warm-up of the same size; JVM = the client JVM's recipe; raw and ts* = raw-reactor-netty with the"
                + " default JVM and the best TypeScript SDK variant, in the same mode)",
                "scenario", "client", "mode", "JVM", ">done/failed", ">seconds", ">jobs/s", ">vs raw", ">vs ts*",
                ">req/job", ">CPU s/1k jobs", ">CPU vs raw", ">CPU vs ts*", ">KiB alloc/job", ">process CPU s",
                ">peak RSS MiB");
        for (IngestSetting setting : IngestSetting.all(report)) {
            List<IngestRow> rows = setting.rows(report).stream().sorted(ingestOrder()).toList();
            table.group();
            boolean first = true;
            for (IngestRow row : rows) {
                List<IngestRow> peers = rows.stream().filter(peer -> peer.mode().equals(row.mode())).toList();
                Optional<IngestRow> raw = peers.stream().filter(peer -> peer.client().equals(RAW)
                        && peer.jvm().equals(JvmRecipe.DEFAULT.id())).findFirst();
                OptionalDouble bestTsRate = ts(peers, IngestRow::jobsPerSecond).max();
                OptionalDouble bestTsCpu = ts(peers, IngestRow::cpuSecondsPer1000).min();
                table.row(first ? setting.label() : "", row.client(), row.mode(), row.jvm(),
                        row.completed() + "/" + row.failed(), fixed(row.seconds(), 2), fixed(row.jobsPerSecond(), 1),
                        ratio(row.jobsPerSecond(), raw.stream().mapToDouble(IngestRow::jobsPerSecond).findFirst()),
                        ratio(row.jobsPerSecond(), bestTsRate), fixed(row.requestsPerJob(), 2),
                        fixed(row.cpuSecondsPer1000(), 3),
                        ratio(row.cpuSecondsPer1000(), raw.stream().mapToDouble(IngestRow::cpuSecondsPer1000)
                                .findFirst()),
                        ratio(row.cpuSecondsPer1000(), bestTsCpu), fixed(row.allocatedKibPerJob(), 1),
                        fixed(row.processCpuSeconds(), 2), fixed(row.peakRssMb(), 1));
                first = false;
            }
        }
        return table;
    }

    /** Orders ingest rows by client, then mode (cold first), then JVM recipe. */
    static Comparator<IngestRow> ingestOrder() {
        return byClient(IngestRow::client).thenComparing(IngestRow::mode)
                .thenComparingInt(row -> recipeOrder(row.jvm()));
    }

    /**
     * How an ingest row's client, mode and JVM are named in charts.
     *
     * @return for example {@code "reductor cold"} or {@code "reductor cold, batch JVM"}
     */
    static String contender(IngestRow row) {
        return row.client() + " " + row.mode() + (row.jvm().equals(JvmRecipe.DEFAULT.id()) ? ""
                : ", " + row.jvm() + " JVM");
    }

    /** The JVM recipes in the order of {@link JvmRecipe}, then any other. */
    private static int recipeOrder(String jvm) {
        int index = Stream.of(JvmRecipe.values()).map(JvmRecipe::id).toList().indexOf(jvm);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    static Table rateLimited(Report report) {
        Table table = new Table("Rate-limited ingest (upload, submit, await each document against a simulator that"
                + " answers 429 [CODE 1000] without Retry-After; floor = 3 requests per document at the request limit"
                + " or 1 poll per document at the poll limit, whichever is longer; a warm run's simulator is reset"
                + " after its warm-up)", "limits", "client", "mode", ">documents", ">completed", ">failed",
                ">rejected", ">stalled uploads", ">jobs created", ">duplicates",
                ">429s", ">req/doc", ">seconds", ">floor s", ">vs floor", ">CPU s", ">KiB alloc/doc",
                ">peak RSS MiB");
        String previous = null;
        for (RateLimitedRow row : report.rateLimited()) {
            boolean first = !row.setting().equals(previous);
            if (first) {
                table.group();
            }
            previous = row.setting();
            table.row(first ? row.setting() : "", row.client(), row.mode(), count(row.documents()),
                    count(row.completed()),
                    count(row.failed()), count(row.rejected()), count(row.stalledUploads()), count(row.jobsCreated()),
                    count(row.duplicateJobs()), count(row.rateLimitedAnswers()), fixed(row.requestsPerDocument(), 2),
                    fixed(row.seconds(), 1),
                    fixed(row.floorSeconds(), 1), fixed(row.floorMultiple(), 2) + "x", fixed(row.cpuSeconds(), 2),
                    fixed(row.allocatedKibPerDocument(), 1), fixed(row.peakRssMb(), 1));
        }
        return table;
    }

    static Table upload(Report report) {
        Table table = new Table("Upload", "client", "path", ">MB", ">seconds", ">MB/s", "verified",
                ">heap peak MiB", ">heap max MiB", ">peak RSS MiB", ">CPU s");
        report.upload().stream().sorted(byClient(UploadRow::client)).forEach(row -> table.row(row.client(),
                row.path(), fixed(row.bytes() / 1e6, 1), fixed(row.seconds(), 2), fixed(row.mbPerSecond(), 1),
                row.verified() ? "yes" : "NO", fixed(row.heapPeakMb(), 1), fixed(row.heapMaxMb(), 0),
                fixed(row.peakRssMb(), 1), fixed(row.cpuSeconds(), 2)));
        return table;
    }

    static Table listing(Report report) {
        Table table = new Table("Listing", "client", ">jobs/expected", ">requests", ">seconds", ">jobs/s",
                ">heap peak MiB", ">heap max MiB", ">peak RSS MiB", ">CPU s");
        report.listing().stream().sorted(byClient(ListingRow::client)).forEach(row -> table.row(row.client(),
                String.format(Locale.ROOT, "%,d/%,d", row.jobs(), row.expected()), String.valueOf(row.requests()), fixed(row.seconds(), 2),
                fixed(row.jobsPerSecond(), 1), fixed(row.heapPeakMb(), 1), fixed(row.heapMaxMb(), 0),
                fixed(row.peakRssMb(), 1), fixed(row.cpuSeconds(), 2)));
        return table;
    }

    static Table jmh(Report report) {
        Table table = new Table("JMH", "benchmark", ">score", ">error", "unit", ">alloc B/op");
        for (JmhRow row : report.jmh()) {
            table.row(row.benchmark(), significant(row.score()), Double.isNaN(row.error()) ? NONE
                    : "± " + significant(row.error()), row.unit(), fixed(row.allocBytesPerOp(), 0));
        }
        return table;
    }

    static Table verdicts(List<Targets.Verdict> verdicts) {
        Table table = new Table("Targets (measured and reported, not asserted)", "verdict", "id", "scenario", "target",
                "measured");
        for (Targets.Verdict verdict : verdicts) {
            table.row(verdict.met() ? "met" : verdict.informational() ? "info" : "MISSED", verdict.id(),
                    verdict.scenario(), verdict.target(), verdict.measured());
        }
        return table;
    }

    /** For example {@code "12 of 17 targets met (informational verdicts not counted)"}. */
    static String verdictCount(List<Targets.Verdict> verdicts) {
        List<Targets.Verdict> counted = verdicts.stream().filter(verdict -> !verdict.informational()).toList();
        long met = counted.stream().filter(Targets.Verdict::met).count();
        return met + " of " + counted.size() + " targets met (informational verdicts not counted)";
    }

    private static DoubleStream ts(List<IngestRow> rows, ToDoubleFunction<IngestRow> metric) {
        return rows.stream().filter(row -> TS_VARIANTS.contains(row.client())).mapToDouble(metric);
    }

    private static String ratio(double value, OptionalDouble peer) {
        if (peer.isEmpty()) {
            return NONE;
        }
        double ratio = value / peer.getAsDouble();
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "n/a";
    }

    /** Four significant digits, for JMH scores that run from nanoseconds to seconds. */
    private static String significant(double value) {
        return Double.isFinite(value)
                ? BigDecimal.valueOf(value).round(new MathContext(4)).stripTrailingZeros().toPlainString()
                : "n/a";
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * A value with {@code decimals} decimals and thousands separated, or {@code n/a} when it was not measured.
     *
     * @param value    the value, NaN when not measured
     * @param decimals how many decimals
     * @return for example {@code 1,234.5}
     */
    public static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,." + decimals + "f", value) : "n/a";
    }
}
