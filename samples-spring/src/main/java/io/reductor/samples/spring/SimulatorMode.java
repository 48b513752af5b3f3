package io.reductor.samples.spring;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Simulator mode: without {@code reducto.api-key} the application runs against the embedded simulator
 * ({@link EmbeddedSimulator}). Before the context starts, this gives the webhook endpoint a freshly generated
 * {@code whsec_} secret (unless {@code reducto.webhook.secret} is set), which the simulator then signs with, so that
 * the starter's verified endpoint is on in both modes. It is registered in {@code META-INF/spring.factories}.
 */
public final class SimulatorMode implements EnvironmentPostProcessor, Condition {

    private static final String API_KEY = "reducto.api-key";
    private static final String WEBHOOK_SECRET = "reducto.webhook.secret";

    /** Created by Spring Boot (as a post-processor) and by Spring (as a condition). */
    public SimulatorMode() {
    }

    /**
     * Whether the application runs against the simulator.
     *
     * @param environment the application's environment
     * @return true when no API key is configured
     */
    static boolean active(Environment environment) {
        String key = environment.getProperty(API_KEY);
        return key == null || key.isBlank();
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String secret = environment.getProperty(WEBHOOK_SECRET);
        if (active(environment) && (secret == null || secret.isBlank())) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            environment.getPropertySources().addLast(new MapPropertySource("reductor-simulator-mode",
                    Map.of(WEBHOOK_SECRET, "whsec_" + Base64.getEncoder().encodeToString(key))));
        }
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return active(context.getEnvironment());
    }
}
