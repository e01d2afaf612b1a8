package dev.arb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarginStateTest {
    private static BigDecimal d(final String s) {
        return new BigDecimal(s);
    }

    @Test
    void shouldMeasureALongAndAShortFromTheVenuesLiquidationPrice() {
        assertThat(new PositionMargin("BTC", d("0.1"), d("100"), d("80")).distanceToLiquidationPct())
            .isCloseTo(20.0, within(1e-9));
        assertThat(new PositionMargin("BTC", d("-0.1"), d("100"), d("110")).distanceToLiquidationPct())
            .isCloseTo(10.0, within(1e-9));
        // past the liquidation price: 0, never negative
        assertThat(new PositionMargin("BTC", d("-0.1"), d("120"), d("110")).distanceToLiquidationPct()).isZero();
    }

    @Test
    void shouldTakeTheClosestPositionAndFallBackToTheAccountCushion() {
        final MarginState withLiq = new MarginState("vest", d("1000"), d("100"), List.of(
            new PositionMargin("A", d("1"), d("100"), d("70")),
            new PositionMargin("B", d("-1"), d("100"), d("115"))), 1);
        assertThat(withLiq.distanceToLiquidationPct()).isCloseTo(15.0, within(1e-9));
        // no liquidation price: (1000 - 100) / (2 × 3000) = 15 %
        final MarginState estimate = new MarginState("paradex", d("1000"), d("100"), List.of(
            new PositionMargin("A", d("-2"), d("3000"), null)), 1);
        assertThat(estimate.distanceToLiquidationPct()).isCloseTo(15.0, within(1e-9));
        assertThat(estimate.cushionUsd()).isEqualByComparingTo("900");
    }

    @Test
    void shouldTellUnknownFromFlat() {
        assertThat(MarginState.unknown("x").isKnown()).isFalse();
        assertThat(MarginState.unknown("x").distanceToLiquidationPct()).isNaN();
        assertThat(new MarginState("x", d("10"), d("0"), List.of(), 1).distanceToLiquidationPct()).isInfinite();
        // a position without a mark nor a liquidation price cannot be measured
        assertThat(new MarginState("x", d("10"), d("1"), List.of(new PositionMargin("A", d("1"), null, null)), 1)
            .distanceToLiquidationPct()).isNaN();
    }
}
