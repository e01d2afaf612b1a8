package dev.arb.strategy.api;

/**
 * The type of a {@link ParamSpec}'s values.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum ParamType {
    /** An exact decimal ({@link java.math.BigDecimal}): thresholds, sizes, USD amounts. */
    DECIMAL,
    /** A whole number ({@code long}): milliseconds, counts. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN
}
