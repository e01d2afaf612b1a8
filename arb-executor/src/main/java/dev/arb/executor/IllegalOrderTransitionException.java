package dev.arb.executor;

import dev.arb.api.OrderStatus;

/**
 * A venue reported a state of an order that cannot follow its previous state (for example a fill
 * after {@code CANCELED}, or a filled size that shrank). The order keeps its previous state; the
 * executor counts and alerts.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class IllegalOrderTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String clientOrderId;
    private final OrderStatus from;
    private final OrderStatus to;

    /**
     * @param clientOrderId the order
     * @param from          its state
     * @param to            the state reported
     * @param why           what is wrong
     */
    public IllegalOrderTransitionException(final String clientOrderId, final OrderStatus from, final OrderStatus to,
        final String why) {
        super("order " + clientOrderId + ": illegal transition " + from + " -> " + to + " (" + why + ")");
        this.clientOrderId = clientOrderId;
        this.from = from;
        this.to = to;
    }

    /** @return the order's client order id */
    public String clientOrderId() {
        return clientOrderId;
    }

    /** @return the state the order was in */
    public OrderStatus from() {
        return from;
    }

    /** @return the state reported */
    public OrderStatus to() {
        return to;
    }
}
