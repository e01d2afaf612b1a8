package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arb.api.BookView;
import dev.arb.api.FixedPoint;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.LegView;
import dev.arb.strategy.api.Parameters;
import dev.arb.strategy.api.PositionState;
import dev.arb.strategy.api.StrategyContext;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in strategy on its own, through a fake {@link StrategyContext} over real {@link OrderBook}s
 * and {@link MarketSpec}s with non-zero (and different) taker fees: the exit is net of both exit fees,
 * funding picks the direction when the spreads are equal, and {@code onBook} allocates nothing.
 */
class ThresholdSpreadStrategyTest {
    /** Venue A: prices 2 decimals (tick 0.01), sizes 4 decimals, taker fee 5 bps. */
    static final MarketSpec SPEC_A = MarketSpec.builder().venue("venue-a").symbol("X-A").priceScale(2)
        .sizeScale(4).tickSize(1).stepSize(10).takerFeeRate(new BigDecimal("0.0005")).build();
    /** Venue B: prices 8 decimals, sizes 6 decimals, taker fee 2 bps. */
    static final MarketSpec SPEC_B = MarketSpec.builder().venue("venue-b").symbol("X-B").priceScale(8)
        .sizeScale(6).tickSize(10_000).stepSize(100).takerFeeRate(new BigDecimal("0.0002")).build();
    /** Plenty of depth at every level: the VWAP of the leg size is the touch. */
    private static final BigDecimal LEVEL_SIZE = new BigDecimal("10");

    private final FakeLeg legA = new FakeLeg(SPEC_A);
    private final FakeLeg legB = new FakeLeg(SPEC_B);
    private final FakeContext context = new FakeContext(legA, legB);
    private final ThresholdSpreadStrategy strategy = new ThresholdSpreadStrategy();
    private final Intent intent = new Intent();

    private void configure(final Map<String, String> overrides) {
        context.params = Parameters.of(strategy.parameters(), overrides);
        strategy.configure(context);
    }

    private Intent decide() {
        context.now = System.nanoTime();
        intent.hold();
        strategy.onBook(context, intent);
        return intent;
    }

    /** Both exit taker fees, percent of notional, from the specs. */
    private static BigDecimal feesPct() {
        return SPEC_A.takerFeeRate().add(SPEC_B.takerFeeRate()).movePointRight(2);
    }

    /** @return {@code (sell − buy) / buy} in percent, exact to 20 digits */
    private static BigDecimal grossPct(final BigDecimal sell, final BigDecimal buy) {
        return sell.subtract(buy).divide(buy, MathContext.DECIMAL64).movePointRight(2);
    }

    @Test
    void shouldHoldWhileOnlyTheGrossClosingSpreadReachesSpreadExitAndExitOnceTheNetDoes() {
        final BigDecimal exit = new BigDecimal("0.02");
        configure(Map.of(ThresholdSpreadStrategy.SPREAD_EXIT, exit.toPlainString(),
            ThresholdSpreadStrategy.SPREAD_ENTRY, "5"));
        context.state = PositionState.OPEN;
        context.open = Direction.BUY_A_SELL_B; // closed by selling A at its bid and buying B at its ask

        final BigDecimal askB = new BigDecimal("100.00");
        legB.book(new BigDecimal("99.99"), askB);
        // the first bid on A whose gross closing spread reaches spread_exit
        BigDecimal bidA = askB;
        while (grossPct(bidA, askB).compareTo(exit) < 0) {
            bidA = bidA.add(new BigDecimal("0.01"));
        }
        assertThat(grossPct(bidA, askB).subtract(feesPct())).as("net of the exit fees, still below").isLessThan(exit);
        legA.book(bidA, bidA.add(new BigDecimal("0.01")));
        assertThat(decide().action()).as("gross %s%% ≥ %s%% but net below", grossPct(bidA, askB), exit)
            .isEqualTo(Intent.Action.HOLD);

        // widen tick by tick: hold while the net is below spread_exit, exit at the first tick where it reaches it
        int holds = 1;
        while (grossPct(bidA.add(new BigDecimal("0.01")), askB).subtract(feesPct()).compareTo(exit) < 0) {
            bidA = bidA.add(new BigDecimal("0.01"));
            legA.book(bidA, bidA.add(new BigDecimal("0.01")));
            assertThat(decide().action()).as("net %s%% at bid %s", grossPct(bidA, askB).subtract(feesPct()), bidA)
                .isEqualTo(Intent.Action.HOLD);
            holds++;
        }
        assertThat(holds).as("the fees (%s%%) span several ticks", feesPct()).isGreaterThan(3);
        bidA = bidA.add(new BigDecimal("0.01"));
        legA.book(bidA, bidA.add(new BigDecimal("0.01")));
        final BigDecimal net = grossPct(bidA, askB).subtract(feesPct());
        assertThat(net).isGreaterThanOrEqualTo(exit);

        final Intent answer = decide();
        assertThat(answer.action()).isEqualTo(Intent.Action.EXIT);
        assertThat(answer.edgePct()).as("the reported closing spread is the net one").isCloseTo(net.doubleValue(),
            within(1e-9));
    }

