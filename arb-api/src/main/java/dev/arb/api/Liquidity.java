package dev.arb.api;

/**
 * Whether a fill added liquidity (maker) or took it (taker); decides the fee rate.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum Liquidity {
    /** The order rested in the book and was hit. */
    MAKER,
    /** The order crossed the book. */
    TAKER
}
