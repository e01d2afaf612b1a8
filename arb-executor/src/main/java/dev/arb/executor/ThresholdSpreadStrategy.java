package dev.arb.executor;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in strategy ({@code threshold-spread}): enter when the net edge of a direction reaches
 * {@code spread_entry}, exit when the closing spread net of the exit fees reaches {@code spread_exit}.
 *
 * <ul>
 *   <li><b>Entry edge</b> of a direction, percent: the spread from {@link SpreadCalculator} (VWAP over
 *       {@code position_size} when {@code use_vwap}, else the touch) net of the two entry taker fees,
 *       plus the funding the position is expected to earn over {@code funding_horizon_h}: for
 *       {@code BUY_A_SELL_B}, {@code (rateB − rateA) × horizon × 100} with the venues' hourly rates
 *       (positive rate = longs pay), the opposite for {@code BUY_B_SELL_A}; an unknown rate counts 0.
 *       The better direction at or above {@code spread_entry} is entered.</li>
 *   <li><b>Exit</b>: when a position is open, the closing direction's spread net of the two exit taker
 *       fees at or above {@code spread_exit}. A round's edge is thus at least
 *       {@code spread_entry + spread_exit}, net of all four taker fees.</li>
 * </ul>
 *
 * <p>{@code strategies/ThresholdSpread.java} is the same strategy as a source file to copy and edit.
 *
 * <p><b>Note:</b> confined to the engine's thread; {@link #onBook} allocates nothing.
 */
public final class ThresholdSpreadStrategy implements Strategy {
    /** Entry threshold: net edge of the entry direction, percent (after both entry taker fees, with funding). */
    public static final String SPREAD_ENTRY = "spread_entry";
    /** Exit threshold: closing spread after both exit taker fees, percent. */
    public static final String SPREAD_EXIT = "spread_exit";
    /**
     * The engine's quote-age gate, ms, which the spread also uses: books received longer ago are ignored. An
     * engine parameter, so every strategy sees it.
     */
    public static final String MAX_QUOTE_AGE_MS = "max_quote_age_ms";
    /**
     * Oldest book used for a decision, ms.
     *
     * @deprecated the strategy's own age limit became the engine's one quote-age gate; use {@link #MAX_QUOTE_AGE_MS}
     *     (a value given under this name is applied to it, with a warning)
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public static final String MAX_BOOK_AGE_MS = "max_book_age_ms";
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

    private final boolean entries;
    private final SpreadSnapshot snapshot = new SpreadSnapshot();
    private SpreadCalculator calculator;
    private double entryPct;
    private double exitPct;
    private double horizonH;

    /** The built-in strategy. */
    public ThresholdSpreadStrategy() {
        this(true);
    }

    private ThresholdSpreadStrategy(final boolean entries) {
        this.entries = entries;
    }

    /** @return the built-in strategy with entries off: it only exits (the fallback for a failing strategy) */
    public static ThresholdSpreadStrategy exitOnly() {
        return new ThresholdSpreadStrategy(false);
    }

    /**
     * @param config an executor configuration
     * @return the built-in strategy's parameter values taken from it ({@code spread_entry},
     *     {@code spread_exit}, {@code use_vwap}; the quote-age gate is the engine's, from
     *     {@link ExecutorConfig#maxQuoteAgeMs()})
     */
    public static Map<String, String> parametersFrom(final ExecutorConfig config) {
        final Map<String, String> p = new LinkedHashMap<>();
        p.put(SPREAD_ENTRY, BigDecimal.valueOf(config.entryThresholdPct()).toPlainString());
        p.put(SPREAD_EXIT, BigDecimal.valueOf(config.exitThresholdPct()).toPlainString());
        p.put(USE_VWAP, Boolean.toString(config.useVwap()));
        return p;
    }

    @Override
    public String name() {
        return entries ? "threshold-spread" : "threshold-spread (exits only)";
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
        if (!entries) {
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
    static double fundingEdgePct(final double rateA, final double rateB, final double horizonH) {
        final double a = Double.isNaN(rateA) ? 0 : rateA;
        final double b = Double.isNaN(rateB) ? 0 : rateB;
        return (b - a) * horizonH * 100.0;
    }
}
