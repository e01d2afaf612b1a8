package dev.arb.executor;

/**
 * What became of one opportunity handed to {@link DeltaNeutralExecutor#tryEnter} or
 * {@link DeltaNeutralExecutor#tryExit}.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum RoundResult {
    /** Both legs sent; the round (and any unwind) finished; see the stats for the outcome. */
    DONE,
    /** Dropped: a round is in flight on this executor or on one of its markets. */
    DROPPED_IN_FLIGHT,
    /** Not sent: halted, stopped, or the breaker is open. */
    BLOCKED_HALTED,
    /** Not sent: a risk limit (position, notional) refused it. */
    BLOCKED_RISK,
    /** Not sent: a book is stale, too old or the venues' timestamps are too far apart. */
    BLOCKED_STALE,
    /** Nothing to do (no position to exit, or not flat for an entry). */
    NOTHING_TO_DO,
    /**
     * Not sent: a venue market's position limit would be exceeded across every bot of the process
     * ({@link MarketExposure}); entries resume when it has room.
     */
    BLOCKED_MARKET_LIMIT
}
