package dev.arb.executor;

import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;

/**
 * One order the executor sent, with its state validated by {@link OrderStateMachine}.
 *
 * <p><b>Note:</b> not thread-safe; confined to the executor's state thread.
 */
final class TrackedOrder {
    final OrderRequest request;
    final Leg leg;
    private OrderStatus status = OrderStatus.PENDING_NEW;
    private long filled;
    /** When the order was handed to its adapter, ns (monotonic); 0 until then. */
    long sentNanos;

    TrackedOrder(final OrderRequest request, final Leg leg) {
        this.request = request;
        this.leg = leg;
    }

    /**
     * @param to     the reported state
     * @param filledSize reported cumulative filled size, size scale
     * @throws IllegalOrderTransitionException if not a legal move (the state is left unchanged)
     */
    void transition(final OrderStatus to, final long filledSize) {
        OrderStateMachine.check(request.clientOrderId(), status, filled, to, filledSize);
        status = to;
        if (to != OrderStatus.UNKNOWN && to != OrderStatus.PENDING_NEW) {
            filled = filledSize;
        }
    }

    OrderStatus status() {
        return status;
    }

    long filled() {
        return filled;
    }
}
