package io.reductor.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.reductor.core.webhook.DirectWebhookVerifier;
import io.reductor.core.webhook.SvixWebhookVerifier;
import io.reductor.core.webhook.WebhookVerifier;
import io.reductor.reactor.KeyLimits;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.RequestPacer;
import io.reductor.reactor.RetryPolicy;
import io.reductor.reactor.webhook.WebhookHub;
import io.reductor.reactor.webhook.WebhookReceiver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.util.function.Consumer;

/**
 * Auto-configures Reductor from the {@code reducto.*} properties ({@link ReductoProperties}):
 * <ul>
 *   <li>a {@link ReductoClient}, closed when the context closes, adjusted by any {@link ReductoClientCustomizer}
 *       beans (which may also give the key, for example of a simulator), and paced by the application's
 *       {@link RequestPacer} bean when it has one (for example the Redis pacer of {@code reductor-redis}), otherwise
 *       by a pacer of its own at the {@code reducto.key-limits.*} when they are set;</li>
 *   <li>with {@code reducto.webhook.secret} set, a {@link WebhookHub} the client awaits jobs with, a
 *       {@link WebhookReceiver} verifying with that secret, and in a WebFlux application the endpoint
 *       {@code POST ${reducto.webhook.path}} ({@link ReductoWebhookHandler});</li>
 *   <li>with {@code reducto.health.enabled=true} and Spring Boot's health support present, a
 *       {@link ReductoHealthIndicator} named {@code reducto};</li>
 *   <li>with Micrometer present, the client observes its exchanges and awaits in the application's
 *       {@code ObservationRegistry} and records its meters in the application's {@code MeterRegistry}, when there are
 *       such beans.</li>
 * </ul>
 * Each bean backs off when the application defines its own of the same type.
 */
