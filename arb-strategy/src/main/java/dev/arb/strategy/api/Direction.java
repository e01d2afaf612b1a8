package dev.arb.strategy.api;

/**
 * Direction of a delta-neutral position: which venue is bought and which is sold on entry.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum Direction {
    /** Long on venue A (bought at A's ask), short on venue B (sold at B's bid). */
    BUY_A_SELL_B,
    /** Long on venue B (bought at B's ask), short on venue A (sold at A's bid). */
    BUY_B_SELL_A;

    /** @return the other direction (the way this one is closed) */
    public Direction reverse() {
        return this == BUY_A_SELL_B ? BUY_B_SELL_A : BUY_A_SELL_B;
    }
}