    @Test
    void shouldMeasureTheClosingSpreadOfABuyBSellAPositionNetOfFeesToo() {
        final BigDecimal exit = new BigDecimal("-0.05");
        configure(Map.of(ThresholdSpreadStrategy.SPREAD_EXIT, exit.toPlainString(),
            ThresholdSpreadStrategy.SPREAD_ENTRY, "5"));
        context.state = PositionState.OPEN;
        context.open = Direction.BUY_B_SELL_A; // closed by buying A at its ask and selling B at its bid

        final BigDecimal askA = new BigDecimal("100.00");
        legA.book(new BigDecimal("99.99"), askA);
        final BigDecimal holdBid = new BigDecimal("99.98"); // gross −0.02 % ≥ −0.05 %, net −0.09 %
        legB.book(holdBid, holdBid.add(new BigDecimal("0.02")));
        assertThat(grossPct(holdBid, askA)).isGreaterThanOrEqualTo(exit);
        assertThat(grossPct(holdBid, askA).subtract(feesPct())).isLessThan(exit);
        assertThat(decide().action()).isEqualTo(Intent.Action.HOLD);

        final BigDecimal exitBid = new BigDecimal("100.03"); // gross 0.03 %, net −0.04 %
        legB.book(exitBid, exitBid.add(new BigDecimal("0.02")));
        assertThat(grossPct(exitBid, askA).subtract(feesPct())).isGreaterThanOrEqualTo(exit);
        assertThat(decide().action()).isEqualTo(Intent.Action.EXIT);
    }

    @Test
    void shouldLetFundingChooseTheDirectionWhenBothSpreadsAreEqual() {
        final BigDecimal horizon = new BigDecimal("8");
        configure(Map.of(ThresholdSpreadStrategy.SPREAD_ENTRY, "-1",
            ThresholdSpreadStrategy.FUNDING_HORIZON_H, horizon.toPlainString()));
        // the same prices on both venues: buying A / selling B earns what buying B / selling A earns
        final BigDecimal bid = new BigDecimal("100.00");
        final BigDecimal ask = new BigDecimal("100.01");
        legA.book(bid, ask);
        legB.book(bid, ask);
        final double netPct = grossPct(bid, ask).subtract(feesPct()).doubleValue();
        assertThat(netPct).as("both directions' net spread is above spread_entry").isGreaterThanOrEqualTo(-1);

        // A's longs pay more: be short A, long B
        legA.funding = 0.0001;
        legB.funding = -0.00002;
        Intent answer = decide();
        assertThat(answer.action()).isEqualTo(Intent.Action.ENTER);
        assertThat(answer.direction()).isEqualTo(Direction.BUY_B_SELL_A);
        final double earnedPct = (legA.funding - legB.funding) * horizon.doubleValue() * 100;
        assertThat(answer.edgePct()).as("net spread plus the funding earned over the horizon")
            .isCloseTo(netPct + earnedPct, within(1e-9));

        // B's longs pay more: long A, short B
        legA.funding = -0.00002;
        legB.funding = 0.0001;
        answer = decide();
        assertThat(answer.action()).isEqualTo(Intent.Action.ENTER);
        assertThat(answer.direction()).isEqualTo(Direction.BUY_A_SELL_B);
        assertThat(answer.edgePct()).isCloseTo(netPct + (legB.funding - legA.funding) * horizon.doubleValue() * 100,
            within(1e-9));

        // unknown rates count 0: the spread alone decides, the tie going to BUY_A_SELL_B as before
        legA.funding = Double.NaN;
        legB.funding = Double.NaN;
        answer = decide();
        assertThat(answer.action()).isEqualTo(Intent.Action.ENTER);
        assertThat(answer.direction()).isEqualTo(Direction.BUY_A_SELL_B);
        assertThat(answer.edgePct()).isCloseTo(netPct, within(1e-9));

        // one rate unknown: the other still counts (A's longs pay, B unknown → short A)
        legA.funding = 0.0001;
        answer = decide();
        assertThat(answer.direction()).isEqualTo(Direction.BUY_B_SELL_A);
        assertThat(answer.edgePct()).isCloseTo(netPct + legA.funding * horizon.doubleValue() * 100, within(1e-9));
    }

