package io.reductor.bench.report;

import io.reductor.bench.clients.Client;
import io.reductor.bench.report.Report.Environment;
import io.reductor.bench.report.Report.IngestRow;
import io.reductor.bench.report.Report.JmhRow;
import io.reductor.bench.report.Report.ListingRow;
import io.reductor.bench.report.Report.RateLimitedRow;
import io.reductor.bench.report.Report.UploadRow;

import java.util.ArrayList;
import java.util.List;

/** Hand-built reports for the tests. */
final class Fixtures {

    static final String REDUCTOR = Client.REDUCTOR.id();
    static final String RAW = Client.RAW_REACTOR_NETTY.id();
    static final String RAW_TREE = Client.RAW_REACTOR_NETTY_TREE.id();
    static final String TS_POLL = Client.TS_SDK_POLL.id();
    static final String TS_LONG_POLL = Client.TS_SDK_LONG_POLL.id();

    static final Environment ENVIRONMENT = new Environment("2026-11-24T10:00:00Z", 8, "Linux 6.1 amd64",
            "Eclipse Adoptium OpenJDK 64-Bit Server VM 17.0.15+6", "v22.11.0", "reductoai 0.11.0", "ad7d7dd", false,
            1000, "until the next status change");

    private Fixtures() {
    }

    static final String COLD = "cold";
    static final String WARM = "warm";

    /** A cold run with the default JVM. */
    static IngestRow ingest(String client, int processingMs, int concurrency, double jobsPerSecond,
                            double requestsPerJob, double cpuPer1000) {
        return ingest(client, COLD, "default", processingMs, concurrency, jobsPerSecond, requestsPerJob, cpuPer1000,
                180);
    }

    static IngestRow ingest(String client, String mode, String jvm, int processingMs, int concurrency,
                            double jobsPerSecond, double requestsPerJob, double cpuPer1000, double peakRssMb) {
        return new IngestRow(client, mode, jvm, processingMs, concurrency, 1000, 1000, 0, 1000 / jobsPerSecond,
                jobsPerSecond, requestsPerJob, cpuPer1000, client.startsWith("ts-") ? Double.NaN : 150.5,
                cpuPer1000 + 1.5, peakRssMb);
    }

    /** A rate-limited run of 2,000 documents at 50 requests/s and 20 polls/s, concurrency 64 (floor 120 s). */
    static RateLimitedRow rateLimited(String client, int completed, int failed, int rejected, long duplicates,
                                      double seconds) {
        return new RateLimitedRow(client, COLD, 50, 20, 64, 2000, completed, failed, rejected, rejected / 2,
                completed + failed + duplicates, duplicates, 900, 3.45, seconds, 120, seconds / 120, 20.5, 310.25,
                24.1, 300);
    }

    /**
     * Three scenarios, each cold and warm, where Reductor meets every target (cold also with the batch JVM recipe),
     * plus rate-limited, upload, listing and JMH rows.
     */
    static Report full() {
        List<IngestRow> ingest = new ArrayList<>();
        for (int[] scenario : new int[][] {{0, 16}, {0, 64}, {2000, 64}}) {
            int ms = scenario[0];
            int c = scenario[1];
            double ceiling = ms == 0 ? 900.0 * c / 16 : c * 1000.0 / (ms + 20);
            for (String mode : List.of(COLD, WARM)) {
                ingest.add(ingest(TS_POLL, mode, "default", ms, c, ceiling * 0.45, ms == 0 ? 2.0 : 9.8, 9.5, 180));
                ingest.add(ingest(REDUCTOR, mode, "default", ms, c, ceiling * 0.95, 2.0, 1.9, 180));
                if (mode.equals(COLD)) {
                    ingest.add(ingest(REDUCTOR, mode, "batch", ms, c, ceiling * 0.97, 2.0, 1.6, 120));
                }
                ingest.add(ingest(TS_LONG_POLL, mode, "default", ms, c, ceiling * 0.6, 2.1, 7.25, 180));
                ingest.add(ingest(RAW, mode, "default", ms, c, ceiling, 2.0, 1.5, 300));
                ingest.add(ingest(RAW_TREE, mode, "default", ms, c, ceiling * 0.98, 2.0, 1.7, 300));
            }
        }
        return new Report(ENVIRONMENT, ingest,
                List.of(rateLimited(REDUCTOR, 2000, 0, 0, 0, 123.4), rateLimited(TS_POLL, 1500, 300, 200, 0, 95.2)),
                List.of(new UploadRow(REDUCTOR, "direct", 1_000_000_000L, 4.2, 238.1, true, 41.5, 64, 160.2,
                                3.1),
                        new UploadRow(REDUCTOR, "presigned", 1_000_000_000L, 3.9, 256.4, true, 38.0, 64, 150.9,
                                2.8),
                        new UploadRow(TS_POLL, "direct", 1_000_000_000L, 6.3, 158.7, true, Double.NaN,
                                Double.NaN, 310.4, 5.6)),
                List.of(new ListingRow(REDUCTOR, 100_000, 100_000, 100, 2.4, 41_666.7, 30.2, 64, 140.0, 1.9)),
                List.of(new JmhRow("CodecBenchmark.decodeReductorRecords", 210.3, Double.NaN, "ms/op", 2.188e8),
                        new JmhRow("CodecBenchmark.encodeParseRequest", 0.00312, 0.0002, "ms/op", 1952)));
    }

    /** {@link #full()} without the rows of the given clients. */
    static Report without(Report report, String... clients) {
        List<String> drop = List.of(clients);
        return new Report(report.environment(),
                report.ingest().stream().filter(row -> !drop.contains(row.client())).toList(),
                report.rateLimited().stream().filter(row -> !drop.contains(row.client())).toList(),
                report.upload().stream().filter(row -> !drop.contains(row.client())).toList(),
                report.listing().stream().filter(row -> !drop.contains(row.client())).toList(),
                report.jmh());
    }

    static Report smoke(Report report) {
        Environment e = report.environment();
        return new Report(new Environment(e.startedAt(), e.cores(), e.os(), e.jvm(), e.node(), e.tsSdk(), e.commit(),
                true, 20, e.longPoll()), report.ingest(), report.rateLimited(), report.upload(), report.listing(),
                report.jmh());
    }
}
