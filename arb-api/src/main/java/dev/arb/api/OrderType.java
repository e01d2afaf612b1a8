package dev.arb.api;

/**
 * Order type.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum OrderType {
    /** Limit order: never fills at a price worse than its limit price. */
    LIMIT,
    /**
     * Market order. Venues that need a worst price for market orders (Vest's {@code limitPrice}
     * slippage guard) take it from {@link OrderRequest#limitPrice()}.
     */
    MARKET
}
