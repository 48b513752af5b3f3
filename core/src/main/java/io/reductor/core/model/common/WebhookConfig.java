package io.reductor.core.model.common;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Where Reducto reports an async job's completion ({@code async.webhook}): signed delivery through Svix to the
 * channels configured with {@code /configure_webhook}, or an unsigned POST straight to a URL. Chosen by {@code mode}; a
 * mode this version does not know is kept as raw JSON.
 */
@JsonDeserialize(using = WebhookConfig.Decoder.class)
public sealed interface WebhookConfig permits SvixWebhookConfig, DirectWebhookConfig, WebhookConfig.Unknown {

    /** Signed delivery through Svix, to all channels. */
    static WebhookConfig svix() {
        return SvixWebhookConfig.builder().build();
    }

    /** Signed delivery through Svix, to the given channels only. */
    static WebhookConfig svix(List<String> channels) {
        return SvixWebhookConfig.builder().channels(channels).build();
    }

    /** Unsigned delivery straight to {@code url} (retried up to three times; expect duplicates). */
    static WebhookConfig direct(String url) {
        return DirectWebhookConfig.builder().url(url).build();
    }

    /**
     * A webhook configuration of a mode this version does not know.
     *
     * @param json the configuration as received
     */
    record Unknown(@JsonValue JsonNode json) implements WebhookConfig {
        /** Checks the JSON is given. */
        public Unknown {
            Objects.requireNonNull(json, "json");
        }
    }

    /**
     * Reads by {@code mode}; without one (absent or null), a {@code url} means direct and anything else Svix (the
     * spec's default).
     */
    final class Decoder extends UnionDecoder<WebhookConfig> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(WebhookConfig.class, SvixWebhookConfig.class, DirectWebhookConfig.class);
        }

        @Override
        protected WebhookConfig decode(JsonNode json, DeserializationContext context) throws IOException {
            if (!json.isObject()) {
                return new Unknown(json);
            }
            String mode = text(json, "mode");
            if (mode == null) {
                mode = json.has("url") ? "direct" : "svix";
            }
            if ("svix".equals(mode)) {
                return read(json, SvixWebhookConfig.class, context);
            }
            return "direct".equals(mode) ? read(json, DirectWebhookConfig.class, context) : new Unknown(json);
        }
    }
}
