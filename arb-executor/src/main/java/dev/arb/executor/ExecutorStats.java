package dev.arb.executor;

import java.math.BigDecimal;

/**
 * A consistent snapshot of a {@link DeltaNeutralExecutor}'s counters and positions.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param opportunities  ticks whose net spread reached the entry threshold while entries were allowed
 *                       (including those dropped because a round was in flight); those seen while halted
 *                       are in {@code opportunitiesRefused}
 * @param entries        entry rounds that left a hedged position open
 * @param exits          exit rounds that closed some or all of the position
 * @param oneSidedFills  rounds whose legs filled unequally (one-sided or partial)
 * @param unwinds        reduce-only unwind sequences started for an excess on one venue
 * @param ordersSent     orders sent to either venue (a retry with the same client order id counts once)
 * @param ordersRejected orders refused by a venue
 * @param realizedPnlUsd realized PnL in USD from fill prices and sizes, fees already subtracted
 * @param feesUsd        fees paid in USD (negative = rebates)
 * @param positionA      venue A's position as tracked from fills, signed base units
 * @param positionB      venue B's position as tracked from fills, signed base units
 * @param state          {@code FLAT}, {@code ENTERING}, {@code OPEN}, {@code EXITING}, {@code UNWINDING},
 *                       {@code FLATTENING} or {@code IMBALANCED} (exposure left after a failed unwind)
 * @param halted         {@code true} once halted: no new entries
 * @param droppedInFlight opportunities dropped because a round was in flight (here or on a shared market)
 * @param staleQuoteSkips opportunities not taken because of the quote-age or skew gate
 * @param riskBlocked    opportunities refused by a risk limit or the open breaker (including
 *                       {@code marketLimitBlocked})
 * @param lostAcks       orders whose acknowledgement was lost (looked up on the venue)
 * @param illegalTransitions order states reported out of lifecycle order
 * @param alerts         alerts this executor raised
 * @param haltReason     the first halt reason, or null
 * @param unrealizedPnlUsd the open positions marked at venue A's mid against their average entry prices, USD
 *                       (as of the last publication: after each round and state change)
 * @param opportunitiesRefused ticks whose net spread reached the entry threshold while entries were refused
 *                       wholesale: the bot or the shared risk guard halted, the breaker open, paused, stopping
 * @param marketLimitBlocked entries refused because a venue market's position limit would be exceeded
 *                       across every bot of the process ({@link MarketExposure})
 */
public record ExecutorStats(long opportunities, long entries, long exits, long oneSidedFills, long unwinds,
    long ordersSent, long ordersRejected, BigDecimal realizedPnlUsd, BigDecimal feesUsd, BigDecimal positionA,
    BigDecimal positionB, String state, boolean halted, long droppedInFlight, long staleQuoteSkips,
    long riskBlocked, long lostAcks, long illegalTransitions, long alerts, String haltReason,
    BigDecimal unrealizedPnlUsd, long opportunitiesRefused, long marketLimitBlocked) {
    /**
     * The snapshot without the refused and market-limit counts (zero), as before those were counted.
     *
     * @see ExecutorStats the components
     */
    public ExecutorStats(final long opportunities, final long entries, final long exits, final long oneSidedFills,
        final long unwinds, final long ordersSent, final long ordersRejected, final BigDecimal realizedPnlUsd,
        final BigDecimal feesUsd, final BigDecimal positionA, final BigDecimal positionB, final String state,
        final boolean halted, final long droppedInFlight, final long staleQuoteSkips, final long riskBlocked,
        final long lostAcks, final long illegalTransitions, final long alerts, final String haltReason,
        final BigDecimal unrealizedPnlUsd) {
        this(opportunities, entries, exits, oneSidedFills, unwinds, ordersSent, ordersRejected, realizedPnlUsd, feesUsd,
            positionA, positionB, state, halted, droppedInFlight, staleQuoteSkips, riskBlocked, lostAcks,
            illegalTransitions, alerts, haltReason, unrealizedPnlUsd, 0, 0);
    }
}
