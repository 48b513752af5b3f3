package io.reductor.bench.harness;

import com.sun.management.OperatingSystemMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the runner reads from the operating system, and how client processes read their arguments. */
class ProcessMeasurementTest {

    /** A command name with spaces and parentheses, then utime 1234 and stime 766 ticks, cutime 5 and cstime 7. */
    private static final String STAT = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1234 766 5 7 20"
            + " 0 43 0 1187 5030000000 61000 18446744073709551615 1 1 0 0 0 0 4096 0 16800975 0 0 0 17 1 0 0 0 0 0\n";
    private static final String STATUS = "Name:\tjava\nState:\tS (sleeping)\nVmPeak:\t 5030000 kB\n"
            + "VmSize:\t 4990000 kB\nVmHWM:\t  250123 kB\nVmRSS:\t  180456 kB\nThreads:\t43\n";

    @Test
    void readsUserPlusSystemTicksAndTheHighWaterMark() {
        ProcStats stats = ProcStats.parse(STAT, STATUS, 100);

        assertThat(stats.cpuSeconds()).isEqualTo(20.0);
        assertThat(stats.peakRssBytes()).isEqualTo(250_123L * 1024);
        assertThat(ProcStats.parse(STAT, STATUS, 250).cpuSeconds()).isEqualTo(8.0);
    }

    @Test
    void aStatusWithoutAHighWaterMarkIsAnError() {
        assertThatThrownBy(() -> ProcStats.parse(STAT, "Name:\tjava\nVmRSS:\t  180456 kB\n", 100))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("VmHWM");
    }

    /**
     * The CPU time read from {@code /proc} lies between two readings of the same account through the JVM (which
     * asks the kernel with {@code times(2)}): the kernel keeps it monotonic, so this holds however busy the machine
     * is. The high-water mark is only checked for plausibility: the kernel updates it lazily, so it is not monotonic
     * from one read to the next.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisProcesssOwnCpuTimeAndPeakRss() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double tick = 1.0 / ProcStats.TICKS_PER_SECOND;

        double before = os.getProcessCpuTime() / 1e9;
        ProcStats stats = ProcStats.of(ProcessHandle.current().pid());
        double after = os.getProcessCpuTime() / 1e9;

        assertThat(before).isPositive();
        assertThat(stats.cpuSeconds()).isBetween(before - 2 * tick, after + 2 * tick);
        // a JVM running tests is never below 16 MiB resident, nor above the machine's memory
        assertThat(stats.peakRssBytes()).isBetween(16L << 20, os.getTotalMemorySize());
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
