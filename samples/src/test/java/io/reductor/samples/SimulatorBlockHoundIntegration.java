package io.reductor.samples;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The one BlockHound exception of this module's tests, loaded through
 * {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration} when blockhound-junit-platform
 * installs BlockHound (the {@code blockhound} Maven profile, on by default), and it is on the simulator's side: its
 * event loops hand each job's document to its worker pool, a {@code ThreadPoolExecutor} over a
 * {@code LinkedBlockingQueue}. {@code offer} never waits for room, but it takes the queue's locks for a few
 * instructions, and when a worker holds one at that moment the event loop parks: BlockHound reports
 * {@code Unsafe#park}, and since the error is lost in the handler's {@code CompletableFuture} the request is never
 * answered: the client gives up after its response timeout. Seen now and then under the load of
 * {@link BatchIngestKillAndResumeTest} (64 documents at once). Reactor's own integration allows the same hand-off to
 * a {@code ScheduledThreadPoolExecutor}'s queue.
 */
public final class SimulatorBlockHoundIntegration implements BlockHoundIntegration {

    /** Public for {@link java.util.ServiceLoader}. */
    public SimulatorBlockHoundIntegration() {
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("java.util.concurrent.LinkedBlockingQueue", "offer");
    }
}
