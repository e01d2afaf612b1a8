package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.executor.alert.AlertKind;
import dev.arb.strategy.api.Direction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Recovery: one-sided fills and unwinds, the breaker, rate limits, lost acks, failed flattens. */
class ExecutorRecoveryTest extends ExecutorTestBase {
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

        // halted: a new opportunity sends nothing, and counts as refused
        final int sent = venueA.requests.size();
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.stats().opportunitiesRefused() >= 1);
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
}
