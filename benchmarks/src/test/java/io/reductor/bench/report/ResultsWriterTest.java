package io.reductor.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reductor.bench.report.Report.JmhRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.reductor.bench.report.Fixtures.RAW;
import static io.reductor.bench.report.Fixtures.TS_LONG_POLL;
import static org.assertj.core.api.Assertions.assertThat;

class ResultsWriterTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path directory;

    @Test
    void writesEveryFileIntoTheDirectory() throws IOException {
        Path target = directory.resolve("results/run-1");

        ResultsWriter.write(Fixtures.full(), target);

        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(
                    "results.json", "ingest.csv", "rate-limited.csv", "upload.csv", "listing.csv", "jmh.csv",
                    "summary.md",
                    "ingest-throughput.png", "ingest-cpu.png", "upload.png");
        }
    }

    @Test
    void pngFilesAreRealImages() throws IOException {
        ResultsWriter.write(Fixtures.full(), directory);

        for (String name : List.of("ingest-throughput.png", "ingest-cpu.png", "upload.png")) {
            byte[] png = Files.readAllBytes(directory.resolve(name));
            assertThat(Arrays.copyOf(png, PNG_SIGNATURE.length)).as(name).isEqualTo(PNG_SIGNATURE);
            assertThat(png.length).as(name).isGreaterThan(10_000);
        }
    }

    @Test
    void chartsDrawAClientMissingFromSomeScenariosWithoutItsBars() throws IOException {
        Report full = Fixtures.full();
        Report partial = new Report(full.environment(), full.ingest().stream()
                .filter(row -> !(row.client().equals(RAW) && row.concurrency() == 16)).toList(),
                full.rateLimited(), full.upload(), full.listing(), full.jmh());

        ResultsWriter.write(partial, directory);

        assertThat(Files.size(directory.resolve("ingest-throughput.png"))).isGreaterThan(10_000);
    }

    @Test
    void csvHasTheEnvironmentStampTheComponentNamesAndOneLinePerRow() throws IOException {
        ResultsWriter.write(Fixtures.full(), directory);

        List<String> lines = Arrays.asList(Files.readString(directory.resolve("ingest.csv")).split("\r\n"));

        assertThat(lines.subList(0, 10)).containsExactly("# startedAt: 2026-11-24T10:00:00Z", "# cores: 8",
                "# os: Linux 6.1 amd64", "# jvm: Eclipse Adoptium OpenJDK 64-Bit Server VM 17.0.15+6",
                "# node: v22.11.0", "# tsSdk: reductoai 0.11.0", "# commit: ad7d7dd", "# smoke: false",
                "# documents: 1000", "# longPoll: until the next status change");
        assertThat(lines.get(10)).isEqualTo("client,mode,jvm,processingMs,concurrency,documents,completed,failed,"
                + "seconds,jobsPerSecond,requestsPerJob,cpuSecondsPer1000,allocatedKibPerJob,processCpuSeconds,"
                + "peakRssMb");
        assertThat(lines).hasSize(11 + 3 * 11);
        assertThat(lines.get(11)).startsWith("ts-sdk-poll,cold,default,0,16,1000,1000,0,").endsWith(",NaN,11,180");
        assertThat(lines.get(13)).startsWith("reductor,cold,batch,0,16,1000,1000,0,").endsWith(",1.6,150.5,3.1,120");
        assertThat(Files.readString(directory.resolve("upload.csv"))).contains(
                "ts-sdk-poll,direct,1000000000,6.3,158.7,true,NaN,NaN,310.4,5.6\r\n");
        assertThat(Files.readString(directory.resolve("rate-limited.csv"))).contains(
                "client,mode,requestsPerSecond,pollsPerSecond,concurrency,documents,completed,failed,rejected,"
                        + "stalledUploads,jobsCreated,duplicateJobs,rateLimitedAnswers,requestsPerDocument,seconds,"
                        + "floorSeconds,floorMultiple,cpuSeconds,allocatedKibPerDocument,processCpuSeconds,"
                        + "peakRssMb\r\n",
                "ts-sdk-poll,cold,50,20,64,2000,1500,300,200,100,1800,0,900,3.45,95.2,120,");
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaks() {
        Report.Environment environment = Fixtures.ENVIRONMENT;
        List<JmhRow> rows = List.of(new JmhRow("Codec.decode, \"large\"", 1e-7, 0.5, "ms/op", 1200),
                new JmhRow("two\nlines", 12, Double.NaN, "ms/op", Double.NaN));

        String csv = ResultsWriter.csv(environment, JmhRow.class, rows);

        assertThat(csv).endsWith("benchmark,score,error,unit,allocBytesPerOp\r\n"
                + "\"Codec.decode, \"\"large\"\"\",0.0000001,0.5,ms/op,1200\r\n"
                + "\"two\nlines\",12,NaN,ms/op,NaN\r\n");
        assertThat(ResultsWriter.quote("plain")).isEqualTo("plain");
        assertThat(ResultsWriter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(ResultsWriter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }

    @Test
    void jsonRoundTripsIntoAnEqualReport() throws IOException {
        Report report = Fixtures.full();
        ResultsWriter.write(report, directory);
        Path json = directory.resolve("results.json");

        assertThat(Files.readString(json)).contains("\n  \"environment\" : {");
        assertThat(ResultsWriter.read(json)).isEqualTo(report);
        assertThat(new ObjectMapper().readValue(json.toFile(), Report.class)).isEqualTo(report);
    }

    @Test
    void summaryHasTheStampTablesVerdictsAndCharts() throws IOException {
        ResultsWriter.write(Fixtures.without(Fixtures.full(), TS_LONG_POLL), directory);

        String summary = Files.readString(directory.resolve("summary.md"), StandardCharsets.UTF_8);

        assertThat(summary).contains("| cores | 8 |", "| node | v22.11.0 |",
                "| jvm | Eclipse Adoptium OpenJDK 64-Bit Server VM 17.0.15+6 |",
                "### Ingest", "### Rate-limited ingest", "### Upload", "### Listing", "### JMH",
                "| 50/s, 20 polls/s, c64 | reductor | cold | 2,000 | 2,000 | 0 | 0 | 0 | 2,000 | 0 | 900 | 3.45 |"
                        + " 123.4 | 120.0 | 1.03x | 20.50 | 310.3 | 300.0 |",
                "| met | T6 | rate-limited 50/s, 20 polls/s, c64 cold | reductor ingests every document once, within"
                        + " 1.3x the floor |",
                "| MISSED | T1 | 0 ms / c16 warm | reductor CPU per job <= 0.5x ts-sdk-longpoll's | not measured |",
                "| MISSED | T1 | 0 ms / c16 cold | reductor [batch JVM] CPU per job <= 1x ts-sdk-longpoll's |"
                        + " not measured |",
                "| met | T3 | 0 ms / c64 cold | reductor jobs/s >= 0.9x raw-reactor-netty's | 0.95x ",
                "![ingest-throughput.png](ingest-throughput.png)", "![upload.png](upload.png)");
        assertThat(summary).doesNotContain("SMOKE RUN");
    }

    @Test
    void smokeRunsSayTheirFiguresMeanNothing() throws IOException {
        Report smoke = Fixtures.smoke(Fixtures.full());
        ResultsWriter.write(smoke, directory);

        assertThat(Files.readString(directory.resolve("summary.md"))).contains("SMOKE RUN", "(smoke run: meaningless)");
        assertThat(ResultsWriter.table(smoke)).contains("*** SMOKE RUN", "(smoke run: meaningless)");
    }

    @Test
    void anEmptyReportStillWritesTablesAndVerdictsButNoCharts() throws IOException {
        Report empty = new Report(Fixtures.ENVIRONMENT, List.of(), List.of(), List.of(), List.of(), List.of());

        ResultsWriter.write(empty, directory);

        assertThat(directory.resolve("ingest.csv")).exists();
        assertThat(directory.resolve("ingest-throughput.png")).doesNotExist();
        assertThat(Files.readString(directory.resolve("summary.md")))
                .contains("(no ingest or upload rows, so no charts)", "0 of 22 targets met");
    }

    @Test
    void tableAlignsScenariosWithRatiosAndListsTheVerdicts() {
        String table = ResultsWriter.table(Fixtures.full());

        assertThat(table).startsWith("Reductor end-to-end benchmarks: 8 cores, JVM Eclipse Adoptium OpenJDK 64-Bit "
                + "Server VM 17.0.15+6, Node v22.11.0\n");
        // the raw and TypeScript ratios compare rows of the same mode; each JVM recipe is a row of its own
        assertThat(table).containsPattern("0 ms / c64 +reductor +cold +default +1000/0 +0\\.29 +3,420\\.0 +0\\.95x"
                + " +1\\.58x +2\\.00 +1\\.900 +1\\.27x +0\\.26x +150\\.5 +3\\.40 +180\\.0\n"
                + " +reductor +cold +batch +1000/0 +0\\.29 +3,492\\.0 +0\\.97x +1\\.62x +2\\.00 +1\\.600 +1\\.07x"
                + " +0\\.22x +150\\.5 +3\\.10 +120\\.0\n"
                + " +reductor +warm +default +1000/0 ");
        assertThat(table).containsPattern(" +ts-sdk-poll +warm +default +1000/0 +0\\.62 +1,620\\.0 +0\\.45x +0\\.75x"
                + " +2\\.00 +9\\.500 +6\\.33x +1\\.31x +n/a ");
        assertThat(table).containsPattern("50/s, 20 polls/s, c64 +reductor +cold +2,000 +2,000 +0 +0 +0 +2,000 +0"
                + " +900 +3\\.45 +123\\.4 +120\\.0 +1\\.03x +20\\.50 +310\\.3 +300\\.0\n"
                + " +ts-sdk-poll +cold +2,000 +1,500 +300 +200 +100 +1,800 ");
        assertThat(table).contains("Upload\n", "Listing\n", "JMH\n", "Targets (measured and reported, not asserted)",
                "61 of 61 targets met (informational verdicts not counted)");
    }
}
