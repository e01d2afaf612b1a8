package dev.arb.backtest;

import static dev.arb.backtest.Captures.in;
import static dev.arb.backtest.Captures.paradexBook;
import static dev.arb.backtest.Captures.vestDepth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.MarketSpec;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.PnlBreakdown;
import dev.arb.executor.ThresholdSpreadStrategy;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link BacktestSession} as the README shows it: the built-in strategy with one parameter set, over a capture
 * where Paradex's bid sits 0.49 % over Vest's ask for a second and then the books meet again; one round, flat at
 * the end, and the PnL parts add up.
 */
class BacktestSessionTest {
    private static final long S = 1_000_000_000L;
    private static final MarketSpec VEST = MarketSpec.builder().venue("vest").symbol("BTC-PERP").priceScale(8)
        .sizeScale(8).tickSize(1_000_000).stepSize(10_000).takerFeeRate(new BigDecimal("0.0001")).build();
    private static final MarketSpec PARADEX = MarketSpec.builder().venue("paradex").symbol("BTC-USD-PERP")
        .priceScale(8).sizeScale(8).tickSize(10_000_000).stepSize(1_000).takerFeeRate(new BigDecimal("0.0003"))
        .build();

    @Test
    void shouldTradeOneRoundAndEndFlat() throws Exception {
        final BacktestSession s = session("0.10");
        s.run(in(paradexBook(S + 1, 1, "s", "100.50", "100.60") + paradexBook(2 * S, 2, "s", "100.05", "100.06")),
            in(vestDepth(S, "100.00", "100.01") + vestDepth(2 * S + 1, "100.06", "100.07")), null);
        assertThat(s.executor().stats().entries()).isEqualTo(1);
        assertThat(s.executor().stats().exits()).isEqualTo(1);
        assertThat(s.endedFlat()).isTrue();
        assertThat(s.executor().parameters().asDouble("spread_entry")).isEqualTo(0.10);
        final PnlBreakdown pnl = s.executor().pnl();
        assertThat(pnl.rounds()).isEqualTo(1);
        assertThat(pnl.spreadUsd().add(pnl.slippageUsd()).add(pnl.feesUsd()).add(pnl.fundingUsd()))
            .isEqualByComparingTo(pnl.totalUsd());
        assertThat(pnl.totalUsd()).isPositive();
        assertThatThrownBy(() -> s.run(in(""), in(""), null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNotEnterWhenTheThresholdIsAboveTheSpread() throws Exception {
        final BacktestSession s = session("0.60");
        s.run(in(paradexBook(S + 1, 1, "s", "100.50", "100.60")), in(vestDepth(S, "100.00", "100.01")), null);
        assertThat(s.executor().stats().entries()).isZero();
        assertThat(s.feed().frames()).isEqualTo(2);
    }

    private static BacktestSession session(final String spreadEntry) {
        final ExecutorConfig config = ExecutorConfig.builder().entryThresholdPct(0.15).exitThresholdPct(-0.05)
            .positionSizeBase(new BigDecimal("0.5")).useVwap(true).maxBookAgeMs(5_000).deltaCheckIntervalMs(0)
            .build();
        return BacktestSession.builder().markets(VEST, PARADEX).config(config)
            .strategy(new ThresholdSpreadStrategy(), "built-in", Map.of("spread_entry", spreadEntry))
            .latencyNanos(25_000_000).build();
    }
}
