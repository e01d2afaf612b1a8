package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.MarketSpec;
import dev.arb.api.TimeSource;
import dev.arb.executor.journal.Journal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine reads time from the {@link TimeSource} of its context (the captures' clock in a backtest),
 * not from the system: the same book, received at the same instant, passes the quote-age gate when the
 * engine's clock is 100 ms later and fails it when the clock is 10 s later.
 */
class ExecutorClockTest {
    private static final MarketSpec SPEC_A = MarketSpec.builder().venue("venue-a").symbol("X-A").priceScale(2)
        .sizeScale(4).tickSize(1).stepSize(10).build();
    private static final MarketSpec SPEC_B = MarketSpec.builder().venue("venue-b").symbol("X-B").priceScale(8)
        .sizeScale(6).tickSize(10_000).stepSize(100).build();

    private final ExecutorService loop = Executors.newSingleThreadExecutor();
    private final FakeExchangeAdapter venueA = new FakeExchangeAdapter("venue-a", SPEC_A, loop);
    private final FakeExchangeAdapter venueB = new FakeExchangeAdapter("venue-b", SPEC_B, loop);

    @AfterEach
    void tearDown() throws InterruptedException {
        venueA.close();
        venueB.close();
        loop.shutdownNow();
        loop.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldGateQuotesOnTheInjectedClock() throws Exception {
        final AtomicLong offsetNanos = new AtomicLong(TimeUnit.SECONDS.toNanos(10));
        final AtomicLong decisions = new AtomicLong();
        final TimeSource clock = new TimeSource() {
            @Override
            public long nanoTime() {
                return System.nanoTime() + offsetNanos.get();
            }

            @Override
            public long currentTimeMillis() {
                return System.currentTimeMillis();
            }
        };
        final ExecutorConfig config = ExecutorConfig.builder().entryThresholdPct(0.15).exitThresholdPct(-0.05)
            .positionSizeBase(new BigDecimal("0.0123")).maxQuoteAgeMs(2_000).build();
        final DeltaNeutralExecutor executor = new DeltaNeutralExecutor(venueA, "X-A", venueB, "X-B", config, loop,
            new ExecutionListener() {
                @Override
                public void onDecision(final long tickToDecisionNanos) {
                    decisions.incrementAndGet();
                }
            }, new ExecutorContext("clock", Journal.inMemory(), a -> { },
            RiskGuard.errorsOnly(5), null, clock));
        executor.start();
        wideSpread();
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> decisions.get() >= 2);
        assertThat(executor.stats().entries()).as("10 s old on the engine's clock: stale").isZero();
        assertThat(venueA.requests).isEmpty();

        offsetNanos.set(TimeUnit.MILLISECONDS.toNanos(100));
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().entries() == 1);
    }

    /** A: 99.90 / 100.00, B: 100.50 / 100.60: buying A and selling B earns 0.5 %. */
    private void wideSpread() {
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000);
        venueB.setTop(10_050_000_000L, 100_000_000, 10_060_000_000L, 100_000_000);
    }
}
