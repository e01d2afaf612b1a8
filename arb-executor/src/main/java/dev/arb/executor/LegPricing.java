package dev.arb.executor;

import dev.arb.api.OrderBook;
import dev.arb.api.Side;
import java.math.BigDecimal;

/**
 * Prices of IOC orders on one leg: the book's touch as a reference and a slippage bound beyond it,
 * snapped to the tick away from the book.
 *
 * <p><b>Note:</b> stateless, thread-safe; reads a leg's book, so call it on the state thread.
 */
final class LegPricing {
    /** The 1-2-5 series of grid steps within a decade of ticks. */
    private static final int[] GRID_MULTIPLES = {1, 2, 5};

    private LegPricing() {
    }

    /**
     * @param leg       the leg (its tick size)
     * @param side      the order's side
     * @param reference a book price at the leg's price scale
     * @param bps       how far beyond the reference, bps
     * @return {@code reference} moved {@code bps} away from the book (up for a buy, down for a sell),
     *     snapped to the tick away from the book; at least one tick
     */
    static long boundedLimit(final Leg leg, final Side side, final long reference, final double bps) {
        final long delta = (long) Math.ceil(reference * (bps / 10_000.0));
        final long raw = side == Side.BUY ? reference + delta : reference - delta;
        final long snapped = leg.spec.snapPriceAggressive(Math.max(raw, leg.spec.tickSize()), side);
        return Math.max(snapped, leg.spec.tickSize());
    }

    /**
     * {@link #boundedLimit}, then moved toward the book onto a coarser price grid ({@link #gridStep}), unless that
     * would cross {@code reference}: the limit stays put while the book moves less than a grid step, so a leg's
     * likely next limit seldom changes and a pre-signing venue has that order hashed ahead
     * ({@link dev.arb.api.ExchangeAdapter#expectOrder}). The bound tightens by less than a grid step; it never
     * loosens.
     *
     * @param leg       the leg (its tick size)
     * @param side      the order's side
     * @param reference a book price at the leg's price scale
     * @param bps       how far beyond the reference, bps
     * @param gridBps   the grid, bps of {@code reference} (0: ticks, exactly {@link #boundedLimit})
     * @return the limit at the leg's price scale, a multiple of the tick
     */
    static long gridLimit(final Leg leg, final Side side, final long reference, final double bps,
        final double gridBps) {
        final long limit = boundedLimit(leg, side, reference, bps);
        final long grid = gridStep(leg, reference, gridBps);
        if (grid <= leg.spec.tickSize()) {
            return limit;
        }
        final long onGrid = side == Side.BUY ? Math.floorDiv(limit, grid) * grid : -Math.floorDiv(-limit, grid) * grid;
        final boolean stillFills = side == Side.BUY ? onGrid >= reference : onGrid <= reference;
        return stillFills && onGrid >= leg.spec.tickSize() ? onGrid : limit;
    }

    /**
     * @param leg       the leg (its tick size)
     * @param reference a price at the leg's price scale
     * @param gridBps   the wanted grid, bps of {@code reference}
     * @return the largest of tick × {1, 2, 5} × 10^k not above {@code gridBps} of {@code reference}, at least one
     *     tick (so within 0.4× and 1× of the grid asked for): lines that stay where they are as the price moves, and
     *     change only when the price crosses a 1-2-5 boundary (price scale)
     */
    static long gridStep(final Leg leg, final long reference, final double gridBps) {
        final long tick = leg.spec.tickSize();
        final double want = reference * (gridBps / 10_000.0);
        long step = tick;
        for (long decade = tick; decade <= Long.MAX_VALUE / 10 && decade <= want; decade *= 10) {
            for (final int m : GRID_MULTIPLES) {
                if (decade * m <= want) {
                    step = decade * m;
                }
            }
        }
        return step;
    }

    /**
     * @return the live book's best price on the side an order of {@code side} takes, else the last
     *     fill price; 0 when neither is known (price scale)
     */
    static long referencePrice(final Leg leg, final Side side) {
        final OrderBook book = leg.book;
        if (book != null && book.isValid()) {
            final long best = side == Side.BUY ? book.bestAsk() : book.bestBid();
            if (best != OrderBook.NO_PRICE && best > 0) {
                return best;
            }
        }
        final BigDecimal last = leg.ledger.lastFillPrice();
        return last.signum() > 0 ? leg.priceAt(last) : 0;
    }

    /**
     * @param leg  the leg whose live book is walked
     * @param side the order's side (a buy walks the asks)
     * @param size size the order needs, at the leg's size scale
     * @return the price of the deepest level the size reaches (the last level if the book is thinner),
     *     else {@link #referencePrice}; price scale
     */
    static long depthPrice(final Leg leg, final Side side, final long size) {
        final OrderBook book = leg.book;
        if (book == null || !book.isValid()) {
            return referencePrice(leg, side);
        }
        final int levels = side == Side.BUY ? book.askLevels() : book.bidLevels();
        long left = size;
        long price = 0;
        for (int i = 0; i < levels && left > 0; i++) {
            price = side == Side.BUY ? book.askPrice(i) : book.bidPrice(i);
            left -= side == Side.BUY ? book.askSize(i) : book.bidSize(i);
        }
        return price > 0 ? price : referencePrice(leg, side);
    }
}
