package io.reductor.samples.spring;

/**
 * This application's own address, known once its web server has started (the port may be random): the simulator
 * delivers its webhooks there.
 */
public final class LocalServer {

    private final String host;
    private volatile int port = -1;

    LocalServer(String host) {
        this.host = host == null || host.isBlank() || host.equals("0.0.0.0") ? "127.0.0.1" : host;
    }

    void started(int port) {
        this.port = port;
    }

    /** The port the server listens on. */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the web server has not started yet");
        }
        return port;
    }

    /** An absolute URL of this server for {@code path}. */
    public String url(String path) {
        return "http://" + host + ":" + port() + path;
    }
}
