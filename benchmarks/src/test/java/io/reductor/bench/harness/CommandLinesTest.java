package io.reductor.bench.harness;

import io.reductor.bench.clients.ReductorIngest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLinesTest {

    private static final Path JAR = Path.of("benchmarks.jar");
    private static final ClientProgram.Jvm INGEST = new ClientProgram.Jvm(ReductorIngest.class, "-Xmx512m");

    private final CommandLines commands = new CommandLines(
            RunOptions.parse("--out=target/runs", "--client-jvm-options=-Xss1m"), JAR);

    private static List<String> jvmOptions(List<String> command) {
        return command.subList(1, command.indexOf("-cp"));
    }

    @Test
    void theDefaultJvmKeepsTheScenariosHeap() {
        assertThat(jvmOptions(commands.client(INGEST, "reductor-0ms-c64", JvmRecipe.DEFAULT)))
                .containsExactly("-Xmx512m", "-Xss1m");
    }

    @Test
    void eachRecipeAddsToTheOneBefore() {
        assertThat(jvmOptions(commands.client(INGEST, "run", JvmRecipe.C1)))
                .containsExactly("-Xmx512m", "-XX:TieredStopAtLevel=1", "-Xss1m");
        assertThat(jvmOptions(commands.client(INGEST, "run", JvmRecipe.C1_SMALL_HEAP)))
                .containsExactly("-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m");
        String archive = Path.of("target/runs/logs/ReductorIngest.jsa").toAbsolutePath().toString();
        assertThat(jvmOptions(commands.client(INGEST, "run", JvmRecipe.BATCH)))
                .containsExactly("-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-XX:SharedArchiveFile=" + archive, "-Xss1m");
        assertThat(jvmOptions(commands.archiveTraining(INGEST, "run", JvmRecipe.BATCH)))
                .containsExactly("-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-XX:ArchiveClassesAtExit=" + archive, "-Xss1m");
    }

    @Test
    void aNodeClientHasNoArchiveAndIgnoresTheRecipe() {
        ClientProgram.Node node = new ClientProgram.Node("ingest.mjs", "reductoai", List.of("--mode=poll"));

        assertThat(commands.archive(node)).isEmpty();
        assertThat(commands.client(node, "run", JvmRecipe.BATCH))
                .containsExactly("node", Path.of("benchmarks/node/ingest.mjs").toString(), "--mode=poll");
    }
}
