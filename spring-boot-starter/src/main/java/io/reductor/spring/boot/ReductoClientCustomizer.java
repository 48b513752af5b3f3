package io.reductor.spring.boot;

import io.reductor.reactor.ReductoClient;

/**
 * Adjusts the auto-configured client's builder after the {@code reducto.*} properties are applied and before the
 * client is built: declare one as a bean for a setting that has no property (a header, a scheduler, trust managers).
 * Customizers run in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface ReductoClientCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the builder, with the properties already applied
     */
    void customize(ReductoClient.Builder builder);
}
