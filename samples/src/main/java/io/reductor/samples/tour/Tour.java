package io.reductor.samples.tour;

import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadSource;
import io.reductor.testkit.ReductoSimulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the tour samples share: where the client points, and the bundled documents. With {@code REDUCTO_API_KEY} set,
 * the real API, configured as {@link ReductoClient#create()} does (the key, and {@code REDUCTO_BASE_URL} when set);
 * without it, an embedded {@link ReductoSimulator} (no account, no network), announced first. Closing stops the
 * simulator.
 */
final class Tour implements AutoCloseable {

    private final ReductoSimulator simulator;
    private final Supplier<ReductoClient.Builder> builder;
    private final ReductoClient client;

    private Tour(ReductoSimulator simulator, Supplier<ReductoClient.Builder> builder) {
        this.simulator = simulator;
        this.builder = builder;
        this.client = builder.get().build();
    }

    /** Starts a sample with a default simulator when there is no API key. */
    static Tour start(String sample, Map<String, String> environment, PrintStream out) {
        return start(sample, environment, out, settings -> { });
    }

    /** Starts a sample; without an API key, with a simulator configured by {@code settings}. */
    static Tour start(String sample, Map<String, String> environment, PrintStream out,
            Consumer<ReductoSimulator.Builder> settings) {
        String key = environment.get(ReductoClient.API_KEY_VARIABLE);
        if (key != null && !key.isBlank()) {
            String baseUrl = environment.getOrDefault(ReductoClient.BASE_URL_VARIABLE, "").strip();
            out.println(sample + " against " + (baseUrl.isEmpty() ? "the Reducto API" : baseUrl));
            return new Tour(null, () -> baseUrl.isEmpty() ? ReductoClient.builder().apiKey(key)
                    : ReductoClient.builder().apiKey(key).baseUrl(baseUrl));
        }
        ReductoSimulator.Builder simulatorSettings = ReductoSimulator.builder();
        settings.accept(simulatorSettings);
        ReductoSimulator simulator = simulatorSettings.start();
        out.println(sample + ": no " + ReductoClient.API_KEY_VARIABLE + " set, so running against the embedded Reducto"
                + " simulator at " + simulator.baseUrl() + " (no account, no network)");
        return new Tour(simulator, () -> ReductoClient.builder().apiKey(simulator.apiKey())
                .baseUrl(simulator.baseUrl()));
    }

    /** The client. */
    ReductoClient client() {
        return client;
    }

    /** A fresh builder pointed where {@link #client()} points, for a client with other settings. */
    ReductoClient.Builder builder() {
        return builder.get();
    }

    /** The simulator, when running without an API key. */
    Optional<ReductoSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    /** Stops the simulator, if any. */
    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /** One of the PDFs bundled with the samples, such as {@code invoice-acme-1042.pdf}, ready to upload. */
    static UploadSource document(String name) {
        return UploadSource.of(bytes(name), name);
    }

    /** The bytes of a bundled PDF. */
    static byte[] bytes(String name) {
        try (InputStream in = Tour.class.getResourceAsStream("/io/reductor/samples/documents/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No bundled document " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
