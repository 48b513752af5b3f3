package io.reductor.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} process for tests and samples of code wired to Redis (the {@code reductor-redis}
 * module): bound to 127.0.0.1 on a free port, with no persistence, in a temporary directory that {@link #close()}
 * deletes with the stopped process, and stopped at JVM exit if still running. The executable is looked up on the
 * {@code PATH}; without it {@link #start()} fails saying to install the Debian package {@code redis-server}. It does
 * not emulate Redis: it runs the real one.
 */
public final class RedisServer implements AutoCloseable {

    /** What to install when the executable is missing. */
    public static final String MISSING = "redis-server is not on the PATH: this needs a real Redis. Install "
            + "the Debian package redis-server (apt-get install redis-server) or put a redis-server 7 on the PATH";

    private static final String HOST = "127.0.0.1";
    private static final int ATTEMPTS = 5;
    private static final long READY_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long RETRY_MILLIS = 5;

    private final Process process;
    private final Path directory;
    private final int port;
    private final Thread stopAtExit;

    private RedisServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.stopAtExit = new Thread(this::stop, "redis-server-" + port + "-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts a server and waits until it answers {@code PING}.
     *
     * @return the running server
     * @throws IllegalStateException when {@code redis-server} is missing or does not start
     */
    public static RedisServer start() {
        return start(System.getenv("PATH"));
    }

    /**
     * Starts the {@code redis-server} of {@code path} and waits until it answers {@code PING}.
     *
     * @param path the directories to look for the executable in, as in the {@code PATH} variable
     * @return the running server
     * @throws IllegalStateException when {@code redis-server} is missing or does not start
     */
    public static RedisServer start(String path) {
        Path executable = locate(path);
        IllegalStateException failure = null;
        // a port found free can be taken before the server binds it: then the server exits, and another port is tried
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return startOn(executable, freePort());
            } catch (PortTaken taken) {
                failure = new IllegalStateException(taken.getMessage());
            }
        }
        throw failure;
    }

    /**
     * The {@code redis-server} of a {@code PATH}.
     *
     * @param path the directories to look in, as in the {@code PATH} variable
     * @return the executable
     * @throws IllegalStateException with {@link #MISSING} when none of the directories has it
     */
    public static Path locate(String path) {
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                if (directory.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(directory, "redis-server");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(MISSING);
    }

    /**
     * The server's address.
     *
     * @return {@code redis://127.0.0.1:<port>}
     */
    public String uri() {
        return "redis://" + HOST + ":" + port;
    }

    /**
     * The port the server listens on.
     *
     * @return a port of 127.0.0.1
     */
    public int port() {
        return port;
    }

    /**
     * The server's temporary directory.
     *
     * @return its working directory, deleted by {@link #close()}
     */
    public Path directory() {
        return directory;
    }

    /**
     * Whether the server's process is running.
     *
     * @return {@code true} until it stopped
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook stops the server
        }
    }

    private synchronized void stop() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: with nothing to save Redis exits at once
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException interrupted) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        delete(directory);
    }

    private static RedisServer startOn(Path executable, int port) {
        Path directory;
        try {
            directory = Files.createTempDirectory("reductor-redis-");
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
        Path log = directory.resolve("redis.log");
        List<String> command = List.of(executable.toString(), "--port", Integer.toString(port), "--bind", HOST,
                "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--daemonize", "no",
                "--protected-mode", "yes", "--logfile", "");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException error) {
            delete(directory);
            throw new IllegalStateException("Could not run " + executable + ": " + error.getMessage(), error);
        }
        RedisServer server = new RedisServer(process, directory, port);
        try {
            server.awaitReady(log);
            return server;
        } catch (RuntimeException error) {
            server.close();
            throw error;
        }
    }

    /** Connects and sends {@code PING} until the answer is {@code +PONG}, for at most ten seconds. */
    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + READY_WITHIN_NANOS;
        while (true) {
            if (!process.isAlive()) {
                String output = read(log);
                if (output.contains("Address already in use")) {
                    throw new PortTaken("port " + port + " was taken: " + output.strip());
                }
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": " + output);
            }
            if (pong()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not answer PING on " + uri() + " within 10 s: "
                        + read(log));
            }
            try {
                Thread.sleep(RETRY_MILLIS); // a bounded retry of the connection while the server starts
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while redis-server started", interrupted);
            }
        }
    }

    private boolean pong() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = 0;
            while (read < answer.length) {
                int n = in.read(answer, read, answer.length - read);
                if (n < 0) {
                    return false;
                }
                read += n;
            }
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false; // not listening yet, or still loading
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException error) {
            return "(could not read " + log + ": " + error + ")";
        }
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException error) {
            throw new UncheckedIOException("Could not delete " + directory, error);
        }
    }

    /** The server could not bind its port, which another process took after it was found free. */
    private static final class PortTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }
}
