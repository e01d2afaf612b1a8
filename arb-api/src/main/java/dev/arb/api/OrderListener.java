package dev.arb.api;

/**
 * Receives order updates and fills pushed by a venue's private stream (Vest {@code account_private},
 * Paradex {@code orders} / {@code fills}), including rejections that arrive after an order was
 * accepted.
 *
 * <p><b>Note:</b> invoked on the adapter's event-loop thread; must not block. An exception thrown is
 * counted and logged by the adapter and does not stop the stream.
 */
public interface OrderListener {
    /**
     * @param update the order's new state (sizes and prices at the market's scales)
     */
    default void onOrderUpdate(OrderUpdate update) {
    }

    /**
     * @param fill one execution of one of our orders
     */
    default void onFill(Fill fill) {
    }
}
