package io.reductor.samples.spring;

import io.reductor.core.webhook.SvixWebhookVerifier;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.webhook.WebhookHub;
import io.reductor.reactor.webhook.WebhookReceiver;
import io.reductor.testkit.ReductoSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The Reductor beans: the {@link WebhookHub}, the {@link ReductoClient} built from {@code reducto.*} and fed by the
 * hub, the {@link WebhookReceiver} verifying with the configured secret, and, without an API key, the embedded
 * {@link ReductoSimulator}.
 *
 * <p>The simulator must know where to deliver its webhooks, this application's own URL, whose port is only known
 * once the web server has started. So the simulator, the client and the receiver are {@link Lazy} singletons that
 * {@link #reductorStarter} creates on the {@link ReactiveWebServerInitializedEvent}, on the startup thread (starting
 * the simulator binds a socket: never on an event loop). They are closed on shutdown (client first).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReductoProperties.class)
public class ReductoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ReductoConfiguration.class);

    /** Where verified webhooks go; the client's job watchers listen to it. */
    @Bean
    public WebhookHub webhookHub() {
        return WebhookHub.create();
    }

    /** This application's address, filled in when the web server has started. */
    @Bean
    public LocalServer localServer(@Value("${server.address:127.0.0.1}") String address) {
        return new LocalServer(address);
    }

    /** The embedded simulator, without {@code reducto.api-key}: delivers Svix-signed webhooks to this application. */
    @Bean(destroyMethod = "close")
    @Lazy
    @Conditional(SimulatorMode.class)
    public ReductoSimulator reductoSimulator(ReductoProperties properties, LocalServer server) {
        ReductoSimulator.Builder builder = ReductoSimulator.builder()
                .svixEndpoint(server.url(properties.webhookPath()));
        if (hasText(properties.webhookSecret())) {
            builder.svixSecret(properties.webhookSecret());
        }
        ReductoSimulator simulator = builder.start();
        LOG.info("Reducto simulator at {} delivers signed webhooks to {}", simulator.baseUrl(),
                server.url(properties.webhookPath()));
        return simulator;
    }

    /** The client: the real API with {@code reducto.api-key}, else the simulator; awaits jobs with the hub. */
    @Bean(destroyMethod = "close")
    @Lazy
    public ReductoClient reductoClient(ReductoProperties properties, WebhookHub hub,
            ObjectProvider<ReductoSimulator> simulator) {
        ReductoClient.Builder builder = ReductoClient.builder().webhookHub(hub);
        ReductoSimulator local = properties.simulatorMode() ? simulator.getObject() : null;
        if (local != null) {
            builder.apiKey(local.apiKey()).baseUrl(local.baseUrl());
        } else {
            builder.apiKey(properties.apiKey());
            if (hasText(properties.baseUrl())) {
                builder.baseUrl(properties.baseUrl());
            }
        }
        if (properties.connectTimeout() != null) {
            builder.connectTimeout(properties.connectTimeout());
        }
        if (properties.responseTimeout() != null) {
            builder.responseTimeout(properties.responseTimeout());
        }
        if (properties.processingTimeout() != null) {
            builder.processingTimeout(properties.processingTimeout());
        }
        return builder.build();
    }

    /** Verifies webhooks with {@code reducto.webhook-secret}, or in simulator mode the simulator's secret. */
    @Bean
    @Lazy
    public WebhookReceiver webhookReceiver(ReductoProperties properties,
            ObjectProvider<ReductoSimulator> simulator) {
        String secret = properties.webhookSecret();
        if (!hasText(secret) && properties.simulatorMode()) {
            secret = simulator.getObject().svixSecret();
        }
        if (!hasText(secret)) {
            throw new IllegalStateException("set reducto.webhook-secret to the whsec_ secret of the Svix endpoint "
                    + "that delivers Reducto's webhooks to this application");
        }
        return WebhookReceiver.of(SvixWebhookVerifier.of(secret));
    }

    /** Once the port is known: records it and creates the simulator, client and receiver, on this thread. */
    @Bean
    public ApplicationListener<ReactiveWebServerInitializedEvent> reductorStarter(LocalServer server,
            ObjectProvider<ReductoClient> client, ObjectProvider<WebhookReceiver> receiver) {
        return event -> {
            server.started(event.getWebServer().getPort());
            client.getObject();
            receiver.getObject();
        };
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** True when {@code reducto.api-key} is absent or blank. */
    static final class SimulatorMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !hasText(context.getEnvironment().getProperty("reducto.api-key"));
        }
    }
}
