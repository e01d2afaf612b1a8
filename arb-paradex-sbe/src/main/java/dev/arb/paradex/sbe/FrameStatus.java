package dev.arb.paradex.sbe;

/**
 * What {@link ParadexSbeDecoder} did with one binary frame.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum FrameStatus {
    /** Decoded and dispatched (a book delta dropped by sequencing still counts as decoded). */
    DECODED,
    /** A template the schema defines but this decoder does not handle (funding data, private events): skipped. */
    SKIPPED_TEMPLATE,
    /** A template id the schema does not define: skipped, as the schema requires ("unknown templateIds must be skipped"). */
    UNKNOWN_TEMPLATE,
    /** The header's schema id is not {@link ParadexSbe#SCHEMA_ID}: dropped. */
    WRONG_SCHEMA,
    /** Truncated or inconsistent (block length, group sizes, var data past the frame end, bad enum): dropped. */
    MALFORMED,
    /** A book frame for a market with no book registered by {@link ParadexSbeDecoder#addBook}: dropped. */
    UNROUTED;

    /** @return {@code true} for the statuses that indicate bad input ({@link #WRONG_SCHEMA}, {@link #MALFORMED}) */
    public boolean isError() {
        return this == WRONG_SCHEMA || this == MALFORMED;
    }
}
