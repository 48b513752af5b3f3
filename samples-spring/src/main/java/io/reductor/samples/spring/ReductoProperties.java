package io.reductor.samples.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The {@code reducto.*} settings.
 *
 * @param apiKey            the API key; when absent or blank the application runs against an embedded simulator
 * @param baseUrl           the API's base URL (the client's default when absent); ignored in simulator mode
 * @param webhookSecret     the {@code whsec_} secret webhooks are verified with; in simulator mode, when absent, the
 *                          simulator's generated secret (when given, the simulator signs with it)
 * @param webhookPath       where this application receives webhooks
 * @param connectTimeout    the client's connect timeout (the client's default when absent)
 * @param responseTimeout   the client's response timeout (the client's default when absent)
 * @param processingTimeout the client's processing timeout (the client's default when absent)
 * @param maxUploadSize     the largest document {@code POST /documents} accepts
 * @param maxWebhookSize    the largest webhook body {@code POST /webhooks/reducto} accepts
 */
@ConfigurationProperties(prefix = "reducto")
public record ReductoProperties(
        String apiKey,
        String baseUrl,
        String webhookSecret,
        @DefaultValue("/webhooks/reducto") String webhookPath,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration processingTimeout,
        @DefaultValue("50MB") DataSize maxUploadSize,
        @DefaultValue("64KB") DataSize maxWebhookSize) {

    /** Whether no API key is configured, so that the embedded simulator stands in for the API. */
    public boolean simulatorMode() {
        return apiKey == null || apiKey.isBlank();
    }

    @Override
    public String toString() {
        // never print the key nor the secret
        return "ReductoProperties{simulatorMode=" + simulatorMode() + ", baseUrl=" + baseUrl + ", webhookPath="
                + webhookPath + "}";
    }
}
