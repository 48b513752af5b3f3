package io.reductor.redis;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets code that uses this module run under BlockHound, which loads this class through
 * {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration} when it is installed (in tests; at
 * run time BlockHound is absent and this class is never loaded). It allows one wait: Lettuce's {@code SharedLock},
 * whose {@code ReentrantLock} every command written to a connection takes for a few instructions to count its writer.
 * When several event loops write to one connection at once (the awaits of many jobs asking one webhook hub, the turns
 * of one pacer), one parks for a moment, and BlockHound reports {@code Unsafe#park}. The report is worse than the wait:
 * thrown inside Lettuce's {@code DefaultEndpoint.write}, it makes its {@code finally} uncount a writer that was never
 * counted, the count stays at -1, which reads as "held exclusively", and every later write to that connection spins
 * forever. Without BlockHound the wait lasts as long as the lock is held: a few instructions, or an exclusive
 * operation of the connection (a reconnect, a close).
 */
public final class LettuceBlockHoundIntegration implements BlockHoundIntegration {

    /** Public for {@link java.util.ServiceLoader}. */
    public LettuceBlockHoundIntegration() {
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive");
    }
}
