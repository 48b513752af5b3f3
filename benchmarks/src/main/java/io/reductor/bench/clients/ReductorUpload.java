package io.reductor.bench.clients;

import io.reductor.bench.harness.ChildMain;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.ReductoClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The upload benchmark with Reductor: one upload of a large file with {@code ReductoClient.upload(Path)}, either direct
 * (multipart {@code POST /upload}) or through the presigned-URL flow.
 *
 * <p>Arguments: {@code --base-url}, {@code --api-key}, {@code --file=<path>}, {@code --path=direct|presigned}. The
 * client is built before {@code READY}; {@code RESULT} is
 * {@code {"bytes", "seconds", "fileId", "heapPeakBytes", "heapMaxBytes"}}. Speaks {@link ChildMain}'s protocol.
 */
public final class ReductorUpload {

    private ReductorUpload() {
    }

    /**
     * Runs the upload as a {@link ChildMain} process.
     *
     * @param args {@code --name=value} arguments
     */
    public static void main(String[] args) {
        ChildMain.run(args, options -> {
            long directUploadLimit = switch (ChildMain.required(options, "path")) {
                case "direct" -> Long.MAX_VALUE;
                case "presigned" -> 0;
                default -> throw new IllegalArgumentException("--path must be direct or presigned but was "
                        + options.get("path"));
            };
            Path file = Path.of(ChildMain.required(options, "file"));
            long size = Files.size(file);
            ReductoClient client = ReductoClient.builder()
                    .apiKey(ChildMain.required(options, "api-key"))
                    .baseUrl(ChildMain.required(options, "base-url"))
                    .directUploadLimit(directUploadLimit)
                    .build();
            return () -> {
                long start = System.nanoTime();
                Upload upload = client.upload(file).block();
                double seconds = (System.nanoTime() - start) / 1e9;
                return ChildMain.withHeapFigures(Map.of("bytes", size, "seconds", seconds, "fileId",
                        upload.fileId()));
            };
        });
    }
}
