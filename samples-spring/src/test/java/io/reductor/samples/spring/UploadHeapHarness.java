package io.reductor.samples.spring;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reductor.testkit.ReductoSimulator;
import io.reductor.testkit.UploadReceipt;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Posts one large generated document to the sample's {@code POST /documents}, streamed and then spooled, and prints
 * a table of the heap each run needed. The application, its client and the embedded simulator (which only counts and
 * hashes uploads here) all run in this JVM, so a heap much smaller than the document shows that nothing holds it.
 * The document's SHA-256 is checked against what the simulator received.
 *
 * <pre>
 * ./mvnw -q -pl samples-spring -am test-compile exec:exec@upload-heap [-Dupload.mib=500]
 * </pre>
 */
public final class UploadHeapHarness {

    private static final int CHUNK = 64 * 1024;
    private static final String BOUNDARY = "heap-harness-boundary";
    private static final AtomicLong liveHeapPeak = new AtomicLong();

    private UploadHeapHarness() {
    }

    /**
     * Runs the two uploads and prints the table.
     *
     * @param args the document's size in MiB (default 500)
     * @throws Exception when an upload fails or arrives altered
     */
    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 500) * 1024 * 1024;
        System.out.printf("document %,d bytes, max heap %,d MiB%n%n", size,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        watchLiveHeap();
        System.out.printf("| path | seconds | MiB/s | GC runs | heap in use at rest (MiB) "
                + "| most heap in use after a GC, during the upload (MiB) | received intact |%n");
        System.out.printf("|---|---|---|---|---|---|---|%n");
        // streamed: the request is under sample.stream-up-to, and the client may send that much directly
        run("streamed straight through (chunked POST /upload)", size,
                "--sample.stream-up-to=2GB", "--reducto.direct-upload-limit=2GB");
        // spooled: the request is over sample.stream-up-to (100MB), so it is spooled and PUT to the presigned URL
        run("spooled to a temporary file, then presigned PUT", size);
    }

    private static void run(String path, long size, String... settings) throws Exception {
        String[] arguments = new String[settings.length + 4];
        arguments[0] = "--server.port=0";
        arguments[1] = "--sample.simulator.discard-uploads=true";
        arguments[2] = "--sample.max-upload-size=4GB";
        arguments[3] = "--logging.level.root=WARN";
        System.arraycopy(settings, 0, arguments, 4, settings.length);
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(ReductorSpringApplication.class)
                .run(arguments)) {
            int port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            ReductoSimulator simulator = application.getBean(ReductoSimulator.class);
            Set<String> inputsBefore = Set.copyOf(simulator.counters().jobsByInput().keySet());
            System.gc();
            long atRest = heapInUse();
            liveHeapPeak.set(0);
            long gcBefore = gcRuns();
            long start = System.nanoTime();

            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            String answer = post(port, size, sent);

            double seconds = (System.nanoTime() - start) / 1e9;
            String fileId = simulator.counters().jobsByInput().keySet().stream()
                    .filter(input -> !inputsBefore.contains(input)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no job was submitted: " + answer));
            UploadReceipt expected = new UploadReceipt(size, HexFormat.of().formatHex(sent.digest()));
            boolean intact = simulator.receivedUpload(fileId).map(expected::equals).orElse(false);
            System.out.printf("| %s | %.1f | %.0f | %d | %.1f | %.1f | %s |%n", path, seconds,
                    size / seconds / (1 << 20), gcRuns() - gcBefore, atRest / (1024.0 * 1024),
                    liveHeapPeak.get() / (1024.0 * 1024), intact ? "yes" : "NO");
            if (!intact) {
                throw new IllegalStateException("the simulator received something else: "
                        + simulator.receivedUpload(fileId));
            }
        }
    }

    /** Posts a multipart request with one {@code file} part of {@code size} generated bytes, with Content-Length. */
    private static String post(int port, long size, MessageDigest digest) {
        byte[] preamble = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"large.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] epilogue = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[CHUNK];
        new Random(42).nextBytes(block);
        Flux<ByteBuf> content = Flux.<ByteBuf, Long>generate(() -> 0L, (offset, sink) -> {
            if (offset >= size) {
                sink.complete();
                return offset;
            }
            int n = (int) Math.min(CHUNK, size - offset);
            block[0] = (byte) (offset / CHUNK); // each chunk differs, so a chunk lost or repeated changes the hash
            digest.update(block, 0, n);
            sink.next(Unpooled.copiedBuffer(block, 0, n));
            return offset + n;
        });
        Flux<ByteBuf> body = Flux.concat(Flux.just(Unpooled.wrappedBuffer(preamble)), content,
                Flux.just(Unpooled.wrappedBuffer(epilogue)));
        return HttpClient.create()
                .headers(headers -> headers
                        .set("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .set("Content-Length", Long.toString(preamble.length + size + epilogue.length)))
                .post().uri("http://127.0.0.1:" + port + "/documents").send(body)
                .responseSingle((response, answer) -> answer.asString().defaultIfEmpty("")
                        .map(text -> {
                            if (response.status().code() != 202) {
                                throw new IllegalStateException("POST /documents answered "
                                        + response.status() + ": " + text);
                            }
                            return text;
                        }))
                .block(Duration.ofMinutes(30));
    }

    /**
     * Records, after every collection, the heap still in use: what the application holds, without the garbage that
     * is waiting to be collected.
     */
    private static void watchLiveHeap() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        NotificationListener afterCollection = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                        .getGcInfo();
                long live = info.getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> heapPools.contains(pool.getKey()))
                        .mapToLong(pool -> pool.getValue().getUsed()).sum();
                liveHeapPeak.accumulateAndGet(live, Math::max);
            }
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(afterCollection, null, null);
        }
    }

    private static long heapInUse() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long gcRuns() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

}
