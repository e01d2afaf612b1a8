package dev.arb.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.FakeVenues;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.journal.Journal;
import dev.arb.operator.metrics.OperatorMetrics;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The market-data path with the operator plane on allocates nothing on the engine's thread: book change →
 * strategy → engine, reported to the Prometheus metrics' listener and the event feed's listener, with the
 * status publisher's snapshot capture run every 250 ticks (as the engine runs it four times a second).
 * The test thread stands in for the event loop (nothing else touches the executor meanwhile).
 */
class OperatorPlaneAllocationTest {
    private static final MarketSpec SPEC_A = MarketSpec.builder().venue("vest").symbol("X-PERP").priceScale(2)
        .sizeScale(4).tickSize(1).stepSize(10).build();
    private static final MarketSpec SPEC_B = MarketSpec.builder().venue("paradex").symbol("X-USD-PERP").priceScale(8)
        .sizeScale(6).tickSize(10_000).stepSize(100).build();

    @Test
    void shouldAllocateNothingPerTickWithMetricsEventsAndSnapshotsOn() {
        final ExecutorService loop = Executors.newSingleThreadExecutor();
        final ExchangeAdapter vest = FakeVenues.venue("vest", SPEC_A, loop);
        final ExchangeAdapter paradex = FakeVenues.venue("paradex", SPEC_B, loop);
        final RiskGuard risk = RiskGuard.errorsOnly(5);
        final Map<String, DeltaNeutralExecutor> bots = new LinkedHashMap<>();
        final OperatorSource source = new SimpleOperatorSource("test", bots, risk, Map.of("vest", vest, "paradex", paradex),
            loop);
        final OperatorEvents events = new OperatorEvents();
        try (OperatorMetrics metrics = new OperatorMetrics(source)) {
            final ExecutionListener a = metrics.listener("bot");
            final ExecutionListener b = events.listener("bot");
            final ExecutionListener both = new ExecutionListener() {
                @Override
                public void onDecision(final long nanos) {
                    a.onDecision(nanos);
                    b.onDecision(nanos);
                }
            };
            final DeltaNeutralExecutor executor = new DeltaNeutralExecutor(vest, "X-PERP", paradex, "X-USD-PERP",
                ExecutorConfig.builder().positionSizeBase(new BigDecimal("0.0123")).maxBookAgeMs(60_000).useVwap(true)
                    .build(), loop, both, new ExecutorContext("bot", Journal.inMemory(), x -> { }, risk, null));
            executor.start();
            bots.put("bot", executor);
            final StatusPublisher publisher = new StatusPublisher(source, events, "enabled");
            await().atMost(Duration.ofSeconds(10)).until(() -> !FakeVenues.listeners(vest).isEmpty()
                && !FakeVenues.listeners(paradex).isEmpty());
            final OrderBook bookA = OrderBook.forMarket(SPEC_A, 20);
            final OrderBook bookB = OrderBook.forMarket(SPEC_B, 20);
            for (int i = 0; i < 20; i++) { // no opportunity either way
                bookA.updateBid(10_000 - i, 1_000);
                bookA.updateAsk(10_001 + i, 1_000);
                bookB.updateBid(10_000_000_000L - i * 1_000_000L, 100_000);
                bookB.updateAsk(10_001_000_000L + i * 1_000_000L, 100_000);
            }
            bookA.markValid();
            bookB.markValid();
            final OrderBookListener onA = FakeVenues.listeners(vest).get(0);
            final OrderBookListener onB = FakeVenues.listeners(paradex).get(0);
            final Runnable capture = publisher.captureTask();
            final com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            final long tid = Thread.currentThread().getId();
            long allocated = 0;
            for (int round = 0; round < 2; round++) {
                final long before = mx.getThreadAllocatedBytes(tid);
                for (int i = 0; i < 50_000; i++) {
                    final long now = System.nanoTime();
                    bookA.stamp(i, 0, now);
                    onA.onOrderBook(bookA);
                    bookB.stamp(i, 0, now);
                    onB.onOrderBook(bookB);
                    if (i % 250 == 0) {
                        capture.run();
                    }
                }
                allocated = mx.getThreadAllocatedBytes(tid) - before; // the second round is the steady state
            }
            assertThat(allocated).as("bytes allocated by 100,000 ticks and 200 captures").isLessThan(1_024);
            executor.stop();
        } finally {
            FakeVenues.close(vest);
            FakeVenues.close(paradex);
            loop.shutdownNow();
        }
    }
}
