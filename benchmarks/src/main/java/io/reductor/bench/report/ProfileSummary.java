package io.reductor.bench.report;

import io.reductor.bench.harness.MeasuredWork;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Says where a client process's time went, from a Java Flight Recorder file written by a run with {@code --jfr=true}:
 * CPU per thread group (event loops, JIT compiler threads, ...), the methods most often on top of the stack, and the
 * share of samples spent inside chosen areas (JSON decoding, the transport, Reactor Netty, ...). When the recording
 * holds the client's {@link MeasuredWork} event, only what happened during the measured work counts: a warm run's
 * warm-up is left out.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar io.reductor.bench.report.ProfileSummary <file.jfr> [top]}</pre>
 */
public final class ProfileSummary {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** Areas a sample is counted in when any of its frames belongs to them (so they overlap). */
    private static final Map<String, List<String>> AREAS = Map.of(
            "Reductor JSON decoding (JsonCodec.decode)", List.of("io.reductor.core.json.JsonCodec.decode"),
            "Reductor JSON encoding (JsonCodec.encode)", List.of("io.reductor.core.json.JsonCodec.encode"),
            "Reductor transport (Transport, NettyExchange)", List.of("io.reductor.reactor.internal.Transport.",
                    "io.reductor.reactor.internal.NettyExchange."),
            "Netty HTTP codec (encode and decode)", List.of("io.netty.handler.codec.http."),
            "Jackson (any)", List.of("com.fasterxml.jackson."));

    private ProfileSummary() {
    }

    /**
     * Prints the summary.
     *
     * @param args the recording, and optionally how many top methods to list (default 25)
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProfileSummary <recording.jfr> [top]");
            System.exit(1);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        RecordedEvent measured = events.stream().filter(event -> event.getEventType().getName()
                .equals(MeasuredWork.NAME)).findFirst().orElse(null);
        Instant from = measured == null ? Instant.MIN : measured.getStartTime();
        Instant to = measured == null ? Instant.MAX : measured.getEndTime();
        System.out.println(measured == null ? "The whole recording (it has no measured-work event)."
                : String.format("The measured work only: %.1f s.", Duration.between(from, to).toMillis() / 1e3));
        Map<String, Double> cpuByThread = new HashMap<>();
        Map<String, Integer> selfByMethod = new HashMap<>();
        Map<String, Integer> samplesByArea = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : events) {
            String type = event.getEventType().getName();
            if (event.getEndTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            if (type.equals("jdk.ThreadCPULoad")) {
                RecordedThread thread = event.getThread();
                String group = thread == null ? "?" : DIGITS.matcher(String.valueOf(thread.getJavaName()))
                        .replaceAll("N");
                cpuByThread.merge(group, event.getDouble("user") + event.getDouble("system"), Double::sum);
            } else if (type.equals("jdk.ExecutionSample")) {
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                selfByMethod.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
                Set<String> areas = new HashSet<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    String method = name(frame);
                    AREAS.forEach((area, prefixes) -> {
                        if (prefixes.stream().anyMatch(method::startsWith)) {
                            areas.add(area);
                        }
                    });
                }
                areas.forEach(area -> samplesByArea.merge(area, 1, Integer::sum));
            }
        }
        double cpuTotal = cpuByThread.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.println("CPU by thread group (share of the JVM's sampled CPU; GC threads are not Java threads and"
                + " are not included):");
        cpuByThread.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .forEach(entry -> System.out.printf("  %5.1f%%  %s%n", 100 * entry.getValue() / cpuTotal,
                        entry.getKey()));
        System.out.printf("%nExecution samples of Java code: %,d%n", samples);
        int total = Math.max(1, samples);
        System.out.println("Inclusive share by area:");
        samplesByArea.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> System.out.printf("  %5.1f%%  %s%n", 100.0 * entry.getValue() / total,
                        entry.getKey()));
        System.out.println("Top methods (self):");
        selfByMethod.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(entry -> System.out.printf("  %5.1f%%  %s%n", 100.0 * entry.getValue() / total,
                        entry.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
