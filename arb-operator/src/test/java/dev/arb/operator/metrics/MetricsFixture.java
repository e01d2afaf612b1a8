package dev.arb.operator.metrics;

import static org.awaitility.Awaitility.await;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.MarketSpec;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.FakeVenues;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.RiskLimits;
import dev.arb.executor.journal.Journal;
import dev.arb.operator.SimpleOperatorSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One bot ({@code bot-1}) over two fake venues ({@code vest} X-PERP, {@code paradex} X-USD-PERP) on one
 * event-loop thread, behind an {@link OperatorSource}, with {@link OperatorMetrics} built before the
 * executor (as a bot does: the listener goes into the executor's constructor).
 */
final class MetricsFixture implements AutoCloseable {
    static final MarketSpec SPEC_A = MarketSpec.builder().venue("vest").symbol("X-PERP").priceScale(2)
        .sizeScale(4).tickSize(1).stepSize(10).build();
    static final MarketSpec SPEC_B = MarketSpec.builder().venue("paradex").symbol("X-USD-PERP").priceScale(8)
        .sizeScale(6).tickSize(10_000).stepSize(100).build();

    final ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> {
        final Thread t = new Thread(r, "event-loop");
        t.setDaemon(true);
        return t;
    });
    final ExchangeAdapter vest = FakeVenues.venue("vest", SPEC_A, eventLoop);
    final ExchangeAdapter paradex = FakeVenues.venue("paradex", SPEC_B, eventLoop);
    final RiskGuard risk = new RiskGuard(new RiskLimits(null, null, null, null, 0, 5, Duration.ofSeconds(60)),
        a -> { }, Journal.inMemory(), Clock.systemUTC());
    final Map<String, DeltaNeutralExecutor> bots = new ConcurrentHashMap<>();
    final OperatorMetrics metrics;
    final DeltaNeutralExecutor executor;

    MetricsFixture() {
        FakeVenues.fundingRatePerHour(vest, 0.0001);
        metrics = new OperatorMetrics(new SimpleOperatorSource("sim", bots, risk, Map.of("vest", vest, "paradex", paradex),
            eventLoop));
        final ExecutorConfig config = ExecutorConfig.builder().entryThresholdPct(5).exitThresholdPct(-5)
            .positionSizeBase(new BigDecimal("1.2")).slippageBps(10).maxBookAgeMs(60_000)
            .maxConsecutiveErrors(5).unwindMaxAttempts(3).orderTimeoutMs(5_000).build();
        executor = new DeltaNeutralExecutor(vest, "X-PERP", paradex, "X-USD-PERP", config, eventLoop,
            metrics.listener("bot-1"), new ExecutorContext("bot-1", Journal.inMemory(), a -> { }, risk, null));
        executor.start();
        bots.put("bot-1", executor);
    }

    /** A: 99.90 / 100.00, B: 100.50 / 100.60 (buying A and selling B earns 0.5 %, below the 5 % threshold). */
    void wideSpread() {
        FakeVenues.setTop(vest, 9_990, 1_000_000, 10_000, 1_000_000);
        FakeVenues.setTop(paradex, 10_050_000_000L, 100_000_000, 10_060_000_000L, 100_000_000);
    }

    /** A: 100.20 / 100.30, B: 100.10 / 100.20 → closing (sell A, buy B) costs 0 %, the round earned 0.5 %. */
    void converged() {
        FakeVenues.setTop(vest, 10_020, 1_000_000, 10_030, 1_000_000);
        FakeVenues.setTop(paradex, 10_010_000_000L, 100_000_000, 10_020_000_000L, 100_000_000);
    }

    /** Waits until the event loop has run everything queued so far. */
    void drain() throws Exception {
        eventLoop.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    void awaitState(final String state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().state().equals(state));
    }

    @Override
    public void close() {
        executor.stop();
        metrics.close();
        FakeVenues.close(vest);
        FakeVenues.close(paradex);
        eventLoop.shutdownNow();
        try {
            eventLoop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
