package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.MarketSpec;
import dev.arb.api.Side;
import org.junit.jupiter.api.Test;

/** The limit grid: a 1-2-5 series of ticks within 0.4× and 1× of the grid asked for, never past the reference. */
class LegPricingTest {
    /** BTC-like: prices at 1 decimal, tick 0.1 USD. */
    private static final MarketSpec SPEC = MarketSpec.builder().venue("v").symbol("BTC").priceScale(1).sizeScale(3)
        .tickSize(1).stepSize(1).build();

    private final Leg leg = leg();

    private static Leg leg() {
        final Leg l = new Leg(new FakeExchangeAdapter("v", SPEC, Runnable::run), "BTC", "a");
        l.spec = SPEC;
        return l;
    }

    @Test
    void shouldPickTheLargestOneTwoFiveStepNotAboveTheGrid() {
        assertThat(LegPricing.gridStep(leg, 650_000, 1)).isEqualTo(50); // 1 bps of 65,000 = 6.5 USD -> 5 USD
        assertThat(LegPricing.gridStep(leg, 1_000_000, 1)).isEqualTo(100); // 10 USD exactly
        assertThat(LegPricing.gridStep(leg, 999_999, 1)).isEqualTo(50); // just below: 5 USD
        assertThat(LegPricing.gridStep(leg, 300_000, 1)).isEqualTo(20); // 3 USD -> 2 USD
        assertThat(LegPricing.gridStep(leg, 5_000, 1)).isEqualTo(1); // below a tick: one tick
    }

    @Test
    void shouldMoveTheLimitTowardTheBookOntoTheGridButNeverPastTheReference() {
        // buy at 65,000.0 + 10 bps = 65,065.0, down onto the 5 USD grid: 65,065.0 (already on it)
        assertThat(LegPricing.gridLimit(leg, Side.BUY, 650_000, 10, 1)).isEqualTo(650_650);
        // buy at 65,001.3 + 10 bps = 65,066.3013 -> 65,066.4 (tick, away from the book) -> 65,065.0 (grid)
        assertThat(LegPricing.gridLimit(leg, Side.BUY, 650_013, 10, 1)).isEqualTo(650_650);
        // sell at 65,001.3 - 10 bps = 64,936.2987 -> 64,936.2 -> up onto the grid: 64,940.0
        assertThat(LegPricing.gridLimit(leg, Side.SELL, 650_013, 10, 1)).isEqualTo(649_400);
        // a 0.5 bps bound with a 1 bps grid: the grid line would cross the reference, so the exact tick stays
        assertThat(LegPricing.gridLimit(leg, Side.BUY, 650_013, 0.5, 1)).isEqualTo(LegPricing.boundedLimit(leg,
            Side.BUY, 650_013, 0.5));
    }
}
