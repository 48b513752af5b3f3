package io.reductor.bench.report;

import io.reductor.bench.clients.Client;
import io.reductor.bench.harness.JvmRecipe;
import io.reductor.bench.harness.Mode;
import io.reductor.bench.report.Report.IngestRow;
import io.reductor.bench.report.Report.ListingRow;
import io.reductor.bench.report.Report.UploadRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;

/**
 * The end-to-end benchmarks' targets, checked against a {@link Report}. They are measured and reported, never asserted.
 * The ingest targets are checked in each setting for cold runs (a fresh process) and warm runs (after a warm-up of the
 * same size in the same process) apart:
 *
 * <ul>
 *   <li><b>T1</b>: Reductor's client CPU per job is at most 0.5x the TypeScript SDK's warm, at most 1.0x cold
 *       (each variant);</li>
 *   <li><b>T2</b>: Reductor's throughput is at least the TypeScript SDK's (each variant);</li>
 *   <li><b>T3</b>: Reductor's throughput is at least 0.9x the raw Reactor Netty client's;</li>
 *   <li><b>T4</b>: at most 2.5 HTTP requests per job with long-poll (Reductor and raw Reactor Netty; the TypeScript
 *       SDK's long-poll variant for information);</li>
 *   <li><b>T5</b>: Reductor's peak heap is at most 64 MiB in each upload and listing run;</li>
 *   <li><b>T6</b>: against a rate-limited simulator, Reductor ingests every document exactly once (all completed,
 *       none failed or rejected, no duplicate job) within 1.3x the limits' floor (each rate-limited setting and
 *       mode);</li>
 *   <li><b>T7</b>: warm, Reductor's client CPU per job is at most 1.3x the raw Reactor Netty client's; beside it, for
 *       information, the same ratio against the raw client that reads every answer whole (a finished job's result
 *       included, which the raw client never reads);</li>
 *   <li><b>T8</b>: Reductor's peak RSS is at most the TypeScript SDK's (each variant).</li>
 * </ul>
 *
 * <p>Which of Reductor's rows is compared: with the raw client (T3, T7), the default JVM's, like with like. With the
 * TypeScript SDK (T1, T2, T8) and for T4, the documented recipe of the mode if it was measured, else the default
 * JVM's, and the measurement names which: cold, the {@link JvmRecipe#BATCH batch} recipe's (the way to run short
 * batch work, {@code -Xmx64m}); warm, the {@link JvmRecipe#SERVICE service} recipe's (a long-running service whose
 * memory matters: the JIT's defaults, {@code -Xmx32m}).
 *
 * <p>A comparison whose rows are missing (say Node was not installed, so there are no TypeScript rows, or the run
 * measured only one mode) is a verdict that is not met, with {@link #NOT_MEASURED} as the measurement; it is never
 * left out.
 */
public final class Targets {

    /** T1: Reductor's CPU per job over the TypeScript SDK's when warm, at most. */
    public static final double MAX_WARM_CPU_RATIO = 0.5;
    /** T1: Reductor's CPU per job over the TypeScript SDK's when cold, at most. */
    public static final double MAX_COLD_CPU_RATIO = 1.0;
    /** T3: Reductor's jobs/s over raw Reactor Netty's, at least. */
    public static final double MIN_RAW_THROUGHPUT_RATIO = 0.9;
    /** T4: HTTP requests per job with long-poll, at most. */
    public static final double MAX_REQUESTS_PER_JOB = 2.5;
    /** T5: peak heap in MiB in the upload and listing scenarios, at most. */
    public static final double MAX_HEAP_MB = 64;
    /** T6: the rate-limited ingest's time over the limits' floor, at most. */
    public static final double MAX_FLOOR_MULTIPLE = 1.3;
    /** T7: Reductor's warm CPU per job over raw Reactor Netty's, at most. */
    public static final double MAX_WARM_RAW_CPU_RATIO = 1.3;
    /** The measurement of a verdict whose rows are missing. */
    public static final String NOT_MEASURED = "not measured";

    private static final String INFORMATIONAL = " (informational)";
    private static final String COLD = Mode.COLD.id();
    private static final String WARM = Mode.WARM.id();
    private static final List<String> MODES = List.of(COLD, WARM);
    private static final String DEFAULT_JVM = JvmRecipe.DEFAULT.id();
    private static final String BATCH_JVM = JvmRecipe.BATCH.id();
    private static final String SERVICE_JVM = JvmRecipe.SERVICE.id();
    private static final String REDUCTOR = Client.REDUCTOR.id();
    private static final String RAW = Client.RAW_REACTOR_NETTY.id();
    private static final String RAW_TREE = Client.RAW_REACTOR_NETTY_TREE.id();
    private static final String TS_LONG_POLL = Client.TS_SDK_LONG_POLL.id();
    private static final List<String> TS_VARIANTS = List.of(Client.TS_SDK_POLL.id(), TS_LONG_POLL);

