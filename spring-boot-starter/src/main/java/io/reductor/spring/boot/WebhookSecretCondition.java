package io.reductor.spring.boot;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code reducto.webhook.secret} is set and not blank. */
final class WebhookSecretCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String secret = context.getEnvironment().getProperty("reducto.webhook.secret");
        return secret != null && !secret.isBlank();
    }
}
