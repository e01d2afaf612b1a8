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
 * Funding capture: holds the hedged pair while the funding differential between the two venues pays
 * more than crossing the spread and the fees costs.
 *
 * <p><b>Funding sign convention.</b> {@code LegView.fundingRatePerHour()} is a fraction per hour
 * (0.0001 = 1 bp per hour) and is <em>positive when longs pay shorts</em>. A position long on the leg
 * with the lower rate and short on the leg with the higher rate therefore receives, per hour and per
 * unit of notional, {@code diff = higher - lower ≥ 0}: the long pays (or receives, if negative) the
 * lower rate, the short receives the higher one. While either rate is unknown ({@code NaN}) the
 * strategy neither enters nor exits.
 *
 * <p><b>Entry</b> (flat): in the direction that receives the differential (long the lower-rate leg,
 * short the higher-rate one), when {@code diff × 100 × horizon_h + net entry spread ≥ min_edge_pct}, all
 * in percent: the funding expected over the horizon plus what crossing the spread now earns (usually a
 * cost), net of both taker fees. The spread is measured by arb-spread's {@link SpreadCalculator} over
 * the VWAP of {@code position_size}. Equal rates give no entry.
 *
 * <p><b>Exit</b> (open): when the differential the position receives has fallen below
 * {@code exit_diff_bps_per_h} (or flipped against it) <em>and</em> the closing spread, net of the two
 * exit taker fees, is at least {@code spread_exit}; otherwise it holds and keeps collecting.
 *
 * <p><b>Parameters</b> (all changeable while the bot runs):
 * <ul>
 *   <li>{@code horizon_h}: h, how long the differential is expected to last, 0 to 720, default 8</li>
 *   <li>{@code min_edge_pct}: percent, funding over the horizon plus net entry spread needed to enter,
 *       -5 to 5, default 0.02</li>
 *   <li>{@code exit_diff_bps_per_h}: bps per hour, exit once the received differential is below this,
 *       -100 to 100, default 0.1</li>
 *   <li>{@code spread_exit}: percent, the worst closing spread net of exit fees accepted to exit, -5 to
 *       5, default -0.10</li>
 * </ul>
 * It also reads the engine's {@code position_size} (base units) and, if declared,
 * {@code max_quote_age_ms}.
 *
 * <p><b>Run it</b>: {@code java -jar arb-examples/target/arb.jar run --sim --strategy strategies/FundingCapture.java}.
 *
 * <p><b>Note:</b> confined to the engine's thread; {@link #onBook} allocates nothing.
 */
public final class FundingCapture implements Strategy {
    private final SpreadSnapshot snap = new SpreadSnapshot();
    private SpreadCalculator calc;
    private double horizonH;
    private double minEdgePct;
    private double exitDiffPerH; // fraction per hour
    private double spreadExitPct;

    /** Creates the strategy; the engine configures it before the first event. */
    public FundingCapture() {
    }

    @Override
    public String name() {
        return "funding-capture";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
            ParamSpec.decimal("horizon_h", "h", "0", "720", "8",
                "hours of funding differential counted towards the entry edge"),
            ParamSpec.decimal("min_edge_pct", "percent", "-5", "5", "0.02",
                "enter when funding over the horizon plus the net entry spread reaches this"),
            ParamSpec.decimal("exit_diff_bps_per_h", "bps/h", "-100", "100", "0.1",
                "exit once the funding differential received falls below this"),
            ParamSpec.decimal("spread_exit", "percent", "-5", "5", "-0.10",
                "worst closing spread net of both exit taker fees accepted to exit"));
    }

    @Override
    public void configure(final StrategyContext context) {
        final Parameters p = context.parameters();
        horizonH = p.asDouble("horizon_h");
        minEdgePct = p.asDouble("min_edge_pct");
        exitDiffPerH = p.asDouble("exit_diff_bps_per_h") / 10_000.0;
        spreadExitPct = p.asDouble("spread_exit");
        final BigDecimal size = p.has("position_size") ? p.decimal("position_size")
            : BigDecimal.valueOf(context.positionSize(), context.sizeScale());
        final long maxAgeMs = p.has("max_quote_age_ms") ? p.asLong("max_quote_age_ms") : Long.MAX_VALUE;
        calc = new SpreadCalculator(SpreadConfig.builder()
            .takerFeeBpsA(context.legA().spec().takerFeeBps())
            .takerFeeBpsB(context.legB().spec().takerFeeBps())
            .sizeBase(size)
            .maxBookAgeMs(maxAgeMs)
            .build());
    }

    @Override
    public void onBook(final StrategyContext context, final Intent out) {
        final double rateA = context.legA().fundingRatePerHour();
        final double rateB = context.legB().fundingRatePerHour();
        if (Double.isNaN(rateA) || Double.isNaN(rateB)) {
            return;
        }
        calc.compute(context.legA().book(), context.legB().book(), context.nowNanos(), snap);
        if (!snap.usable()) {
            return;
        }
        final PositionState state = context.state();
        if (state == PositionState.OPEN) {
            final Direction open = context.openDirection();
            if (open == null) {
                return;
            }
            // long A / short B receives rateB - rateA per hour; the mirror receives rateA - rateB
            final double received = open == Direction.BUY_A_SELL_B ? rateB - rateA : rateA - rateB;
            final double closing = open == Direction.BUY_A_SELL_B ? snap.buyBSellANetPct() : snap.buyASellBNetPct();
            if (received < exitDiffPerH && closing >= spreadExitPct) {
                out.exit(closing);
            }
            return;
        }
        if (state != PositionState.FLAT || rateA == rateB) {
            return;
        }
        // long the lower-rate leg, short the higher-rate one
        final Direction d = rateA < rateB ? Direction.BUY_A_SELL_B : Direction.BUY_B_SELL_A;
        final double diff = Math.abs(rateB - rateA);
        final double entryNet = d == Direction.BUY_A_SELL_B ? snap.buyASellBNetPct() : snap.buyBSellANetPct();
        final double edge = diff * 100.0 * horizonH + entryNet;
        if (edge >= minEdgePct) {
            out.enter(d, edge);
        }
    }
}
