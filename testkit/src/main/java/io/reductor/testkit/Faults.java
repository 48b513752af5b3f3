package io.reductor.testkit;

import java.time.Duration;
import java.util.Random;

/** Draws the faults of {@link FaultInjection} from one seeded {@link Random}, one draw per request. */
final class Faults {

    /** What happens to one request. */
    enum Kind { NONE, UNAVAILABLE, RESET, TRUNCATED }

    /**
     * A draw.
     *
     * @param kind  the fault
     * @param delay the added delay, zero for none
     */
    record Draw(Kind kind, Duration delay) {
        static final Draw NONE = new Draw(Kind.NONE, Duration.ZERO);
    }

    private final FaultInjection config;
    private final Random random;

    Faults(FaultInjection config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    Draw draw(String endpoint) {
        if (!config.isActive() || !config.appliesTo(endpoint)) {
            return Draw.NONE;
        }
        double fault;
        double delay;
        synchronized (random) {
            fault = random.nextDouble();
            delay = random.nextDouble();
        }
        Kind kind;
        if (fault < config.serviceUnavailable()) {
            kind = Kind.UNAVAILABLE;
        } else if (fault < config.serviceUnavailable() + config.connectionReset()) {
            kind = Kind.RESET;
        } else if (fault < config.serviceUnavailable() + config.connectionReset() + config.truncatedBody()) {
            kind = Kind.TRUNCATED;
        } else {
            kind = Kind.NONE;
        }
        return new Draw(kind, delay < config.delayRate() ? config.delay() : Duration.ZERO);
    }
}
