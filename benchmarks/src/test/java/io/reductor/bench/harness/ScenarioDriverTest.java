package io.reductor.bench.harness;

import io.reductor.bench.clients.Client;
import io.reductor.bench.scenarios.IngestScenario;
import io.reductor.bench.scenarios.UploadScenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioDriverTest {

    @Test
    void theClientsTakeTurnsGoingFirst() {
        List<String> clients = List.of("a", "b", "c");

        assertThat(ScenarioDriver.rotated(clients, 0)).containsExactly("a", "b", "c");
        assertThat(ScenarioDriver.rotated(clients, 1)).containsExactly("b", "c", "a");
        assertThat(ScenarioDriver.rotated(clients, 2)).containsExactly("c", "a", "b");
        assertThat(ScenarioDriver.rotated(clients, 3)).containsExactly("a", "b", "c");
        assertThat(clients).containsExactly("a", "b", "c");
    }

    @Test
    void theMedianRunIsReported() {
        assertThat(ScenarioDriver.median(List.of(3.0, 1.0, 2.0), Double::doubleValue)).isEqualTo(2.0);
        assertThat(ScenarioDriver.median(List.of(5.0), Double::doubleValue)).isEqualTo(5.0);
        assertThat(ScenarioDriver.median(List.of(4.0, 1.0), Double::doubleValue)).isEqualTo(4.0);
    }

    @Test
    void eachClientRunsInEachModeAndReductorAlsoInEachRecipeOfTheMode() {
        IngestScenario ingest = new IngestScenario(RunOptions.parse("--jvm-recipes=c1,service-32m,batch"));
        IngestScenario.Load load = ingest.settings().get(0);

        List<Contender> contenders = ScenarioDriver.contenders(ingest, load, List.of(Client.values()));

        assertThat(contenders).containsExactly(
                new Contender(Client.REDUCTOR, Mode.COLD, JvmRecipe.DEFAULT),
                new Contender(Client.REDUCTOR, Mode.COLD, JvmRecipe.C1),
                new Contender(Client.REDUCTOR, Mode.COLD, JvmRecipe.BATCH),
                new Contender(Client.REDUCTOR, Mode.WARM, JvmRecipe.DEFAULT),
                new Contender(Client.REDUCTOR, Mode.WARM, JvmRecipe.SERVICE),
                Contender.cold(Client.RAW_REACTOR_NETTY),
                new Contender(Client.RAW_REACTOR_NETTY, Mode.WARM, JvmRecipe.DEFAULT),
                Contender.cold(Client.RAW_REACTOR_NETTY_TREE),
                new Contender(Client.RAW_REACTOR_NETTY_TREE, Mode.WARM, JvmRecipe.DEFAULT),
                Contender.cold(Client.TS_SDK_POLL),
                new Contender(Client.TS_SDK_POLL, Mode.WARM, JvmRecipe.DEFAULT),
                Contender.cold(Client.TS_SDK_LONG_POLL),
                new Contender(Client.TS_SDK_LONG_POLL, Mode.WARM, JvmRecipe.DEFAULT));
        assertThat(contenders.get(2).nameSuffix()).isEqualTo("-batch");
        assertThat(contenders.get(3).nameSuffix()).isEqualTo("-warm");
        assertThat(contenders.get(2).label()).isEqualTo("cold, batch JVM");
        assertThat(contenders.get(4).nameSuffix()).isEqualTo("-warm-service-32m");
    }

    @Test
    void aScenarioWithoutModesOrRecipesRunsEachClientOnceCold() {
        UploadScenario upload = new UploadScenario(RunOptions.parse("--modes=warm"));

        assertThat(ScenarioDriver.contenders(upload, "direct", List.of(Client.REDUCTOR, Client.RAW_REACTOR_NETTY)))
                .containsExactly(Contender.cold(Client.REDUCTOR), Contender.cold(Client.RAW_REACTOR_NETTY));
    }
}
