package io.reductor.bench.report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One setting of the ingest benchmark, by which its rows are grouped in tables, charts and verdicts: the simulator's
 * processing time per job and the clients' concurrency.
 *
 * @param processingMs the simulator's processing time per job
 * @param concurrency  jobs in flight at most
 */
record IngestSetting(int processingMs, int concurrency) implements Comparable<IngestSetting> {

    private static final Comparator<IngestSetting> ORDER =
            Comparator.comparingInt(IngestSetting::processingMs).thenComparingInt(IngestSetting::concurrency);

    static IngestSetting of(Report.IngestRow row) {
        return new IngestSetting(row.processingMs(), row.concurrency());
    }

    /** The settings of a report's ingest rows, in order of processing time, then concurrency. */
    static List<IngestSetting> all(Report report) {
        return report.ingest().stream().map(IngestSetting::of).distinct().sorted().toList();
    }

    /** The first ingest row of {@code client} in this setting, in a mode ({@code cold}, {@code warm}) and JVM. */
    Optional<Report.IngestRow> row(Report report, String client, String mode, String jvm) {
        return rows(report).stream().filter(row -> row.client().equals(client) && row.mode().equals(mode)
                && row.jvm().equals(jvm)).findFirst();
    }

    /** This setting's ingest rows, in report order. */
    List<Report.IngestRow> rows(Report report) {
        return report.ingest().stream().filter(row -> of(row).equals(this)).toList();
    }

    /** For example {@code "0 ms / c64"}. */
    String label() {
        return processingMs + " ms / c" + concurrency;
    }

    @Override
    public int compareTo(IngestSetting other) {
        return ORDER.compare(this, other);
    }
}
