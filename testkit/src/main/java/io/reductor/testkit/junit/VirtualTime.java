package io.reductor.testkit.junit;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler and clock a simulator and client of {@link ReductoSimulatorExtension.Builder#virtualTime()} run on:
 * the current test's {@link VirtualTimeScheduler}, switched at the start of each test, so that one simulator can
 * serve a class whose tests each have their own scheduler. The clock reads the instant the test started plus the
 * scheduler's virtual time. Disposing it does nothing: each test's scheduler is disposed with the test.
 */
final class VirtualTime implements Scheduler {

    private volatile VirtualTimeScheduler current = VirtualTimeScheduler.create();
    private volatile Instant origin = Instant.now();

    /** Runs everything on {@code scheduler} from now on, its virtual zero being this instant of the clock. */
    void use(VirtualTimeScheduler scheduler) {
        origin = Instant.now();
        current = scheduler;
    }

    /** The test's scheduler. */
    VirtualTimeScheduler current() {
        return current;
    }

    /** A UTC clock at the test's start plus the virtual time elapsed since. */
    Clock clock() {
        return new VirtualClock(this, ZoneOffset.UTC);
    }

    @Override
    public Disposable schedule(Runnable task) {
        return current.schedule(task);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return current.schedule(task, delay, unit);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return current.schedulePeriodically(task, initialDelay, period, unit);
    }

    @Override
    public long now(TimeUnit unit) {
        return current.now(unit);
    }

    @Override
    public Worker createWorker() {
        return current.createWorker();
    }

    /** The clock of {@link #clock()}. */
    private static final class VirtualClock extends Clock {
        private final VirtualTime time;
        private final ZoneId zone;

        VirtualClock(VirtualTime time, ZoneId zone) {
            this.time = time;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new VirtualClock(time, zone);
        }

        @Override
        public Instant instant() {
            return time.origin.plusNanos(time.current.now(TimeUnit.NANOSECONDS));
        }
    }
}
