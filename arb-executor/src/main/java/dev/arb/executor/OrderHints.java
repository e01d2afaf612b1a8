package dev.arb.executor;

import dev.arb.api.Side;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Tells each leg's venue the order the engine would send next, so that a pre-signing adapter hashes it ahead, off
 * the decision thread ({@link dev.arb.api.ExchangeAdapter#expectOrder}; issue 14 §2): when flat, an entry of
 * either side at the entry size; when open, the exit that closes the position. The limit is the one
 * {@link RoundPricing#entryLimit} would compute on the current books (on the {@code limitPriceGridBps} grid), and
 * candidates one and two grid steps either side. A venue is told only when a leg's likely order changed, so on
 * most book events this costs the snapshot and a few comparisons, and nothing is allocated.
 *
 * <p><b>Note:</b> confined to the executor's state thread.
 */
final class OrderHints {
    private final ExecutorCore core;
    private final RoundPricing pricing;
    /** Last hint per leg and side (index leg × 2 + side): size and limit; 0 = none. */
    private final long[] sizes = new long[4];
    private final long[] limits = new long[4];
    /** The positions the exit sizes were computed from (identity: a ledger replaces its position on a change). */
    private final BigDecimal[] positions = new BigDecimal[2];
    private final long[] exitSizes = new long[2];

    OrderHints(final ExecutorCore core, final RoundPricing pricing) {
        this.core = core;
        this.pricing = pricing;
    }

    /**
     * After an event was acted on: hints both legs' likely next orders if the engine is flat or open (no round in
     * flight) and the books price; during a round, forgets what it hinted.
     *
     * @param nowNanos the event's time, ns (monotonic)
     */
    void refresh(final long nowNanos) {
        final ExecutorCore.State state = core.state;
        if (state != ExecutorCore.State.FLAT && state != ExecutorCore.State.OPEN) {
            // a round in flight: a venue may replace our hint with its own guess after each order (Paradex hashes
            // the same order again), so everything is hinted anew once the round is over
            Arrays.fill(limits, 0);
            return;
        }
        if (!core.config.orderHints() || !pricing.configured() || core.legA.spec == null || core.legB.spec == null
            || !pricing.priceSnapshot(nowNanos)) {
            return;
        }
        if (state == ExecutorCore.State.FLAT) {
            hint(core.legA, true, Side.BUY, core.settings.entrySizeA, false);
            hint(core.legA, true, Side.SELL, core.settings.entrySizeA, false);
            hint(core.legB, false, Side.BUY, core.settings.entrySizeB, false);
            hint(core.legB, false, Side.SELL, core.settings.entrySizeB, false);
        } else {
            close(core.legA, true);
            close(core.legB, false);
        }
    }

    /** Hints the exit of the whole position, as {@code RoundRunner} would send it. */
    private void close(final Leg leg, final boolean legA) {
        final BigDecimal position = leg.ledger.position();
        final int signum = position.signum();
        if (signum == 0) {
            return;
        }
        final int k = legA ? 0 : 1;
        if (positions[k] != position) {
            positions[k] = position;
            exitSizes[k] = leg.sizeDown(position.abs());
        }
        hint(leg, legA, signum > 0 ? Side.SELL : Side.BUY, exitSizes[k], true);
    }

    private void hint(final Leg leg, final boolean legA, final Side side, final long size, final boolean exit) {
        final long reference = pricing.worst(legA, side);
        if (size <= 0 || reference <= 0) {
            return;
        }
        final long limit = exit ? pricing.exitLimit(leg, legA, side, size, true)
            : pricing.entryLimit(leg, side, 0, size, legA);
        final int i = (legA ? 0 : 2) + side.ordinal();
        if (limit == limits[i] && size == sizes[i]) {
            return;
        }
        limits[i] = limit;
        sizes[i] = size;
        leg.adapter.expectOrder(leg.market, side, size, limit,
            LegPricing.gridStep(leg, reference, core.config.limitPriceGridBps()));
    }
}
