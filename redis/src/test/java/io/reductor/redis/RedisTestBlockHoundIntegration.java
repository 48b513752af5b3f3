package io.reductor.redis;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The BlockHound exceptions of this module's tests, loaded through
 * {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration} when blockhound-junit-platform
 * installs BlockHound (the {@code blockhound} Maven profile, on by default). Both are locks held for a few
 * instructions, which an event loop may wait for when another thread holds them at that moment:
 * <ul>
 *   <li>Lettuce's {@code SharedLock}: every command written to a connection takes its {@code ReentrantLock} to count
 *       the writer. When several event loops write to one connection at once (the awaits of many jobs asking one
 *       webhook hub), one parks for a moment and BlockHound reports {@code Unsafe#park}. Worse, the error is thrown
 *       inside {@code DefaultEndpoint.write}, whose {@code finally} then uncounts a writer that was never counted:
 *       the count stays at -1, which reads as "held exclusively", and every later write to the connection spins
 *       forever on a CPU (seen as a test that hangs with one core busy). Without BlockHound the wait lasts as long
 *       as the lock is held: a few instructions, or an exclusive operation of the connection (a reconnect, a close).
 *   <li>The simulator's hand-off of each job to its worker pool ({@code LinkedBlockingQueue#offer}), as in the
 *       samples module's tests.
 * </ul>
 */
public final class RedisTestBlockHoundIntegration implements BlockHoundIntegration {

    /** Public for {@link java.util.ServiceLoader}. */
    public RedisTestBlockHoundIntegration() {
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive");
        builder.allowBlockingCallsInside("java.util.concurrent.LinkedBlockingQueue", "offer");
    }
}