@AutoConfiguration
@ConditionalOnClass(ReductoClient.class)
@EnableConfigurationProperties(ReductoProperties.class)
public class ReductoAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public ReductoAutoConfiguration() {
    }

    /**
     * The client, from the properties, the hub and the pacer when there are such beans, and the customizers.
     *
     * @param properties  the {@code reducto.*} settings
     * @param hub         the webhook hub, when webhooks are configured
     * @param pacer       the application's pacer (for example one shared through Redis), when it has one
     * @param customizers the application's adjustments, in order
     * @return the client; Spring closes it on shutdown
     * @throws IllegalStateException when neither the properties nor a customizer give an API key, saying which
     *                               property or variable to set, or when both a pacer bean and
     *                               {@code reducto.key-limits.*} are given
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public ReductoClient reductoClient(ReductoProperties properties, ObjectProvider<WebhookHub> hub,
            ObjectProvider<RequestPacer> pacer, ObjectProvider<ReductoClientCustomizer> customizers) {
        ReductoClient.Builder builder = ReductoClient.builder();
        setIfPresent(properties.apiKey(), key -> builder.apiKey(key.strip()));
        setIfPresent(properties.baseUrl(), url -> builder.baseUrl(url.strip()));
        setIfPresent(properties.environment(), builder::environment);
        setIfPresent(properties.connectTimeout(), builder::connectTimeout);
        setIfPresent(properties.processingTimeout(), builder::processingTimeout);
        setIfPresent(properties.defaultTimeout(), builder::defaultTimeout);
        setIfPresent(properties.responseTimeout(), builder::responseTimeout);
        setIfPresent(properties.totalTimeout(), builder::totalTimeout);
        setIfPresent(properties.maxConnections(), builder::maxConnections);
        setIfPresent(properties.directUploadLimit(), limit -> builder.directUploadLimit(limit.toBytes()));
        builder.retryPolicy(retryPolicy(properties.retry()));
        hub.ifAvailable(builder::webhookHub);
        RequestPacer sharedPacer = pacer.getIfUnique();
        if (sharedPacer != null && properties.keyLimits().given()) {
            throw new IllegalStateException("reducto.key-limits.* set the limits of the client's own pacer, but the "
                    + "application has a RequestPacer bean: make that pacer with the limits and drop the properties");
        }
        if (sharedPacer != null) {
            builder.pacer(sharedPacer);
        } else if (properties.keyLimits().given()) {
            builder.keyLimits(keyLimits(properties.keyLimits()));
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        boolean keyConfigured = properties.apiKey() != null && !properties.apiKey().isBlank();
        try {
            return builder.build();
        } catch (IllegalStateException noKey) {
            if (keyConfigured || !noKey.getMessage().startsWith("No Reducto API key")) {
                throw noKey;
            }
            // the builder's own message names its setter; this one names the property
            throw new IllegalStateException("No Reducto API key: set reducto.api-key (or the REDUCTO_API_KEY "
                    + "environment variable) to a key from Reducto Studio, or give one in a ReductoClientCustomizer");
        }
    }

    /**
     * The client's default retry policy with the {@code reducto.retry.*} values that are set.
     *
     * @param retry the retry properties
     * @return the policy
     */
    static RetryPolicy retryPolicy(ReductoProperties.Retry retry) {
        RetryPolicy policy = RetryPolicy.defaults();
        if (retry.maxRetries() != null) {
            policy = policy.withMaxRetries(retry.maxRetries());
        }
        if (retry.initialBackoff() != null || retry.maxBackoff() != null) {
            policy = policy.withBackoff(retry.initialBackoff() != null ? retry.initialBackoff()
                    : policy.initialBackoff(), retry.maxBackoff() != null ? retry.maxBackoff() : policy.maxBackoff());
        }
        if (retry.maxRateLimitWait() != null) {
            policy = policy.withMaxRateLimitWait(retry.maxRateLimitWait());
        }
        return policy;
    }

    /**
     * The key's limits from the {@code reducto.key-limits.*} values, a limit left out being learned.
     *
     * @param limits the key-limit properties
     * @return the limits
     */
    static KeyLimits keyLimits(ReductoProperties.KeyLimits limits) {
        double unknown = Double.POSITIVE_INFINITY;
        try {
            return new KeyLimits(limits.requestsPerSecond() != null ? limits.requestsPerSecond() : unknown,
                    limits.jobPollsPerSecond() != null ? limits.jobPollsPerSecond() : unknown);
        } catch (IllegalArgumentException wrong) {
            throw new IllegalArgumentException("reducto.key-limits: " + wrong.getMessage(), wrong);
        }
    }

    private static <T> void setIfPresent(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** The webhook beans, present when {@code reducto.webhook.secret} is set. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(WebhookSecretCondition.class)
    static class Webhooks {

        /**
         * Where verified webhooks go; the client's awaits listen to it.
         *
         * @return an in-memory hub that drops repeated deliveries
         */
        @Bean
        @ConditionalOnMissingBean
        WebhookHub reductoWebhookHub() {
            return WebhookHub.create();
        }

        /**
         * Verifies deliveries with the configured secret and mode.
         *
         * @param properties the {@code reducto.*} settings
         * @return the receiver
         */
        @Bean
        @ConditionalOnMissingBean
        WebhookReceiver reductoWebhookReceiver(ReductoProperties properties) {
            ReductoProperties.Webhook webhook = properties.webhook();
            WebhookVerifier verifier = switch (webhook.mode()) {
                case SVIX -> SvixWebhookVerifier.of(webhook.secret().strip());
                case DIRECT -> DirectWebhookVerifier.withSharedSecret(webhook.secret().strip());
            };
            return WebhookReceiver.of(verifier);
        }

        /** The endpoint, in a WebFlux application. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
        @ConditionalOnClass(RouterFunction.class)
        static class Endpoint {

            /**
             * Routes {@code POST ${reducto.webhook.path}} to the handler.
             *
             * @param properties the {@code reducto.*} settings
             * @param receiver   the verifying receiver
             * @param hub        the hub the accepted events are published to
             * @return the route
             */
            @Bean
            RouterFunction<ServerResponse> reductoWebhookRoute(ReductoProperties properties, WebhookReceiver receiver,
                    WebhookHub hub) {
                ReductoWebhookHandler handler = new ReductoWebhookHandler(receiver, hub,
                        properties.webhook().maxBodySize().toBytes());
                return RouterFunctions.route(RequestPredicates.POST(properties.webhook().path()), handler::receive);
            }
        }
    }

    /** Observations of the client, when Micrometer's Observation API is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
    static class Observations {

        /**
         * Gives the client the application's observation registry, when there is one.
         *
         * @param registry the registry, looked up when the client is built
         * @return the customizer
         */
        @Bean
        ReductoClientCustomizer reductoObservationCustomizer(ObjectProvider<ObservationRegistry> registry) {
            return builder -> registry.ifUnique(builder::observationRegistry);
        }
    }

    /** Meters of the client, when Micrometer's metrics are present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Meters {

        /**
         * Gives the client the application's meter registry, when there is one.
         *
         * @param registry the registry, looked up when the client is built
         * @return the customizer
         */
        @Bean
        ReductoClientCustomizer reductoMeterCustomizer(ObjectProvider<MeterRegistry> registry) {
            return builder -> registry.ifUnique(builder::meterRegistry);
        }
    }

    /** The health indicator, when asked for and when Spring Boot's health support is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.ReactiveHealthIndicator")
    @ConditionalOnBooleanProperty(name = "reducto.health.enabled")
    static class HealthCheck {

        /**
         * Checks the API with {@code GET /version}, reusing an answer for {@code reducto.health.cache-for}.
         *
         * @param client     the client
         * @param properties the {@code reducto.*} settings
         * @return the indicator, named {@code reducto} after its bean
         */
        @Bean(name = "reductoHealthIndicator")
        @ConditionalOnMissingBean(name = "reductoHealthIndicator")
        ReductoHealthIndicator reductoHealthIndicator(ReductoClient client, ReductoProperties properties) {
            return new ReductoHealthIndicator(client, properties.health().cacheFor());
        }
    }
}
