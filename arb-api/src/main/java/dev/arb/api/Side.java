package dev.arb.api;

/**
 * Side of an order, fill or book level.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum Side {
    /** Buy: lifts asks; a filled buy adds to a long position. */
    BUY,
    /** Sell: hits bids; a filled sell adds to a short position. */
    SELL;

    /**
     * @return {@code +1} for {@link #BUY}, {@code -1} for {@link #SELL}: the sign a filled size of
     *     this side contributes to a position.
     */
    public int sign() {
        return this == BUY ? 1 : -1;
    }

    /** @return the other side. */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
