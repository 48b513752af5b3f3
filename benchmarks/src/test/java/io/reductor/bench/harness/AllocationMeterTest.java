package io.reductor.bench.harness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllocationMeterTest {

    /** Kept reachable so that the allocation cannot be optimised away. */
    private final List<byte[]> kept = new ArrayList<>();

    @Test
    void countsWhatThisThreadAndANewThreadAllocate() throws InterruptedException {
        AllocationMeter meter = AllocationMeter.start();
        kept.add(new byte[8 << 20]);
        Object pause = new Object();
        Thread other = new Thread(() -> {
            synchronized (pause) {
                kept.add(new byte[4 << 20]);
                pause.notifyAll();
                try {
                    pause.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        synchronized (pause) {
            other.start();
            pause.wait();
            AllocationMeter.Reading reading = meter.read();
            pause.notifyAll();

            assertThat(reading.bytes()).isGreaterThanOrEqualTo((8 << 20) + (4 << 20));
        }
        other.join();
    }

    @Test
    void saysHowManyThreadsEndedUncounted() throws InterruptedException {
        AllocationMeter meter = AllocationMeter.start();
        Thread ended = new Thread(() -> kept.add(new byte[4 << 20]));
        ended.start();
        ended.join();

        AllocationMeter.Reading reading = meter.read();

        assertThat(reading.threadsEnded()).isGreaterThanOrEqualTo(1);
    }
}
