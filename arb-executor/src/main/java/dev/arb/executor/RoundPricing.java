package dev.arb.executor;

import dev.arb.api.Side;
import dev.arb.spread.SpreadCalculator;
import dev.arb.spread.SpreadConfig;
import dev.arb.spread.SpreadSnapshot;
import java.math.BigDecimal;

/**
 * Prices a round from the live books: the engine's spread snapshot of both legs (taker fees, depth
 * for the leg size), the quote-age gate, and the IOC limit prices of entry and exit legs.
 *
 * <p><b>Note:</b> confined to the executor's state thread.
 */
final class RoundPricing {
    private final ExecutorCore core;
    private final SpreadSnapshot snapshot = new SpreadSnapshot();
    private SpreadCalculator pricing;

    RoundPricing(final ExecutorCore core) {
        this.core = core;
    }

    /**
     * (Re)builds the engine's order pricing for the current leg size and quote-age gate (at start and when
     * either changes).
     */
    void configure() {
        pricing = new SpreadCalculator(SpreadConfig.builder()
            .takerFeeBpsA(core.legA.spec.takerFeeBps())
            .takerFeeBpsB(core.legB.spec.takerFeeBps())
            .sizeBase(core.config.useVwap() ? core.settings.entrySize : BigDecimal.ZERO)
            .maxBookAgeMs(core.settings.maxQuoteAgeMs)
            .build());
    }

    /** @return {@code true} once {@link #configure()} ran */
    boolean configured() {
        return pricing != null;
    }

    /** @return the last computed snapshot (reused; valid until the next computation) */
    SpreadSnapshot snapshot() {
        return snapshot;
    }

    /** Computes the engine's pricing snapshot on the live books. @return usable and fresh */
    boolean computeSnapshot(final long nowNanos) {
        return priceSnapshot(nowNanos) && quotesFresh(nowNanos);
    }

    /** Computes the engine's pricing snapshot on the live books. @return usable (books valid, deep enough) */
    boolean priceSnapshot(final long nowNanos) {
        if (core.legA.book == null) {
            core.legA.book = core.legA.adapter.orderBook(core.legA.market);
        }
        if (core.legB.book == null) {
            core.legB.book = core.legB.adapter.orderBook(core.legB.market);
        }
        if (core.legA.book == null || core.legB.book == null) {
            return false;
        }
        pricing.compute(core.legA.book, core.legB.book, nowNanos, snapshot);
        return snapshot.usable();
    }

    /**
     * Quote-age gate: both books received within {@code max_quote_age_ms}, neither venue calling its book stale
     * ({@link dev.arb.api.ExchangeAdapter#isStale}: stream down or reconnecting, book invalid or older than the
     * venue's own limit), and the two venue timestamps within {@code max_skew_ms}.
     */
    boolean quotesFresh(final long nowNanos) {
        final long maxAge = core.settings.maxQuoteAgeMs;
        if (core.legA.book == null || core.legB.book == null
            || core.legA.book.ageMs(nowNanos) > maxAge || core.legB.book.ageMs(nowNanos) > maxAge
            || core.legA.adapter.isStale(core.legA.market) || core.legB.adapter.isStale(core.legB.market)) {
            return false;
        }
        final long ta = core.legA.book.venueTimestampMs();
        final long tb = core.legB.book.venueTimestampMs();
        return ta <= 0 || tb <= 0 || Math.abs(ta - tb) <= core.settings.maxSkewMs;
    }

    /**
     * An explicit limit snapped on the safe side, else {@code slippage_bps} beyond the depth the size needs, moved
     * toward the book onto the {@code limitPriceGridBps} grid ({@link LegPricing#gridLimit}).
     */
    long entryLimit(final Leg leg, final Side side, final long explicit, final long size, final boolean legA) {
        if (explicit > 0) {
            return Math.max(leg.spec.tickSize(), leg.spec.snapPriceToTick(explicit, side));
        }
        final long ref = size == (legA ? core.settings.entrySizeA : core.settings.entrySizeB)
            ? worst(legA, side) : LegPricing.depthPrice(leg, side, size);
        return LegPricing.gridLimit(leg, side, ref, core.settings.slippageBps, core.config.limitPriceGridBps());
    }

    /**
     * @return an exit leg's limit: {@code slippage_bps} beyond the deepest level the leg size needs when the
     *     whole position closes ({@code whole}), else beyond the depth {@code size} needs; on the grid as
     *     {@link #entryLimit}
     */
    long exitLimit(final Leg leg, final boolean legA, final Side side, final long size, final boolean whole) {
        return LegPricing.gridLimit(leg, side, whole ? worst(legA, side) : LegPricing.depthPrice(leg, side, size),
            core.settings.slippageBps, core.config.limitPriceGridBps());
    }

    /** @return the deepest level the leg size needs on the side an order of {@code side} takes */
    long worst(final boolean legA, final Side side) {
        if (legA) {
            return side == Side.BUY ? snapshot.worstAskA() : snapshot.worstBidA();
        }
        return side == Side.BUY ? snapshot.worstAskB() : snapshot.worstBidB();
    }

    /** @return the snapshot's touch on the side an order of {@code side} takes, for the PnL attribution */
    long touch(final boolean legA, final Side side) {
        if (legA) {
            return side == Side.BUY ? snapshot.askA() : snapshot.bidA();
        }
        return side == Side.BUY ? snapshot.askB() : snapshot.bidB();
    }
}
