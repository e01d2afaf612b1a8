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
 * Threshold spread with a persistence filter: enters only when the net entry spread has stayed at or
 * above {@code spread_entry} for {@code persist_ms} milliseconds without interruption, so that a
 * single flickering quote (a stale level, a book about to be corrected) does not trigger a round.
 *
 * <p><b>Spreads.</b> On every book change both directions are measured by arb-spread's
 * {@link SpreadCalculator} over the volume-weighted average price of {@code position_size} on each
 * side (the depth the order will actually take), net of both venues' taker fees. Buying A and selling
 * B earns {@code (bidB - askA) / askA × 100 - fees}; buying B and selling A the mirror.
 *
 * <p><b>Entry.</b> For each direction the strategy remembers since when (on the engine's clock
 * {@code context.nowNanos()}) its net spread has been continuously at or above {@code spread_entry};
 * an unusable measurement (a book invalid, crossed, stale or too thin for the size) or a dip below
 * resets it. When a direction has held for {@code persist_ms} and the pair is flat, it asks to enter
 * that way (the better spread if both have). A {@code persist_ms} of 0 enters on the first tick at the threshold.
 *
 * <p><b>Exit.</b> With a position open, it asks to exit as soon as the closing direction's spread
 * (the reverse of the open one), net of the two exit taker fees, reaches {@code spread_exit}.
 *
 * <p><b>Parameters</b> (all changeable while the bot runs):
 * <ul>
 *   <li>{@code spread_entry}: percent, net of both entry taker fees, -5 to 5, default 0.15</li>
 *   <li>{@code spread_exit}: percent, net of both exit taker fees, -5 to 5, default -0.05</li>
 *   <li>{@code persist_ms}: ms the entry spread must hold continuously, 0 to 60000, default 500</li>
 * </ul>
 * It also reads the engine's {@code position_size} (base units, the size the spread is measured
 * for) and, if declared, {@code max_quote_age_ms} (books older than this are not used; else the
 * engine's own freshness gate alone applies).
 *
 * <p><b>Run it</b>: {@code java -jar arb-examples/target/arb.jar run --sim --strategy strategies/PersistentSpread.java};
 * edit and save the file while the bot runs to swap in the new version.
 *
 * <p><b>Note:</b> confined to the engine's thread; {@link #onBook} allocates nothing.
 */
public final class PersistentSpread implements Strategy {
    private final SpreadSnapshot snap = new SpreadSnapshot();
    private SpreadCalculator calc;
    private double entryPct;
    private double exitPct;
    private long persistNanos;

    private boolean aboveAB;
    private long sinceAB;
    private boolean aboveBA;
    private long sinceBA;

    /** Creates the strategy; the engine configures it before the first event. */
    public PersistentSpread() {
    }

    @Override
    public String name() {
        return "persistent-spread";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
            ParamSpec.decimal("spread_entry", "percent", "-5", "5", "0.15",
                "enter when the spread net of both entry taker fees is at or above this"),
            ParamSpec.decimal("spread_exit", "percent", "-5", "5", "-0.05",
                "exit when the closing spread net of both exit taker fees reaches this"),
            ParamSpec.integer("persist_ms", "ms", 0, 60_000, 500,
                "how long the entry spread must stay at or above spread_entry without interruption"));
    }

    @Override
    public void configure(final StrategyContext context) {
        final Parameters p = context.parameters();
        entryPct = p.asDouble("spread_entry");
        exitPct = p.asDouble("spread_exit");
        persistNanos = p.asLong("persist_ms") * 1_000_000L;
        final BigDecimal size = p.has("position_size") ? p.decimal("position_size")
            : BigDecimal.valueOf(context.positionSize(), context.sizeScale());
        final long maxAgeMs = p.has("max_quote_age_ms") ? p.asLong("max_quote_age_ms") : Long.MAX_VALUE;
        calc = new SpreadCalculator(SpreadConfig.builder()
            .takerFeeBpsA(context.legA().spec().takerFeeBps())
            .takerFeeBpsB(context.legB().spec().takerFeeBps())
            .sizeBase(size)
            .maxBookAgeMs(maxAgeMs)
            .build());
        aboveAB = false; // a new threshold starts a new persistence window
        aboveBA = false;
    }

    @Override
    public void onBook(final StrategyContext context, final Intent out) {
        final long now = context.nowNanos();
        calc.compute(context.legA().book(), context.legB().book(), now, snap);
        if (!snap.usable()) {
            aboveAB = false;
            aboveBA = false;
            return;
        }
        final double netAB = snap.buyASellBNetPct(); // buy A, sell B
        final double netBA = snap.buyBSellANetPct();  // buy B, sell A
        if (netAB >= entryPct) {
            if (!aboveAB) {
                aboveAB = true;
                sinceAB = now;
            }
        } else {
            aboveAB = false;
        }
        if (netBA >= entryPct) {
            if (!aboveBA) {
                aboveBA = true;
                sinceBA = now;
            }
        } else {
            aboveBA = false;
        }

        final PositionState state = context.state();
        if (state == PositionState.OPEN) {
            final Direction open = context.openDirection();
            final double closing = open == Direction.BUY_A_SELL_B ? netBA : netAB;
            if (open != null && closing >= exitPct) {
                out.exit(closing);
            }
            return;
        }
        if (state != PositionState.FLAT) {
            return; // a round in flight: keep measuring, ask nothing
        }
        final boolean readyAB = aboveAB && now - sinceAB >= persistNanos;
        final boolean readyBA = aboveBA && now - sinceBA >= persistNanos;
        if (readyAB && (!readyBA || netAB >= netBA)) {
            out.enter(Direction.BUY_A_SELL_B, netAB);
        } else if (readyBA) {
            out.enter(Direction.BUY_B_SELL_A, netBA);
        }
    }
}
