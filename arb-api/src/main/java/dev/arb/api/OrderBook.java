package dev.arb.api;

import java.util.Arrays;

/**
 * A mutable L2 order book of one market: price levels as parallel {@code long} arrays, bids sorted
 * by descending price, asks by ascending price, index 0 the best level.
 *
 * <p>Prices are at the book's {@link #priceScale()}, sizes at its {@link #sizeScale()}. A full
 * snapshot is written with {@link #clear()}, {@link #updateBid}/{@link #updateAsk} per level and
 * {@link #stamp}; a delta with {@code updateBid}/{@code updateAsk} alone (size 0 deletes a level).
 * Writing allocates nothing once the arrays have grown to the market's depth.
 *
 * <p>A book is <em>valid</em> only after a complete snapshot; {@link #invalidate()} marks it unusable
 * (crossed, sequence gap, disconnect) until the next snapshot calls {@link #markValid()}.
 *
 * <p><b>Note:</b> not thread-safe. Single writer: the venue adapter's event-loop thread mutates it
 * and calls {@link OrderBookListener}s on that thread; readers on other threads must take a copy on
 * that thread ({@link #copyFrom(OrderBook)}).
 */
public final class OrderBook implements BookView {
    /** Returned by {@link #bestBid()}/{@link #bestAsk()} when that side is empty. */
    public static final long NO_PRICE = Long.MIN_VALUE;

    private final String venue;
    private final String symbol;
    private final int priceScale;
    private final int sizeScale;

    private long[] bidPrices;
    private long[] bidSizes;
    private long[] askPrices;
    private long[] askSizes;
    private int bidCount;
    private int askCount;

    private long sequence;
    private long venueTimestampMs;
    private long receivedNanos;
    private boolean valid;

    /**
     * @param venue           venue name
     * @param symbol          the venue's market symbol
     * @param priceScale      decimal places of prices
     * @param sizeScale       decimal places of sizes
     * @param initialCapacity levels per side before the arrays grow
     */
    public OrderBook(final String venue, final String symbol, final int priceScale, final int sizeScale,
        final int initialCapacity) {
        this.venue = venue;
        this.symbol = symbol;
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
        final int cap = Math.max(4, initialCapacity);
        bidPrices = new long[cap];
        bidSizes = new long[cap];
        askPrices = new long[cap];
        askSizes = new long[cap];
    }

    /**
     * @param spec            the market
     * @param initialCapacity levels per side before the arrays grow
     * @return an empty, invalid book with the market's scales
     */
    public static OrderBook forMarket(final MarketSpec spec, final int initialCapacity) {
        return new OrderBook(spec.venue(), spec.symbol(), spec.priceScale(), spec.sizeScale(), initialCapacity);
    }

    /** @return venue name */
    @Override
    public String venue() {
        return venue;
    }

    /** @return the venue's market symbol */
    @Override
    public String symbol() {
        return symbol;
    }

    /** @return decimal places of prices */
    @Override
    public int priceScale() {
        return priceScale;
    }

    /** @return decimal places of sizes */
    @Override
    public int sizeScale() {
        return sizeScale;
    }

    /** Removes every level (start of a snapshot). Keeps validity, sequence and timestamps. */
    public void clear() {
        bidCount = 0;
        askCount = 0;
    }

    /**
     * Sets, inserts or (size 0) deletes the bid level at {@code price}.
     *
     * @param price price at {@link #priceScale()}
     * @param size  total size at that price, base units at {@link #sizeScale()}; 0 deletes
     */
    public void updateBid(final long price, final long size) {
        // bids descending: search on negated order
        int lo = 0;
        int hi = bidCount - 1;
        while (lo <= hi) {
            final int mid = (lo + hi) >>> 1;
            final long p = bidPrices[mid];
            if (p > price) {
                lo = mid + 1;
            } else if (p < price) {
                hi = mid - 1;
            } else {
                apply(true, mid, price, size, true);
                return;
            }
        }
        apply(true, lo, price, size, false);
    }

