package io.reductor.reactor;

import io.reductor.core.modules.ModularConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Reactor module's descriptor: {@code io.reductor.reactor} and {@code io.reductor.reactor.webhook} are exported,
 * {@code io.reductor.reactor.internal} is not; an application on the module path cannot compile against the internal
 * package, and can build a client and decode core's records; without Micrometer (an optional dependency, left out of
 * the module path as Maven leaves it out of an application's dependencies) a client sends calls.
 */
class ReactorModuleTest {

    private static final String MODULE_INFO = """
            module consumer {
                requires io.reductor.reactor;
            }
            """;

    @Test
    void onlyThePublicPackagesAreExportedAndNothingIsOpened() {
        ModuleDescriptor reactor = ModularConsumer.moduleUnderTest();

        assertThat(reactor.name()).isEqualTo("io.reductor.reactor");
        assertThat(reactor.packages()).contains("io.reductor.reactor.internal");
        assertThat(ModularConsumer.exports(reactor))
                .containsExactlyInAnyOrder("io.reductor.reactor", "io.reductor.reactor.webhook");
        assertThat(reactor.isOpen()).isFalse();
        assertThat(reactor.opens()).isEmpty();
    }

    @Test
    void anApplicationCannotCompileAgainstTheInternalPackage(@TempDir Path directory) {
        ModularConsumer.Compilation compilation = ModularConsumer.in(directory).compile(MODULE_INFO,
                Map.of("consumer.ReachesInside", """
                        package consumer;

                        import io.reductor.reactor.ReductoClient;
                        import io.reductor.reactor.internal.*;

                        class ReachesInside {
                            ReductoClient client;
                        }
                        """));

        assertThat(compilation.errors()).singleElement().asString()
                .contains("package io.reductor.reactor.internal is not visible");
    }

    @Test
    void anApplicationBuildsAClientAndDecodesRecordsOnTheModulePath(@TempDir Path directory) {
        ModularConsumer consumer = ModularConsumer.in(directory);
        ModularConsumer.Compilation compilation = consumer.compile(MODULE_INFO, Map.of("consumer.BuildsClient", """
                package consumer;

                import io.reductor.core.json.JsonCodec;
                import io.reductor.core.model.upload.Upload;
                import io.reductor.reactor.ReductoClient;

                public class BuildsClient {
                    public static void main(String[] args) {
                        try (ReductoClient client = ReductoClient.builder().apiKey("key")
                                .baseUrl("http://127.0.0.1:1").build()) {
                            Upload upload = JsonCodec.standard().decode(
                                    "{\\"file_id\\":\\"reducto://f.pdf\\",\\"presigned_url\\":null}", Upload.class);
                            System.out.println("built " + client.getClass().getSimpleName() + "; decoded "
                                    + upload.fileId() + "; internal exported: " + ReductoClient.class.getModule()
                                    .isExported("io.reductor.reactor.internal"));
                        }
                    }
                }
                """));
        assertThat(compilation.errors()).isEmpty();

        ModularConsumer.Run run = consumer.run("consumer.BuildsClient");

        assertThat(run.output()).contains("built ReductoClient; decoded reducto://f.pdf; internal exported: false");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void anApplicationWithoutMicrometerSendsCallsOnTheModulePath(@TempDir Path directory) {
        ModularConsumer consumer = ModularConsumer.in(directory);
        ModularConsumer.Compilation compilation = consumer.compile(MODULE_INFO, Map.of("consumer.SendsCall", """
                package consumer;

                import io.reductor.reactor.ReductoClient;
                import io.reductor.reactor.RetryPolicy;

                public class SendsCall {
                    public static void main(String[] args) {
                        try (ReductoClient client = ReductoClient.builder().apiKey("key")
                                .baseUrl("http://127.0.0.1:1").retryPolicy(RetryPolicy.defaults().withMaxRetries(1))
                                .build()) {
                            String answer = client.version().onErrorResume(error -> reactor.core.publisher.Mono
                                    .just(error.getClass().getSimpleName())).block();
                            System.out.println("answer " + answer + "; micrometer present: "
                                    + ModuleLayer.boot().findModule("micrometer.observation").isPresent());
                        }
                    }
                }
                """));
        assertThat(compilation.errors()).isEmpty();

        ModularConsumer.Run run = consumer.run("consumer.SendsCall");

        assertThat(run.output()).contains("answer ReductoConnectionException; micrometer present: false");
        assertThat(run.exitCode()).isZero();
    }
}
