package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.FixedPoint;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each round's PnL explained (spread, slippage, fees, funding); the lines add up to the total to the cent. */
class PnlAttributionTest extends StrategyEngineFixture {
    @Test
    void shouldExplainThePnlOfEveryRoundSoThatTheLinesAddUpToTheTotal() {
        final BigDecimal rate = new BigDecimal("0.0005");
        final MarketSpec feeA = MarketSpec.builder().venue("venue-a").symbol("X-A").priceScale(2).sizeScale(4)
            .tickSize(1).stepSize(10).takerFeeRate(rate).build();
        final MarketSpec feeB = MarketSpec.builder().venue("venue-b").symbol("X-B").priceScale(8).sizeScale(6)
            .tickSize(10_000).stepSize(100).takerFeeRate(rate).build();
        venueA.close();
        venueB.close();
        venueA = new FakeExchangeAdapter("venue-a", feeA, eventLoop);
        venueB = new FakeExchangeAdapter("venue-b", feeB, eventLoop);
        venueA.takerFeeRate = rate;
        venueB.takerFeeRate = rate;
        venueA.fillSlippageTicks = 2;   // 0.02 USD worse than the touch
        venueB.fillSlippageTicks = 100; // 0.01 USD worse
        // exaggerated so that funding shows in cents over the few ms a position is open: long A pays
        venueA.fundingRatePerHour = 3_600;
        venueB.fundingRatePerHour = 0;
        final BigDecimal size = new BigDecimal("0.5");
        start(b -> b.positionSizeBase(size), null, null);
        executor.setParameter("funding_horizon_h", "0").join(); // enter on the spread alone

        final int rounds = 3;
        for (int i = 1; i <= rounds; i++) {
            final int done = i;
            wideSpread(); // enter: buy A at 100.00, sell B at 100.50 (net of 0.1 % fees: 0.4 %)
            awaitState("OPEN");
            // exit: sell A at 100.30, buy B at 100.20: closing 0.0998 % gross, −0.0002 % net ≥ −0.05 %
            venueA.setTop(10_030, 1_000_000, 10_040, 1_000_000);
            venueB.setTop(10_010_000_000L, 100_000_000, 10_020_000_000L, 100_000_000);
            await().atMost(WAIT).until(() -> events.rounds.size() == done);
            awaitState("FLAT");
        }

        assertThat(venueA.fills).hasSize(2 * rounds);
        assertThat(venueB.fills).hasSize(2 * rounds);
        final BigDecimal spreadPerRound = new BigDecimal("100.50").subtract(new BigDecimal("100.00"))
            .add(new BigDecimal("100.30")).subtract(new BigDecimal("100.20")).multiply(size);
        final BigDecimal slippagePerRound = new BigDecimal("0.02").multiply(size).multiply(BigDecimal.valueOf(2))
            .add(new BigDecimal("0.01").multiply(size).multiply(BigDecimal.valueOf(2))).negate();
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal funding = BigDecimal.ZERO;
        BigDecimal beforeRounding = BigDecimal.ZERO;
        for (int i = 0; i < rounds; i++) {
            final PnlBreakdown line = events.rounds.get(i);
            final List<OrderUpdate> legs = List.of(venueA.fills.get(2 * i), venueA.fills.get(2 * i + 1),
                venueB.fills.get(2 * i), venueB.fills.get(2 * i + 1));
            final BigDecimal fees = legs.stream().map(OrderUpdate::feeUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(fees).as("four taker fees").isPositive();
            assertThat(line.rounds()).isEqualTo(1);
            assertThat(line.feesUsd()).as("round %s fees", i + 1)
                .isEqualByComparingTo(fees.negate().setScale(2, RoundingMode.HALF_UP));
            assertThat(line.spreadUsd()).as("round %s spread at the decision prices", i + 1)
                .isEqualByComparingTo(spreadPerRound);
            assertThat(line.slippageUsd()).as("round %s slippage", i + 1).isEqualByComparingTo(slippagePerRound);
            assertThat(line.fundingUsd()).as("long A pays, short B earns nothing").isLessThanOrEqualTo(BigDecimal.ZERO);
            assertThat(line.totalUsd()).isEqualByComparingTo(line.spreadUsd().add(line.slippageUsd())
                .add(line.feesUsd()).add(line.fundingUsd()));
            assertThat(line.totalUsd().scale()).isEqualTo(2);
            sum = sum.add(line.totalUsd());
            funding = funding.add(line.fundingUsd());
            // what the fills realized: the sell minus the buy on each venue, fees subtracted
            beforeRounding = beforeRounding.add(realized(legs, SPEC_A.priceScale(), SPEC_A.sizeScale(),
                SPEC_B.priceScale(), SPEC_B.sizeScale()));
        }

        final PnlBreakdown total = executor.pnl();
        assertThat(total.rounds()).isEqualTo(rounds);
        assertThat(total.totalUsd()).as("the lines add up to the total, to the cent").isEqualByComparingTo(sum);
        assertThat(total.totalUsd()).isEqualByComparingTo(total.spreadUsd().add(total.slippageUsd())
            .add(total.feesUsd()).add(total.fundingUsd()));
        assertThat(total.fundingUsd()).isEqualByComparingTo(funding).isNegative();
        // the ledger's realized PnL (fees subtracted, funding excluded) agrees with the lines within their rounding
        final BigDecimal realized = executor.stats().realizedPnlUsd();
        assertThat(realized).isEqualByComparingTo(beforeRounding);
        assertThat(total.totalUsd().subtract(total.fundingUsd()).subtract(realized).abs())
            .isLessThanOrEqualTo(new BigDecimal("0.005").multiply(BigDecimal.valueOf(3L * rounds)));
    }

    /** Realized PnL of one round's four fills (A entry, A exit, B entry, B exit), fees subtracted, USD. */

    private static BigDecimal realized(final List<OrderUpdate> legs, final int priceScaleA, final int sizeScaleA,
        final int priceScaleB, final int sizeScaleB) {
        BigDecimal pnl = BigDecimal.ZERO;
        for (int i = 0; i < legs.size(); i++) {
            final OrderUpdate u = legs.get(i);
            final int ps = i < 2 ? priceScaleA : priceScaleB;
            final int ss = i < 2 ? sizeScaleA : sizeScaleB;
            final BigDecimal notional = FixedPoint.toBigDecimal(u.avgFillPrice(), ps)
                .multiply(FixedPoint.toBigDecimal(u.filledSize(), ss));
            pnl = pnl.add(u.side() == Side.SELL ? notional : notional.negate()).subtract(u.feeUsd());
        }
        return pnl;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A strategy the test drives: enters a direction when not open (if asked), exits when open (if
     * asked), throws when asked; counts its calls.
     */
}
