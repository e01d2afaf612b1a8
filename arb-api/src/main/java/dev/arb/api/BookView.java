package dev.arb.api;

/**
 * Read-only view of an L2 order book: levels, best prices, validity and stamps. {@link OrderBook}
 * implements it; a strategy is handed a {@code BookView} so that it can read a live book but never
 * write it.
 *
 * <p>Prices are at {@link #priceScale()} (fixed-point, USD per base unit), sizes at
 * {@link #sizeScale()} (base units). Bids are sorted by descending price, asks by ascending price,
 * level 0 is the best. Every method is allocation-free.
 *
 * <p><b>Note:</b> not thread-safe: read it only on the thread that writes the book (the venue
 * adapter's event loop, which is also the engine's thread).
 */
public interface BookView {
    /** @return venue name */
    String venue();

    /** @return the venue's market symbol */
    String symbol();

    /** @return decimal places of prices */
    int priceScale();

    /** @return decimal places of sizes */
    int sizeScale();

    /** @return {@code true} once a complete snapshot was applied and no gap or cross invalidated it since */
    boolean isValid();

    /** @return {@code true} when both sides are non-empty and best bid ≥ best ask */
    boolean isCrossed();

    /** @return number of bid levels */
    int bidLevels();

    /** @return number of ask levels */
    int askLevels();

    /**
     * @param level 0 = best
     * @return bid price at the level, at {@link #priceScale()}
     * @throws IndexOutOfBoundsException if there is no such level
     */
    long bidPrice(int level);

    /**
     * @param level 0 = best
     * @return bid size at the level, base units at {@link #sizeScale()}
     * @throws IndexOutOfBoundsException if there is no such level
     */
    long bidSize(int level);

    /**
     * @param level 0 = best
     * @return ask price at the level, at {@link #priceScale()}
     * @throws IndexOutOfBoundsException if there is no such level
     */
    long askPrice(int level);

    /**
     * @param level 0 = best
     * @return ask size at the level, base units at {@link #sizeScale()}
     * @throws IndexOutOfBoundsException if there is no such level
     */
    long askSize(int level);

    /** @return best bid price at {@link #priceScale()}, or {@link OrderBook#NO_PRICE} */
    long bestBid();

    /** @return best ask price at {@link #priceScale()}, or {@link OrderBook#NO_PRICE} */
    long bestAsk();

    /** @return venue sequence number of the last applied update (0 when the venue has none) */
    long sequence();

    /** @return venue timestamp of the last update, ms since the epoch (0 if unknown) */
    long venueTimestampMs();

    /** @return local {@link System#nanoTime()} at which the last update was received, ns */
    long receivedNanos();

    /**
     * @param nowNanos a {@link System#nanoTime()} reading, ns
     * @return ms since the last update was received
     */
    long ageMs(long nowNanos);
}