    /**
     * Sets, inserts or (size 0) deletes the ask level at {@code price}.
     *
     * @param price price at {@link #priceScale()}
     * @param size  total size at that price, base units at {@link #sizeScale()}; 0 deletes
     */
    public void updateAsk(final long price, final long size) {
        int lo = 0;
        int hi = askCount - 1;
        while (lo <= hi) {
            final int mid = (lo + hi) >>> 1;
            final long p = askPrices[mid];
            if (p < price) {
                lo = mid + 1;
            } else if (p > price) {
                hi = mid - 1;
            } else {
                apply(false, mid, price, size, true);
                return;
            }
        }
        apply(false, lo, price, size, false);
    }

    /**
     * Sets or deletes a level on either side.
     *
     * @param side  {@link Side#BUY} for bids, {@link Side#SELL} for asks
     * @param price price at {@link #priceScale()}
     * @param size  size at {@link #sizeScale()}; 0 deletes
     */
    public void update(final Side side, final long price, final long size) {
        if (side == Side.BUY) {
            updateBid(price, size);
        } else {
            updateAsk(price, size);
        }
    }

    private void apply(final boolean bid, final int index, final long price, final long size, final boolean found) {
        long[] prices = bid ? bidPrices : askPrices;
        long[] sizes = bid ? bidSizes : askSizes;
        int count = bid ? bidCount : askCount;
        if (found) {
            if (size == 0) {
                System.arraycopy(prices, index + 1, prices, index, count - index - 1);
                System.arraycopy(sizes, index + 1, sizes, index, count - index - 1);
                count--;
            } else {
                sizes[index] = size;
            }
        } else {
            if (size == 0) {
                return;
            }
            if (count == prices.length) {
                prices = Arrays.copyOf(prices, count * 2);
                sizes = Arrays.copyOf(sizes, count * 2);
                if (bid) {
                    bidPrices = prices;
                    bidSizes = sizes;
                } else {
                    askPrices = prices;
                    askSizes = sizes;
                }
            }
            System.arraycopy(prices, index, prices, index + 1, count - index);
            System.arraycopy(sizes, index, sizes, index + 1, count - index);
            prices[index] = price;
            sizes[index] = size;
            count++;
        }
        if (bid) {
            bidCount = count;
        } else {
            askCount = count;
        }
    }

    /**
     * Records where the current state came from.
     *
     * @param sequence         venue sequence number (0 where the venue has none, as on Vest)
     * @param venueTimestampMs venue timestamp of the update, ms since the epoch (0 if unknown)
     * @param receivedNanos    local {@link System#nanoTime()} when the frame was received
     */
    public void stamp(final long sequence, final long venueTimestampMs, final long receivedNanos) {
        this.sequence = sequence;
        this.venueTimestampMs = venueTimestampMs;
        this.receivedNanos = receivedNanos;
    }

    /** Marks the book complete and usable (after a full snapshot). */
    public void markValid() {
        valid = true;
    }

    /** Marks the book unusable for decisions until the next snapshot (gap, crossed, disconnect). */
    public void invalidate() {
        valid = false;
    }

    /** @return {@code true} after a complete snapshot and until {@link #invalidate()} */
    @Override
    public boolean isValid() {
        return valid;
    }

    /** @return {@code true} when both sides are non-empty and best bid ≥ best ask */
    @Override
    public boolean isCrossed() {
        return bidCount > 0 && askCount > 0 && bidPrices[0] >= askPrices[0];
    }

    /** @return number of bid levels */
    @Override
    public int bidLevels() {
        return bidCount;
    }

    /** @return number of ask levels */
    @Override
    public int askLevels() {
        return askCount;
    }

    /**
     * @param level 0 = best
     * @return bid price at the level, at {@link #priceScale()}
     */
    @Override
    public long bidPrice(final int level) {
        return bidPrices[checkLevel(level, bidCount)];
    }

