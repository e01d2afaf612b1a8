package dev.arb.executor;

import dev.arb.api.OrderStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one order lifecycle both venues are mapped onto:
 * {@code PENDING_NEW → NEW → PARTIALLY_FILLED → FILLED / CANCELED / REJECTED / EXPIRED}, with
 * {@code PENDING_CANCEL} for a cancel in flight and {@code UNKNOWN} for a lost acknowledgement.
 *
 * <p>Legal moves: an IOC answer may jump from {@code PENDING_NEW} straight to a terminal state; a
 * lost ack ({@code UNKNOWN}) resolves to whatever the venue reports, or back to {@code PENDING_NEW}
 * when the venue never received the order and it is re-sent with the same client order id; a
 * non-terminal state may repeat with a larger filled size. Terminal states never change; a filled
 * size never shrinks.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class OrderStateMachine {
    private static final Map<OrderStatus, Set<OrderStatus>> LEGAL = new EnumMap<>(OrderStatus.class);

    static {
        final Set<OrderStatus> terminal = EnumSet.of(OrderStatus.FILLED, OrderStatus.CANCELED, OrderStatus.REJECTED,
            OrderStatus.EXPIRED);
        final Set<OrderStatus> fromPending = EnumSet.copyOf(terminal);
        fromPending.addAll(EnumSet.of(OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED, OrderStatus.UNKNOWN));
        LEGAL.put(OrderStatus.PENDING_NEW, fromPending);
        final Set<OrderStatus> fromNew = EnumSet.copyOf(terminal);
        fromNew.addAll(EnumSet.of(OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED, OrderStatus.PENDING_CANCEL,
            OrderStatus.UNKNOWN));
        LEGAL.put(OrderStatus.NEW, fromNew);
        final Set<OrderStatus> fromPartial = EnumSet.of(OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED,
            OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.PENDING_CANCEL, OrderStatus.UNKNOWN);
        LEGAL.put(OrderStatus.PARTIALLY_FILLED, fromPartial);
        LEGAL.put(OrderStatus.PENDING_CANCEL, EnumSet.of(OrderStatus.PENDING_CANCEL, OrderStatus.PARTIALLY_FILLED,
            OrderStatus.FILLED, OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.UNKNOWN));
        final Set<OrderStatus> fromUnknown = EnumSet.copyOf(terminal);
        fromUnknown.addAll(EnumSet.of(OrderStatus.PENDING_NEW, OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED,
            OrderStatus.PENDING_CANCEL, OrderStatus.UNKNOWN));
        LEGAL.put(OrderStatus.UNKNOWN, fromUnknown);
        for (OrderStatus t : terminal) {
            LEGAL.put(t, EnumSet.noneOf(OrderStatus.class));
        }
    }

    private OrderStateMachine() {
    }

    /**
     * @param from current state
     * @param to   reported state
     * @return {@code true} if the move is legal (ignoring filled sizes)
     */
    public static boolean isLegal(final OrderStatus from, final OrderStatus to) {
        return LEGAL.get(from).contains(to);
    }

    /**
     * Validates a move including the filled sizes.
     *
     * @param clientOrderId the order, for the message
     * @param from          current state
     * @param filledBefore  filled size so far, size scale
     * @param to            reported state
     * @param filledAfter   reported cumulative filled size, size scale
     * @throws IllegalOrderTransitionException if the move is illegal or the filled size shrank
     */
    public static void check(final String clientOrderId, final OrderStatus from, final long filledBefore,
        final OrderStatus to, final long filledAfter) {
        if (!isLegal(from, to)) {
            throw new IllegalOrderTransitionException(clientOrderId, from, to, from.isTerminal()
                ? "the order was already terminal" : "not a lifecycle step");
        }
        if (to != OrderStatus.UNKNOWN && to != OrderStatus.PENDING_NEW && filledAfter < filledBefore) {
            throw new IllegalOrderTransitionException(clientOrderId, from, to, "filled size shrank from "
                + filledBefore + " to " + filledAfter);
        }
    }
}
