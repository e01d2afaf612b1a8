package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.OrderRequest;
import dev.arb.api.Side;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine tells each venue its likely next order ({@link OrderHints}) on the {@code limitPriceGridBps} grid, and
 * the order it then sends carries exactly the hinted limit, so a pre-signing venue finds it hashed ahead.
 */
class OrderHintsTest extends ExecutorTestBase {
    /** Venue B's grid at 1 bps of ~100 USD: 0.01 USD at scale 8 (its tick is 0.0001). */
    private static final long GRID_B = 1_000_000;

    @Test
    void shouldHintBothSidesWhenFlatAndOnlyWhenTheLikelyLimitMoves() {
        start(b -> b.limitPriceGridBps(1));
        converged(); // B 100.10 / 100.20: no entry
        await().atMost(Duration.ofSeconds(10)).until(() -> venueB.hints.size() == 2 && venueA.hints.size() == 2);
        // buy B: 100.20 + 10 bps = 100.3002, down onto the 0.01 grid; sell B: 100.10 − 10 bps = 99.9999, up
        assertThat(last(venueB.hints, Side.BUY)).containsExactly(Side.BUY.ordinal(), SIZE_B, 10_030_000_000L, GRID_B);
        assertThat(last(venueB.hints, Side.SELL)).containsExactly(Side.SELL.ordinal(), SIZE_B, 10_000_000_000L,
            GRID_B);
        // A's grid at 1 bps of 100 USD is below its 0.01 tick: exact ticks (100.30 + 10 bps = 100.4003, up)
        assertThat(last(venueA.hints, Side.BUY)).containsExactly(Side.BUY.ordinal(), SIZE_A, 10_041L, 1L);

        venueB.setTop(10_010_000_000L, 100_000_000, 10_020_010_000L, 100_000_000); // ask +1 tick: same grid line
        venueB.setTop(10_010_000_000L, 100_000_000, 10_120_000_000L, 100_000_000); // ask 101.20: a new line
        await().atMost(Duration.ofSeconds(10)).until(() -> venueB.hints.size() == 3);
        assertThat(venueB.hints.get(2)).containsExactly(Side.BUY.ordinal(), SIZE_B, 10_130_000_000L, GRID_B);
        assertThat(allRequests()).isEmpty();
    }

    @Test
    void shouldSendTheExitAtTheLimitHintedBeforeTheDecision() {
        start(b -> b.limitPriceGridBps(1));
        wideSpread(); // enter: buy A, sell B 100.50 / 100.60
        awaitState("OPEN");
        final OrderRequest sellB = venueB.requests.get(0);
        assertThat(sellB.limitPrice() % GRID_B).as("entry limit on the grid").isZero();
        venueA.setTop(9_990, 1_000_000, 10_001, 1_000_000); // no exit yet: the exit of B (a buy) is hinted
        await().atMost(Duration.ofSeconds(10)).until(() -> venueB.hints.stream()
            .anyMatch(h -> h[0] == Side.BUY.ordinal() && h[1] == SIZE_B));
        final long[] hinted = last(venueB.hints, Side.BUY);
        venueA.setTop(10_060, 1_000_000, 10_070, 1_000_000); // sell A 100.60 vs buy B 100.60: exit
        awaitState("FLAT");
        final OrderRequest buyB = venueB.requests.get(1);
        assertThat(buyB.side()).isEqualTo(Side.BUY);
        assertThat(buyB.reduceOnly()).isTrue();
        assertThat(buyB.limitPrice()).isEqualTo(hinted[2]).isEqualTo(10_070_000_000L); // 100.7006 down to 100.70
    }

    @Test
    void shouldKeepExactTicksWithTheGridOff() {
        start(b -> b.limitPriceGridBps(0));
        wideSpread();
        awaitState("OPEN");
        assertThat(venueB.requests.get(0).limitPrice()).isEqualTo(10_039_950_000L); // 100.50 − 10 bps, exactly
    }

    private static long[] last(final List<long[]> hints, final Side side) {
        for (int i = hints.size() - 1; i >= 0; i--) {
            if (hints.get(i)[0] == side.ordinal()) {
                return hints.get(i);
            }
        }
        throw new AssertionError("no hint for " + side);
    }
}
