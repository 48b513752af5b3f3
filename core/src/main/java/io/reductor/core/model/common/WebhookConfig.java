package io.reductor.core.model.common;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.RawJson;
import io.reductor.core.json.UnionDecoder;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where Reducto reports an async job's completion ({@code async.webhook}): signed delivery through Svix to the
 * channels configured with {@code /configure_webhook}, or an unsigned POST straight to a URL. Chosen by {@code mode}; a
 * mode this version does not know is kept as raw JSON in {@link Unknown}, which is also how to send a mode newer than
 * this version. A request-side union (see {@link UnionDecoder} for the rule): values are checked when built, and
 * decoding anything but an object fails.
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
     * @param json the configuration: an object whose {@code mode} is neither {@code svix} nor {@code direct}
     */
    record Unknown(JsonNode json) implements WebhookConfig, RawJson {
        /**
         * Checks the JSON is an object with a {@code mode} this version does not know.
         *
         * @throws IllegalArgumentException otherwise, naming the field and the value
         */
        public Unknown {
            RawJson.requireUnknownKind(json, "mode", Decoder.MODES.keySet());
            if (RawJson.text(json, "mode") == null) {
                throw new IllegalArgumentException("mode must be given (without one the configuration is read as svix "
                        + "or direct) but was " + json.get("mode"));
            }
        }
    }

    /**
     * Reads by {@code mode}; without one (absent or null), a {@code url} means direct and anything else Svix (the
     * spec's default).
     */
    final class Decoder extends UnionDecoder<WebhookConfig> {
        private static final long serialVersionUID = 1L;

        private static final Map<String, Class<? extends WebhookConfig>> MODES =
                Map.of("svix", SvixWebhookConfig.class, "direct", DirectWebhookConfig.class);

        Decoder() {
            super(WebhookConfig.class, SvixWebhookConfig.class, DirectWebhookConfig.class);
        }

        @Override
        protected WebhookConfig decode(JsonNode json, DeserializationContext context) throws IOException {
            if (!json.isObject()) {
                return context.reportInputMismatch(WebhookConfig.class,
                        "expected a webhook configuration object but found %s", json.getNodeType());
            }
            String mode = text(json, "mode");
            if (mode == null) {
                mode = json.has("url") ? "direct" : "svix";
            }
            Class<? extends WebhookConfig> variant = MODES.get(mode);
            return variant != null ? read(json, variant, context) : new Unknown(json);
        }
    }
}