    @Test
    void shouldNotEnterWhenFundingOutweighsAnOtherwiseSufficientSpread() {
        configure(Map.of(ThresholdSpreadStrategy.SPREAD_ENTRY, "0.15",
            ThresholdSpreadStrategy.FUNDING_HORIZON_H, "8"));
        // BUY_A_SELL_B earns 0.5 % gross, 0.43 % net
        legA.book(new BigDecimal("99.90"), new BigDecimal("100.00"));
        legB.book(new BigDecimal("100.50"), new BigDecimal("100.60"));
        final double netPct = grossPct(new BigDecimal("100.50"), new BigDecimal("100.00")).subtract(feesPct())
            .doubleValue();
        assertThat(decide().direction()).isEqualTo(Direction.BUY_A_SELL_B);

        // long A pays 0.05 %/h, short B earns nothing: over 8 h that costs 0.4 % of the 0.43 % net edge
        legA.funding = 0.0005;
        legB.funding = 0.0;
        final double withFunding = netPct - 0.0005 * 8 * 100;
        assertThat(withFunding).isLessThan(0.15);
        assertThat(decide().action()).as("edge %s%% after funding", withFunding).isEqualTo(Intent.Action.HOLD);
    }

    @Test
    void shouldIgnoreBooksOlderThanTheEnginesQuoteAgeGate() {
        final java.util.List<dev.arb.strategy.api.ParamSpec> withEngine = new java.util.ArrayList<>(
            strategy.parameters());
        withEngine.addAll(new EngineSettings(StrategyEngineFixture.config().build()).specs());
        context.params = Parameters.of(withEngine, Map.of(ThresholdSpreadStrategy.MAX_QUOTE_AGE_MS, "1000"));
        strategy.configure(context);
        legA.book(new BigDecimal("99.90"), new BigDecimal("100.00"));
        legB.book(new BigDecimal("100.50"), new BigDecimal("100.60"));

        intent.hold();
        context.now = System.nanoTime() + 3_000_000_000L; // both books 3 s old
        strategy.onBook(context, intent);
        assertThat(intent.action()).isEqualTo(Intent.Action.HOLD);

        context.params = context.params.with(ThresholdSpreadStrategy.MAX_QUOTE_AGE_MS, "60000");
        strategy.configure(context);
        strategy.onBook(context, intent);
        assertThat(intent.direction()).as("the same books within a 60 s gate").isEqualTo(Direction.BUY_A_SELL_B);
    }

    @Test
    void shouldNotAllocatePerBookChangeWhenHolding() {
        configure(Map.of(ThresholdSpreadStrategy.SPREAD_ENTRY, "5"));
        deepBooks();
        assertThat(bytesPer100kDecisions(Intent.Action.HOLD)).as("bytes allocated by 100,000 HOLD decisions")
            .isLessThan(1_024);
    }

    @Test
    void shouldNotAllocatePerBookChangeWhenEntering() {
        configure(Map.of(ThresholdSpreadStrategy.SPREAD_ENTRY, "-5"));
        legA.funding = 0.00001;
        legB.funding = 0.00002;
        deepBooks();
        assertThat(bytesPer100kDecisions(Intent.Action.ENTER)).as("bytes allocated by 100,000 ENTER decisions")
            .isLessThan(1_024);
    }

    @Test
    void shouldNotAllocatePerBookChangeWhenExiting() {
        configure(Map.of(ThresholdSpreadStrategy.SPREAD_EXIT, "-5"));
        context.state = PositionState.OPEN;
        context.open = Direction.BUY_A_SELL_B;
        deepBooks();
        assertThat(bytesPer100kDecisions(Intent.Action.EXIT)).as("bytes allocated by 100,000 EXIT decisions")
            .isLessThan(1_024);
    }

