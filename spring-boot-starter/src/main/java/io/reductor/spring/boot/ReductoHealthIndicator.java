package io.reductor.spring.boot;

import io.reductor.reactor.ReductoClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Reports whether the Reducto API answers, by asking for its version ({@code GET /version}) with the application's
 * client and key: {@code UP} with the version, or {@code DOWN} with the error's type and message. One answer is
 * reused for the configured time, so a health endpoint polled every few seconds costs one request per period.
 */
public final class ReductoHealthIndicator implements ReactiveHealthIndicator {

    private final Mono<Health> check;

    /**
     * Creates the indicator.
     *
     * @param client   the client to check with
     * @param cacheFor how long an answer is reused; zero asks every time
     */
    public ReductoHealthIndicator(ReductoClient client, Duration cacheFor) {
        if (cacheFor == null || cacheFor.isNegative()) {
            throw new IllegalArgumentException("reducto.health.cache-for must be zero or positive but was "
                    + cacheFor);
        }
        Mono<Health> once = Mono.defer(client::version)
                .map(version -> Health.up().withDetail("version", version).build())
                .onErrorResume(error -> Mono.just(Health.down()
                        .withDetail("error", error.getClass().getSimpleName() + ": " + error.getMessage())
                        .build()));
        this.check = cacheFor.isZero() ? once : once.cache(cacheFor);
    }

    /**
     * Checks the API, or returns the answer of a check younger than the cache period.
     *
     * @return {@code UP} with the version, or {@code DOWN} with the error
     */
    @Override
    public Mono<Health> health() {
        return check;
    }
}
