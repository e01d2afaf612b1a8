package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the simulated Paradex pushes on an account's private channels, and in which order: on a placement the
 * acknowledgement ({@code orders}, {@code NEW}), each fill ({@code fills}) and the order's final state
 * ({@code orders}), then, if it filled, the {@code account} and the market's {@code positions}; on a cancel the
 * closed order; every step the {@code account} and every position of each account with an open position (as
 * Paradex pushes them on change). Payloads are copies, in the REST shapes.
 *
 * <p><b>Note:</b> not thread-safe: guarded by the monitor of the owning {@link SimExchange}, which holds it while
 * events are handed to the {@link SimExchange.PrivateSink}, so the sink sees them in order; call only while holding
 * it.
 */
final class SimPrivateEvents {
    private final SimAccountViews views;
    private SimExchange.PrivateSink sink = SimExchange.PrivateSink.NONE;

    /** @param views the account and positions JSON */
    SimPrivateEvents(final SimAccountViews views) {
        this.views = views;
    }

    /** @param s receives the events from now on */
    void sink(final SimExchange.PrivateSink s) {
        sink = s;
    }

    /**
     * A placed order: its acknowledgement, its fills, its final state.
     *
     * @param account the account
     * @param ack     the acknowledgement
     * @param fills   the order's fill records
     * @param order   the order record in its final state
     */
    void placed(final String account, final ObjectNode ack, final List<ObjectNode> fills, final ObjectNode order) {
        final String market = order.path("market").asText();
        sink.publish(account, "orders", market, ack.deepCopy());
        for (final ObjectNode f : fills) {
            sink.publish(account, "fills", market, f.deepCopy());
        }
        if (!"NEW".equals(order.path("status").asText())) {
            sink.publish(account, "orders", market, order.deepCopy());
        }
    }

    /**
     * @param account the account
     * @param order   an order record whose state changed (e.g. cancelled)
     */
    void orderChanged(final String account, final ObjectNode order) {
        sink.publish(account, "orders", order.path("market").asText(), order.deepCopy());
    }

    /**
     * After a fill: the account ({@code ACTIVE}) and its position in the market.
     *
     * @param account normalised account address
     * @param market  the market filled
     * @param nowMs   time of the change, ms
     */
    void positionChanged(final String account, final String market, final long nowMs) {
        accountAndPositions(account, nowMs, "ACTIVE", market);
    }

    /**
     * After a step's margin check: the account and all its positions.
     *
     * @param account    normalised account address
     * @param nowMs      time of the step, ms
     * @param liquidated {@code true} if the step liquidated the account ({@code LIQUIDATION}, else {@code ACTIVE})
     */
    void stepped(final String account, final long nowMs, final boolean liquidated) {
        accountAndPositions(account, nowMs, liquidated ? "LIQUIDATION" : "ACTIVE", null);
    }

    private void accountAndPositions(final String account, final long nowMs, final String status, final String only) {
        sink.publish(account, "account", "", views.accountSummary(account, nowMs, status));
        for (final JsonNode p : views.positions(account, nowMs).path("results")) {
            final String market = p.path("market").asText();
            if (only == null || only.equals(market)) {
                sink.publish(account, "positions", market, (ObjectNode) p.deepCopy());
            }
        }
    }
}
