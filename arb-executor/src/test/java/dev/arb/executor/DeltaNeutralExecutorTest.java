package dev.arb.executor;

import dev.arb.strategy.api.Direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.Journal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeltaNeutralExecutorTest {
    /** Venue A: prices 2 decimals (tick 0.01), sizes 4 decimals (step 0.001). */
    private static final MarketSpec SPEC_A = MarketSpec.builder().venue("venue-a").symbol("X-A").priceScale(2)
        .sizeScale(4).tickSize(1).stepSize(10).build();
    /** Venue B: prices 8 decimals (tick 0.0001), sizes 6 decimals (step 0.0001). */
    private static final MarketSpec SPEC_B = MarketSpec.builder().venue("venue-b").symbol("X-B").priceScale(8)
        .sizeScale(6).tickSize(10_000).stepSize(100).build();
    /** 0.0123 rounded down to both steps (common step 0.001): 0.012. */
    private static final long SIZE_A = 120;
    private static final long SIZE_B = 12_000;

    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> {
        final Thread t = new Thread(r, "event-loop");
        t.setDaemon(true);
        return t;
    });
    private final FakeExchangeAdapter venueA = new FakeExchangeAdapter("venue-a", SPEC_A, eventLoop);
    private final FakeExchangeAdapter venueB = new FakeExchangeAdapter("venue-b", SPEC_B, eventLoop);
    private final RecordingListener events = new RecordingListener();
    private DeltaNeutralExecutor executor;
    private RiskGuard risk;
    private RiskLimits limits;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        venueA.close();
        venueB.close();
        eventLoop.shutdownNow();
        eventLoop.awaitTermination(5, TimeUnit.SECONDS);
    }

    private DeltaNeutralExecutor start(final UnaryOperator<ExecutorConfig.Builder> tweak) {
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
            new ExecutorContext("test", Journal.inMemory(), alerts::add, risk, null));
        executor.start();
        return executor;
    }

    /** A: 99.90 / 100.00, B: 100.50 / 100.60 → buying A and selling B earns 0.5 %. */
    private void wideSpread() {
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000);
        venueB.setTop(10_050_000_000L, 100_000_000, 10_060_000_000L, 100_000_000);
    }

    /** A: 100.20 / 100.30, B: 100.10 / 100.20 → closing (sell A, buy B) costs 0 %. */
    private void converged() {
        venueA.setTop(10_020, 1_000_000, 10_030, 1_000_000);
        venueB.setTop(10_010_000_000L, 100_000_000, 10_020_000_000L, 100_000_000);
    }

    private void awaitState(final String state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().state().equals(state));
    }

    @Test
    void shouldEnterAboveThresholdAndExitOnConvergence() {
        venueA.feePerFillUsd = new BigDecimal("0.01");
        venueB.feePerFillUsd = new BigDecimal("0.01");
        start(b -> b);

        wideSpread();
        awaitState("OPEN");

        final OrderRequest buyA = venueA.requests.get(0);
        final OrderRequest sellB = venueB.requests.get(0);
        assertThat(buyA.side()).isEqualTo(Side.BUY);
        assertThat(buyA.type()).isEqualTo(OrderType.LIMIT);
        assertThat(buyA.size()).isEqualTo(SIZE_A);
        assertThat(buyA.limitPrice()).isEqualTo(10_010); // 100.00 × 1.001
        assertThat(buyA.reduceOnly()).isFalse();
        assertThat(sellB.side()).isEqualTo(Side.SELL);
        assertThat(sellB.size()).isEqualTo(SIZE_B);
        assertThat(sellB.limitPrice()).isEqualTo(10_039_950_000L); // 100.50 × 0.999
        assertThat(events.entries).containsExactly(Direction.BUY_A_SELL_B + " 0.012");
        assertThat(executor.stats().positionA()).isEqualByComparingTo("0.012");
        assertThat(executor.stats().positionB()).isEqualByComparingTo("-0.012");

        converged();
        awaitState("FLAT");

        assertThat(venueA.requests).hasSize(2);
        assertThat(venueA.requests.get(1).side()).isEqualTo(Side.SELL);
        assertThat(venueA.requests.get(1).reduceOnly()).isTrue();
        assertThat(venueB.requests.get(1).side()).isEqualTo(Side.BUY);
        assertThat(venueB.requests.get(1).reduceOnly()).isTrue();
        assertThat(venueA.positionSize()).isZero();
        assertThat(venueB.positionSize()).isZero();
        final ExecutorStats stats = executor.stats();
        assertThat(stats.entries()).isEqualTo(1);
        assertThat(stats.exits()).isEqualTo(1);
        assertThat(stats.ordersSent()).isEqualTo(4);
        // A: +0.012 × (100.20 − 100.00); B: 0.012 × (100.50 − 100.20); four fills of 0.01 USD
        assertThat(stats.realizedPnlUsd()).isEqualByComparingTo("-0.034");
        assertThat(stats.feesUsd()).isEqualByComparingTo("0.04");
        // the exit round alone: 0.006 earned, two fills of 0.01 USD
        assertThat(events.exits).containsExactly(Direction.BUY_A_SELL_B + " 0.012 -0.014");
        assertThat(events.acks).hasSize(4);
        assertThat(events.wrongThread).isEmpty();
        assertThat(events.decisions).as("one decision per book change once both books are known").isEqualTo(3);
        assertThat(events.maxDecisionNanos).isPositive();
        assertThat(allRequests().stream().map(OrderRequest::clientOrderId).distinct()).hasSize(4);
    }

    @Test
    void shouldEnterTheReverseDirection() {
        start(b -> b);
        venueA.setTop(10_050, 1_000_000, 10_060, 1_000_000);
        venueB.setTop(9_990_000_000L, 100_000_000, 10_000_000_000L, 100_000_000);
        awaitState("OPEN");

        assertThat(venueA.requests.get(0).side()).isEqualTo(Side.SELL);
        assertThat(venueB.requests.get(0).side()).isEqualTo(Side.BUY);
        assertThat(events.entries).containsExactly(Direction.BUY_B_SELL_A + " 0.012");
        assertThat(venueA.positionSize()).isEqualTo(-SIZE_A);
        assertThat(venueB.positionSize()).isEqualTo(SIZE_B);

        // closing (buy A, sell B) at 0 %: A 100.10 / 100.20, B 100.20 / 100.30
        venueA.setTop(10_010, 1_000_000, 10_020, 1_000_000);
        venueB.setTop(10_020_000_000L, 100_000_000, 10_030_000_000L, 100_000_000);
        awaitState("FLAT");

        assertThat(venueA.requests.get(1).side()).isEqualTo(Side.BUY);
        assertThat(venueA.requests.get(1).reduceOnly()).isTrue();
        assertThat(venueB.requests.get(1).side()).isEqualTo(Side.SELL);
        assertThat(venueA.positionSize()).isZero();
        assertThat(venueB.positionSize()).isZero();
        // A: sold 100.50, bought 100.20; B: bought 100.00, sold 100.20 → 0.012 × 0.50
        assertThat(executor.stats().realizedPnlUsd()).isEqualByComparingTo("0.006");
    }

    @Test
    void shouldFlattenAfterTheEntryInFlightCompletes() throws Exception {
        final CompletableFuture<Void> gate = new CompletableFuture<>();
        venueA.script.add(FakeExchangeAdapter.hold(gate, FakeExchangeAdapter.FILL_ALL));
        venueB.script.add(FakeExchangeAdapter.hold(gate, FakeExchangeAdapter.fill(5_000)));
        start(b -> b);
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().state().equals("ENTERING"));

        final CompletableFuture<Void> flatten = executor.flatten();
        gate.complete(null);
        flatten.get(10, TimeUnit.SECONDS);

        assertThat(venueA.positionSize()).isZero();
        assertThat(venueB.positionSize()).isZero();
        assertThat(executor.stats().state()).isEqualTo("FLAT");
        assertThat(executor.stats().entries()).isEqualTo(1); // 0.005 hedged before the flatten closed it
        assertThat(allRequests()).filteredOn(r -> !r.reduceOnly()).hasSize(2);
    }

    @Test
    void shouldRejectASizeBelowAVenueMinimum() {
        final MarketSpec bigMin = MarketSpec.builder().venue("venue-a").symbol("X-A").priceScale(2).sizeScale(4)
            .tickSize(1).stepSize(10).minSize(1_000).build();
        final FakeExchangeAdapter strict = new FakeExchangeAdapter("venue-a", bigMin, eventLoop);
        final ExecutorConfig config = ExecutorConfig.builder().positionSizeBase(new BigDecimal("0.05")).build();
        executor = new DeltaNeutralExecutor(strict, "X-A", venueB, "X-B", config, eventLoop, events);
        org.assertj.core.api.Assertions.assertThatThrownBy(executor::start)
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimum size");
        strict.close();
    }

    @Test
    void shouldNotEnterAgainWhileAnEntryIsInFlight() {
        final CompletableFuture<Void> gate = new CompletableFuture<>();
        venueA.script.add(FakeExchangeAdapter.hold(gate, FakeExchangeAdapter.FILL_ALL));
        venueB.script.add(FakeExchangeAdapter.hold(gate, FakeExchangeAdapter.FILL_ALL));
        start(b -> b);

        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().state().equals("ENTERING"));
        for (int i = 0; i < 3; i++) {
            venueB.setTop(10_050_000_000L, 100_000_000 + i, 10_060_000_000L, 100_000_000);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().opportunities() == 4);

        assertThat(venueA.requests).hasSize(1);
        assertThat(venueB.requests).hasSize(1);

        gate.complete(null);
        awaitState("OPEN");
        assertThat(executor.stats().entries()).isEqualTo(1);
        assertThat(venueA.requests).hasSize(1);
    }

    @Test
    void shouldUnwindLegAWhenLegBIsRejected() {
        venueB.script.add(FakeExchangeAdapter.REJECT);
        start(b -> b);

        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().unwinds() == 1
            && executor.stats().state().equals("FLAT"));

        assertThat(venueA.requests).hasSize(2);
        final OrderRequest unwind = venueA.requests.get(1);
        assertThat(unwind.side()).isEqualTo(Side.SELL);
        assertThat(unwind.reduceOnly()).isTrue();
        assertThat(unwind.size()).isEqualTo(SIZE_A);
        assertThat(unwind.timeInForce()).isEqualTo(dev.arb.api.TimeInForce.IOC);
        assertThat(venueA.positionSize()).isZero();
        final ExecutorStats stats = executor.stats();
        assertThat(stats.oneSidedFills()).isEqualTo(1);
        assertThat(stats.ordersRejected()).isEqualTo(1);
        assertThat(stats.entries()).isZero();
        assertThat(stats.positionA()).isEqualByComparingTo("0");
        assertThat(stats.halted()).isFalse();
        assertThat(events.oneSided).singleElement().asString().startsWith("venue-a 0.012 entry leg on venue-b failed");
        assertThat(events.unwinds).singleElement().asString().startsWith("venue-a 0.012 true");
    }

    @Test
    void shouldUnwindTheExcessOfUnequalPartialFills() {
        venueB.script.add(FakeExchangeAdapter.fill(7_500)); // 0.0075 of 0.012
        start(b -> b);

        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().entries() == 1);

        // hedged size: 0.0075 rounded down to the common step 0.001 = 0.007
        assertThat(venueA.requests.get(1).side()).isEqualTo(Side.SELL);
        assertThat(venueA.requests.get(1).size()).isEqualTo(50);
        assertThat(venueA.requests.get(1).reduceOnly()).isTrue();
        assertThat(venueB.requests.get(1).side()).isEqualTo(Side.BUY);
        assertThat(venueB.requests.get(1).size()).isEqualTo(500);
        assertThat(venueB.requests.get(1).reduceOnly()).isTrue();
        final ExecutorStats stats = executor.stats();
        assertThat(stats.state()).isEqualTo("OPEN");
        assertThat(stats.positionA()).isEqualByComparingTo("0.007");
        assertThat(stats.positionB()).isEqualByComparingTo("-0.007");
        assertThat(stats.oneSidedFills()).isEqualTo(1);
        assertThat(stats.unwinds()).isEqualTo(2);
        assertThat(venueA.positionSize()).isEqualTo(70);
        assertThat(venueB.positionSize()).isEqualTo(-7_000);
        assertThat(events.entries).containsExactly(Direction.BUY_A_SELL_B + " 0.007");
    }

    @Test
    void shouldHaltWithAlertWhenUnwindFails() {
        venueB.script.add(FakeExchangeAdapter.REJECT);
        venueA.script.add(FakeExchangeAdapter.FILL_ALL);
        venueA.defaultBehavior = FakeExchangeAdapter.FILL_NONE;
        start(b -> b.unwindMaxAttempts(3));

        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.isHalted() && !events.halts.isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().state().equals("IMBALANCED"));

        assertThat(events.halts.get(0)).contains("unwind failed on venue-a");
        final List<OrderRequest> unwinds = venueA.requests.subList(1, venueA.requests.size());
        assertThat(unwinds).hasSize(3).allSatisfy(r -> {
            assertThat(r.reduceOnly()).isTrue();
            assertThat(r.side()).isEqualTo(Side.SELL);
        });
        assertThat(unwinds.get(0).type()).isEqualTo(OrderType.LIMIT);
        assertThat(unwinds.get(1).type()).isEqualTo(OrderType.LIMIT);
        // the last attempt is an IOC LIMIT at the loss bound itself, never a MARKET order without a price:
        // 50 USD over 0.012 is more than the whole entry price, so the bound is one tick
        assertThat(unwinds.get(2).type()).isEqualTo(OrderType.LIMIT);
        assertThat(unwinds.get(0).limitPrice()).isEqualTo(9_980); // 99.90 − 10 bps
        assertThat(unwinds.get(1).limitPrice()).isEqualTo(9_970); // 99.90 − 20 bps
        assertThat(unwinds.get(2).limitPrice()).isEqualTo(SPEC_A.tickSize());
        assertThat(executor.stats().positionA()).isEqualByComparingTo("0.012");
        assertThat(events.unwinds).last().asString().contains("false gave up");

        // halted: a new opportunity sends nothing
        final int sent = venueA.requests.size();
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().opportunities() >= 2);
        assertThat(venueA.requests).hasSize(sent);
    }

    @Test
    void shouldOpenTheBreakerAfterTooManyConsecutiveErrors() {
        venueA.defaultBehavior = FakeExchangeAdapter.REJECT;
        venueB.defaultBehavior = FakeExchangeAdapter.REJECT;
        start(b -> b.maxConsecutiveErrors(2));

        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> "OPEN".equals(risk.status().state()));
        awaitState("FLAT");

        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.BREAKER_TRIP);
            assertThat(a.message()).contains("2 consecutive order errors");
        });
        assertThat(risk.status().trips()).isEqualTo(1);
        assertThat(executor.stats().ordersRejected()).isEqualTo(2);
        assertThat(executor.stats().halted()).as("an error trip cools down, it does not halt").isFalse();
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().riskBlocked() >= 1);
        assertThat(venueA.requests).hasSize(1);
    }

    @Test
    void shouldStopAutomaticExitsOnceTheErrorBudgetIsSpentButStillFlatten() throws Exception {
        start(b -> b.maxConsecutiveErrors(2).orderRetries(0));
        wideSpread();
        awaitState("OPEN");
        venueA.defaultBehavior = FakeExchangeAdapter.RATE_LIMITED;
        venueB.defaultBehavior = FakeExchangeAdapter.RATE_LIMITED;

        converged();
        await().atMost(Duration.ofSeconds(10)).until(() -> "OPEN".equals(risk.status().state()));
        awaitState("OPEN");
        assertThat(alerts).anySatisfy(a -> assertThat(a.message()).contains("2 consecutive order errors"));
        assertThat(executor.stats().ordersRejected()).as("rate limits are errors, not rejections").isZero();
        final int sent = venueA.requests.size();
        converged();
        converged();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.decisions >= 7);
        assertThat(venueA.requests).as("no exit per tick while the breaker cools down").hasSize(sent);

        venueA.defaultBehavior = FakeExchangeAdapter.FILL_ALL;
        venueB.defaultBehavior = FakeExchangeAdapter.FILL_ALL;
        executor.flatten().get(10, TimeUnit.SECONDS);
        assertThat(venueA.positionSize()).isZero();
        assertThat(venueB.positionSize()).isZero();
    }

    @Test
    void shouldRefuseAnEntryBeyondThePositionAndNotionalLimits() throws Exception {
        limits = new RiskLimits(new BigDecimal("0.01"), null, null, null, 0, 5, Duration.ofSeconds(60));
        start(b -> b);
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().riskBlocked() >= 1);
        assertThat(venueA.requests).as("0.012 per leg exceeds max_position_base 0.01").isEmpty();
        assertThat(executor.tryEnter(Direction.BUY_A_SELL_B).get(10, TimeUnit.SECONDS))
            .isEqualTo(RoundResult.BLOCKED_RISK);
    }

    @Test
    void shouldStopEnteringWhileTheRunIsHaltedByHandAndResumeAfter() throws Exception {
        start(b -> b);
        risk.halt("operator halt");
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().riskBlocked() >= 1);
        assertThat(executor.tryEnter(Direction.BUY_A_SELL_B).get(10, TimeUnit.SECONDS))
            .isEqualTo(RoundResult.BLOCKED_HALTED);
        assertThat(venueA.requests).isEmpty();
        assertThat(executor.isHalted()).as("a run-wide halt is resumable; the executor itself is not halted").isFalse();
        risk.resume();
        wideSpread();
        awaitState("OPEN");
    }

    @Test
    void shouldNotEnterWhenTheVenueTimestampsAreTooFarApart() {
        venueB.venueClockOffsetMs = 5_000;
        start(b -> b.maxSkewMs(1_000));
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().staleQuoteSkips() >= 1);
        assertThat(venueA.requests).isEmpty();
        assertThat(venueB.requests).isEmpty();
        venueB.venueClockOffsetMs = 500;
        wideSpread();
        awaitState("OPEN");
    }

    @Test
    void shouldNotEnterOnAQuoteOlderThanTheQuoteAgeGate() {
        venueA.receivedAgoMs = 3_000;
        start(b -> b.maxQuoteAgeMs(1_000));
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().staleQuoteSkips() >= 1);
        assertThat(venueA.requests).isEmpty();
        assertThat(venueB.requests).isEmpty();
    }

    @Test
    void shouldDropAnOpportunityWhileAnotherExecutorUsesTheSameMarket() throws Exception {
        start(b -> b);
        assertThat(risk.claim("venue-a:X-A")).isTrue();
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().droppedInFlight() >= 1);
        assertThat(venueA.requests).isEmpty();
        risk.release("venue-a:X-A");
        assertThat(executor.tryEnter(Direction.BUY_A_SELL_B).get(10, TimeUnit.SECONDS)).isEqualTo(RoundResult.DONE);
        assertThat(executor.stats().state()).isEqualTo("OPEN");
    }

    @Test
    void shouldResendARateLimitedOrderWithTheSameClientOrderId() {
        venueB.script.add(FakeExchangeAdapter.RATE_LIMITED);
        start(b -> b.orderRetries(2));
        wideSpread();
        awaitState("OPEN");
        assertThat(venueB.requests).hasSize(2);
        assertThat(venueB.requests.get(1).clientOrderId()).isEqualTo(venueB.requests.get(0).clientOrderId());
        assertThat(venueA.positionSize()).isEqualTo(SIZE_A);
        assertThat(venueB.positionSize()).isEqualTo(-SIZE_B);
    }

    @Test
    void shouldLearnTheFillOfATimedOutOrderFromThePosition() {
        venueA.script.add(FakeExchangeAdapter.FILL_SILENTLY);
        start(b -> b.orderTimeoutMs(200));

        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().entries() == 1);

        assertThat(executor.stats().state()).isEqualTo("OPEN");
        assertThat(executor.stats().positionA()).isEqualByComparingTo("0.012");
        assertThat(venueA.requests).hasSize(1);
        assertThat(venueB.requests).hasSize(1);
    }

    @Test
    void shouldUnwindTheRestOfAPartialExit() {
        start(b -> b);
        wideSpread();
        awaitState("OPEN");
        venueB.script.add(FakeExchangeAdapter.fill(5_000)); // exit buys back only 0.005 of 0.012 on B

        converged();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().exits() == 1
            && executor.stats().state().equals("FLAT"));

        assertThat(venueB.requests).hasSize(3);
        assertThat(venueB.requests.get(2).side()).isEqualTo(Side.BUY);
        assertThat(venueB.requests.get(2).size()).isEqualTo(7_000);
        assertThat(venueB.requests.get(2).reduceOnly()).isTrue();
        assertThat(venueA.positionSize()).isZero();
        assertThat(venueB.positionSize()).isZero();
        assertThat(events.exits).singleElement().asString().startsWith(Direction.BUY_A_SELL_B + " 0.012");
    }

    @Test
    void shouldFlattenBothSidesAndStopEntering() throws Exception {
        start(b -> b);
        wideSpread();
        awaitState("OPEN");

        executor.flatten().get(10, TimeUnit.SECONDS);

        assertThat(venueA.positionSize()).isZero();
        assertThat(venueB.positionSize()).isZero();
        final OrderRequest closeA = venueA.requests.get(venueA.requests.size() - 1);
        final OrderRequest closeB = venueB.requests.get(venueB.requests.size() - 1);
        assertThat(closeA.reduceOnly()).isTrue();
        assertThat(closeA.side()).isEqualTo(Side.SELL);
        assertThat(closeA.size()).isEqualTo(SIZE_A);
        assertThat(closeB.reduceOnly()).isTrue();
        assertThat(closeB.side()).isEqualTo(Side.BUY);
        assertThat(closeB.size()).isEqualTo(SIZE_B);
        final ExecutorStats stats = executor.stats();
        assertThat(stats.state()).isEqualTo("FLAT");
        assertThat(stats.positionA()).isEqualByComparingTo("0");
        assertThat(stats.exits()).isEqualTo(1);

        final int sent = venueA.requests.size();
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().opportunities() >= 2);
        assertThat(venueA.requests).hasSize(sent);
    }

    @Test
    void shouldFailFlattenWhenTheVenueNeverFills() {
        start(b -> b.unwindMaxAttempts(2));
        wideSpread();
        awaitState("OPEN");
        venueA.defaultBehavior = FakeExchangeAdapter.FILL_NONE;

        final CompletableFuture<Void> flatten = executor.flatten();

        await().atMost(Duration.ofSeconds(10)).until(flatten::isDone);
        assertThat(flatten).isCompletedExceptionally();
        assertThat(executor.isHalted()).isTrue();
        assertThat(venueA.positionSize()).isEqualTo(SIZE_A);
        assertThat(venueB.positionSize()).isZero();
        assertThat(venueA.requests).hasSize(3); // entry + 2 attempts
    }

    @Test
    void shouldNotAllocateWhileEvaluatingTicksBelowTheThreshold() {
        start(b -> b.useVwap(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> !venueA.listeners().isEmpty()
            && !venueB.listeners().isEmpty());
        final dev.arb.api.OrderBook bookA = dev.arb.api.OrderBook.forMarket(SPEC_A, 20);
        final dev.arb.api.OrderBook bookB = dev.arb.api.OrderBook.forMarket(SPEC_B, 20);
        for (int i = 0; i < 20; i++) { // A 100.00/100.01, B 100.00/100.01: no opportunity either way
            bookA.updateBid(10_000 - i, 1_000);
            bookA.updateAsk(10_001 + i, 1_000);
            bookB.updateBid(10_000_000_000L - i * 1_000_000L, 100_000);
            bookB.updateAsk(10_001_000_000L + i * 1_000_000L, 100_000);
        }
        bookA.markValid();
        bookB.markValid();
        final dev.arb.api.OrderBookListener onA = venueA.listeners().get(0);
        final dev.arb.api.OrderBookListener onB = venueB.listeners().get(0);
        final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        final long tid = Thread.currentThread().getId();
        long allocated = 0;
        // this thread stands in for the event loop: nothing else touches the executor meanwhile
        for (int round = 0; round < 2; round++) {
            final long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 50_000; i++) {
                final long now = System.nanoTime();
                bookA.stamp(i, 0, now);
                onA.onOrderBook(bookA);
                bookB.stamp(i, 0, now);
                onB.onOrderBook(bookB);
            }
            allocated = mx.getThreadAllocatedBytes(tid) - before; // the second round is the steady state
        }

        assertThat(allocated).as("bytes allocated by 100,000 ticks").isLessThan(1_024);
        assertThat(executor.stats().opportunities()).isZero();
        assertThat(venueA.requests).isEmpty();
    }

    @Test
    void shouldRejectASizeBelowTheCommonStep() {
        final ExecutorConfig config = ExecutorConfig.builder().positionSizeBase(new BigDecimal("0.0009")).build();
        risk = new RiskGuard(limits != null ? limits : new RiskLimits(null, null, null, null, 0,
            config.maxConsecutiveErrors(), Duration.ofSeconds(60)), alerts::add, Journal.inMemory(), Clock.systemUTC());
        executor = new DeltaNeutralExecutor(venueA, "X-A", venueB, "X-B", config, eventLoop, events,
            new ExecutorContext("test", Journal.inMemory(), alerts::add, risk, null));
        org.assertj.core.api.Assertions.assertThatThrownBy(executor::start)
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.001");
    }

    private List<OrderRequest> allRequests() {
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
        final List<String> halts = new CopyOnWriteArrayList<>();
        final List<OrderUpdate> acks = new CopyOnWriteArrayList<>();
        final List<String> wrongThread = new CopyOnWriteArrayList<>();
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
        public void onHalt(final String reason) {
            onLoop("halt");
            halts.add(reason);
        }
    }
}
