package io.reductor.bench.e2e;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One ingest scenario: the simulator's processing time per job and the client's concurrency.
 *
 * @param processingMs the simulator's processing time per job
 * @param concurrency  jobs in flight at most
 */
record Scenario(int processingMs, int concurrency) implements Comparable<Scenario> {

    private static final Comparator<Scenario> ORDER =
            Comparator.comparingInt(Scenario::processingMs).thenComparingInt(Scenario::concurrency);

    static Scenario of(Report.IngestRow row) {
        return new Scenario(row.processingMs(), row.concurrency());
    }

    /** The scenarios of a report's ingest rows, in order of processing time, then concurrency. */
    static List<Scenario> all(Report report) {
        return report.ingest().stream().map(Scenario::of).distinct().sorted().toList();
    }

    /** The first ingest row of {@code client} in this scenario. */
    Optional<Report.IngestRow> row(Report report, String client) {
        return rows(report).stream().filter(row -> row.client().equals(client)).findFirst();
    }

    /** This scenario's ingest rows, in report order. */
    List<Report.IngestRow> rows(Report report) {
        return report.ingest().stream().filter(row -> of(row).equals(this)).toList();
    }

    /** For example {@code "0 ms / c64"}. */
    String label() {
        return processingMs + " ms / c" + concurrency;
    }

    @Override
    public int compareTo(Scenario other) {
        return ORDER.compare(this, other);
    }
}
