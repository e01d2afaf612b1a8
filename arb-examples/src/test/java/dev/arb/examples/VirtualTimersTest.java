package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.MarketSpec;
import dev.arb.api.TimeSource;
import dev.arb.backtest.BacktestVenue;
import dev.arb.backtest.VirtualTime;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.journal.Journal;
import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.api.StrategyContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's timers run on its clock: in a backtest, a strategy's 100 ms timer fires exactly ten times
 * over one virtual second, at the virtual times it was due, with no real time passing.
 */
class VirtualTimersTest {
    private static final MarketSpec VEST = MarketSpec.builder().venue("vest").symbol("BTC-PERP").priceScale(8)
        .sizeScale(8).tickSize(1_000_000).stepSize(10_000).build();
    private static final MarketSpec PARADEX = MarketSpec.builder().venue("paradex").symbol("BTC-USD-PERP")
        .priceScale(8).sizeScale(8).tickSize(10_000_000).stepSize(1_000).build();

    /** Holds; records the engine's clock at each timer tick. */
    public static final class Ticking implements Strategy {
        final List<Long> ticks = new ArrayList<>();

        @Override
        public String name() {
            return "ticking";
        }

        @Override
        public List<ParamSpec> parameters() {
            return List.of();
        }

        @Override
        public void configure(final StrategyContext context) {
        }

        @Override
        public void onBook(final StrategyContext context, final Intent out) {
        }

        @Override
        public long timerIntervalMs() {
            return 100;
        }

        @Override
        public void onTimer(final StrategyContext context, final Intent out) {
            ticks.add(context.nowNanos());
        }
    }

    @Test
    void shouldFireTheStrategysTimerOnTheVirtualClock() {
        final VirtualTime time = new VirtualTime(0L);
        final TimeSource clock = time.asTimeSource();
        final BacktestVenue vest = BacktestVenue.builder().venue("vest").time(time).market(VEST).build();
        final BacktestVenue paradex = BacktestVenue.builder().venue("paradex").time(time).market(PARADEX).build();
        final Ticking strategy = new Ticking();
        final DeltaNeutralExecutor executor = new DeltaNeutralExecutor(vest, "BTC-PERP", paradex, "BTC-USD-PERP",
            ExecutorConfig.builder().positionSizeBase(new BigDecimal("0.01")).build(), time.executor(),
            new ExecutionListener() { }, new ExecutorContext("timers", Journal.inMemory(), a -> { },
            RiskGuard.errorsOnly(5), null, clock), strategy, "test", Map.of());
        executor.start();
        time.runUntilIdle();
        // the timer only acts once both books exist: give each venue a valid book
        vest.book("BTC-PERP").markValid();
        paradex.book("BTC-USD-PERP").markValid();
        vest.publish("BTC-PERP");
        paradex.publish("BTC-USD-PERP");
        time.runUntilIdle();

        final long start = time.nanoTime();
        time.advanceTo(start + TimeUnit.SECONDS.toNanos(1));
        assertThat(strategy.ticks).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(strategy.ticks.get(i)).as("tick %d at its due virtual time", i)
                .isEqualTo(start + TimeUnit.MILLISECONDS.toNanos(100L * (i + 1)));
        }
        executor.stop();
        time.runUntilIdle();
        time.advanceTo(time.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        assertThat(strategy.ticks).as("stopped").hasSize(10);
    }
}
