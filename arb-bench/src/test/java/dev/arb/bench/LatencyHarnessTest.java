package dev.arb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Short variant of the end-to-end harness for CI: both simulators, both real adapters, a few ticks.
 * A sanity bound only (every leg acknowledged, latencies below a generous minute), not a timed
 * assertion of the latency targets.
 */
class LatencyHarnessTest {
    @Test
    void shouldTakeEveryTickToBothAcksThroughTheRealAdaptersAndSimulators() throws Exception {
        try (LatencyHarness harness = new LatencyHarness(7)) {
            final LatencyHarness.RateResult r = harness.run(5, 1.0);
            assertThat(r.ticks()).isEqualTo(5);
            assertThat(r.decisions()).isGreaterThanOrEqualTo(3);
            assertThat(r.failedLegs()).isZero();
            assertThat(r.bothAcksUs().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.vestWireUs().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.paradexWireUs().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.bothAcksUs().getMaxValue()).isLessThan(60_000_000L);
            final ByteArrayOutputStream text = new ByteArrayOutputStream();
            LatencyHarness.print(r, new PrintStream(text, true, StandardCharsets.UTF_8));
            assertThat(text.toString(StandardCharsets.UTF_8)).contains("decision-to-both-acks").contains("p99.9");
        }
    }
}
