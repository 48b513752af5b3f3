package io.reductor.bench.clients;

import io.reductor.bench.harness.ClientProgram;

import java.util.ArrayList;
import java.util.List;

/**
 * The official TypeScript SDK's side of the comparison: the Node script {@code benchmarks/node/ingest.mjs}, which
 * speaks the same process protocol as the Java clients ({@link io.reductor.bench.harness.ChildMain}) and is installed
 * by {@code npm ci} from {@code benchmarks/node/package-lock.json}.
 */
public final class TypeScriptSdk {

    /** The npm package and version measured. */
    public static final String PACKAGE = "reductoai@0.16.0";

    private static final String MODULE = "reductoai";

    private TypeScriptSdk() {
    }

    /**
     * The ingest script for one of the SDK's variants: {@code --count} documents through
     * {@code client.pipeline.runJob}, each awaited with {@code client.job.get}.
     *
     * @param client    {@link Client#TS_SDK_POLL} (a {@code job.get} every 500 ms) or {@link Client#TS_SDK_LONG_POLL}
     *                  ({@code job.get} with {@code query: {timeout: 20}})
     * @param arguments the script's own arguments besides the mode, such as {@code --upload-stall-seconds=10}
     * @return the program; it takes the same arguments as {@link ReductorIngest}
     * @throws IllegalArgumentException for a client that is not the SDK
     */
    public static ClientProgram ingest(Client client, String... arguments) {
        String mode = switch (client) {
            case TS_SDK_POLL -> "poll";
            case TS_SDK_LONG_POLL -> "longpoll";
            default -> throw new IllegalArgumentException(client + " is not the TypeScript SDK");
        };
        List<String> all = new ArrayList<>(List.of("--mode=" + mode));
        all.addAll(List.of(arguments));
        return new ClientProgram.Node("ingest.mjs", MODULE, all);
    }
}
