package dev.arb.executor;

/**
 * What start-up reconciliation does when the venues differ from the journal (or are not hedged).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum ReconcilePolicy {
    /** Take the venues' positions as ours (unwinding any unhedged excess) and trade on. */
    ADOPT,
    /** Close both legs with reduce-only orders, verify flat, then trade. */
    FLATTEN,
    /** Refuse to start. */
    REFUSE
}
