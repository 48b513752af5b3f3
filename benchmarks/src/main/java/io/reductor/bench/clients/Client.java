package io.reductor.bench.clients;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The clients the end-to-end benchmarks compare, by the name they carry in options, log files and reports.
 */
public enum Client {

    /** Reductor's {@code ReductoClient} with its defaults (long-poll): {@link ReductorIngest} and its siblings. */
    REDUCTOR("reductor"),
    /**
     * A minimal hand-written Reactor Netty client with no models and no retries, the ceiling of Reductor's stack:
     * {@link RawNettyIngest} and its siblings.
     */
    RAW_REACTOR_NETTY("raw-reactor-netty"),
    /**
     * The same hand-written client reading every answer whole into a Jackson tree, finished jobs' results included,
     * which the raw client never reads: {@link RawNettyTreeIngest}. Compared with Reductor for information.
     */
    RAW_REACTOR_NETTY_TREE("raw-reactor-netty-tree"),
    /** The official TypeScript SDK on Node, polling {@code job.get} ({@link TypeScriptSdk}). */
    TS_SDK_POLL("ts-sdk-poll"),
    /** The official TypeScript SDK on Node, long-polling {@code job.get} with {@code query: {timeout}}. */
    TS_SDK_LONG_POLL("ts-sdk-longpoll");

    private final String id;

    Client(String id) {
        this.id = id;
    }

    /**
     * The client's name in options, log files and reports.
     *
     * @return for example {@code "raw-reactor-netty"}
     */
    public String id() {
        return id;
    }

    /**
     * Whether this is one of the TypeScript SDK's variants.
     *
     * @return {@code true} for {@link #TS_SDK_POLL} and {@link #TS_SDK_LONG_POLL}
     */
    public boolean isTypeScriptSdk() {
        return this == TS_SDK_POLL || this == TS_SDK_LONG_POLL;
    }

    /**
     * The client of a name.
     *
     * @param id a name such as {@code "reductor"}
     * @return the client
     * @throws IllegalArgumentException if no client has that name
     */
    public static Client byId(String id) {
        return Arrays.stream(values()).filter(client -> client.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no client is called " + id + "; the clients are "
                        + Arrays.stream(values()).map(Client::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}
