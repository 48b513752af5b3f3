package io.reductor.bench.report;

import io.reductor.bench.clients.Client;
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
 * The end-to-end benchmarks' targets, checked against a {@link Report}. They are measured and reported, never asserted:
 *
 * <ul>
 *   <li><b>T1</b>: Reductor's client CPU per job is at most half the TypeScript SDK's
 *       (each variant, each ingest setting);</li>
 *   <li><b>T2</b>: Reductor's throughput is at least the TypeScript SDK's (each variant, each ingest setting);</li>
 *   <li><b>T3</b>: Reductor's throughput is at least 0.9x the raw Reactor Netty client's (each ingest setting);</li>
 *   <li><b>T4</b>: at most 2.5 HTTP requests per job with long-poll (Reductor and raw Reactor Netty; the TypeScript
 *       SDK's long-poll variant for information);</li>
 *   <li><b>T5</b>: Reductor's peak heap is at most 64 MiB in each upload and listing run;</li>
 *   <li><b>T6</b>: against a rate-limited simulator, Reductor ingests every document exactly once (all completed,
 *       none failed or rejected, no duplicate job) within 1.3x the limits' floor (each rate-limited setting).</li>
 * </ul>
 *
 * <p>A comparison whose rows are missing (say Node was not installed, so there are no TypeScript rows) is a verdict
 * that is not met, with {@link #NOT_MEASURED} as the measurement; it is never left out.
 */
public final class Targets {

    /** T1: Reductor's CPU per job over the TypeScript SDK's, at most. */
    public static final double MAX_CPU_RATIO = 0.5;
    /** T3: Reductor's jobs/s over raw Reactor Netty's, at least. */
    public static final double MIN_RAW_THROUGHPUT_RATIO = 0.9;
    /** T4: HTTP requests per job with long-poll, at most. */
    public static final double MAX_REQUESTS_PER_JOB = 2.5;
    /** T5: peak heap in MiB in the upload and listing scenarios, at most. */
    public static final double MAX_HEAP_MB = 64;
    /** T6: the rate-limited ingest's time over the limits' floor, at most. */
    public static final double MAX_FLOOR_MULTIPLE = 1.3;
    /** The measurement of a verdict whose rows are missing. */
    public static final String NOT_MEASURED = "not measured";

    private static final String INFORMATIONAL = " (informational)";
    private static final String REDUCTOR = Client.REDUCTOR.id();
    private static final String RAW = Client.RAW_REACTOR_NETTY.id();
    private static final String TS_LONG_POLL = Client.TS_SDK_LONG_POLL.id();
    private static final List<String> TS_VARIANTS = List.of(Client.TS_SDK_POLL.id(), TS_LONG_POLL);

    /**
     * Whether one target held in one ingest setting, upload or listing.
     *
     * @param id       {@code T1} to {@code T6}
     * @param target   what was required, in words
     * @param scenario where: an ingest setting such as {@code "0 ms / c64"}, or an upload or listing run
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

    private Targets() {
    }

    /**
     * Checks every target against a report: T1 to T4 once per ingest setting (and per TypeScript variant or client
     * where they compare several), T5 once per Reductor upload and listing row, T6 once per Reductor rate-limited
     * row.
     *
     * @param report a run's results
     * @return the verdicts, T1 first
     */
    public static List<Verdict> evaluate(Report report) {
        List<IngestSetting> settings = IngestSetting.all(report);
        List<Optional<IngestSetting>> ingest = settings.isEmpty()
                ? List.of(Optional.empty())
                : settings.stream().map(Optional::of).toList();
        List<Verdict> verdicts = new ArrayList<>();
        for (String variant : TS_VARIANTS) {
            for (Optional<IngestSetting> setting : ingest) {
                verdicts.add(cpu(report, setting, variant));
            }
        }
        for (String variant : TS_VARIANTS) {
            for (Optional<IngestSetting> setting : ingest) {
                verdicts.add(throughput(report, setting, variant, 1, "T2"));
            }
        }
        for (Optional<IngestSetting> setting : ingest) {
            verdicts.add(throughput(report, setting, RAW, MIN_RAW_THROUGHPUT_RATIO, "T3"));
        }
        for (String client : List.of(REDUCTOR, RAW, TS_LONG_POLL)) {
            for (Optional<IngestSetting> setting : ingest) {
                verdicts.add(requests(report, setting, client));
            }
        }
        verdicts.addAll(heap(report));
        verdicts.addAll(rateLimited(report));
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

    private static Verdict cpu(Report report, Optional<IngestSetting> setting, String variant) {
        String target = "reductor CPU per job <= " + number(MAX_CPU_RATIO) + "x " + variant + "'s";
        Optional<IngestRow> reductor = row(report, setting, REDUCTOR);
        Optional<IngestRow> peer = row(report, setting, variant);
        if (reductor.isEmpty() || peer.isEmpty()) {
            return notMeasured("T1", target, setting);
        }
        return compare("T1", target, setting, reductor.get(), peer.get(), IngestRow::cpuSecondsPer1000,
                "CPU s/1000 jobs", r -> r <= MAX_CPU_RATIO);
    }

    private static Verdict throughput(Report report, Optional<IngestSetting> setting, String peerClient,
                                      double minRatio, String id) {
        String target = "reductor jobs/s >= " + (minRatio == 1 ? "" : number(minRatio) + "x ") + peerClient + "'s";
        Optional<IngestRow> reductor = row(report, setting, REDUCTOR);
        Optional<IngestRow> peer = row(report, setting, peerClient);
        if (reductor.isEmpty() || peer.isEmpty()) {
            return notMeasured(id, target, setting);
        }
        return compare(id, target, setting, reductor.get(), peer.get(), IngestRow::jobsPerSecond, "jobs/s",
                r -> r >= minRatio);
    }

    private static Verdict compare(String id, String target, Optional<IngestSetting> setting, IngestRow reductor,
                                   IngestRow peer, ToDoubleFunction<IngestRow> metric, String unit,
                                   DoublePredicate ratioMet) {
        double mine = metric.applyAsDouble(reductor);
        double theirs = metric.applyAsDouble(peer);
        double ratio = mine / theirs;
        String measured = ratio(ratio) + " (" + number(mine) + " vs " + number(theirs) + " " + unit + ")"
                + failures(reductor) + failures(peer);
        return new Verdict(id, target, label(setting), measured, ratioMet.test(ratio));
    }

    private static Verdict requests(Report report, Optional<IngestSetting> setting, String client) {
        String target = client + " <= " + number(MAX_REQUESTS_PER_JOB) + " HTTP requests per job"
                + (client.equals(TS_LONG_POLL) ? INFORMATIONAL : "");
        Optional<IngestRow> row = row(report, setting, client);
        if (row.isEmpty()) {
            return notMeasured("T4", target, setting);
        }
        double perJob = row.get().requestsPerJob();
        return new Verdict("T4", target, label(setting), number(perJob) + " requests/job" + failures(row.get()),
                perJob <= MAX_REQUESTS_PER_JOB);
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
                .map(row -> new Verdict("T6", target, "rate-limited " + row.setting(), String.format(Locale.ROOT,
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

    private static Optional<IngestRow> row(Report report, Optional<IngestSetting> setting, String client) {
        return setting.flatMap(s -> s.row(report, client));
    }

    private static Verdict notMeasured(String id, String target, Optional<IngestSetting> setting) {
        return new Verdict(id, target, label(setting), NOT_MEASURED, false);
    }

    private static String label(Optional<IngestSetting> setting) {
        return setting.map(IngestSetting::label).orElse("no ingest scenario");
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
