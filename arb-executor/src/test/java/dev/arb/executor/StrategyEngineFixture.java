package dev.arb.executor;

import static org.awaitility.Awaitility.await;

import dev.arb.api.MarketSpec;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.journal.Journal;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.PositionState;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.api.StrategyContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/**
 * The fixture of the strategy-layer engine tests: fake venues on one event-loop thread, a scripted
 * strategy, a recording listener, and {@link #start} with a strategy.
 */
abstract class StrategyEngineFixture {
    static final MarketSpec SPEC_A = MarketSpec.builder().venue("venue-a").symbol("X-A").priceScale(2)
        .sizeScale(4).tickSize(1).stepSize(10).build();
    static final MarketSpec SPEC_B = MarketSpec.builder().venue("venue-b").symbol("X-B").priceScale(8)
        .sizeScale(6).tickSize(10_000).stepSize(100).build();
    static final String EXIT_ONLY = ThresholdSpreadStrategy.exitOnly().name();
    static final Duration WAIT = Duration.ofSeconds(10);

    final ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> {
        final Thread t = new Thread(r, "event-loop");
        t.setDaemon(true);
        return t;
    });
    FakeExchangeAdapter venueA = new FakeExchangeAdapter("venue-a", SPEC_A, eventLoop);
    FakeExchangeAdapter venueB = new FakeExchangeAdapter("venue-b", SPEC_B, eventLoop);
    final Listener events = new Listener();
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    DeltaNeutralExecutor executor;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (executor != null) {
            executor.stop();
        }
        venueA.close();
        venueB.close();
        eventLoop.shutdownNow();
        eventLoop.awaitTermination(5, TimeUnit.SECONDS);
    }

    static ExecutorConfig.Builder config() {
        return ExecutorConfig.builder()
            .entryThresholdPct(0.15)
            .exitThresholdPct(-0.05)
            .positionSizeBase(new BigDecimal("0.0123"))
            .slippageBps(10)
            .maxBookAgeMs(60_000)
            .maxConsecutiveErrors(5)
            .unwindMaxAttempts(3)
            .orderTimeoutMs(5_000);
    }

    DeltaNeutralExecutor start(final UnaryOperator<ExecutorConfig.Builder> tweak, final Strategy strategy,
        final Map<String, String> params) {
        final ExecutorConfig c = tweak.apply(config()).build();
        final RiskGuard risk = new RiskGuard(new RiskLimits(null, null, null, null, 0, c.maxConsecutiveErrors(),
            Duration.ofSeconds(60)), alerts::add, Journal.inMemory(), Clock.systemUTC());
        final ExecutorContext context = new ExecutorContext("test", Journal.inMemory(), alerts::add, risk, null);
        executor = strategy == null
            ? new DeltaNeutralExecutor(venueA, "X-A", venueB, "X-B", c, eventLoop, events, context)
            : new DeltaNeutralExecutor(venueA, "X-A", venueB, "X-B", c, eventLoop, events, context, strategy, "test",
                params);
        executor.start();
        return executor;
    }

    DeltaNeutralExecutor start(final Strategy strategy) {
        return start(b -> b, strategy, Map.of());
    }

    /** A: 99.90 / 100.00, B: 100.50 / 100.60 → buying A and selling B earns 0.5 % gross. */
    void wideSpread() {
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000);
        venueB.setTop(10_050_000_000L, 100_000_000, 10_060_000_000L, 100_000_000);
    }

    /** A: 100.20 / 100.30, B: 100.10 / 100.20 → closing (sell A, buy B) earns 0 %; entering earns nothing. */
    void converged() {
        venueA.setTop(10_020, 1_000_000, 10_030, 1_000_000);
        venueB.setTop(10_010_000_000L, 100_000_000, 10_020_000_000L, 100_000_000);
    }

    /**
     * Sets both books and waits until the engine has evaluated them: two decisions once both books are
     * known, one for the very first pair (nothing is decided while a book is missing).
     */
    void booksAndWait(final Runnable books) {
        final long before = events.decisions;
        final long expected = before == 0 ? 1 : 2;
        books.run();
        await().atMost(WAIT).until(() -> events.decisions >= before + expected);
    }

    void awaitState(final String state) {
        await().atMost(WAIT).until(() -> executor.stats().state().equals(state));
    }

    int ordersSent() {
        return venueA.requests.size() + venueB.requests.size();
    }

    // ------------------------------------------------------------------ intents and gates

    static final class ScriptedStrategy implements Strategy {
        private final String name;
        volatile Direction enterDirection;
        volatile boolean exitWhenOpen;
        volatile boolean throwOnBook;
        volatile boolean throwOnConfigure;
        volatile boolean sawOpen;
        volatile double refuseEdgeAbove = Double.MAX_VALUE;
        volatile long lastLookback;
        volatile double lastEdge;
        volatile List<ParamSpec> params = List.of();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger configures = new AtomicInteger();
        final AtomicInteger entersAnswered = new AtomicInteger();

        ScriptedStrategy(final String name) {
            this.name = name;
        }

        void enter(final Direction d) {
            enterDirection = d;
        }

        void hold() {
            enterDirection = null;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<ParamSpec> parameters() {
            return params;
        }

        @Override
        public void configure(final StrategyContext context) {
            configures.incrementAndGet();
            if (throwOnConfigure) {
                throw new IllegalStateException("configure refused");
            }
            if (context.parameters().has("edge")) {
                final double edge = context.parameters().asDouble("edge");
                if (edge > refuseEdgeAbove) {
                    throw new IllegalArgumentException("edge too high for this strategy");
                }
                lastEdge = edge;
                lastLookback = context.parameters().asLong("lookback");
            }
        }

        @Override
        public void onBook(final StrategyContext context, final Intent out) {
            calls.incrementAndGet();
            if (throwOnBook) {
                throw new IllegalStateException("onBook refused");
            }
            if (context.state() == PositionState.OPEN) {
                sawOpen = true;
                if (exitWhenOpen) {
                    out.exit(0);
                    return;
                }
            }
            final Direction d = enterDirection;
            if (d != null) {
                entersAnswered.incrementAndGet();
                out.enter(d, 1.0);
            }
        }
    }

    /** Counts decisions (after the engine acted on them) and records round lines and strategy events. */
    static final class Listener implements ExecutionListener {
        volatile long decisions;
        final List<PnlBreakdown> rounds = new CopyOnWriteArrayList<>();
        final List<String> strategyEvents = new CopyOnWriteArrayList<>();

        @Override
        public void onDecision(final long tickToDecisionNanos) {
            decisions++; // single writer: the event loop
        }

        @Override
        public void onRoundClosed(final PnlBreakdown round) {
            rounds.add(round);
        }

        @Override
        public void onStrategyEvent(final String event) {
            strategyEvents.add(event);
        }
    }
}