    /**
     * Whether one target held in one ingest setting and mode, upload or listing.
     *
     * @param id       {@code T1} to {@code T8}
     * @param target   what was required, in words
     * @param scenario where: an ingest setting and mode such as {@code "0 ms / c64 warm"}, or an upload, listing or
     *                 rate-limited run
     * @param measured what was measured, or {@link #NOT_MEASURED}
     * @param met      whether the target held; {@code false} when not measured
     */
    public record Verdict(String id, String target, String scenario, String measured, boolean met) {

        /**
         * Whether this verdict is for reference only (a peer's figure, not one of Reductor's targets).
         *
         * @return {@code true} for the TypeScript SDK's long-poll request count
         */
        public boolean informational() {
            return target.endsWith(INFORMATIONAL);
        }
    }

    /** An ingest setting (empty when the report has none) in one mode. */
    private record Cell(Optional<IngestSetting> setting, String mode) {

        Optional<IngestRow> row(Report report, String client, String jvm) {
            return setting.flatMap(s -> s.row(report, client, mode, jvm));
        }

        /** Reductor's row compared with the TypeScript SDK: the mode's documented recipe's when measured. */
        Optional<IngestRow> reductorForPeers(Report report) {
            Optional<IngestRow> documented = row(report, REDUCTOR, mode.equals(COLD) ? BATCH_JVM : SERVICE_JVM);
            return documented.isPresent() ? documented : row(report, REDUCTOR, DEFAULT_JVM);
        }

        String label() {
            return setting.map(IngestSetting::label).orElse("no ingest scenario") + " " + mode;
        }
    }

    private Targets() {
    }

    /**
     * Checks every target against a report: T1 to T4, T7 and T8 once per ingest setting and mode (and per TypeScript
     * variant or client where they compare several), T5 once per Reductor upload and listing row, T6 once per
     * Reductor rate-limited row.
     *
     * @param report a run's results
     * @return the verdicts, T1 first, cold before warm
     */
    public static List<Verdict> evaluate(Report report) {
        List<IngestSetting> settings = IngestSetting.all(report);
        List<Optional<IngestSetting>> ingest = settings.isEmpty()
                ? List.of(Optional.empty())
                : settings.stream().map(Optional::of).toList();
        List<Cell> cells = MODES.stream()
                .flatMap(mode -> ingest.stream().map(setting -> new Cell(setting, mode))).toList();
        List<Verdict> verdicts = new ArrayList<>();
        for (Cell cell : cells) {
            for (String variant : TS_VARIANTS) {
                verdicts.add(cpu(report, cell, variant));
            }
        }
        for (Cell cell : cells) {
            for (String variant : TS_VARIANTS) {
                verdicts.add(throughput(report, cell, variant));
            }
        }
        for (Cell cell : cells) {
            verdicts.add(rawThroughput(report, cell));
        }
        for (Cell cell : cells) {
            for (String client : List.of(REDUCTOR, RAW, TS_LONG_POLL)) {
                verdicts.add(requests(report, cell, client));
            }
        }
        verdicts.addAll(heap(report));
        verdicts.addAll(rateLimited(report));
        for (Cell cell : cells) {
            if (cell.mode().equals(WARM)) {
                verdicts.add(rawCpu(report, cell, RAW, ""));
                verdicts.add(rawCpu(report, cell, RAW_TREE, INFORMATIONAL));
            }
        }
        for (Cell cell : cells) {
            for (String variant : TS_VARIANTS) {
                verdicts.add(rss(report, cell, variant));
            }
        }
        return List.copyOf(verdicts);
    }

    /**
     * Whether every verdict that is not {@linkplain Verdict#informational() informational} was met.
     *
     * @param verdicts from {@link #evaluate(Report)}
     * @return {@code true} if all of Reductor's targets held
     */
    public static boolean allMet(List<Verdict> verdicts) {
        return verdicts.stream().filter(verdict -> !verdict.informational()).allMatch(Verdict::met);
    }

    private static Verdict cpu(Report report, Cell cell, String variant) {
        double max = cell.mode().equals(WARM) ? MAX_WARM_CPU_RATIO : MAX_COLD_CPU_RATIO;
        return peerComparison(report, cell, "T1", variant, "CPU per job <= " + number(max) + "x " + variant + "'s",
                IngestRow::cpuSecondsPer1000, "CPU s/1000 jobs", r -> r <= max);
    }

