package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {
    private static SoakProbe.Sample at(final long s, final long heapMb, final int threads, final long fds,
        final long delayed) {
        return new SoakProbe.Sample(s, heapMb << 20, threads, fds, 4096, 1.0, 3, delayed > 0 ? 25 : 4, delayed,
            java.util.Map.of("arb-loop-#", threads));
    }

    @Test
    void shouldPassWhenFlatAfterTheReference() {
        // minute 10 of an hour is the reference: growth before it (warm-up) does not count
        final SoakVerdict v = SoakVerdict.judge(List.of(at(300, 20, 30, 80, 0), at(600, 40, 40, 90, 0),
            at(3600, 41, 41, 92, 0)), 3600);
        assertThat(v.failures()).isEmpty();
        assertThat(v.heapGrowthPct()).isEqualTo(2.5);
    }

    @Test
    void shouldFailOnHeapThreadFdGrowthAndGcDelays() {
        final SoakVerdict v = SoakVerdict.judge(List.of(at(600, 40, 40, 90, 0), at(3600, 43, 43, 95, 2)), 3600);
        assertThat(v.failures()).hasSize(4);
        assertThat(v.failures().get(0)).startsWith("heap after GC grew 7.5 %");
        assertThat(v.failures()).anySatisfy(f -> assertThat(f).isEqualTo("threads grew from 40 to 43 (+3 arb-loop-#)"))
            .anySatisfy(f -> assertThat(f).startsWith("open file descriptors grew from 90 to 95"))
            .anySatisfy(f -> assertThat(f).startsWith("2 GC pause(s) delayed a decision by more than 10 ms"));
    }

    private static SoakProbe.Sample withThreads(final long s, final java.util.Map<String, Integer> families) {
        return new SoakProbe.Sample(s, 40L << 20, families.values().stream().mapToInt(Integer::intValue).sum(), 90,
            4096, 1.0, 3, 4, 0, families);
    }

    @Test
    void shouldNotCountIdleRetiringPoolWorkersButCountLeakedClients() {
        final SoakProbe.Sample ref = withThreads(10, java.util.Map.of("HttpClient-#-Worker-#", 2,
            "HttpClient-#-SelectorManager", 4, "vest-md-#-#", 2));
        final SoakProbe.Sample burst = withThreads(45, java.util.Map.of("HttpClient-#-Worker-#", 6,
            "HttpClient-#-SelectorManager", 4, "vest-md-#-#", 2));
        final SoakVerdict pooled = SoakVerdict.judge(List.of(ref, burst), 60);
        assertThat(pooled.failures()).isEmpty();
        assertThat(pooled.threadGrowth()).isEqualTo(4);

        final SoakProbe.Sample leak = withThreads(45, java.util.Map.of("HttpClient-#-Worker-#", 2,
            "HttpClient-#-SelectorManager", 7, "vest-md-#-#", 2));
        assertThat(SoakVerdict.judge(List.of(ref, leak), 60).failures())
            .containsExactly("threads grew from 8 to 11 (+3 HttpClient-#-SelectorManager)");
    }

    @Test
    void shouldScaleTheReferenceToShortRuns() {
        final List<SoakProbe.Sample> s = List.of(at(5, 30, 30, 80, 0), at(10, 30, 30, 80, 0), at(60, 30, 30, 80, 0));
        assertThat(SoakVerdict.reference(s, 60).atSeconds()).isEqualTo(10);
        assertThatThrownBy(() -> SoakVerdict.judge(List.of(at(5, 1, 1, 1, 0)), 60))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
