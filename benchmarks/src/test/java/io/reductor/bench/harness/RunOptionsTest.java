package io.reductor.bench.harness;

import io.reductor.bench.clients.Client;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunOptionsTest {

    @Test
    void aFullRunMeasuresEveryScenarioAndClientByDefault() {
        RunOptions options = RunOptions.parse();

        assertThat(RunOptions.SCENARIOS).allMatch(options::runs);
        assertThat(options.clients()).containsExactly(Client.values());
        assertThat(options.documents()).isEqualTo(10_000);
        assertThat(options.processing()).containsExactly(0, 200);
        assertThat(options.concurrency()).containsExactly(64, 256);
        assertThat(options.repetitions(3)).isEqualTo(3);
        assertThat(options.out()).isEqualTo(Path.of("benchmarks/results"));
        assertThat(options.logs()).isEqualTo(Path.of("benchmarks/results/logs"));
        assertThat(options.longPollUntilFinished()).isFalse();
        assertThat(options.flightRecordings()).isFalse();
        assertThat(options.clientJvmOptions()).isEmpty();
        assertThat(options.rateLimits()).containsExactly(new RunOptions.RateLimit(50, 20, 64),
                new RunOptions.RateLimit(1000, 200, 256));
        assertThat(options.rateLimitedDocuments()).isEqualTo(2000);
        assertThat(options.modes()).containsExactly(Mode.COLD, Mode.WARM);
        assertThat(options.jvmRecipes()).containsExactly(JvmRecipe.C1, JvmRecipe.C1_SMALL_HEAP, JvmRecipe.BATCH,
                JvmRecipe.SERVICE);
    }

    @Test
    void modesAndJvmRecipesMayBeChosenOrLeftOut() {
        RunOptions warmOnly = RunOptions.parse("--modes=warm", "--jvm-recipes=batch,default");
        RunOptions noRecipes = RunOptions.parse("--modes=cold", "--jvm-recipes=");

        assertThat(warmOnly.modes()).containsExactly(Mode.WARM);
        assertThat(warmOnly.jvmRecipes()).containsExactly(JvmRecipe.BATCH);
        assertThat(noRecipes.modes()).containsExactly(Mode.COLD);
        assertThat(noRecipes.jvmRecipes()).isEmpty();
        assertThatThrownBy(() -> RunOptions.parse("--modes=hot"))
                .hasMessage("no mode is called hot; the modes are cold, warm");
        assertThatThrownBy(() -> RunOptions.parse("--jvm-recipes=c2"))
                .hasMessage("no JVM recipe is called c2; the recipes are default, c1, c1-serial-64m, batch,"
                        + " service-32m");
        assertThatThrownBy(() -> RunOptions.parse("--modes=")).hasMessage("--modes needs cold, warm or both");
    }

    @Test
    void aSmokeRunIsSmallAndWritesUnderTarget() {
        RunOptions options = RunOptions.parse("--smoke");

        assertThat(options.smoke()).isTrue();
        assertThat(options.documents()).isEqualTo(300);
        assertThat(options.processing()).containsExactly(0);
        assertThat(options.concurrency()).containsExactly(32);
        assertThat(options.rateLimits()).containsExactly(new RunOptions.RateLimit(100, 20, 16));
        assertThat(options.rateLimitedDocuments()).isEqualTo(30);
        assertThat(options.out()).isEqualTo(Path.of("benchmarks/target/smoke-results"));
        assertThat(options.modes()).containsExactly(Mode.COLD, Mode.WARM);
        assertThat(options.jvmRecipes()).containsExactly(JvmRecipe.BATCH, JvmRecipe.SERVICE);
    }

    @Test
    void rateLimitedSettingsAreRequestsSlashPollsAtConcurrency() {
        RunOptions options = RunOptions.parse("--scenarios=rate-limited", "--rate-limits=100/40@32,1000/200@256",
                "--rate-limited-documents=500");

        assertThat(options.runs("rate-limited")).isTrue();
        assertThat(options.runs("ingest")).isFalse();
        assertThat(options.rateLimits()).containsExactly(new RunOptions.RateLimit(100, 40, 32),
                new RunOptions.RateLimit(1000, 200, 256));
        assertThat(options.rateLimitedDocuments()).isEqualTo(500);
        assertThatThrownBy(() -> RunOptions.parse("--rate-limits=50/20"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50/20@64");
        assertThatThrownBy(() -> RunOptions.parse("--rate-limits=0/20@64"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RunOptions.parse("--rate-limited-documents=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void onlyTheIngestOfTwoClientsInOneSettingWithBothSpellings() {
        RunOptions equals = RunOptions.parse("--scenarios=ingest", "--clients=reductor,raw-reactor-netty",
                "--documents=2000", "--processing=50", "--concurrency=64", "--repetitions=3");
        RunOptions spaces = RunOptions.parse("--scenarios", "ingest", "--clients", "reductor,raw-reactor-netty",
                "--documents", "2000", "--processing", "50", "--concurrency", "64", "--repetitions", "3");

        for (RunOptions options : List.of(equals, spaces)) {
            assertThat(options.runs("ingest")).isTrue();
            assertThat(List.of("upload", "listing", "jmh")).noneMatch(options::runs);
            assertThat(options.clients()).containsExactly(Client.REDUCTOR, Client.RAW_REACTOR_NETTY);
            assertThat(options.documents()).isEqualTo(2000);
            assertThat(options.processing()).containsExactly(50);
            assertThat(options.concurrency()).containsExactly(64);
            assertThat(options.repetitions(1)).isEqualTo(3);
        }
    }

    @Test
    void valuesMayHoldEqualsSignsAndDashes() {
        RunOptions options = RunOptions.parse("--client-jvm-options", "-XX:TieredStopAtLevel=1 -Xss1m", "--jfr",
                "--long-poll=until-finished", "--out=benchmarks/target/c1");

        assertThat(options.clientJvmOptions()).containsExactly("-XX:TieredStopAtLevel=1", "-Xss1m");
        assertThat(options.flightRecordings()).isTrue();
        assertThat(options.longPollUntilFinished()).isTrue();
        assertThat(options.logs()).isEqualTo(Path.of("benchmarks/target/c1/logs"));
    }

    @Test
    void unknownOptionsScenariosAndClientsAreRefused() {
        assertThatThrownBy(() -> RunOptions.parse("--document=10"))
                .hasMessageStartingWith("unknown option --document; the options are --client-jvm-options, --clients");
        assertThatThrownBy(() -> RunOptions.parse("--scenarios=ingest,uploads"))
                .hasMessage("no scenario is called uploads; the scenarios are ingest, rate-limited, upload, listing,"
                        + " jmh");
        assertThatThrownBy(() -> RunOptions.parse("--clients=reductor,raw"))
                .hasMessage("no client is called raw; the clients are reductor, raw-reactor-netty,"
                        + " raw-reactor-netty-tree, ts-sdk-poll, ts-sdk-longpoll");
        assertThatThrownBy(() -> RunOptions.parse("--documents")).hasMessage("--documents needs a value");
        assertThatThrownBy(() -> RunOptions.parse("smoke")).hasMessage("options start with -- but got smoke");
        assertThatThrownBy(() -> RunOptions.parse("--long-poll=never"))
                .hasMessage("--long-poll is next-change or until-finished but was never");
    }
}
