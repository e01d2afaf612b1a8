package dev.arb.strategy.api;

/**
 * What the engine holds in a strategy's pair, as a strategy sees it.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum PositionState {
    /** No position on either venue and no round in flight: an {@link Intent.Action#ENTER} is acted on. */
    FLAT,
    /** A hedged position is open ({@link StrategyContext#openDirection()}): an {@link Intent.Action#EXIT} is acted on. */
    OPEN,
    /**
     * A round, an unwind or a flatten is in flight, or the legs are not hedged: intents are counted
     * (an entry as an opportunity dropped in flight) and otherwise ignored.
     */
    BUSY
}
