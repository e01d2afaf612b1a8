package dev.arb.backtest;

import dev.arb.api.OrderBook;
import dev.arb.api.Side;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The result of walking one side of a book for a taker order: the levels taken (price, size),
 * the total filled size and the exact notional.
 *
 * <p>A BUY walks the asks from the best while the level price is at or below the limit, a SELL the
 * bids while at or above it; a limit of 0 walks unbounded (a MARKET order without slippage guard).
 * Every level is taken up to the size still wanted; the book itself is not modified.
 *
 * <p><b>Note:</b> not thread-safe; read the book on its writer's thread.
 */
final class BookWalk {
    private final long[] prices;
    private final long[] sizes;
    private final int levels;
    private final long filled;
    private final BigInteger notionalUnscaled;

    private BookWalk(final long[] prices, final long[] sizes, final int levels, final long filled,
        final BigInteger notionalUnscaled) {
        this.prices = prices;
        this.sizes = sizes;
        this.levels = levels;
        this.filled = filled;
        this.notionalUnscaled = notionalUnscaled;
    }

    /**
     * @param book    the book as it stands (an invalid book offers no liquidity)
     * @param side    our order's side
     * @param limit   worst acceptable price at the book's price scale, or 0 for none
     * @param maxSize size wanted, size scale
     * @return the levels taken
     */
    static BookWalk walk(final OrderBook book, final Side side, final long limit, final long maxSize) {
        final boolean buy = side == Side.BUY;
        final int available = !book.isValid() ? 0 : buy ? book.askLevels() : book.bidLevels();
        final long[] prices = new long[available];
        final long[] sizes = new long[available];
        int n = 0;
        long remaining = maxSize;
        BigInteger notional = BigInteger.ZERO;
        for (int i = 0; i < available && remaining > 0; i++) {
            final long price = buy ? book.askPrice(i) : book.bidPrice(i);
            if (limit > 0 && (buy ? price > limit : price < limit)) {
                break;
            }
            final long take = Math.min(remaining, buy ? book.askSize(i) : book.bidSize(i));
            if (take <= 0) {
                continue;
            }
            prices[n] = price;
            sizes[n] = take;
            n++;
            remaining -= take;
            notional = notional.add(BigInteger.valueOf(price).multiply(BigInteger.valueOf(take)));
        }
        return new BookWalk(prices, sizes, n, maxSize - remaining, notional);
    }

    /** @return number of levels taken */
    int levels() {
        return levels;
    }

    /**
     * @param i 0..levels()-1
     * @return price of the i-th level taken, price scale
     */
    long price(final int i) {
        return prices[i];
    }

    /**
     * @param i 0..levels()-1
     * @return size taken at the i-th level, size scale
     */
    long size(final int i) {
        return sizes[i];
    }

    /** @return total size taken, size scale */
    long filled() {
        return filled;
    }

    /**
     * @param priceScale decimal places of prices
     * @param sizeScale  decimal places of sizes
     * @return exact notional, USD: Σ price × size
     */
    BigDecimal notionalUsd(final int priceScale, final int sizeScale) {
        return new BigDecimal(notionalUnscaled, priceScale + sizeScale);
    }

    /**
     * The size-weighted average price: Σ(price × size) / Σ size, rounded HALF_UP to the price scale
     * (not snapped to the tick: the average of tick prices need not be one).
     *
     * @return VWAP at the price scale, or 0 if nothing was taken
     */
    long vwap() {
        if (filled == 0) {
            return 0;
        }
        return new BigDecimal(notionalUnscaled).divide(BigDecimal.valueOf(filled), 0, RoundingMode.HALF_UP)
            .longValueExact();
    }
}
