package io.reductor.reactor;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on plain sockets, bound to 127.0.0.1 on a random port, that answers each route with a scripted
 * {@link Answer}, including what no well-behaved server library would send: a {@code Content-Length} that lies, a body
 * dribbled byte by byte, a connection reset mid-body. It counts the requests of each route, keeps connections alive
 * between well-formed answers, and stops, connections and all, when closed. Each connection is served on a daemon
 * thread of its own, so a slow answer holds nothing else up.
 */
final class HostileServer implements AutoCloseable {

    /** What the server does with one request. */
    @FunctionalInterface
    interface Answer {
        /**
         * Writes the answer to {@code out}.
         *
         * @return whether the connection stays open for the next request
         */
        boolean write(Socket socket, OutputStream out) throws IOException;
    }

    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "hostile-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Socket, CompletableFuture<Void>> connections = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    /** Starts listening on a random loopback port. */
    HostileServer() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::accept);
    }

    /** The base URL of the server. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Answers every request to {@code route} (such as {@code "GET /job/x"}, without the query) with {@code answer}. */
    void answer(String route, Answer answer) {
        answers.put(route, answer);
    }

    /** How many requests reached {@code route} since the last {@link #reset()}. */
    int requests(String route) {
        AtomicInteger count = seen.get(route);
        return count == null ? 0 : count.get();
    }

    /**
     * Writes {@code bytes} to every open connection, as a server would between responses, and gives what completes
     * when all the connections that took them have been closed.
     */
    CompletableFuture<Void> sendToIdleConnections(byte[] bytes) {
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (Map.Entry<Socket, CompletableFuture<Void>> connection : connections.entrySet()) {
            try {
                connection.getKey().getOutputStream().write(bytes);
                connection.getKey().getOutputStream().flush();
                closed.add(connection.getValue());
            } catch (IOException gone) {
                // closed by the client already, its thread not yet done with it
            }
        }
        return CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new));
    }

    /** Forgets the scripted answers and the counts. */
    void reset() {
        answers.clear();
        seen.clear();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket connection : connections.keySet()) {
            connection.close();
        }
        threads.shutdownNow();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket connection = listener.accept();
                connections.put(connection, new CompletableFuture<>());
                threads.execute(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            boolean open = true;
            while (open) {
                String route = readRequest(in);
                if (route == null) {
                    return;
                }
                seen.computeIfAbsent(route, ignored -> new AtomicInteger()).incrementAndGet();
                Answer answer = answers.getOrDefault(route, respond(404, "{\"detail\":\"Not Found\"}"));
                open = answer.write(connection, out);
                out.flush();
            }
        } catch (IOException gone) {
            // the client went away (as it should, after a body it refused); nothing to do
        } finally {
            connections.remove(connection).complete(null);
        }
    }

    /** Reads one request, its body skipped, and gives its route, or {@code null} at the end of the stream. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new EOFException("request head cut short");
            }
            head.write(next);
            matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : next == '\r' ? 1 : 0;
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head too long");
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        long length = 0;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                length = Long.parseLong(lines[i].substring(colon + 1).trim());
            }
        }
        in.skipNBytes(length);
        String path = requestLine[1];
        int query = path.indexOf('?');
        return requestLine[0].toUpperCase(Locale.ROOT) + " " + (query < 0 ? path : path.substring(0, query));
    }

    // --- answers --------------------------------------------------------------------------------------------------

    /** A well-formed answer with a JSON body; the connection stays open. */
    static Answer respond(int status, String json) {
        return respond(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /** A well-formed answer with these headers (and a true {@code Content-Length}); the connection stays open. */
    static Answer respond(int status, Map<String, String> headers, byte[] body) {
        return (socket, out) -> {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("Content-Length", Integer.toString(body.length));
            out.write(head(status, all));
            out.write(body);
            return true;
        };
    }

    /** The status line and headers, up to the blank line that ends them. */
    static byte[] head(int status, Map<String, String> headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Whatever\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes one chunk of a {@code Transfer-Encoding: chunked} body. */
    static void chunk(OutputStream out, byte[] data, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data, 0, length);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Ends a chunked body. */
    static void lastChunk(OutputStream out) throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
}
