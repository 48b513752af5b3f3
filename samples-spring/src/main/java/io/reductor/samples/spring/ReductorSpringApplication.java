package io.reductor.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot WebFlux application that uploads documents through Reductor, receives Reducto's signed webhooks at
 * {@code POST /webhooks/reducto} and streams each job's status transitions to browsers over Server-Sent Events.
 *
 * <p>Without {@code reducto.api-key} it runs against an embedded {@code ReductoSimulator} that delivers Svix-signed
 * webhooks to this application; with it, against the real API (then set {@code reducto.webhook.secret} to the
 * {@code whsec_} secret of the Svix endpoint that forwards to this application). The client, the webhook endpoint and
 * the hub come from {@code reductor-spring-boot-starter}; this application adds only its controllers and, in simulator
 * mode, the simulator ({@link EmbeddedSimulator}).
 */
@SpringBootApplication
public class ReductorSpringApplication {

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(ReductorSpringApplication.class, args);
    }
}
