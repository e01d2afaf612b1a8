package dev.arb.paradex.sbe;

/**
 * Why a {@link SequencedBookApplier} invalidated its book and needs a fresh snapshot.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum ResyncReason {
    /** A delta's {@code seq} was not the last applied {@code seq + 1}: skipped, repeated or backwards. */
    GAP,
    /** After applying a frame the best bid was at or above the best ask. */
    CROSSED
}
