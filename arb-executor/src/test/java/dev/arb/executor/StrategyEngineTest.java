package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.arb.api.FixedPoint;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.Journal;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.InvalidParameterException;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.PositionState;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.api.StrategyContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The strategy layer through {@link DeltaNeutralExecutor} and {@link FakeExchangeAdapter}: a custom
 * strategy's intents are acted on but cannot pass the engine's gates; a throwing strategy is replaced
 * by the exit-only built-in; swaps and live parameter changes take effect between two events or are
 * refused with nothing changed; the PnL lines add up to the total.
 */
class StrategyEngineTest {
    private static final MarketSpec SPEC_A = MarketSpec.builder().venue("venue-a").symbol("X-A").priceScale(2)
        .sizeScale(4).tickSize(1).stepSize(10).build();
    private static final MarketSpec SPEC_B = MarketSpec.builder().venue("venue-b").symbol("X-B").priceScale(8)
        .sizeScale(6).tickSize(10_000).stepSize(100).build();
    private static final String EXIT_ONLY = ThresholdSpreadStrategy.exitOnly().name();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> {
        final Thread t = new Thread(r, "event-loop");
        t.setDaemon(true);
        return t;
    });
    private FakeExchangeAdapter venueA = new FakeExchangeAdapter("venue-a", SPEC_A, eventLoop);
    private FakeExchangeAdapter venueB = new FakeExchangeAdapter("venue-b", SPEC_B, eventLoop);
    private final Listener events = new Listener();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private DeltaNeutralExecutor executor;

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

    private static ExecutorConfig.Builder config() {
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

    private DeltaNeutralExecutor start(final UnaryOperator<ExecutorConfig.Builder> tweak, final Strategy strategy,
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

    private DeltaNeutralExecutor start(final Strategy strategy) {
        return start(b -> b, strategy, Map.of());
    }

    /** A: 99.90 / 100.00, B: 100.50 / 100.60 → buying A and selling B earns 0.5 % gross. */
    private void wideSpread() {
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000);
        venueB.setTop(10_050_000_000L, 100_000_000, 10_060_000_000L, 100_000_000);
    }

    /** A: 100.20 / 100.30, B: 100.10 / 100.20 → closing (sell A, buy B) earns 0 %; entering earns nothing. */
    private void converged() {
        venueA.setTop(10_020, 1_000_000, 10_030, 1_000_000);
        venueB.setTop(10_010_000_000L, 100_000_000, 10_020_000_000L, 100_000_000);
    }

    /**
     * Sets both books and waits until the engine has evaluated them: two decisions once both books are
     * known, one for the very first pair (nothing is decided while a book is missing).
     */
    private void booksAndWait(final Runnable books) {
        final long before = events.decisions;
        final long expected = before == 0 ? 1 : 2;
        books.run();
        await().atMost(WAIT).until(() -> events.decisions >= before + expected);
    }

    private void awaitState(final String state) {
        await().atMost(WAIT).until(() -> executor.stats().state().equals(state));
    }

    private int ordersSent() {
        return venueA.requests.size() + venueB.requests.size();
    }

    // ------------------------------------------------------------------ intents and gates

    @Test
    void shouldActOnACustomStrategysEnterAndExitIntents() {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.enter(Direction.BUY_B_SELL_A);
        start(s);

        converged(); // no spread at all: the strategy decides, not the built-in's threshold
        awaitState("OPEN");
        assertThat(venueA.requests).singleElement().satisfies(r -> {
            assertThat(r.side()).isEqualTo(Side.SELL);
            assertThat(r.reduceOnly()).isFalse();
        });
        assertThat(venueB.requests).singleElement().satisfies(r -> assertThat(r.side()).isEqualTo(Side.BUY));
        assertThat(executor.stats().entries()).isEqualTo(1);
        assertThat(executor.strategyStatus().name()).isEqualTo("scripted");

        s.hold();
        s.exitWhenOpen = true;
        converged();
        awaitState("FLAT");
        assertThat(venueA.requests).hasSize(2);
        assertThat(venueA.requests.get(1).reduceOnly()).isTrue();
        assertThat(venueA.requests.get(1).side()).isEqualTo(Side.BUY);
        assertThat(venueB.requests.get(1).side()).isEqualTo(Side.SELL);
        assertThat(executor.stats().exits()).isEqualTo(1);
        assertThat(s.sawOpen).as("the strategy saw the position it opened").isTrue();
    }

    @Test
    void shouldNotLetAnEntryPassTheKillSwitch() {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.enter(Direction.BUY_A_SELL_B);
        start(s);
        executor.halt("operator");

        booksAndWait(this::wideSpread);
        booksAndWait(this::wideSpread);

        assertThat(ordersSent()).isZero();
        assertThat(executor.stats().opportunities()).as("every entry intent is counted").isEqualTo(s.entersAnswered.get());
        assertThat(executor.stats().opportunities()).isGreaterThanOrEqualTo(3);
        assertThat(executor.stats().state()).isEqualTo("FLAT");
    }

    @Test
    void shouldNotLetAnEntryPassTheQuoteAgeGate() {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.enter(Direction.BUY_A_SELL_B);
        venueA.receivedAgoMs = 3_000;
        start(b -> b.maxQuoteAgeMs(1_000), s, Map.of());

        booksAndWait(this::wideSpread);

        assertThat(ordersSent()).isZero();
        final ExecutorStats stats = executor.stats();
        assertThat(stats.staleQuoteSkips()).isEqualTo(s.entersAnswered.get()).isGreaterThanOrEqualTo(1);
        assertThat(stats.opportunities()).isEqualTo(stats.staleQuoteSkips());

        venueA.receivedAgoMs = 0; // the same intent on fresh books goes through
        wideSpread();
        awaitState("OPEN");
        assertThat(venueA.requests).hasSize(1);
        assertThat(venueB.requests).hasSize(1);
    }

    @Test
    void shouldNotLetAnEntryPassWhileARoundIsInFlightNorScaleIn() {
        final CompletableFuture<Void> gate = new CompletableFuture<>();
        venueA.script.add(FakeExchangeAdapter.hold(gate, FakeExchangeAdapter.FILL_ALL));
        venueB.script.add(FakeExchangeAdapter.hold(gate, FakeExchangeAdapter.FILL_ALL));
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.enter(Direction.BUY_A_SELL_B);
        start(s);

        wideSpread();
        awaitState("ENTERING");
        final long oppsAtEntry = executor.stats().opportunities();
        booksAndWait(this::wideSpread);
        booksAndWait(this::wideSpread);

        assertThat(executor.stats().opportunities()).as("counted at once").isEqualTo(oppsAtEntry + 4);
        assertThat(venueA.requests).hasSize(1);
        assertThat(venueB.requests).hasSize(1);

        gate.complete(null);
        awaitState("OPEN");
        // droppedInFlight is published with the other counters when the round ends
        assertThat(executor.stats().droppedInFlight()).isEqualTo(4);
        booksAndWait(this::wideSpread); // still ENTER: ignored while a position is open
        assertThat(ordersSent()).isEqualTo(2);
        assertThat(executor.stats().entries()).isEqualTo(1);
        assertThat(executor.stats().droppedInFlight()).isEqualTo(4);
    }

    // ------------------------------------------------------------------ a strategy that throws

    @Test
    void shouldReplaceAStrategyThatKeepsThrowingByTheExitOnlyBuiltInWhichStillExits() {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.enter(Direction.BUY_A_SELL_B);
        start(b -> b, s, Map.of("strategy_max_errors", "3"));
        wideSpread();
        awaitState("OPEN");

        s.throwOnBook = true;
        for (int throwsSoFar = 1; throwsSoFar <= 2; throwsSoFar++) {
            final int expected = throwsSoFar;
            venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000 + throwsSoFar);
            await().atMost(WAIT).until(() -> executor.strategyStatus().errors() == expected);
            assertThat(executor.strategyStatus().name()).as("after %s throws", expected).isEqualTo("scripted");
        }
        assertThat(alerts).filteredOn(a -> a.kind() == AlertKind.STRATEGY).hasSize(1); // the first throw of a run
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000);
        await().atMost(WAIT).until(() -> executor.strategyStatus().name().equals(EXIT_ONLY));
        assertThat(executor.strategyStatus().errors()).isEqualTo(3);
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.STRATEGY);
            assertThat(a.critical()).isTrue();
            assertThat(a.message()).contains("replaced");
        });
        final int callsWhenReplaced = s.calls.get();
        assertThat(executor.stats().state()).as("the position is untouched").isEqualTo("OPEN");
        assertThat(ordersSent()).isEqualTo(2);

        converged(); // the fallback closes the open position at the built-in exit threshold
        awaitState("FLAT");
        assertThat(executor.stats().exits()).isEqualTo(1);
        assertThat(venueA.positionSize()).isZero();
        assertThat(venueB.positionSize()).isZero();

        booksAndWait(this::wideSpread); // 0.5 % would be entered by the built-in with entries
        booksAndWait(this::wideSpread);
        assertThat(ordersSent()).as("no entry after the replacement").isEqualTo(4);
        assertThat(executor.stats().entries()).isEqualTo(1);
        assertThat(s.calls.get()).as("the replaced strategy is never called again").isEqualTo(callsWhenReplaced);
        assertThat(executor.strategyStatus().errors()).isEqualTo(3);
    }

    @Test
    void shouldResetTheErrorRunWhenTheStrategyAnswersAgain() {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        start(b -> b, s, Map.of("strategy_max_errors", "2"));
        s.throwOnBook = true;
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000);
        venueB.setTop(10_050_000_000L, 100_000_000, 10_060_000_000L, 100_000_000);
        await().atMost(WAIT).until(() -> executor.strategyStatus().errors() == 1);
        s.throwOnBook = false;
        booksAndWait(this::wideSpread);
        s.throwOnBook = true;
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_001);
        await().atMost(WAIT).until(() -> executor.strategyStatus().errors() == 2);
        assertThat(executor.strategyStatus().name()).as("two throws, but not in a row").isEqualTo("scripted");
    }

    // ------------------------------------------------------------------ swaps

    @Test
    void shouldSwapToANewStrategyBetweenEventsWithThePositionUntouched() throws Exception {
        final ScriptedStrategy first = new ScriptedStrategy("first");
        first.enter(Direction.BUY_A_SELL_B);
        start(first);
        wideSpread();
        awaitState("OPEN");
        final ExecutorStats before = executor.stats();

        final ScriptedStrategy second = new ScriptedStrategy("second");
        executor.swapStrategy(second, "sha-2").get(10, TimeUnit.SECONDS);

        final StrategyStatus status = executor.strategyStatus();
        assertThat(status.name()).isEqualTo("second");
        assertThat(status.sourceSha256()).isEqualTo("sha-2");
        assertThat(status.swaps()).isEqualTo(1);
        assertThat(status.swapFailures()).isZero();
        assertThat(second.configures.get()).isEqualTo(1);
        assertThat(second.calls.get()).as("the dry run on the current books").isEqualTo(1);
        assertThat(ordersSent()).as("the dry run's answer is not acted on").isEqualTo(2);
        final ExecutorStats after = executor.stats();
        assertThat(after.state()).isEqualTo("OPEN");
        assertThat(after.positionA()).isEqualByComparingTo(before.positionA());
        assertThat(after.positionB()).isEqualByComparingTo(before.positionB());
        final int firstCalls = first.calls.get();

        second.exitWhenOpen = true; // the new strategy's next decision is the one used
        converged();
        awaitState("FLAT");
        assertThat(first.calls.get()).isEqualTo(firstCalls);
        assertThat(executor.stats().exits()).isEqualTo(1);
        assertThat(ordersSent()).isEqualTo(4);
    }

    @Test
    void shouldRefuseASwapWhoseConfigureOrDryRunThrowsAndKeepTheOldStrategy() throws Exception {
        final ScriptedStrategy old = new ScriptedStrategy("old");
        start(old);
        booksAndWait(this::wideSpread);

        final ScriptedStrategy badConfigure = new ScriptedStrategy("bad-configure");
        badConfigure.throwOnConfigure = true;
        assertThatThrownBy(() -> executor.swapStrategy(badConfigure, "sha-bad").get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).hasRootCauseMessage("configure refused");
        assertThat(executor.strategyStatus().swapFailures()).isEqualTo(1);

        final ScriptedStrategy badDryRun = new ScriptedStrategy("bad-dry-run");
        badDryRun.throwOnBook = true;
        assertThatThrownBy(() -> executor.swapStrategy(badDryRun, "sha-bad-2").get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).hasRootCauseMessage("onBook refused");
        assertThat(badDryRun.calls.get()).as("refused on its dry run").isEqualTo(1);

        final StrategyStatus status = executor.strategyStatus();
        assertThat(status.name()).isEqualTo("old");
        assertThat(status.sourceSha256()).isEqualTo("test");
        assertThat(status.swaps()).isZero();
        assertThat(status.swapFailures()).isEqualTo(2);
        assertThat(status.errors()).as("a refused swap is not a decision error").isZero();

        old.enter(Direction.BUY_A_SELL_B); // the old strategy keeps deciding
        wideSpread();
        awaitState("OPEN");
        assertThat(badConfigure.calls.get()).isZero();
        assertThat(badDryRun.calls.get()).isEqualTo(1);
        assertThat(executor.stats().entries()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ live parameters

    @Test
    void shouldApplyAValidSpreadEntryToTheNextDecisionAndRefuseInvalidValuesWithNothingChanged() throws Exception {
        start(b -> b.entryThresholdPct(0.6), null, null); // the built-in, 0.6 % > the 0.5 % on offer
        booksAndWait(this::wideSpread);
        assertThat(ordersSent()).isZero();
        assertThat(executor.stats().opportunities()).isZero();

        for (String[] bad : new String[][] {
            {"spread_entry", "abc"}, {"spread_entry", "1000.01"}, {"spread_entry", "-100.5"}, {"spread_entri", "0.4"},
            {"position_size", "0"}, {"max_quote_age_ms", "1.5"}, {"use_vwap", "maybe"}}) {
            assertThatThrownBy(() -> executor.setParameter(bad[0], bad[1]).get(10, TimeUnit.SECONDS))
                .as("%s = %s", bad[0], bad[1])
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidParameterException.class);
        }
        assertThat(executor.parameters().text("spread_entry")).isEqualTo("0.6");
        assertThat(executor.parameters().text("position_size")).isEqualTo("0.0123");
        assertThat(executor.strategyStatus().paramChanges()).isEmpty();
        booksAndWait(this::wideSpread);
        assertThat(ordersSent()).as("still at the old threshold").isZero();

        final ParamChange change = executor.setParameter("spread_entry", "0.4").get(10, TimeUnit.SECONDS);
        assertThat(change.oldValue()).isEqualTo("0.6");
        assertThat(change.newValue()).isEqualTo("0.4");
        wideSpread();
        awaitState("OPEN");
        assertThat(venueA.requests).singleElement().satisfies(r -> assertThat(r.side()).isEqualTo(Side.BUY));
        final StrategyStatus status = executor.strategyStatus();
        assertThat(status.paramChanges()).singleElement().satisfies(c -> {
            assertThat(c.param()).isEqualTo("spread_entry");
            assertThat(c.oldValue()).isEqualTo("0.6");
            assertThat(c.newValue()).isEqualTo("0.4");
            assertThat(c.bot()).isEqualTo("test");
        });
        assertThat(status.parameters()).containsEntry("spread_entry", "0.4");
        assertThat(events.strategyEvents).contains("spread_entry: 0.6 -> 0.4");
    }

    @Test
    void shouldRefuseToChangeAParameterFixedAtStartOrOneTheStrategyRejects() throws Exception {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.params = List.of(ParamSpec.integer("lookback", "count", 1, 100, 10, "fixed at start").fixed(),
            ParamSpec.decimal("edge", "percent", "0", "10", "1", "live"));
        start(b -> b, s, Map.of("lookback", "20"));
        booksAndWait(this::wideSpread);
        assertThat(s.lastLookback).isEqualTo(20);

        assertThatThrownBy(() -> executor.setParameter("lookback", "30").get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(InvalidParameterException.class).hasMessageContaining("cannot change");
        s.refuseEdgeAbove = 5;
        assertThatThrownBy(() -> executor.setParameter("edge", "7").get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(InvalidParameterException.class).hasMessageContaining("refused");
        assertThat(executor.parameters().text("lookback")).isEqualTo("20");
        assertThat(executor.parameters().text("edge")).isEqualTo("1");
        assertThat(s.lastEdge).as("re-configured with the old values").isEqualTo(1.0);
        assertThat(executor.strategyStatus().paramChanges()).isEmpty();

        assertThat(executor.setParameter("edge", "4").get(10, TimeUnit.SECONDS).newValue()).isEqualTo("4");
        assertThat(s.lastEdge).isEqualTo(4.0);
    }

    // ------------------------------------------------------------------ PnL attribution

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