    /**
     * @param level 0 = best
     * @return bid size at the level, base units at {@link #sizeScale()}
     */
    @Override
    public long bidSize(final int level) {
        return bidSizes[checkLevel(level, bidCount)];
    }

    /**
     * @param level 0 = best
     * @return ask price at the level, at {@link #priceScale()}
     */
    @Override
    public long askPrice(final int level) {
        return askPrices[checkLevel(level, askCount)];
    }

    /**
     * @param level 0 = best
     * @return ask size at the level, base units at {@link #sizeScale()}
     */
    @Override
    public long askSize(final int level) {
        return askSizes[checkLevel(level, askCount)];
    }

    /** @return best bid price, or {@link #NO_PRICE} */
    @Override
    public long bestBid() {
        return bidCount == 0 ? NO_PRICE : bidPrices[0];
    }

    /** @return best ask price, or {@link #NO_PRICE} */
    @Override
    public long bestAsk() {
        return askCount == 0 ? NO_PRICE : askPrices[0];
    }

    /** @return venue sequence number of the last applied update (0 when the venue has none) */
    @Override
    public long sequence() {
        return sequence;
    }

    /** @return venue timestamp of the last update, ms since the epoch (0 if unknown) */
    @Override
    public long venueTimestampMs() {
        return venueTimestampMs;
    }

    /** @return local {@link System#nanoTime()} at which the last update was received */
    @Override
    public long receivedNanos() {
        return receivedNanos;
    }

    /**
     * @param nowNanos a {@link System#nanoTime()} reading
     * @return ms since the last update was received
     */
    @Override
    public long ageMs(final long nowNanos) {
        return (nowNanos - receivedNanos) / 1_000_000L;
    }

    /**
     * Copies every level and stamp of {@code other} into this book (same scales required).
     *
     * @param other source book
     * @throws IllegalArgumentException if the scales differ
     */
    public void copyFrom(final OrderBook other) {
        if (other.priceScale != priceScale || other.sizeScale != sizeScale) {
            throw new IllegalArgumentException("scale mismatch copying " + other.symbol + " into " + symbol);
        }
        if (bidPrices.length < other.bidCount) {
            bidPrices = new long[other.bidPrices.length];
            bidSizes = new long[other.bidPrices.length];
        }
        if (askPrices.length < other.askCount) {
            askPrices = new long[other.askPrices.length];
            askSizes = new long[other.askPrices.length];
        }
        System.arraycopy(other.bidPrices, 0, bidPrices, 0, other.bidCount);
        System.arraycopy(other.bidSizes, 0, bidSizes, 0, other.bidCount);
        System.arraycopy(other.askPrices, 0, askPrices, 0, other.askCount);
        System.arraycopy(other.askSizes, 0, askSizes, 0, other.askCount);
        bidCount = other.bidCount;
        askCount = other.askCount;
        sequence = other.sequence;
        venueTimestampMs = other.venueTimestampMs;
        receivedNanos = other.receivedNanos;
        valid = other.valid;
    }

    private static int checkLevel(final int level, final int count) {
        if (level < 0 || level >= count) {
            throw new IndexOutOfBoundsException("level " + level + " of " + count);
        }
        return level;
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder(128).append("OrderBook{").append(venue).append(':').append(symbol)
            .append(" seq=").append(sequence).append(valid ? " valid" : " INVALID").append(" bid=");
        if (bidCount > 0) {
            FixedPoint.appendFixed(sb, bidPrices[0], priceScale).append('x');
            FixedPoint.appendFixed(sb, bidSizes[0], sizeScale);
        } else {
            sb.append('-');
        }
        sb.append(" ask=");
        if (askCount > 0) {
            FixedPoint.appendFixed(sb, askPrices[0], priceScale).append('x');
            FixedPoint.appendFixed(sb, askSizes[0], sizeScale);
        } else {
            sb.append('-');
        }
        return sb.append(" levels=").append(bidCount).append('/').append(askCount).append('}').toString();
    }
}
