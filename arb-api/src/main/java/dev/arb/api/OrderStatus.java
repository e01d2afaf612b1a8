package dev.arb.api;

/**
 * Venue-neutral order state.
 *
 * <p>The normal path is {@code PENDING_NEW -> NEW -> PARTIALLY_FILLED -> FILLED}; an order can end
 * {@code CANCELED}, {@code REJECTED} or {@code EXPIRED}. {@code PENDING_CANCEL} is a cancel in
 * flight; {@code UNKNOWN} means the acknowledgement was lost and the order must be looked up on the
 * venue before anything else is sent for its market.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum OrderStatus {
    /** Sent, not yet acknowledged by the venue. */
    PENDING_NEW(false),
    /** Accepted by the venue, nothing filled yet. */
    NEW(false),
    /** Part of the size filled, the rest still working. */
    PARTIALLY_FILLED(false),
    /** Cancel requested, not yet confirmed. */
    PENDING_CANCEL(false),
    /** The acknowledgement was lost (timeout or transport error after sending). */
    UNKNOWN(false),
    /** The whole size filled. Terminal. */
    FILLED(true),
    /** Cancelled, possibly after a partial fill (an IOC remainder is cancelled). Terminal. */
    CANCELED(true),
    /** Refused by the venue; nothing filled. Terminal. */
    REJECTED(true),
    /** Expired by the venue (time or receive window). Terminal. */
    EXPIRED(true);

    private final boolean terminal;

    OrderStatus(final boolean terminal) {
        this.terminal = terminal;
    }

    /** @return {@code true} when the order can no longer fill or change. */
    public boolean isTerminal() {
        return terminal;
    }
}
