package dev.arb.executor;

import java.math.BigDecimal;

/**
 * A consistent snapshot of a {@link DeltaNeutralExecutor}'s counters and positions.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param opportunities  ticks whose net spread reached the entry threshold (including those dropped
 *                       because a round was in flight or entries were stopped)
 * @param entries        entry rounds that left a hedged position open
 * @param exits          exit rounds that closed some or all of the position
 * @param oneSidedFills  rounds whose legs filled unequally (one-sided or partial)
 * @param unwinds        reduce-only unwind sequences started for an excess on one venue
 * @param ordersSent     orders sent to either venue
 * @param ordersRejected orders refused by a venue
 * @param realizedPnlUsd realized PnL in USD from fill prices and sizes, fees already subtracted
 * @param feesUsd        fees paid in USD (negative = rebates)
 * @param positionA      venue A's position as tracked from fills, signed base units
 * @param positionB      venue B's position as tracked from fills, signed base units
 * @param state          {@code FLAT}, {@code ENTERING}, {@code OPEN}, {@code EXITING}, {@code UNWINDING},
 *                       {@code FLATTENING} or {@code IMBALANCED} (exposure left after a failed unwind)
 * @param halted         {@code true} once halted: no new entries
 */
public record ExecutorStats(long opportunities, long entries, long exits, long oneSidedFills, long unwinds,
    long ordersSent, long ordersRejected, BigDecimal realizedPnlUsd, BigDecimal feesUsd, BigDecimal positionA,
    BigDecimal positionB, String state, boolean halted) {
}
