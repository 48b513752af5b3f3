package io.reductor.bench.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.reductor.bench.harness.ChildMain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The upload benchmark with a minimal hand-written Reactor Netty client, the ceiling of our stack: no Reductor code,
 * no models (Jackson's tree), no retries, and none of Reductor's care for the event loop: the direct body reads the
 * file with {@code ByteBufFlux.fromPath} in 256 KiB chunks on the event loop, and the presigned {@code PUT} goes out
 * with {@code sendFile}, which Reactor Netty writes as a zero-copy file region on a plain connection.
 *
 * <ul>
 *   <li>{@code direct}: {@code POST /upload} with {@code Authorization: Bearer <key>} and a {@code multipart/form-data}
 *       body of exact {@code Content-Length}: the part's preamble, the file, the closing boundary.</li>
 *   <li>{@code presigned}: {@code POST /upload} with an empty form ({@code --boundary--}, what the official SDKs send),
 *       which answers {@code presigned_url}; then a {@code PUT} of the raw file there, without the key.</li>
 * </ul>
 *
 * <p>Arguments and {@code RESULT} as {@link ReductorUpload}. Speaks {@link ChildMain}'s protocol.
 */
public final class RawNettyUpload {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The chunk the multipart body reads the file in. */
    private static final int CHUNK_SIZE = 256 * 1024;

    private RawNettyUpload() {
    }

    /**
     * Runs the upload as a {@link ChildMain} process.
     *
     * @param args {@code --name=value} arguments
     */
    public static void main(String[] args) {
        ChildMain.run(args, options -> {
            String path = ChildMain.required(options, "path");
            if (!path.equals("direct") && !path.equals("presigned")) {
                throw new IllegalArgumentException("--path must be direct or presigned but was " + path);
            }
            Path file = Path.of(ChildMain.required(options, "file"));
            long size = Files.size(file);
            String baseUrl = ChildMain.required(options, "base-url").replaceFirst("/+$", "");
            String authorization = "Bearer " + ChildMain.required(options, "api-key");
            HttpClient http = HttpClient.create();
            http.warmup().block();
            return () -> {
                long start = System.nanoTime();
                String fileId = path.equals("direct") ? direct(http, baseUrl, authorization, file, size)
                        : presigned(http, baseUrl, authorization, file, size);
                double seconds = (System.nanoTime() - start) / 1e9;
                return ChildMain.withHeapFigures(Map.of("bytes", size, "seconds", seconds, "fileId", fileId));
            };
        });
    }

    private static String boundary() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("raw-%016x%016x", random.nextLong(), random.nextLong());
    }

    private static String direct(HttpClient http, String baseUrl, String authorization, Path file, long size)
            throws IOException {
        String boundary = boundary();
        byte[] preamble = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName() + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] epilogue = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length = preamble.length + size + epilogue.length;
        JsonNode answer = http
                .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, authorization)
                        .set(HttpHeaderNames.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary)
                        .set(HttpHeaderNames.CONTENT_LENGTH, length))
                .post().uri(baseUrl + "/upload")
                .send(Flux.concat(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(preamble)),
                        ByteBufFlux.fromPath(file, CHUNK_SIZE),
                        Mono.fromSupplier(() -> Unpooled.wrappedBuffer(epilogue))))
                .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> json("POST /upload", response.status().code(), bytes)))
                .block();
        return text(answer, "file_id");
    }

    private static String presigned(HttpClient http, String baseUrl, String authorization, Path file, long size)
            throws IOException {
        String boundary = boundary();
        byte[] emptyForm = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        JsonNode answer = http
                .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, authorization)
                        .set(HttpHeaderNames.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary))
                .post().uri(baseUrl + "/upload")
                .send(Mono.just(Unpooled.wrappedBuffer(emptyForm)))
                .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> json("POST /upload without a file", response.status().code(), bytes)))
                .block();
        String url = text(answer, "presigned_url");
        Integer status = http
                .headers(h -> h.set(HttpHeaderNames.CONTENT_LENGTH, size))
                .put().uri(url)
                .send((request, out) -> out.sendFile(file))
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(text -> {
                    if (response.status().code() != 200) {
                        throw new IllegalStateException("PUT to the presigned URL answered "
                                + response.status().code() + ": " + text);
                    }
                    return response.status().code();
                }))
                .block();
        if (status == null) {
            throw new IllegalStateException("PUT to the presigned URL ended without a response");
        }
        return text(answer, "file_id");
    }

    private static JsonNode json(String operation, int status, byte[] body) {
        if (status != 200) {
            throw new IllegalStateException(operation + " answered " + status + ": "
                    + new String(body, StandardCharsets.UTF_8));
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(operation + " answered a body that is not JSON", e);
        }
    }

    private static String text(JsonNode answer, String field) {
        if (answer == null || !answer.hasNonNull(field)) {
            throw new IllegalStateException("POST /upload answered without " + field + ": " + answer);
        }
        return answer.get(field).asText();
    }
}
