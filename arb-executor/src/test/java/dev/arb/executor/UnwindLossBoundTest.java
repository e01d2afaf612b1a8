package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.FixedPoint;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.Journal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The unwind loss bound against a book that moves between the engine's pre-check and the venue's
 * match. The fake venue is adversarial but legal: a MARKET order (no price) fills at whatever the
 * fallen book offers; a LIMIT order never fills beyond its limit, and here fills part of its size at
 * exactly the limit (the worst legal price) and cancels the rest.
 */
class UnwindLossBoundTest {
    private static final MarketSpec SPEC_A = MarketSpec.builder().venue("venue-a").symbol("X-A").priceScale(2)
        .sizeScale(4).tickSize(1).stepSize(10).build();
    private static final MarketSpec SPEC_B = MarketSpec.builder().venue("venue-b").symbol("X-B").priceScale(8)
        .sizeScale(6).tickSize(10_000).stepSize(100).build();
    private static final BigDecimal LOSS_BOUND_USD = new BigDecimal("0.02");
    /** Where the bids fall to while the unwind order is matched (far through the loss bound). */
    private static final long CRASH_BID = 9_700;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> {
        final Thread t = new Thread(r, "event-loop");
        t.setDaemon(true);
        return t;
    });
    private final FakeExchangeAdapter venueA = new FakeExchangeAdapter("venue-a", SPEC_A, eventLoop);
    private final FakeExchangeAdapter venueB = new FakeExchangeAdapter("venue-b", SPEC_B, eventLoop);
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final ExecutorTestBase.RecordingListener events = new ExecutorTestBase.RecordingListener();
    private DeltaNeutralExecutor executor;

    @AfterEach
    void tearDown() throws InterruptedException {
        venueA.close();
        venueB.close();
        eventLoop.shutdownNow();
        eventLoop.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void start(final double slippageBps, final int attempts) {
        final ExecutorConfig config = ExecutorConfig.builder()
            .entryThresholdPct(0.15)
            .exitThresholdPct(-0.05)
            .positionSizeBase(new BigDecimal("0.0123"))
            .slippageBps(slippageBps)
            .maxBookAgeMs(60_000)
            .unwindMaxAttempts(attempts)
            .unwindLossBoundUsd(LOSS_BOUND_USD)
            .orderTimeoutMs(5_000).build();
        final RiskGuard risk = new RiskGuard(new RiskLimits(null, null, null, null, 0, 5, Duration.ofSeconds(60)),
            alerts::add, Journal.inMemory(), Clock.systemUTC());
        executor = new DeltaNeutralExecutor(venueA, "X-A", venueB, "X-B", config, eventLoop, events,
            new ExecutorContext("test", Journal.inMemory(), alerts::add, risk, null));
        executor.start();
    }

    /**
     * What the venue does with each reduce-only order: the bids fall to {@link #CRASH_BID} while it is
     * matched; a MARKET order fills whole there, a LIMIT order fills half its size at its limit and no
     * worse (rounded down to the step). Afterwards the book shows {@code bidAfter}.
     */
    private static FakeExchangeAdapter.Behavior bookFallsDuringTheMatch(final long bidAfter) {
        return (v, r) -> {
            v.setTop(bidAfter, 1_000_000, bidAfter + 10, 1_000_000);
            if (r.type() == OrderType.MARKET) {
                return v.fillAt(r, r.size(), CRASH_BID);
            }
            return v.fillAt(r, r.size() / 2 / SPEC_A.stepSize() * SPEC_A.stepSize(), r.limitPrice());
        };
    }

    /** Enters BUY_A_SELL_B with B rejected: A holds 0.012 bought at 100.00, to be unwound. */
    private void oneSidedEntry() {
        venueB.script.add(FakeExchangeAdapter.REJECT);
        venueA.script.add(FakeExchangeAdapter.FILL_ALL);
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000);
        venueB.setTop(10_050_000_000L, 100_000_000, 10_060_000_000L, 100_000_000);
    }

    private static BigDecimal price(final long p) {
        return FixedPoint.toBigDecimal(p, SPEC_A.priceScale());
    }

    private static BigDecimal size(final long s) {
        return FixedPoint.toBigDecimal(s, SPEC_A.sizeScale());
    }

    @ParameterizedTest(name = "slippage {0} bps")
    @ValueSource(doubles = {10, 200})
    void shouldKeepEveryUnwindOrderAndTheRealizedLossWithinTheBoundAndHaltWithTheRestReported(final double bps) {
        // after each match the book recovers above the bound, so every attempt is sent
        venueA.defaultBehavior = bookFallsDuringTheMatch(9_900);
        start(bps, 3);
        oneSidedEntry();
        await().atMost(WAIT).until(() -> executor.isHalted() && executor.stats().state().equals("IMBALANCED"));

        final OrderUpdate entry = venueA.fills.get(0);
        final BigDecimal entryPrice = price(entry.avgFillPrice());
        final BigDecimal excess = size(entry.filledSize());
        // a sell loses the bound over the whole excess at this price
        final BigDecimal boundPrice = entryPrice.subtract(LOSS_BOUND_USD.divide(excess, MathContext.DECIMAL64));
        final List<OrderRequest> unwinds = venueA.requests.subList(1, venueA.requests.size());
        assertThat(unwinds).hasSize(3).allSatisfy(r -> {
            assertThat(r.reduceOnly()).isTrue();
            assertThat(r.side()).isEqualTo(Side.SELL);
            assertThat(r.type()).as("never a MARKET order while a bound exists").isEqualTo(OrderType.LIMIT);
            assertThat(price(r.limitPrice())).as("limit of %s", r).isGreaterThanOrEqualTo(boundPrice);
        });
        assertThat(price(unwinds.get(2).limitPrice())).as("the last attempt sits at the bound, within a tick")
            .isLessThan(boundPrice.add(price(SPEC_A.tickSize())));

        // the loss the unwind realized against the entry, from the venue's fills
        BigDecimal loss = BigDecimal.ZERO;
        BigDecimal unwound = BigDecimal.ZERO;
        for (OrderUpdate u : venueA.fills.subList(1, venueA.fills.size())) {
            loss = loss.add(entryPrice.subtract(price(u.avgFillPrice())).multiply(size(u.filledSize())));
            unwound = unwound.add(size(u.filledSize()));
        }
        assertThat(loss).as("loss realized by the unwind").isPositive().isLessThanOrEqualTo(LOSS_BOUND_USD);
        assertThat(executor.stats().realizedPnlUsd()).isEqualByComparingTo(loss.negate());
        // what a MARKET order would have done: the whole excess at the fallen bids
        assertThat(entryPrice.subtract(price(CRASH_BID)).multiply(excess)).isGreaterThan(LOSS_BOUND_USD);

        final BigDecimal left = excess.subtract(unwound);
        assertThat(left).isPositive();
        final ExecutorStats stats = executor.stats();
        assertThat(stats.positionA()).isEqualByComparingTo(left);
        assertThat(size(venueA.positionSize())).isEqualByComparingTo(left);
        assertThat(stats.haltReason()).contains("unwind failed on venue-a").contains("exposure left")
            .contains(left.stripTrailingZeros().toPlainString());
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.UNWIND_FAILED);
            assertThat(a.critical()).isTrue();
        });
    }

    @Test
    void shouldStopAtThePreCheckOnceTheBookHasFallenThroughTheBound() {
        // the bids stay down after the first match
        venueA.defaultBehavior = bookFallsDuringTheMatch(CRASH_BID);
        start(10, 3);
        oneSidedEntry();
        await().atMost(WAIT).until(() -> executor.isHalted() && executor.stats().state().equals("IMBALANCED"));

        final BigDecimal entryPrice = price(venueA.fills.get(0).avgFillPrice());
        final BigDecimal excess = size(venueA.fills.get(0).filledSize());
        final BigDecimal boundPrice = entryPrice.subtract(LOSS_BOUND_USD.divide(excess, MathContext.DECIMAL64));
        assertThat(venueA.requests).as("the entry and one unwind attempt: the next is refused").hasSize(2);
        final OrderRequest unwind = venueA.requests.get(1);
        assertThat(unwind.type()).isEqualTo(OrderType.LIMIT);
        assertThat(price(unwind.limitPrice())).isGreaterThanOrEqualTo(boundPrice);
        final OrderUpdate fill = venueA.fills.get(1);
        final BigDecimal loss = entryPrice.subtract(price(fill.avgFillPrice())).multiply(size(fill.filledSize()));
        assertThat(loss).isLessThanOrEqualTo(LOSS_BOUND_USD);

        final BigDecimal left = excess.subtract(size(fill.filledSize()));
        assertThat(executor.stats().positionA()).isEqualByComparingTo(left);
        assertThat(executor.stats().haltReason()).contains("loss bound").contains("exposure left");
        assertThat(events.unwinds).last().asString().contains("false loss bound");
    }
}
