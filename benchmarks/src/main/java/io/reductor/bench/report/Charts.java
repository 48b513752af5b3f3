package io.reductor.bench.report;

import io.reductor.bench.report.Report.IngestRow;
import io.reductor.bench.report.Report.UploadRow;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The PNG bar charts of a {@link Report}, drawn off-screen with XChart. */
final class Charts {

    static final String INGEST_THROUGHPUT = "ingest-throughput.png";
    static final String INGEST_CPU = "ingest-cpu.png";
    static final String UPLOAD = "upload.png";

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final int PANEL_HEIGHT = 400;

    static {
        // Charts are only ever drawn into images; never look for a display.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * Writes the charts that have data into {@code directory}.
     *
     * @return the file names written
     */
    static List<String> write(Report report, Path directory) throws IOException {
        List<String> written = new ArrayList<>();
        if (!report.ingest().isEmpty()) {
            save(ingest(report, "Ingest throughput, jobs/s (higher is better)", "jobs/s", IngestRow::jobsPerSecond),
                    directory.resolve(INGEST_THROUGHPUT));
            written.add(INGEST_THROUGHPUT);
            save(ingest(report, "Client CPU per 1,000 jobs (lower is better)", "CPU s per 1,000 jobs",
                    IngestRow::cpuSecondsPer1000), directory.resolve(INGEST_CPU));
            written.add(INGEST_CPU);
        }
        if (!report.upload().isEmpty()) {
            save(List.of(upload(report)), directory.resolve(UPLOAD));
            written.add(UPLOAD);
        }
        return written;
    }

    /**
     * One panel per processing time, stacked: jobs/s at 0 ms and at 2,000 ms differ by orders of magnitude, so a
     * shared axis would flatten the slow settings.
     */
    private static List<CategoryChart> ingest(Report report, String metric, String yAxis,
                                              ToDoubleFunction<IngestRow> value) {
        List<IngestSetting> all = IngestSetting.all(report);
        List<Integer> processingTimes = all.stream().map(IngestSetting::processingMs).distinct().toList();
        int height = processingTimes.size() == 1 ? HEIGHT : Math.max(PANEL_HEIGHT, HEIGHT / processingTimes.size());
        List<String> contenders = report.ingest().stream().sorted(ReportTables.ingestOrder())
                .map(ReportTables::contender).distinct().toList();
        List<CategoryChart> panels = new ArrayList<>();
        for (int processingMs : processingTimes) {
            List<IngestSetting> settings = all.stream().filter(setting -> setting.processingMs() == processingMs)
                    .toList();
            List<String> categories = settings.stream().map(IngestSetting::label).toList();
            CategoryChart chart = chart(report, metric + ", " + processingMs + " ms processing", height,
                    "scenario (simulator processing time / concurrency)", yAxis);
            for (String contender : contenders) {
                List<Double> values = settings.stream()
                        .map(setting -> setting.rows(report).stream()
                                .filter(row -> ReportTables.contender(row).equals(contender)).findFirst()
                                .map(value::applyAsDouble).orElse(null))
                        .toList();
                chart.addSeries(contender, categories, finite(values));
            }
            panels.add(chart);
        }
        return panels;
    }

    private static CategoryChart upload(Report report) {
        Map<String, List<UploadRow>> byCategory = new LinkedHashMap<>();
        report.upload().forEach(row -> byCategory.computeIfAbsent(Targets.uploadLabel(row).substring("upload ".length()),
                key -> new ArrayList<>()).add(row));
        List<String> categories = List.copyOf(byCategory.keySet());
        CategoryChart chart = chart(report, "Upload of a large file, MB/s (higher is better)", HEIGHT,
                "upload path and size", "MB/s");
        for (String client : clients(report.upload(), UploadRow::client)) {
            List<Double> values = categories.stream().map(category -> byCategory.get(category).stream()
                    .filter(row -> row.client().equals(client)).findFirst()
                    .map(UploadRow::mbPerSecond).orElse(null)).toList();
            chart.addSeries(client, categories, finite(values));
        }
        return chart;
    }

    private static CategoryChart chart(Report report, String metric, int height, String xAxis, String yAxis) {
        String title = metric + "  |  " + ReportTables.stamp(report.environment());
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(height).title(title)
                .xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        CategoryStyler styler = chart.getStyler();
        styler.setChartTitleFont(titleFont(title));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setAvailableSpaceFill(0.85);
        styler.setOverlapped(false);
        styler.setLabelsVisible(true);
        styler.setLabelsRotation(90);
        styler.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        styler.setDecimalPattern("#,##0.##");
        styler.setYAxisMin(0.0);
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return chart;
    }

    /** The largest font up to 16 points in which the title fits the chart's width (a JVM version can be long). */
    private static Font titleFont(String title) {
        FontRenderContext context = new FontRenderContext(null, true, true);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 16);
        while (font.getSize() > 8 && font.getStringBounds(title, context).getWidth() > WIDTH - 120) {
            font = font.deriveFont((float) font.getSize() - 1);
        }
        return font;
    }

    private static <T> List<String> clients(List<T> rows, Function<T, String> client) {
        return rows.stream().sorted(ReportTables.byClient(client)).map(client).distinct().toList();
    }

    /** Missing or non-finite values stay out of the chart (no bar) rather than being drawn as zero. */
    private static List<Double> finite(List<Double> values) {
        return values.stream().map(value -> Optional.ofNullable(value).filter(Double::isFinite).orElse(null))
                .toList();
    }

    private static void save(List<CategoryChart> panels, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(panels, panels.size(), 1, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
