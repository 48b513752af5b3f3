package io.reductor.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The metadata IDEs read to complete {@code reducto.*}: every property listed, each with a description. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyIsDescribed() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's output").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.path("properties")) {
            names.add(property.path("name").asText());
            assertThat(property.path("description").asText()).as(property.path("name").asText())
                    .isNotBlank().doesNotContain("{@");
        }

        assertThat(names).contains("reducto.api-key", "reducto.base-url", "reducto.environment",
                "reducto.connect-timeout", "reducto.response-timeout", "reducto.total-timeout",
                "reducto.max-connections", "reducto.direct-upload-limit", "reducto.retry.max-retries",
                "reducto.retry.max-rate-limit-wait",
                "reducto.webhook.secret", "reducto.webhook.mode", "reducto.webhook.path",
                "reducto.webhook.max-body-size", "reducto.health.enabled", "reducto.health.cache-for");
    }
}
