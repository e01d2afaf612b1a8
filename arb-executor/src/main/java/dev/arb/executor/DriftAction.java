package dev.arb.executor;

/**
 * What the running net-delta check does when {@code |posA + posB|} exceeds its tolerance.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum DriftAction {
    /** Take the venues' positions as the truth and unwind the excess back to hedged. */
    REHEDGE,
    /** Halt with an alert and leave the positions to the operator. */
    HALT
}
