package dev.arb.api;

/**
 * How long an order stays working.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum TimeInForce {
    /** Immediate-or-cancel: fills what it can at once, the rest is cancelled by the venue. */
    IOC,
    /** Good-till-cancelled: rests until filled or cancelled. */
    GTC,
    /** Post-only: rests as a maker order; rejected or cancelled if it would take liquidity. */
    POST_ONLY
}
