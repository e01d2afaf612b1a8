package dev.arb.executor;

import dev.arb.api.OrderBook;
import dev.arb.spread.SpreadSnapshot;

/**
 * Copies both legs' best levels, book ages, positions, funding and the pricing spreads into the
 * operator plane's reused {@link MarketSnapshot}, without allocating
 * ({@link DeltaNeutralExecutor#captureMarket}).
 *
 * <p><b>Note:</b> confined to the executor's state thread (the snapshot's readers use its own
 * write protocol).
 */
final class MarketCapture {
    private final ExecutorCore core;
    private final RoundPricing pricing;

    MarketCapture(final ExecutorCore core, final RoundPricing pricing) {
        this.core = core;
        this.pricing = pricing;
    }

    /** {@link DeltaNeutralExecutor#captureMarket}: the books' tops and the pricing spreads, allocation-free. */
    void capture(final MarketSnapshot out) {
        out.beginWrite();
        try {
            out.capturedAtMs = core.clock.currentTimeMillis();
            out.entriesPaused = core.paused;
            final long now = core.clock.nanoTime();
            captureLeg(core.legA, 0, now, out);
            captureLeg(core.legB, 1, now, out);
            final boolean usable = pricing.configured() && core.legA.book != null && core.legB.book != null
                && pricing.priceSnapshot(now);
            final SpreadSnapshot s = pricing.snapshot();
            out.buyASellBPct = usable ? s.buyASellBPct() : Double.NaN;
            out.buyBSellAPct = usable ? s.buyBSellAPct() : Double.NaN;
            out.buyASellBNetPct = usable ? s.buyASellBNetPct() : Double.NaN;
            out.buyBSellANetPct = usable ? s.buyBSellANetPct() : Double.NaN;
        } finally {
            out.endWrite();
        }
    }

    private static void captureLeg(final Leg leg, final int i, final long now, final MarketSnapshot out) {
        final OrderBook b = leg.book;
        final boolean ok = b != null && b.isValid();
        out.venue[i] = leg.name;
        out.market[i] = leg.market;
        out.bid[i] = ok ? b.bestBid() : Long.MIN_VALUE;
        out.ask[i] = ok ? b.bestAsk() : Long.MIN_VALUE;
        out.bidSize[i] = ok && b.bidLevels() > 0 ? b.bidSize(0) : 0;
        out.askSize[i] = ok && b.askLevels() > 0 ? b.askSize(0) : 0;
        out.bookAgeMs[i] = b != null ? b.ageMs(now) : -1;
        out.priceScale[i] = leg.spec != null ? leg.spec.priceScale() : 0;
        out.sizeScale[i] = leg.spec != null ? leg.spec.sizeScale() : 0;
        out.position[i] = leg.spec != null ? leg.position() : 0;
        out.fundingRatePerHour[i] = leg.fundingRatePerHour();
    }
}
