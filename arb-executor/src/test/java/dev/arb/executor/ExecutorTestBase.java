package dev.arb.executor;

import static org.awaitility.Awaitility.await;

import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderUpdate;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.journal.Journal;
import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/**
 * The fixture of the executor tests: two scriptable fake venues on one event-loop thread with different
 * price and size scales, a recording listener, and {@link #start} with the tests' configuration.
 */
abstract class ExecutorTestBase {
    /** Venue A: prices 2 decimals (tick 0.01), sizes 4 decimals (step 0.001). */
    static final MarketSpec SPEC_A = MarketSpec.builder().venue("venue-a").symbol("X-A").priceScale(2)
        .sizeScale(4).tickSize(1).stepSize(10).build();
    /** Venue B: prices 8 decimals (tick 0.0001), sizes 6 decimals (step 0.0001). */
    static final MarketSpec SPEC_B = MarketSpec.builder().venue("venue-b").symbol("X-B").priceScale(8)
        .sizeScale(6).tickSize(10_000).stepSize(100).build();
    /** 0.0123 rounded down to both steps (common step 0.001): 0.012. */
    static final long SIZE_A = 120;
    static final long SIZE_B = 12_000;

    final ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> {
        final Thread t = new Thread(r, "event-loop");
        t.setDaemon(true);
        return t;
    });
    final FakeExchangeAdapter venueA = new FakeExchangeAdapter("venue-a", SPEC_A, eventLoop);
    final FakeExchangeAdapter venueB = new FakeExchangeAdapter("venue-b", SPEC_B, eventLoop);
    final RecordingListener events = new RecordingListener();
    DeltaNeutralExecutor executor;
    RiskGuard risk;
    RiskLimits limits;
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    /** The executor's journal; a test may replace it before {@link #start}. */
    Journal journal = Journal.inMemory();

    @AfterEach
    void tearDown() throws InterruptedException {
        venueA.close();
        venueB.close();
        eventLoop.shutdownNow();
        eventLoop.awaitTermination(5, TimeUnit.SECONDS);
    }

    DeltaNeutralExecutor start(final UnaryOperator<ExecutorConfig.Builder> tweak) {
        final ExecutorConfig config = tweak.apply(ExecutorConfig.builder()
            .entryThresholdPct(0.15)
            .exitThresholdPct(-0.05)
            .positionSizeBase(new BigDecimal("0.0123"))
            .slippageBps(10)
            .maxBookAgeMs(60_000)
            .maxConsecutiveErrors(5)
            .unwindMaxAttempts(3)
            .orderTimeoutMs(5_000)).build();
        risk = new RiskGuard(limits != null ? limits : new RiskLimits(null, null, null, null, 0,
            config.maxConsecutiveErrors(), Duration.ofSeconds(60)), alerts::add, Journal.inMemory(), Clock.systemUTC());
        executor = new DeltaNeutralExecutor(venueA, "X-A", venueB, "X-B", config, eventLoop, events,
            new ExecutorContext("test", journal, alerts::add, risk, null));
        executor.start();
        return executor;
    }

    /** A: 99.90 / 100.00, B: 100.50 / 100.60 → buying A and selling B earns 0.5 %. */
    void wideSpread() {
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000);
        venueB.setTop(10_050_000_000L, 100_000_000, 10_060_000_000L, 100_000_000);
    }

    /** A: 100.20 / 100.30, B: 100.10 / 100.20 → closing (sell A, buy B) costs 0 %. */
    void converged() {
        venueA.setTop(10_020, 1_000_000, 10_030, 1_000_000);
        venueB.setTop(10_010_000_000L, 100_000_000, 10_020_000_000L, 100_000_000);
    }

    void awaitState(final String state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().state().equals(state));
    }

    List<OrderRequest> allRequests() {
        final List<OrderRequest> all = new CopyOnWriteArrayList<>(venueA.requests);
        all.addAll(venueB.requests);
        return all;
    }

    /** Records listener calls as strings; checks each runs on the event loop. */
    static final class RecordingListener implements ExecutionListener {
        final List<String> entries = new CopyOnWriteArrayList<>();
        final List<String> exits = new CopyOnWriteArrayList<>();
        final List<String> oneSided = new CopyOnWriteArrayList<>();
        final List<String> unwinds = new CopyOnWriteArrayList<>();
        final List<String> flattens = new CopyOnWriteArrayList<>();
        final List<String> halts = new CopyOnWriteArrayList<>();
        final List<OrderUpdate> acks = new CopyOnWriteArrayList<>();
        final List<String> wrongThread = new CopyOnWriteArrayList<>();
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> committed = new CopyOnWriteArrayList<>();
        volatile long decisions;
        volatile long maxDecisionNanos;

        private void onLoop(final String what) {
            if (!Thread.currentThread().getName().equals("event-loop")) {
                wrongThread.add(what + " on " + Thread.currentThread().getName());
            }
        }

        @Override
        public void onEntry(final Direction d, final BigDecimal sizeBase) {
            onLoop("entry");
            entries.add(d + " " + sizeBase.stripTrailingZeros().toPlainString());
        }

        @Override
        public void onExit(final Direction d, final BigDecimal sizeBase, final BigDecimal realizedPnlUsd) {
            onLoop("exit");
            exits.add(d + " " + sizeBase.stripTrailingZeros().toPlainString() + " "
                + realizedPnlUsd.stripTrailingZeros().toPlainString());
        }

        @Override
        public void onOneSidedFill(final String venue, final BigDecimal excessBase, final String reason) {
            onLoop("oneSided");
            oneSided.add(venue + " " + excessBase.stripTrailingZeros().toPlainString() + " " + reason);
        }

        @Override
        public void onUnwind(final String venue, final BigDecimal sizeBase, final boolean success, final String reason) {
            onLoop("unwind");
            unwinds.add(venue + " " + sizeBase.stripTrailingZeros().toPlainString() + " " + success + " " + reason);
        }

        @Override
        public void onFlatten(final String venue, final BigDecimal sizeBase, final boolean closed, final String detail) {
            onLoop("flatten");
            flattens.add(venue + " " + sizeBase.stripTrailingZeros().toPlainString() + " " + closed + " " + detail);
        }

        @Override
        public void onOrderAck(final OrderUpdate update, final long decisionToAckNanos) {
            onLoop("ack");
            acks.add(update);
        }

        @Override
        public void onDecision(final long tickToDecisionNanos) {
            decisions++; // single writer: the event loop
            maxDecisionNanos = Math.max(maxDecisionNanos, tickToDecisionNanos);
        }

        @Override
        public void onOrderSent(final String venue, final long decisionToSendNanos, final long journalCommitNanos) {
            onLoop("sent");
            sent.add(venue);
        }

        @Override
        public void onIntentCommitted(final String venue, final long journalCommitNanos) {
            onLoop("committed");
            committed.add(venue);
        }

        @Override
        public void onHalt(final String reason) {
            onLoop("halt");
            halts.add(reason);
        }
    }
}