    private static Verdict throughput(Report report, Cell cell, String variant) {
        return peerComparison(report, cell, "T2", variant, "jobs/s >= " + variant + "'s", IngestRow::jobsPerSecond,
                "jobs/s", r -> r >= 1);
    }

    private static Verdict rss(Report report, Cell cell, String variant) {
        return peerComparison(report, cell, "T8", variant, "peak RSS <= " + variant + "'s", IngestRow::peakRssMb,
                "MiB", r -> r <= 1);
    }

    /**
     * A comparison with the TypeScript SDK of {@linkplain Cell#reductorForPeers Reductor's row for peers}; when that
     * is a recipe's row, the default JVM's ratio follows for reference.
     */
    private static Verdict peerComparison(Report report, Cell cell, String id, String peerClient, String what,
                                          ToDoubleFunction<IngestRow> metric, String unit, DoublePredicate ratioMet) {
        Optional<IngestRow> reductor = cell.reductorForPeers(report);
        String target = reductor.map(Targets::reductorName).orElse(REDUCTOR) + " " + what;
        Optional<IngestRow> peer = cell.row(report, peerClient, DEFAULT_JVM);
        if (reductor.isEmpty() || peer.isEmpty()) {
            return notMeasured(id, target, cell);
        }
        Verdict verdict = compare(id, target, cell, reductor.get(), peer.get(), metric, unit, ratioMet);
        Optional<IngestRow> defaultJvm = cell.row(report, REDUCTOR, DEFAULT_JVM).filter(row -> row != reductor.get());
        return defaultJvm.map(row -> new Verdict(id, target, verdict.scenario(), verdict.measured() + "; default JVM "
                + ratio(metric.applyAsDouble(row) / metric.applyAsDouble(peer.get())), verdict.met()))
                .orElse(verdict);
    }

    private static Verdict rawThroughput(Report report, Cell cell) {
        return rawComparison(report, cell, "T3", RAW, "reductor jobs/s >= " + number(MIN_RAW_THROUGHPUT_RATIO) + "x "
                + RAW + "'s", IngestRow::jobsPerSecond, "jobs/s", r -> r >= MIN_RAW_THROUGHPUT_RATIO);
    }

    /** T7 against {@code raw}, the raw client or (informational) the raw client that reads every answer whole. */
    private static Verdict rawCpu(Report report, Cell cell, String raw, String suffix) {
        return rawComparison(report, cell, "T7", raw, "reductor CPU per job <= " + number(MAX_WARM_RAW_CPU_RATIO)
                        + "x " + raw + "'s" + suffix, IngestRow::cpuSecondsPer1000, "CPU s/1000 jobs",
                r -> r <= MAX_WARM_RAW_CPU_RATIO);
    }

    /** A comparison of Reductor's and a raw client's default-JVM rows. */
    private static Verdict rawComparison(Report report, Cell cell, String id, String rawClient, String target,
                                         ToDoubleFunction<IngestRow> metric, String unit, DoublePredicate ratioMet) {
        Optional<IngestRow> reductor = cell.row(report, REDUCTOR, DEFAULT_JVM);
        Optional<IngestRow> raw = cell.row(report, rawClient, DEFAULT_JVM);
        if (reductor.isEmpty() || raw.isEmpty()) {
            return notMeasured(id, target, cell);
        }
        return compare(id, target, cell, reductor.get(), raw.get(), metric, unit, ratioMet);
    }

    private static Verdict compare(String id, String target, Cell cell, IngestRow reductor, IngestRow peer,
                                   ToDoubleFunction<IngestRow> metric, String unit, DoublePredicate ratioMet) {
        double mine = metric.applyAsDouble(reductor);
        double theirs = metric.applyAsDouble(peer);
        double ratio = mine / theirs;
        String measured = ratio(ratio) + " (" + number(mine) + " vs " + number(theirs) + " " + unit + ")"
                + failures(reductor) + failures(peer);
        return new Verdict(id, target, cell.label(), measured, ratioMet.test(ratio));
    }

    private static Verdict requests(Report report, Cell cell, String client) {
        String target = client + " <= " + number(MAX_REQUESTS_PER_JOB) + " HTTP requests per job"
                + (client.equals(TS_LONG_POLL) ? INFORMATIONAL : "");
        Optional<IngestRow> row = client.equals(REDUCTOR) ? cell.reductorForPeers(report)
                : cell.row(report, client, DEFAULT_JVM);
        if (row.isEmpty()) {
            return notMeasured("T4", target, cell);
        }
        double perJob = row.get().requestsPerJob();
        return new Verdict("T4", target, cell.label(), number(perJob) + " requests/job" + failures(row.get()),
                perJob <= MAX_REQUESTS_PER_JOB);
    }

