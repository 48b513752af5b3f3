package io.reductor.bench.report;

import io.reductor.bench.report.Report.IngestRow;
import io.reductor.bench.report.Report.ListingRow;
import io.reductor.bench.report.Report.UploadRow;
import io.reductor.bench.report.Targets.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reductor.bench.report.Fixtures.RAW;
import static io.reductor.bench.report.Fixtures.RAW_TREE;
import static io.reductor.bench.report.Fixtures.REDUCTOR;
import static io.reductor.bench.report.Fixtures.TS_LONG_POLL;
import static io.reductor.bench.report.Fixtures.TS_POLL;
import static io.reductor.bench.report.Fixtures.WARM;
import static io.reductor.bench.report.Fixtures.ingest;
import static org.assertj.core.api.Assertions.assertThat;

class TargetsTest {

    /** Names the raw client's verdicts, not those of the raw client that reads every answer whole. */
    private static final String RAW_S = RAW + "'s";

    private static List<Verdict> of(List<Verdict> verdicts, String id) {
        return verdicts.stream().filter(verdict -> verdict.id().equals(id)).toList();
    }

    private static Verdict one(List<Verdict> verdicts, String id, String scenario, String targetPart) {
        List<Verdict> found = verdicts.stream().filter(verdict -> verdict.id().equals(id)
                && verdict.scenario().equals(scenario) && verdict.target().contains(targetPart)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void meetsEveryTargetWhenReductorBeatsItsPeers() {
        List<Verdict> verdicts = Targets.evaluate(Fixtures.full());

        // per scenario and mode: T1 x2 variants, T2 x2 variants, T3, T4 x3 clients, T8 x2 variants, and warm T7
        // against both raw clients; then T5 for 2 uploads and 1 listing, T6 for 1 rate-limited setting
        assertThat(verdicts).hasSize(3 * 2 * 10 + 3 * 2 + 3 + 1);
        assertThat(verdicts).allSatisfy(verdict -> assertThat(verdict.met()).as(verdict.toString()).isTrue());
        assertThat(Targets.allMet(verdicts)).isTrue();
        assertThat(of(verdicts, "T1")).extracting(Verdict::scenario)
                .containsExactly("0 ms / c16 cold", "0 ms / c16 cold", "0 ms / c64 cold", "0 ms / c64 cold",
                        "2000 ms / c64 cold", "2000 ms / c64 cold", "0 ms / c16 warm", "0 ms / c16 warm",
                        "0 ms / c64 warm", "0 ms / c64 warm", "2000 ms / c64 warm", "2000 ms / c64 warm");
        Verdict warmCpu = one(verdicts, "T1", "0 ms / c64 warm", TS_POLL);
        assertThat(warmCpu.target()).isEqualTo("reductor CPU per job <= 0.5x ts-sdk-poll's");
        assertThat(warmCpu.measured()).isEqualTo("0.20x (1.9 vs 9.5 CPU s/1000 jobs)");
        // cold, Reductor is compared with the SDK in the batch recipe's JVM, the default JVM's ratio beside it
        Verdict coldCpu = one(verdicts, "T1", "0 ms / c64 cold", TS_POLL);
        assertThat(coldCpu.target()).isEqualTo("reductor [batch JVM] CPU per job <= 1x ts-sdk-poll's");
        assertThat(coldCpu.measured()).isEqualTo("0.17x (1.6 vs 9.5 CPU s/1000 jobs); default JVM 0.20x");
        assertThat(one(verdicts, "T8", "0 ms / c64 cold", TS_POLL).measured())
                .isEqualTo("0.67x (120 vs 180 MiB); default JVM 1.00x");
        assertThat(one(verdicts, "T8", "0 ms / c64 warm", TS_POLL).measured()).isEqualTo("1.00x (180 vs 180 MiB)");
        // with the raw client, like with like: the default JVM's rows
        assertThat(one(verdicts, "T3", "0 ms / c16 cold", RAW).measured())
                .isEqualTo("0.95x (855 vs 900 jobs/s)");
        assertThat(of(verdicts, "T7")).extracting(Verdict::scenario)
                .containsExactly("0 ms / c16 warm", "0 ms / c16 warm", "0 ms / c64 warm", "0 ms / c64 warm",
                        "2000 ms / c64 warm", "2000 ms / c64 warm");
        assertThat(one(verdicts, "T7", "0 ms / c64 warm", RAW_S).measured())
                .isEqualTo("1.27x (1.9 vs 1.5 CPU s/1000 jobs)");
        assertThat(one(verdicts, "T4", "2000 ms / c64 warm", REDUCTOR).measured()).isEqualTo("2 requests/job");
        assertThat(of(verdicts, "T5")).extracting(Verdict::scenario)
                .containsExactly("upload direct 1,000 MB", "upload presigned 1,000 MB", "listing 100,000 jobs");
        Verdict rateLimited = one(verdicts, "T6", "rate-limited 50/s, 20 polls/s, c64 cold", REDUCTOR);
        assertThat(rateLimited.target()).isEqualTo("reductor ingests every document once, within 1.3x the floor");
        assertThat(rateLimited.measured()).isEqualTo("2,000 of 2,000 completed, 0 failed, 0 rejected, 0 duplicates;"
                + " 1.03x the floor (123.4 s vs 120 s)");
    }

    @Test
    void warmReductorIsComparedWithTheSdkInTheServiceRecipeWhenItWasMeasured() {
        Report report = new Report(Fixtures.ENVIRONMENT, List.of(
                ingest(REDUCTOR, WARM, "default", 0, 64, 850, 2.0, 5.0, 240),
                ingest(REDUCTOR, WARM, "service-32m", 0, 64, 840, 2.0, 5.5, 150),
                ingest(TS_POLL, WARM, "default", 0, 64, 900, 2.0, 9.0, 120),
                ingest(TS_LONG_POLL, WARM, "default", 0, 64, 800, 2.0, 12.0, 200),
                ingest(RAW, WARM, "default", 0, 64, 1000, 2.0, 4.0, 300)), List.of(), List.of(), List.of(),
                List.of());

        List<Verdict> verdicts = Targets.evaluate(report);

        Verdict againstPolling = one(verdicts, "T8", "0 ms / c64 warm", TS_POLL);
        assertThat(againstPolling.target()).isEqualTo("reductor [service-32m JVM] peak RSS <= ts-sdk-poll's");
        assertThat(againstPolling.measured()).isEqualTo("1.25x (150 vs 120 MiB); default JVM 2.00x");
        assertThat(againstPolling.met()).isFalse();
        assertThat(one(verdicts, "T8", "0 ms / c64 warm", TS_LONG_POLL).met()).isTrue();
        // with the raw client, like with like: the default JVM's row
        assertThat(one(verdicts, "T7", "0 ms / c64 warm", RAW_S).measured())
                .isEqualTo("1.25x (5 vs 4 CPU s/1000 jobs)");
    }

    @Test
    void missesTheRateLimitTargetWhenReductorLosesDuplicatesOrIsSlow() {
        Report report = new Report(Fixtures.ENVIRONMENT, List.of(), List.of(
                Fixtures.rateLimited(REDUCTOR, 1999, 1, 0, 0, 121),
                Fixtures.rateLimited(REDUCTOR, 1999, 0, 1, 0, 121),
                Fixtures.rateLimited(REDUCTOR, 2000, 0, 0, 1, 121),
                Fixtures.rateLimited(REDUCTOR, 2000, 0, 0, 0, 157),
                Fixtures.rateLimited(REDUCTOR, 2000, 0, 0, 0, 155),
                Fixtures.rateLimited(TS_POLL, 1000, 1000, 0, 0, 60)), List.of(), List.of(), List.of());

        List<Verdict> verdicts = Targets.evaluate(report);

        assertThat(of(verdicts, "T6")).extracting(Verdict::met).containsExactly(false, false, false, false, true);
        assertThat(of(verdicts, "T6").get(2).measured()).isEqualTo("2,000 of 2,000 completed, 0 failed, 0 rejected,"
                + " 1 duplicates; 1.01x the floor (121 s vs 120 s)");
    }

    @Test
    void missesEachTargetWhenReductorFallsShort() {
        Report report = new Report(Fixtures.ENVIRONMENT, List.of(
                ingest(REDUCTOR, 0, 64, 850, 2.6, 10.0),
                ingest(TS_POLL, 0, 64, 900, 2.0, 9.0),
                ingest(TS_LONG_POLL, 0, 64, 800, 3.0, 12.0),
                ingest(REDUCTOR, WARM, "default", 0, 64, 850, 2.6, 5.0, 200),
                ingest(TS_POLL, WARM, "default", 0, 64, 900, 2.0, 9.0, 190),
                ingest(TS_LONG_POLL, WARM, "default", 0, 64, 800, 3.0, 12.0, 210),
                ingest(RAW, WARM, "default", 0, 64, 1000, 2.0, 3.0, 300),
                ingest(RAW_TREE, WARM, "default", 0, 64, 950, 2.0, 4.0, 300)), List.of(),
                List.of(new UploadRow(REDUCTOR, "direct", 100_000_000, 1, 100, true, 64.5, 128, 200, 1)),
                List.of(new ListingRow(REDUCTOR, 10, 10, 1, 1, 10, 64.0, 128, 100, 1)),
                List.of());

        List<Verdict> verdicts = Targets.evaluate(report);

        // cold T1: 10.0 > 1.0 x 9.0 misses; 10.0 <= 1.0 x 12.0 meets
        assertThat(one(verdicts, "T1", "0 ms / c64 cold", TS_POLL).met()).isFalse();
        assertThat(one(verdicts, "T1", "0 ms / c64 cold", TS_LONG_POLL).met()).isTrue();
        // warm T1: 5.0 > 0.5 x 9.0 misses; 5.0 <= 0.5 x 12.0 meets
        assertThat(one(verdicts, "T1", "0 ms / c64 warm", TS_POLL).met()).isFalse();
        assertThat(one(verdicts, "T1", "0 ms / c64 warm", TS_LONG_POLL).met()).isTrue();
        // T2: 850 < 900 misses; 850 >= 800 meets
        assertThat(one(verdicts, "T2", "0 ms / c64 warm", TS_POLL).met()).isFalse();
        assertThat(one(verdicts, "T2", "0 ms / c64 warm", TS_LONG_POLL).met()).isTrue();
        // T3: 850 < 0.9 x 1000
        Verdict raw = one(verdicts, "T3", "0 ms / c64 warm", RAW);
        assertThat(raw.met()).isFalse();
        assertThat(raw.measured()).isEqualTo("0.85x (850 vs 1,000 jobs/s)");
        // T7: 5.0 > 1.3 x 3.0 misses
        assertThat(one(verdicts, "T7", "0 ms / c64 warm", RAW_S).measured())
                .isEqualTo("1.67x (5 vs 3 CPU s/1000 jobs)");
        assertThat(one(verdicts, "T7", "0 ms / c64 warm", RAW_S).met()).isFalse();
        // beside it, for information: 5.0 <= 1.3 x 4.0 against the raw client that reads every answer whole
        Verdict tree = one(verdicts, "T7", "0 ms / c64 warm", RAW_TREE);
        assertThat(tree.target()).isEqualTo("reductor CPU per job <= 1.3x raw-reactor-netty-tree's (informational)");
        assertThat(tree.measured()).isEqualTo("1.25x (5 vs 4 CPU s/1000 jobs)");
        assertThat(tree.met()).isTrue();
        assertThat(tree.informational()).isTrue();
        // T8: 200 MiB > the poll variant's 190, <= the long-poll variant's 210
        assertThat(one(verdicts, "T8", "0 ms / c64 warm", TS_POLL).met()).isFalse();
        assertThat(one(verdicts, "T8", "0 ms / c64 warm", TS_LONG_POLL).met()).isTrue();
        // T4: reductor 2.6 misses, raw 2.0 meets, the TypeScript long-poll 3.0 misses but only informs
        assertThat(one(verdicts, "T4", "0 ms / c64 warm", "reductor <=").met()).isFalse();
        assertThat(one(verdicts, "T4", "0 ms / c64 warm", RAW).met()).isTrue();
        Verdict tsRequests = one(verdicts, "T4", "0 ms / c64 warm", TS_LONG_POLL);
        assertThat(tsRequests.met()).isFalse();
        assertThat(tsRequests.informational()).isTrue();
        // T5: 64.5 MiB misses, exactly 64 MiB meets
        assertThat(of(verdicts, "T5")).extracting(Verdict::met).containsExactly(false, true);
        assertThat(Targets.allMet(verdicts)).isFalse();
    }

    @Test
    void missingPeersAreNotMeasuredAndNotMet() {
        Report report = Fixtures.without(Fixtures.full(), TS_POLL, TS_LONG_POLL);

        List<Verdict> verdicts = Targets.evaluate(report);

        assertThat(verdicts).hasSize(3 * 2 * 10 + 3 * 2 + 3 + 1);
        List<Verdict> tsComparisons = verdicts.stream()
                .filter(verdict -> verdict.target().contains("ts-sdk")).toList();
        assertThat(tsComparisons).hasSize(3 * 2 * 7).allSatisfy(verdict -> {
            assertThat(verdict.met()).isFalse();
            assertThat(verdict.measured()).isEqualTo(Targets.NOT_MEASURED);
        });
        assertThat(of(verdicts, "T3")).allMatch(Verdict::met);
        assertThat(of(verdicts, "T7")).allMatch(Verdict::met);
        assertThat(Targets.allMet(verdicts)).isFalse();
    }

    @Test
    void aModeTheRunDidNotMeasureIsNotMeasuredAndNotMet() {
        Report full = Fixtures.full();
        Report coldOnly = new Report(full.environment(),
                full.ingest().stream().filter(row -> row.mode().equals(Fixtures.COLD)).toList(), full.rateLimited(),
                full.upload(), full.listing(), full.jmh());

        List<Verdict> verdicts = Targets.evaluate(coldOnly);

        assertThat(verdicts.stream().filter(verdict -> verdict.scenario().endsWith(" warm")))
                .hasSize(3 * 10 + 3 * 2)
                .allSatisfy(verdict -> assertThat(verdict.measured()).isEqualTo(Targets.NOT_MEASURED));
        assertThat(verdicts.stream().filter(verdict -> verdict.scenario().endsWith(" cold")))
                .allSatisfy(verdict -> assertThat(verdict.met()).isTrue());
    }

    @Test
    void withoutABatchRowColdRunsCompareTheDefaultJvm() {
        Report full = Fixtures.full();
        Report noRecipe = new Report(full.environment(),
                full.ingest().stream().filter(row -> row.jvm().equals("default")).toList(), full.rateLimited(),
                full.upload(), full.listing(), full.jmh());

        Verdict cpu = one(Targets.evaluate(noRecipe), "T1", "0 ms / c64 cold", TS_POLL);

        assertThat(cpu.target()).isEqualTo("reductor CPU per job <= 1x ts-sdk-poll's");
        assertThat(cpu.measured()).isEqualTo("0.20x (1.9 vs 9.5 CPU s/1000 jobs)");
    }

    @Test
    void missingReductorRowsAreNotMeasured() {
        Report report = Fixtures.without(Fixtures.full(), REDUCTOR);

        List<Verdict> verdicts = Targets.evaluate(report);

        assertThat(verdicts.stream().filter(verdict -> !verdict.target().startsWith(RAW)
                && !verdict.target().startsWith(TS_LONG_POLL)))
                .allSatisfy(verdict -> {
                    assertThat(verdict.met()).isFalse();
                    assertThat(verdict.measured()).isEqualTo(Targets.NOT_MEASURED);
                });
        assertThat(of(verdicts, "T5")).extracting(Verdict::scenario).containsExactly("upload", "listing");
        assertThat(of(verdicts, "T6")).extracting(Verdict::scenario).containsExactly("rate-limited");
    }

    @Test
    void noIngestRowsStillYieldsEveryTargetAsNotMeasured() {
        Report report = new Report(Fixtures.ENVIRONMENT, List.of(), List.of(), List.of(), List.of(), List.of());

        List<Verdict> verdicts = Targets.evaluate(report);

        assertThat(verdicts).extracting(Verdict::id)
                .containsExactly("T1", "T1", "T1", "T1", "T2", "T2", "T2", "T2", "T3", "T3", "T4", "T4", "T4", "T4",
                        "T4", "T4", "T5", "T5", "T6", "T7", "T7", "T8", "T8", "T8", "T8");
        assertThat(verdicts).allSatisfy(verdict -> {
            assertThat(verdict.met()).isFalse();
            assertThat(verdict.measured()).isEqualTo(Targets.NOT_MEASURED);
        });
        assertThat(verdicts.subList(0, 16)).extracting(Verdict::scenario)
                .containsOnly("no ingest scenario cold", "no ingest scenario warm");
    }

    @Test
    void failedJobsAndUnverifiedUploadsShowInTheMeasurement() {
        IngestRow failing = new IngestRow(REDUCTOR, "cold", "default", 0, 64, 1000, 990, 10, 1, 990, 2.0, 1.0, 150,
                2.0, 100);
        Report report = new Report(Fixtures.ENVIRONMENT,
                List.of(failing, ingest(RAW, 0, 64, 1000, 2.0, 1.0)), List.of(),
                List.of(new UploadRow(REDUCTOR, "direct", 1_000_000, 1, 1, false, 10, 64, 100, 1)),
                List.of(new ListingRow(REDUCTOR, 9, 10, 1, 1, 9, 10, 64, 100, 1)), List.of());

        List<Verdict> verdicts = Targets.evaluate(report);

        assertThat(one(verdicts, "T3", "0 ms / c64 cold", RAW).measured())
                .isEqualTo("0.99x (990 vs 1,000 jobs/s); reductor had 10 failed");
        assertThat(of(verdicts, "T5")).extracting(Verdict::measured).containsExactly(
                "10 MiB (max heap 64 MiB); upload NOT verified", "10 MiB (max heap 64 MiB); listed 9 of 10");
    }

    @Test
    void informationalVerdictsDoNotCountInAllMet() {
        List<Verdict> verdicts = List.of(
                new Verdict("T4", "reductor <= 2.5 HTTP requests per job", "0 ms / c64", "2 requests/job", true),
                new Verdict("T4", "ts-sdk-longpoll <= 2.5 HTTP requests per job (informational)", "0 ms / c64",
                        Targets.NOT_MEASURED, false));

        assertThat(verdicts.get(1).informational()).isTrue();
        assertThat(Targets.allMet(verdicts)).isTrue();
    }
}
