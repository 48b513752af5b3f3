package io.reductor.core.modules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core's module descriptor: every package is API, so every package is exported, and opened to Jackson databind (and
 * to it alone), which constructs the records and their decoders reflectively; and Jackson can in fact bind every
 * public type when core runs on the module path.
 */
class CoreModuleTest {

    private static final String JACKSON = "com.fasterxml.jackson.databind";

    @Test
    void everyPackageIsExportedAndOpenedToJacksonOnly() {
        ModuleDescriptor core = ModularConsumer.moduleUnderTest();

        assertThat(core.name()).isEqualTo("io.reductor.core");
        assertThat(core.isOpen()).isFalse();
        assertThat(ModularConsumer.exports(core)).isEqualTo(core.packages());
        assertThat(ModularConsumer.opens(core)).isEqualTo(core.packages().stream()
                .map(name -> name + " to " + JACKSON).collect(Collectors.toSet()));
    }

    @Test
    void jacksonBindsEveryPublicTypeOnTheModulePath(@TempDir Path directory) {
        ModularConsumer consumer = ModularConsumer.in(directory);

        ModularConsumer.Compilation compilation = consumer.compile("""
                module consumer {
                    requires io.reductor.core;
                }
                """, Map.of("consumer.BindEverything", """
                package consumer;

                import io.reductor.core.json.JsonCodec;
                import io.reductor.core.model.job.JobResponse;
                import java.lang.module.ModuleReader;
                import java.lang.reflect.Modifier;

                public class BindEverything {
                    public static void main(String[] args) throws Exception {
                        JsonCodec codec = JsonCodec.standard();
                        Module core = JsonCodec.class.getModule();
                        int prepared = 0;
                        int failed = 0;
                        try (ModuleReader reader = ModuleLayer.boot().configuration().findModule(core.getName())
                                .orElseThrow().reference().open()) {
                            for (String entry : reader.list().toList()) {
                                if (!entry.endsWith(".class") || entry.equals("module-info.class")) {
                                    continue;
                                }
                                String name = entry.substring(0, entry.length() - 6).replace('/', '.');
                                Class<?> type = Class.forName(core, name);
                                if (!Modifier.isPublic(type.getModifiers()) || type.isAnnotation()
                                        || type.isInterface() && !type.isSealed()) {
                                    continue;
                                }
                                try {
                                    codec.prepare(type);
                                    prepared++;
                                } catch (RuntimeException e) {
                                    failed++;
                                    System.out.println("cannot bind " + name + ": " + e);
                                }
                            }
                        }
                        JobResponse job = codec.decode(
                                "{\\"status\\":\\"Completed\\",\\"num_pages\\":2,\\"extra\\":1}",
                                JobResponse.class);
                        System.out.println("prepared " + prepared + ", failed " + failed + "; decoded "
                                + job.status().value() + ", encoded " + codec.encodeToString(job));
                        System.exit(failed == 0 ? 0 : 1);
                    }
                }
                """));
        assertThat(compilation.errors()).isEmpty();

        ModularConsumer.Run run = consumer.run("consumer.BindEverything");

        assertThat(run.output()).doesNotContain("cannot bind").containsPattern("prepared [1-9][0-9]+, failed 0")
                .contains("decoded Completed").contains("\"extra\":1");
        assertThat(run.exitCode()).isZero();
    }
}
