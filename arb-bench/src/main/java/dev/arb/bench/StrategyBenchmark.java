package dev.arb.bench;

import dev.arb.api.BookView;
import dev.arb.api.FixedPoint;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.executor.ThresholdSpreadStrategy;
import dev.arb.spread.SpreadCalculator;
import dev.arb.spread.SpreadConfig;
import dev.arb.spread.SpreadSnapshot;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.LegView;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.Parameters;
import dev.arb.strategy.api.PositionState;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.api.StrategyContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the strategy layer per book change, on two 20-level books with different scales
 * ({@link BenchBooks}; one level of venue B changes per operation; VWAP over a 0.5 base-unit leg,
 * taker fees 2 bps per venue, funding rates known).
 *
 * <ul>
 *   <li>{@link #builtInHold} / {@link #builtInEnter}: {@link ThresholdSpreadStrategy#onBook} answering
 *       HOLD (the 0.11 % net edge is below {@code spread_entry} 0.15) and ENTER ({@code spread_entry}
 *       0.05).</li>
 *   <li>The SPI's price, all answering HOLD with the same decision logic: {@link #direct} calls it as a
 *       static method on the books (spread calculator + threshold compare, as the executor did before
 *       the SPI); {@link #spiMonomorphic}, {@link #spiBimorphic} and {@link #spiMegamorphic} call
 *       {@link Strategy#onBook} through an interface reference whose call site sees one, two or three
 *       implementations (the built-in and verbatim copies of it), so that the JIT can inline it behind
 *       a type check, behind two, or not at all (an itable call).</li>
 * </ul>
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default), as on the single event loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StrategyBenchmark {
    private static final MarketSpec SPEC_A = MarketSpec.builder().venue("a").symbol("BTC-A").priceScale(2)
        .sizeScale(4).tickSize(10).stepSize(1).takerFeeRate(new BigDecimal("0.0002")).build();
    private static final MarketSpec SPEC_B = MarketSpec.builder().venue("b").symbol("BTC-B").priceScale(8)
        .sizeScale(6).tickSize(10_000_000).stepSize(100).takerFeeRate(new BigDecimal("0.0002")).build();
    private static final BigDecimal LEG_SIZE = new BigDecimal("0.5");
    private static final long BEST_BID_B = 6_510_000_000_000L;

    private OrderBook bookA;
    private OrderBook bookB;
    private BenchContext context;
    private final Intent intent = new Intent();
    private ThresholdSpreadStrategy hold;
    private ThresholdSpreadStrategy enter;
    private Strategy[] mono;
    private Strategy[] bi;
    private Strategy[] mega;
    private SpreadCalculator directCalculator;
    private final SpreadSnapshot directSnapshot = new SpreadSnapshot();
    private double entryPct;
    private double exitPct;
    private double horizonH;
    private int next;
    private long deltaSize;

    /** Builds the books, the context and the strategies, and checks each answers as documented. */
    @Setup
    public void setUp() {
        final long now = System.nanoTime();
        bookA = BenchBooks.bookA(now);
        bookB = BenchBooks.bookB(now);
        context = new BenchContext(new BenchLeg(SPEC_A, bookA, 0.0000125), new BenchLeg(SPEC_B, bookB, 0.00001), now);
        hold = new ThresholdSpreadStrategy();
        enter = new ThresholdSpreadStrategy();
        final Strategy copyA = new CopyA();
        final Strategy copyB = new CopyB();
        configure(hold, "0.15");
        configure(enter, "0.05");
        configure(copyA, "0.15");
        configure(copyB, "0.15");
        mono = new Strategy[] {hold, hold, hold};
        bi = new Strategy[] {hold, copyA, hold, copyA, hold, copyA};
        mega = new Strategy[] {hold, copyA, copyB};
        final Parameters p = context.params;
        entryPct = p.asDouble(ThresholdSpreadStrategy.SPREAD_ENTRY);
        exitPct = p.asDouble(ThresholdSpreadStrategy.SPREAD_EXIT);
        horizonH = p.asDouble(ThresholdSpreadStrategy.FUNDING_HORIZON_H);
        directCalculator = calculator(context);
        check(builtInHold(), Intent.Action.HOLD);
        check(builtInEnter(), Intent.Action.ENTER);
        check(direct(), Intent.Action.HOLD);
        for (int i = 0; i < 6; i++) {
            check(spiMonomorphic(), Intent.Action.HOLD);
            check(spiBimorphic(), Intent.Action.HOLD);
            check(spiMegamorphic(), Intent.Action.HOLD);
        }
    }

    private void configure(final Strategy s, final String spreadEntry) {
        context.params = Parameters.of(s.parameters(), Map.of(ThresholdSpreadStrategy.SPREAD_ENTRY, spreadEntry));
        s.configure(context);
    }

    private static void check(final Intent.Action got, final Intent.Action expected) {
        if (got != expected) {
            throw new IllegalStateException("benchmark decision is " + got + ", expected " + expected);
        }
    }

    /** One level of B changes (its best bid's size), as a book update would. */
    private void bookChange() {
        deltaSize = deltaSize == 100_000 ? 100_001 : 100_000;
        bookB.updateBid(BEST_BID_B, deltaSize);
    }

    private int nextIndex() {
        next = next == 5 ? 0 : next + 1;
        return next;
    }

    /** @return the built-in's answer (HOLD) */
    @Benchmark
    public Intent.Action builtInHold() {
        bookChange();
        intent.hold();
        hold.onBook(context, intent);
        return intent.action();
    }

    /** @return the built-in's answer (ENTER) */
    @Benchmark
    public Intent.Action builtInEnter() {
        bookChange();
        intent.hold();
        enter.onBook(context, intent);
        return intent.action();
    }

    /** @return the same decision without the SPI: a static call on the books */
    @Benchmark
    public Intent.Action direct() {
        bookChange();
        nextIndex();
        intent.hold();
        decideDirect(directCalculator, directSnapshot, bookA, bookB, context.now, context.state, context.open,
            context.a.funding, context.b.funding, entryPct, exitPct, horizonH, intent);
        return intent.action();
    }

    /** @return the decision through the interface, one receiver type at the call site */
    @Benchmark
    public Intent.Action spiMonomorphic() {
        bookChange();
        final Strategy s = mono[nextIndex() % 3];
        intent.hold();
        s.onBook(context, intent);
        return intent.action();
    }

    /** @return the decision through the interface, two receiver types alternating */
    @Benchmark
    public Intent.Action spiBimorphic() {
        bookChange();
        final Strategy s = bi[nextIndex()];
        intent.hold();
        s.onBook(context, intent);
        return intent.action();
    }

    /** @return the decision through the interface, three receiver types in turn */
    @Benchmark
    public Intent.Action spiMegamorphic() {
        bookChange();
        final Strategy s = mega[nextIndex() % 3];
        intent.hold();
        s.onBook(context, intent);
        return intent.action();
    }

    /** Without the SPI: the built-in's decision as one static method (what the executor inlined before). */
    static void decideDirect(final SpreadCalculator calculator, final SpreadSnapshot snapshot, final BookView a,
        final BookView b, final long now, final PositionState state, final Direction open, final double rateA,
        final double rateB, final double entryPct, final double exitPct, final double horizonH, final Intent out) {
        calculator.compute(a, b, now, snapshot);
        if (!snapshot.usable()) {
            return;
        }
        if (state == PositionState.OPEN) {
            final double closing = open == Direction.BUY_A_SELL_B ? snapshot.buyBSellANetPct() : snapshot.buyASellBNetPct();
            if (closing >= exitPct) {
                out.exit(closing);
            }
            return;
        }
        final double fundingAb = fundingEdgePct(rateA, rateB, horizonH);
        final double ab = snapshot.buyASellBNetPct() + fundingAb;
        final double ba = snapshot.buyBSellANetPct() - fundingAb;
        if (ab >= entryPct && ab >= ba) {
            out.enter(Direction.BUY_A_SELL_B, ab);
        } else if (ba >= entryPct) {
            out.enter(Direction.BUY_B_SELL_A, ba);
        }
    }

    static double fundingEdgePct(final double rateA, final double rateB, final double horizonH) {
        final double a = Double.isNaN(rateA) ? 0 : rateA;
        final double b = Double.isNaN(rateB) ? 0 : rateB;
        return (b - a) * horizonH * 100.0;
    }

    static SpreadCalculator calculator(final StrategyContext c) {
        final Parameters p = c.parameters();
        return new SpreadCalculator(SpreadConfig.builder()
            .takerFeeBpsA(c.legA().spec().takerFeeBps())
            .takerFeeBpsB(c.legB().spec().takerFeeBps())
            .sizeBase(p.asBoolean(ThresholdSpreadStrategy.USE_VWAP)
                ? FixedPoint.toBigDecimal(c.positionSize(), c.sizeScale()) : BigDecimal.ZERO)
            .maxBookAgeMs(p.asLong(ThresholdSpreadStrategy.MAX_QUOTE_AGE_MS))
            .build());
    }

    /** A verbatim copy of the built-in through the context: a second receiver type with the same work. */
    static class CopyA implements Strategy {
        private final SpreadSnapshot snapshot = new SpreadSnapshot();
        private SpreadCalculator calculator;
        private double entryPct;
        private double exitPct;
        private double horizonH;

        @Override
        public String name() {
            return getClass().getSimpleName();
        }

        @Override
        public List<ParamSpec> parameters() {
            return new ThresholdSpreadStrategy().parameters();
        }

        @Override
        public void configure(final StrategyContext context) {
            final Parameters p = context.parameters();
            entryPct = p.asDouble(ThresholdSpreadStrategy.SPREAD_ENTRY);
            exitPct = p.asDouble(ThresholdSpreadStrategy.SPREAD_EXIT);
            horizonH = p.asDouble(ThresholdSpreadStrategy.FUNDING_HORIZON_H);
            calculator = calculator(context);
        }

        @Override
        public void onBook(final StrategyContext context, final Intent out) {
            calculator.compute(context.legA().book(), context.legB().book(), context.nowNanos(), snapshot);
            if (!snapshot.usable()) {
                return;
            }
            if (context.state() == PositionState.OPEN) {
                final double closing = context.openDirection() == Direction.BUY_A_SELL_B
                    ? snapshot.buyBSellANetPct() : snapshot.buyASellBNetPct();
                if (closing >= exitPct) {
                    out.exit(closing);
                }
                return;
            }
            final double fundingAb = fundingEdgePct(context.legA().fundingRatePerHour(),
                context.legB().fundingRatePerHour(), horizonH);
            final double ab = snapshot.buyASellBNetPct() + fundingAb;
            final double ba = snapshot.buyBSellANetPct() - fundingAb;
            if (ab >= entryPct && ab >= ba) {
                out.enter(Direction.BUY_A_SELL_B, ab);
            } else if (ba >= entryPct) {
                out.enter(Direction.BUY_B_SELL_A, ba);
            }
        }
    }

    /** A third receiver type (same work), to make a call site megamorphic. */
    static final class CopyB extends CopyA {
    }

    /** A leg over a benchmark book. */
    static final class BenchLeg implements LegView {
        private final MarketSpec spec;
        private final OrderBook book;
        final double funding;

        BenchLeg(final MarketSpec spec, final OrderBook book, final double funding) {
            this.spec = spec;
            this.book = book;
            this.funding = funding;
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
            return book;
        }

        @Override
        public long position() {
            return 0;
        }

        @Override
        public double fundingRatePerHour() {
            return funding;
        }
    }

    /** The engine's view, flat, at a fixed time (the books' age stays 0). */
    static final class BenchContext implements StrategyContext {
        final BenchLeg a;
        final BenchLeg b;
        final long now;
        final PositionState state = PositionState.FLAT;
        final Direction open = null;
        Parameters params;

        BenchContext(final BenchLeg a, final BenchLeg b, final long now) {
            this.a = a;
            this.b = b;
            this.now = now;
        }

        @Override
        public String botId() {
            return "bench";
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
            return open;
        }

        @Override
        public int sizeScale() {
            return Math.max(SPEC_A.sizeScale(), SPEC_B.sizeScale());
        }

        @Override
        public long positionSize() {
            return FixedPoint.fromBigDecimal(LEG_SIZE, sizeScale());
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