    /** Two 20-level books around 100 USD. */
    private void deepBooks() {
        final long now = System.nanoTime();
        for (FakeLeg leg : new FakeLeg[] {legA, legB}) {
            final long tick = leg.spec.tickSize();
            final long mid = FixedPoint.fromBigDecimal(new BigDecimal("100"), leg.spec.priceScale());
            for (int i = 0; i < 20; i++) {
                leg.orderBook.updateBid(mid - tick * (i + 1), FixedPoint.fromBigDecimal(LEVEL_SIZE, leg.spec.sizeScale()));
                leg.orderBook.updateAsk(mid + tick * (i + 1), FixedPoint.fromBigDecimal(LEVEL_SIZE, leg.spec.sizeScale()));
            }
            leg.orderBook.stamp(1, 0, now);
            leg.orderBook.markValid();
        }
    }

    /** Warms up, then measures 100,000 decisions, one book level changing before each. */
    private long bytesPer100kDecisions(final Intent.Action expected) {
        final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long tid = Thread.currentThread().getId();
        final long bestBidB = legB.orderBook.bestBid();
        final long levelSize = legB.orderBook.bidSize(0);
        long allocated = Long.MAX_VALUE;
        // the least of 5 rounds is the steady state: a per-decision allocation shows in every round, while a JIT
        // compilation or deoptimization finishing during one round (a busy machine) allocates in that round only
        for (int round = 0; round < 5; round++) {
            final long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 100_000; i++) {
                legB.orderBook.updateBid(bestBidB, levelSize + (i & 1));
                final long now = System.nanoTime();
                legA.orderBook.stamp(i, 0, now);
                legB.orderBook.stamp(i, 0, now);
                context.now = now;
                intent.hold();
                strategy.onBook(context, intent);
                if (intent.action() != expected) {
                    throw new AssertionError("expected " + expected + ", got " + intent);
                }
            }
            allocated = Math.min(allocated, mx.getThreadAllocatedBytes(tid) - before);
        }
        return allocated;
    }

    /** A leg over a real book; funding settable. */
    static final class FakeLeg implements LegView {
        final MarketSpec spec;
        final OrderBook orderBook;
        double funding = Double.NaN;
        long position;

        FakeLeg(final MarketSpec spec) {
            this.spec = spec;
            this.orderBook = OrderBook.forMarket(spec, 20);
        }

        /** One level per side, deep, received now. */
        void book(final BigDecimal bid, final BigDecimal ask) {
            orderBook.clear();
            final long size = FixedPoint.fromBigDecimal(LEVEL_SIZE, spec.sizeScale());
            orderBook.updateBid(FixedPoint.fromBigDecimal(bid, spec.priceScale()), size);
            orderBook.updateAsk(FixedPoint.fromBigDecimal(ask, spec.priceScale()), size);
            orderBook.stamp(orderBook.sequence() + 1, 0, System.nanoTime());
            orderBook.markValid();
        }

        @Override
        public String venue() {
            return spec.venue();
        }

        @Override
        public String market() {
            return spec.symbol();
        }

        @Override
        public MarketSpec spec() {
            return spec;
        }

        @Override
        public BookView book() {
            return orderBook;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public double fundingRatePerHour() {
            return funding;
        }
    }

    /** The engine's view as a strategy sees it; leg size 0.01 at the finer size scale. */
    static final class FakeContext implements StrategyContext {
        final FakeLeg a;
        final FakeLeg b;
        PositionState state = PositionState.FLAT;
        Direction open;
        long now;
        Parameters params;

        FakeContext(final FakeLeg a, final FakeLeg b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public String botId() {
            return "test";
        }

        @Override
        public LegView legA() {
            return a;
        }

        @Override
        public LegView legB() {
            return b;
        }

        @Override
        public PositionState state() {
            return state;
        }

        @Override
        public Direction openDirection() {
            return state == PositionState.OPEN ? open : null;
        }

        @Override
        public int sizeScale() {
            return Math.max(a.spec.sizeScale(), b.spec.sizeScale());
        }

        @Override
        public long positionSize() {
            return FixedPoint.fromBigDecimal(new BigDecimal("0.01"), sizeScale());
        }

        @Override
        public long nowNanos() {
            return now;
        }

        @Override
        public Parameters parameters() {
            return params;
        }
    }
}
