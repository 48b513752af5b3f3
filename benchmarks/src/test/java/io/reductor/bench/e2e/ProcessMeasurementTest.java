package io.reductor.bench.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the runner reads from the operating system, and how client processes read their arguments. */
class ProcessMeasurementTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisProcesssCpuTimeAndPeakRssFromProc() {
        ProcStats before = ProcStats.of(ProcessHandle.current().pid());
        long sink = 0;
        for (long i = 0; i < 300_000_000L; i++) {
            sink += i ^ (sink >>> 3);
        }
        ProcStats after = ProcStats.of(ProcessHandle.current().pid());

        assertThat(sink).isNotZero();
        assertThat(after.cpuSeconds()).isGreaterThan(before.cpuSeconds());
        // a JVM running tests is never below 16 MiB resident, nor above the machine's memory
        assertThat(after.peakRssBytes()).isBetween(16L << 20, Runtime.getRuntime().maxMemory() + (8L << 30));
        assertThat(after.peakRssBytes()).isGreaterThanOrEqualTo(before.peakRssBytes());
    }

    @Test
    void argumentsAreNameValuePairs() {
        assertThat(ChildMain.parse(new String[] {"--count=10", "--base-url=http://127.0.0.1:1/a=b"}))
                .containsExactly(Map.entry("count", "10"), Map.entry("base-url", "http://127.0.0.1:1/a=b"));
        assertThatThrownBy(() -> ChildMain.parse(new String[] {"count=10"}))
                .hasMessage("arguments are --name=value, but got count=10");
        assertThatThrownBy(() -> ChildMain.required(Map.of(), "document"))
                .hasMessage("missing argument --document=...");
    }
}
