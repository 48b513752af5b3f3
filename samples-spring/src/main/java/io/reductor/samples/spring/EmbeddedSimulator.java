package io.reductor.samples.spring;

import io.reductor.spring.boot.ReductoClientCustomizer;
import io.reductor.spring.boot.ReductoProperties;
import io.reductor.testkit.ReductoSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * In simulator mode ({@link SimulatorMode}): the embedded {@link ReductoSimulator}, which the starter's client is
 * pointed at by a {@link ReductoClientCustomizer}, and which delivers Svix-signed webhooks to this application's
 * webhook endpoint once the web server knows its port.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SimulatorMode.class)
public class EmbeddedSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSimulator.class);

    /** Creates the configuration; Spring calls it. */
    public EmbeddedSimulator() {
    }

    /**
     * This application's address, filled in when the web server has started.
     *
     * @param environment where {@code server.address} is read
     * @return the address holder
     */
    @Bean
    LocalServer localServer(Environment environment) {
        return new LocalServer(environment.getProperty("server.address", "127.0.0.1"));
    }

    /**
     * The simulator, signing with the endpoint's secret and delivering to its path on this application.
     *
     * @param properties  the {@code reducto.*} settings
     * @param server      this application's address
     * @param environment where {@code sample.simulator.discard-uploads} is read: when true, the simulator counts and
     *                    hashes uploads instead of keeping them (for very large ones; their jobs then fail)
     * @return the started simulator; closed on shutdown
     */
    @Bean(destroyMethod = "close")
    ReductoSimulator reductoSimulator(ReductoProperties properties, LocalServer server, Environment environment) {
        String path = properties.webhook().path();
        ReductoSimulator simulator = ReductoSimulator.builder()
                .svixSecret(properties.webhook().secret())
                .svixEndpoint(() -> server.url(path))
                .discardUploadContent(environment.getProperty("sample.simulator.discard-uploads", Boolean.class,
                        false))
                .start();
        LOG.info("No reducto.api-key: running against the Reducto simulator at {}, which delivers signed webhooks "
                + "to {} on this application", simulator.baseUrl(), path);
        return simulator;
    }

    /**
     * Points the starter's client at the simulator.
     *
     * @param simulator the simulator
     * @return the customizer
     */
    @Bean
    ReductoClientCustomizer simulatorAddress(ReductoSimulator simulator) {
        return builder -> builder.apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl());
    }

    /**
     * Records the port once the web server has started.
     *
     * @param server this application's address
     * @return the listener
     */
    @Bean
    ApplicationListener<ReactiveWebServerInitializedEvent> localServerPort(LocalServer server) {
        return event -> server.started(event.getWebServer().getPort());
    }
}
