package dev.arb.api;

/**
 * A decimal string could not be converted to a fixed-point value exactly: malformed, more
 * significant decimals than the scale allows, or out of {@code long} range.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class FixedPointFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, including the offending text (never a secret)
     */
    public FixedPointFormatException(final String message) {
        super(message);
    }
}
