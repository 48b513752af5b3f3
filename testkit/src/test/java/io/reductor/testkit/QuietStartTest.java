package io.reductor.testkit;

import io.reductor.spec.SpecValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first simulator start in a JVM, and its first validation of each operation's body, log no warning. The spec is
 * loaded once per JVM, so this runs in a JVM of its own, on the tests' class path and logging backend.
 */
class QuietStartTest {

    @Test
    void theFirstStartAndTheFirstValidationsInAJvmLogNoWarning(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("output.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FirstStart.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("The JVM did not end: " + Files.readString(output));
        }
        String printed = Files.readString(output);

        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).contains("422 POST /parse", "422 POST /cite").doesNotContain("WARN");
    }

    /** Starts a simulator and sends an empty object to each operation the spec describes with a JSON body. */
    static final class FirstStart {

        private FirstStart() {
        }

        public static void main(String[] args) throws IOException, InterruptedException {
            HttpClient http = HttpClient.newHttpClient();
            try (ReductoSimulator simulator = ReductoSimulator.start()) {
                for (String operation : SpecValidator.instance().operationsWithRequestBody()) {
                    String[] methodAndPath = operation.split(" ", 2);
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder()
                            .uri(URI.create(simulator.baseUrl() + methodAndPath[1]))
                            .header("Authorization", "Bearer " + simulator.apiKey())
                            .header("Content-Type", "application/json")
                            .method(methodAndPath[0], HttpRequest.BodyPublishers.ofString("{}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    System.out.println(response.statusCode() + " " + operation);
                }
            }
        }
    }
}
