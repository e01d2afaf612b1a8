package dev.arb.api;

/**
 * Called when a subscribed order book changed.
 *
 * <p><b>Note:</b> invoked on the adapter's event-loop thread, the book's single writer. The book is
 * live: read it during the call, copy it ({@link OrderBook#copyFrom}) to keep it. Must not block;
 * an exception thrown is counted and logged by the adapter and does not stop the feed.
 */
@FunctionalInterface
public interface OrderBookListener {
    /**
     * @param book the changed book (valid or just invalidated: check {@link OrderBook#isValid()})
     */
    void onOrderBook(OrderBook book);
}
