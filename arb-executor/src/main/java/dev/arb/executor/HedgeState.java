package dev.arb.executor;

import dev.arb.api.Position;
import dev.arb.api.Side;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Derives the pair's position state from the tracked positions (hedged, flat or imbalanced, within
 * the venues' minimum order as dust tolerance) and takes venue-reported positions as the truth when
 * asked (adoption, drift re-hedge), journaling each baseline.
 *
 * <p><b>Note:</b> confined to the executor's state thread.
 */
final class HedgeState {
    private final ExecutorCore core;

    HedgeState(final ExecutorCore core) {
        this.core = core;
    }

    /**
     * Derives the state from the tracked positions: hedged when {@code |posA + posB|} is within the
     * dust tolerance (what neither venue would accept as an order); halts when not hedged.
     *
     * @return the hedged open size (0 unless OPEN), base units
     */
    BigDecimal settle() {
        final BigDecimal posA = core.legA.ledger.position();
        final BigDecimal posB = core.legB.ledger.position();
        final BigDecimal tolerance = dustTolerance();
        if (posA.abs().compareTo(tolerance) <= 0 && posB.abs().compareTo(tolerance) <= 0
            && posA.add(posB).abs().compareTo(tolerance) <= 0) {
            core.state = ExecutorCore.State.FLAT;
            core.openDirection = null;
            core.pnl.onSettled();
            return BigDecimal.ZERO;
        }
        if (posA.signum() == -posB.signum() && posA.add(posB).abs().compareTo(tolerance) <= 0) {
            core.state = ExecutorCore.State.OPEN;
            core.openDirection = posA.signum() > 0 ? Direction.BUY_A_SELL_B : Direction.BUY_B_SELL_A;
            return posA.abs().min(posB.abs());
        }
        core.state = ExecutorCore.State.IMBALANCED;
        core.openDirection = null;
        core.halt("positions not hedged: " + core.legA.name + " " + posA.toPlainString() + ", " + core.legB.name + " "
            + posB.toPlainString());
        return BigDecimal.ZERO;
    }

    /** Derives the state after adoption without halting on an imbalance (the caller unwinds it). */
    void settleQuietly(final boolean haltOnImbalance) {
        final BigDecimal posA = core.legA.ledger.position();
        final BigDecimal posB = core.legB.ledger.position();
        if (posA.signum() == 0 && posB.signum() == 0) {
            core.state = ExecutorCore.State.FLAT;
            core.openDirection = null;
        } else if (posA.signum() == -posB.signum() && posA.abs().compareTo(posB.abs()) == 0) {
            core.state = ExecutorCore.State.OPEN;
            core.openDirection = posA.signum() > 0 ? Direction.BUY_A_SELL_B : Direction.BUY_B_SELL_A;
        } else if (haltOnImbalance) {
            settle();
        } else {
            core.state = ExecutorCore.State.IMBALANCED;
            core.openDirection = null;
        }
        core.publish();
    }

    /**
     * @return the smallest order the venue accepts on this leg now: its minimum size, or its minimum
     *     notional at the reference price, rounded up to the step; base units
     */
    BigDecimal minTradeable(final Leg leg) {
        BigDecimal min = leg.size(Math.max(leg.spec.minSize(), leg.spec.stepSize()));
        final BigDecimal notional = leg.spec.minNotionalUsd();
        final long ref = LegPricing.referencePrice(leg, Side.BUY);
        if (notional != null && notional.signum() > 0 && ref > 0) {
            final BigDecimal bySize = notional.divide(leg.price(ref), leg.spec.sizeScale(), RoundingMode.CEILING);
            min = min.max(bySize);
        }
        return min;
    }

    /** @return the largest residual tolerated as hedged: the larger venue minimum order, base units */
    BigDecimal dustTolerance() {
        return minTradeable(core.legA).max(minTradeable(core.legB));
    }

    /**
     * Takes the venues' positions (this bot's own parts of them) as the tracked ones and journals them as the
     * new baseline.
     */
    void adoptVenuePositions(final Position pa, final Position pb, final String why) {
        core.legA.ledger.adopt(pa.sizeDecimal(), pa.entryPrice() > 0 ? core.legA.price(pa.entryPrice())
            : core.midPriceA());
        core.legB.ledger.adopt(pb.sizeDecimal(), pb.entryPrice() > 0 ? core.legB.price(pb.entryPrice())
            : core.legA.ledger.avgEntryPrice());
        baseline(core.legA, pa.size(), why);
        baseline(core.legB, pb.size(), why);
    }

    /**
     * Journals a venue-reported position as the expected one: the venue's whole position, i.e. this bot's
     * own part plus the other bots' of the process on the same market (the journal is shared).
     *
     * @param size this bot's own position on the leg, the leg's size scale
     */
    void baseline(final Leg leg, final long size, final String why) {
        core.journal.append(JournalEvent.position(core.clock.currentTimeMillis(), core.journal.runId(),
            JournalEventType.BASELINE, leg.name, leg.market, core.venueTotal(leg, size), why));
    }
}
