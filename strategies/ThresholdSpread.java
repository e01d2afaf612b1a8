import dev.arb.api.FixedPoint;
import dev.arb.spread.SpreadCalculator;
import dev.arb.spread.SpreadConfig;
import dev.arb.spread.SpreadSnapshot;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.Parameters;
import dev.arb.strategy.api.PositionState;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.api.StrategyContext;
import java.math.BigDecimal;
import java.util.List;

/**
 * The built-in {@code threshold-spread} strategy as a source file to copy and edit: it makes the same
 * decisions as {@code dev.arb.executor.ThresholdSpreadStrategy} with the same parameters.
 *
 * <ul>
 *   <li><b>Entry edge</b> of a direction, percent: the spread from {@link SpreadCalculator} (VWAP over
 *       {@code position_size} when {@code use_vwap}, else the touch) net of the two entry taker fees, plus
 *       the funding the position is expected to earn over {@code funding_horizon_h}: for
 *       {@code BUY_A_SELL_B} (long A, short B), {@code (rateB − rateA) × horizon × 100} with the venues'
 *       hourly rates (positive rate = longs pay), the opposite for {@code BUY_B_SELL_A}; an unknown rate
 *       counts 0. The better direction at or above {@code spread_entry} is entered.</li>
 *   <li><b>Exit</b>: with a position open, when the closing direction's spread net of the two exit taker
 *       fees reaches {@code spread_exit}.</li>
 * </ul>
 *
 * <p><b>Parameters</b> (all changeable while running): {@code spread_entry} (percent, default 0.15),
 * {@code spread_exit} (percent, default −0.05), {@code use_vwap} (default true), {@code funding_horizon_h}
 * (hours, default 8); it reads the engine's {@code position_size} (base units) and {@code max_quote_age_ms}
 * (ms: the one quote-age gate; the spread ignores older books).
 *
 * <p><b>Run it</b>: {@code java -jar arb-examples/target/arb.jar run --sim --strategy strategies/ThresholdSpread.java};
 * save an edit while the bot runs and the new version takes over between two book updates.
 *
 * <p><b>Note:</b> confined to the engine's thread; {@link #onBook} allocates nothing.
 */
public final class ThresholdSpread implements Strategy {
    /** Entry threshold: net edge of the entry direction, percent (after both entry taker fees, with funding). */
    public static final String SPREAD_ENTRY = "spread_entry";
    /** Exit threshold: closing spread after both exit taker fees, percent. */
    public static final String SPREAD_EXIT = "spread_exit";
    /** The engine's quote-age gate, ms: books received longer ago are ignored. */
    public static final String MAX_QUOTE_AGE_MS = "max_quote_age_ms";
    /** Book age limit when no engine supplies {@link #MAX_QUOTE_AGE_MS} (a strategy run on its own), ms. */
    private static final long NO_AGE_LIMIT_MS = Long.MAX_VALUE / 1_000_000L;
    /** VWAP over the leg size (true) or the touch (false). */
    public static final String USE_VWAP = "use_vwap";
    /** Holding period over which expected funding is counted in the entry edge, hours. */
    public static final String FUNDING_HORIZON_H = "funding_horizon_h";

    private static final List<ParamSpec> PARAMS = List.of(
        ParamSpec.decimal(SPREAD_ENTRY, "percent", "-100", "1000", "0.15",
            "enter when a direction's spread net of both entry taker fees, plus expected funding, reaches this"),
        ParamSpec.decimal(SPREAD_EXIT, "percent", "-100", "1000", "-0.05",
            "exit when the closing spread net of both exit taker fees reaches this"),
        ParamSpec.bool(USE_VWAP, true, "price the spread as the VWAP of the leg size (else the touch)"),
        ParamSpec.decimal(FUNDING_HORIZON_H, "h", "0", "720", "8",
            "count the funding differential expected over this holding time in the entry edge"));

    private final SpreadSnapshot snapshot = new SpreadSnapshot();
    private SpreadCalculator calculator;
    private double entryPct;
    private double exitPct;
    private double horizonH;

    @Override
    public String name() {
        return "threshold-spread (source)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMS;
    }

    @Override
    public void configure(final StrategyContext context) {
        final Parameters p = context.parameters();
        entryPct = p.asDouble(SPREAD_ENTRY);
        exitPct = p.asDouble(SPREAD_EXIT);
        horizonH = p.asDouble(FUNDING_HORIZON_H);
        final BigDecimal size = FixedPoint.toBigDecimal(context.positionSize(), context.sizeScale());
        calculator = new SpreadCalculator(SpreadConfig.builder()
            .takerFeeBpsA(context.legA().spec().takerFeeBps())
            .takerFeeBpsB(context.legB().spec().takerFeeBps())
            .sizeBase(p.asBoolean(USE_VWAP) ? size : BigDecimal.ZERO)
            .maxBookAgeMs(p.has(MAX_QUOTE_AGE_MS) ? p.asLong(MAX_QUOTE_AGE_MS) : NO_AGE_LIMIT_MS)
            .build());
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

    /**
     * @param rateA    venue A's funding rate per hour, fraction (positive = longs pay), NaN = unknown
     * @param rateB    venue B's funding rate per hour, fraction, NaN = unknown
     * @param horizonH holding time, hours
     * @return the funding a {@code BUY_A_SELL_B} position (long A, short B) earns over the horizon,
     *     percent of notional; an unknown rate counts 0
     */
    private static double fundingEdgePct(final double rateA, final double rateB, final double horizonH) {
        final double a = Double.isNaN(rateA) ? 0 : rateA;
        final double b = Double.isNaN(rateB) ? 0 : rateB;
        return (b - a) * horizonH * 100.0;
    }
}