    /** For example {@code "reductor"} or {@code "reductor [batch JVM]"}. */
    private static String reductorName(IngestRow row) {
        return row.client() + (row.jvm().equals(DEFAULT_JVM) ? "" : " [" + row.jvm() + " JVM]");
    }

    private static List<Verdict> heap(Report report) {
        String target = "reductor peak heap <= " + number(MAX_HEAP_MB) + " MiB";
        List<Verdict> verdicts = new ArrayList<>();
        List<UploadRow> uploads = report.upload().stream().filter(row -> row.client().equals(REDUCTOR))
                .toList();
        for (UploadRow row : uploads) {
            verdicts.add(new Verdict("T5", target, uploadLabel(row),
                    heapMeasured(row.heapPeakMb(), row.heapMaxMb()) + (row.verified() ? "" : "; upload NOT verified"),
                    row.heapPeakMb() <= MAX_HEAP_MB));
        }
        if (uploads.isEmpty()) {
            verdicts.add(new Verdict("T5", target, "upload", NOT_MEASURED, false));
        }
        List<ListingRow> listings = report.listing().stream().filter(row -> row.client().equals(REDUCTOR))
                .toList();
        for (ListingRow row : listings) {
            verdicts.add(new Verdict("T5", target, listingLabel(row),
                    heapMeasured(row.heapPeakMb(), row.heapMaxMb())
                            + (row.jobs() == row.expected() ? "" : "; listed " + row.jobs() + " of " + row.expected()),
                    row.heapPeakMb() <= MAX_HEAP_MB));
        }
        if (listings.isEmpty()) {
            verdicts.add(new Verdict("T5", target, "listing", NOT_MEASURED, false));
        }
        return verdicts;
    }

    private static List<Verdict> rateLimited(Report report) {
        String target = "reductor ingests every document once, within " + number(MAX_FLOOR_MULTIPLE)
                + "x the floor";
        List<Verdict> verdicts = report.rateLimited().stream().filter(row -> row.client().equals(REDUCTOR))
                .map(row -> new Verdict("T6", target, "rate-limited " + row.settingAndMode(),
                        String.format(Locale.ROOT,
                        "%,d of %,d completed, %,d failed, %,d rejected, %,d duplicates; %sx the floor (%s s vs %s s)",
                        row.completed(), row.documents(), row.failed(), row.rejected(), row.duplicateJobs(),
                        number(row.floorMultiple()), number(row.seconds()), number(row.floorSeconds())),
                        row.everyDocumentOnce() && row.floorMultiple() <= MAX_FLOOR_MULTIPLE))
                .toList();
        return verdicts.isEmpty() ? List.of(new Verdict("T6", target, "rate-limited", NOT_MEASURED, false))
                : verdicts;
    }

    /**
     * How an upload row is named in verdicts, tables and charts.
     *
     * @param row an upload row
     * @return for example {@code "upload direct 1,000 MB"}
     */
    public static String uploadLabel(UploadRow row) {
        return "upload " + row.path() + " " + String.format(Locale.ROOT, "%,.0f MB", row.bytes() / 1e6);
    }

    /**
     * How a listing row is named in verdicts and tables.
     *
     * @param row a listing row
     * @return for example {@code "listing 100,000 jobs"}
     */
    public static String listingLabel(ListingRow row) {
        return "listing " + String.format(Locale.ROOT, "%,d jobs", row.expected());
    }

    private static Verdict notMeasured(String id, String target, Cell cell) {
        return new Verdict(id, target, cell.label(), NOT_MEASURED, false);
    }

    private static String heapMeasured(double peak, double max) {
        return number(peak) + " MiB (max heap " + number(max) + " MiB)";
    }

    private static String failures(IngestRow row) {
        return row.failed() == 0 ? "" : "; " + row.client() + " had " + row.failed() + " failed";
    }

    private static String ratio(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "n/a";
    }

    /** Three significant figures or so, without trailing zeros: {@code 0.5}, {@code 2.5}, {@code 812.3}, {@code 1,204}. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        String pattern = abs >= 1000 ? "%,.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        String text = String.format(Locale.ROOT, pattern, value);
        return text.contains(".") ? text.replaceAll("\\.?0+$", "") : text;
    }
}
