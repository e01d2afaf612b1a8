package dev.arb.executor.alert;

/**
 * What an {@link Alert} is about.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum AlertKind {
    /** One venue filled more than the other; an unwind follows. */
    ONE_SIDED_FILL,
    /** An unwind removed the excess. */
    UNWIND_DONE,
    /** An unwind failed or hit its loss bound: exposure is left and the executor halted. */
    UNWIND_FAILED,
    /** The trading circuit breaker opened (errors, daily loss, manual halt). */
    BREAKER_TRIP,
    /** The breaker closed again after its cooldown and a successful trial. */
    BREAKER_RESET,
    /** An executor halted: no new entries until restarted. */
    HALT,
    /** The operator halted trading ({@code halt} command or API): expected, not critical, logged at INFO. */
    OPERATOR_HALT,
    /** Start-up reconciliation found the venues differing from the journal. */
    RECONCILIATION_DIFFERENCE,
    /** The running net-delta check found {@code posA + posB} beyond tolerance. */
    DELTA_DRIFT,
    /** A venue reported an order state that does not follow from the previous one. */
    ILLEGAL_TRANSITION,
    /** A strategy threw while deciding, was replaced, or a replacement was refused. */
    STRATEGY,
    /**
     * An entry was refused because a venue market's position limit would be exceeded across every bot of
     * the process (the first refusal of a run of them on that market).
     */
    MARKET_LIMIT,
    /**
     * A venue's margin came within the liquidation guard's alert distance (or went back beyond it plus the
     * hysteresis): new entries stop while it is close.
     */
    LIQUIDATION_RISK,
    /** A venue's margin came within the liquidation guard's reduce distance: both legs are being reduced together. */
    LIQUIDATION_REDUCE
}
