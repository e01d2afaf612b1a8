package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.executor.journal.Journal;
import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Entries, exits, gates, flatten and allocation of the executor against fake venues. */
class DeltaNeutralExecutorTest extends ExecutorTestBase {
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
        // 100.50 × 0.999 = 100.3995, moved toward the book onto the default 1 bps grid (0.01 at ~100 USD)
        assertThat(sellB.limitPrice()).isEqualTo(10_040_000_000L);
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
    void shouldRefuseAnEntryBeyondThePositionAndNotionalLimits() throws Exception {
        limits = new RiskLimits(new BigDecimal("0.01"), null, null, null, 0, 5, Duration.ofSeconds(60));
        start(b -> b);
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().riskBlocked() >= 1);
        assertThat(venueA.requests).as("0.012 per leg exceeds max_position_base 0.01").isEmpty();
        // the per-market limit holds across every bot of the guard's exposure ledger: a typed refusal
        assertThat(executor.tryEnter(Direction.BUY_A_SELL_B).get(10, TimeUnit.SECONDS))
            .isEqualTo(RoundResult.BLOCKED_MARKET_LIMIT);
        assertThat(executor.stats().marketLimitBlocked()).isPositive();
        assertThat(risk.marketLimitBlocked()).isPositive();
    }

    @Test
    void shouldStopEnteringWhileTheRunIsHaltedByHandAndResumeAfter() throws Exception {
        start(b -> b);
        risk.halt("operator halt");
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().opportunitiesRefused() >= 1);
        assertThat(executor.stats().opportunities()).as("seen while halted: refused, not opportunities").isZero();
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
    void shouldNotEnterOnAQuoteOlderThanTheOneQuoteAgeGate() {
        venueA.receivedAgoMs = 3_000;
        start(b -> b.maxQuoteAgeMs(1_000));
        wideSpread();
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.decisions >= 2);
        assertThat(venueA.requests).isEmpty();
        assertThat(venueB.requests).isEmpty();
        assertThat(executor.stats().opportunities()).as("the built-in strategy's spread ignores the old book itself")
            .isZero();

        venueA.receivedAgoMs = 0;
        wideSpread();
        awaitState("OPEN");
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
        final long seen = executor.stats().opportunities();
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().opportunitiesRefused() >= 1);
        assertThat(venueA.requests).hasSize(sent);
        assertThat(executor.stats().opportunities()).as("refused ones are counted apart").isEqualTo(seen);
        assertThat(events.flattens).as("the flatten is reported as such").hasSize(2)
            .allSatisfy(f -> assertThat(f).contains("true attempt 1: filled"));
        assertThat(events.unwinds).as("a flatten is not an unwind").isEmpty();
        assertThat(stats.unwinds()).isZero();
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
}
