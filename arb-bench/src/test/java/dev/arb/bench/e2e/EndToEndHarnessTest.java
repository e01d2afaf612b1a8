package dev.arb.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.sim.process.TickBoard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end harness for CI: a short run at 20 ticks/s on both paths through the forked simulator process
 * and the real executor. Sanity only (every decision reaches both acks and the simulators' stamps line up),
 * no latency target is asserted.
 */
class EndToEndHarnessTest {
    @Test
    void shouldTakeEveryDecisionThroughTheExecutorOnBothPaths() throws Exception {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final List<Object> results = EndToEndHarness.run(new int[] {20}, HarnessPath.parse("both"), 2.0, 1.0, 7,
            new PrintStream(text, true, StandardCharsets.UTF_8));
        assertThat(results).hasSize(2);
        for (final Object o : results) {
            final RunResult r = (RunResult) o;
            assertThat(r.ticks()).isEqualTo(40);
            assertThat(r.decisions()).isPositive();
            assertThat(r.decisions() + r.skipped()).isLessThanOrEqualTo(r.ticks());
            assertThat(r.tickToDecision().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.completeRounds()).isEqualTo(r.decisions());
            assertThat(r.bothAcks().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.toSendVest().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.toSendParadex().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.toAckVest().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.toAckParadex().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.stampMismatches()).as("orders sent vs first bytes stamped; harness output:%n%s",
                text.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(r.toWireVest().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.toWireParadex().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.toLastVest().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.toLastParadex().getTotalCount()).isEqualTo(r.decisions());
            assertThat(r.toLastVest().getMinValue()).isGreaterThanOrEqualTo(r.toWireVest().getMinValue());
            assertThat(r.toLastParadex().getMinValue()).isGreaterThanOrEqualTo(r.toWireParadex().getMinValue());
            assertThat(r.bothAcks().getMaxValue()).isLessThan(RoundRecorder.HIGHEST_US);
            assertThat(r.engine().declined()).isZero();
            assertThat(r.engine().paradexStep()).as("Paradex follows the paced Vest's model step")
                .isGreaterThan(r.engine().vestStep() - 10);
        }
        assertThat(((RunResult) results.get(0)).path()).isEqualTo(HarnessPath.OLD);
        assertThat(((RunResult) results.get(1)).path()).isEqualTo(HarnessPath.NEW);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("rate 20/s path old").contains("rate 20/s path new")
            .contains("old ÷ new").contains("decision-to-first-byte Paradex")
            .contains("decision-to-last-byte Vest").contains("decision-to-last-byte Paradex")
            .contains("orders whose last byte came in a later read").contains("p99.9")
            .contains("decisions declined (no hand-over): risk/breaker 0").contains("simulators' model steps");
    }

    @Test
    void shouldStopTheSimulatorProcessWhenItsStdinCloses(@TempDir final Path dir) throws Exception {
        final long pid;
        final SimProcessHandle sim;
        try (TickBoard board = TickBoard.map(dir.resolve("ticks"))) {
            sim = new SimProcessHandle(dir.resolve("ticks"), 3);
            try {
                pid = sim.pid();
                assertThat(sim.isAlive()).isTrue();
                assertThat(sim.ready().path("paradexOrderWsUrl").asText()).startsWith("ws://127.0.0.1:");
                assertThat(sim.pace(50, 5).maxLateUs()).isNotNegative();
                assertThat(board.tick()).isEqualTo(5);
                final long[] tick = new long[2];
                board.read(tick);
                assertThat(tick[0]).isEqualTo(5);
                assertThat(tick[1]).isLessThanOrEqualTo(System.nanoTime());
                assertThat(sim.stamps().vestNanos()).isEmpty();
            } finally {
                sim.close();
            }
        }
        assertThat(sim.isAlive()).isFalse();
        assertThat(sim.forced()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
