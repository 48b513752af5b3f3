package io.reductor.testkit;

import io.reductor.core.modules.ModularConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The testkit's module descriptor: the simulator's package and the JUnit extension's are exported, nothing is opened;
 * an application on the module path runs the simulator and parses a document through it end to end.
 */
class TestkitModuleTest {

    @Test
    void theSimulatorAndTheExtensionAreExportedAndNothingIsOpened() {
        ModuleDescriptor testkit = ModularConsumer.moduleUnderTest();

        assertThat(testkit.name()).isEqualTo("io.reductor.testkit");
        assertThat(ModularConsumer.exports(testkit))
                .containsExactlyInAnyOrder("io.reductor.testkit", "io.reductor.testkit.junit");
        assertThat(testkit.isOpen()).isFalse();
        assertThat(testkit.opens()).isEmpty();
    }

    @Test
    void anApplicationParsesADocumentOnTheSimulatorOnTheModulePath(@TempDir Path directory) {
        ModularConsumer consumer = ModularConsumer.in(directory);
        ModularConsumer.Compilation compilation = consumer.compile("""
                module consumer {
                    requires io.reductor.testkit;
                }
                """, Map.of("consumer.ParsesOnSimulator", """
                package consumer;

                import io.reductor.core.model.common.DocumentInput;
                import io.reductor.core.model.parse.FullResult;
                import io.reductor.core.model.parse.ParseRequest;
                import io.reductor.core.model.parse.ParseResponse;
                import io.reductor.reactor.ReductoClient;
                import io.reductor.testkit.ReductoSimulator;
                import java.nio.charset.StandardCharsets;
                import java.time.Duration;

                public class ParsesOnSimulator {
                    public static void main(String[] args) {
                        try (ReductoSimulator simulator = ReductoSimulator.start();
                                ReductoClient client = ReductoClient.builder().apiKey(simulator.apiKey())
                                        .baseUrl(simulator.baseUrl()).build()) {
                            String fileId = simulator.uploadDocument("note.txt",
                                    "Modules keep internals inside".getBytes(StandardCharsets.UTF_8));
                            ParseResponse response = client.parse().run(ParseRequest.builder()
                                    .input(DocumentInput.fileId(fileId)).build())
                                    .block(Duration.ofSeconds(30)).response();
                            FullResult result = (FullResult) response.result();
                            System.out.println("parsed: " + result.chunks().get(0).content());
                        }
                    }
                }
                """));
        assertThat(compilation.errors()).isEmpty();

        ModularConsumer.Run run = consumer.run("consumer.ParsesOnSimulator");

        assertThat(run.output()).contains("parsed: Modules keep internals inside");
        assertThat(run.exitCode()).isZero();
    }
}
