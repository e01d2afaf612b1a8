package dev.arb.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.ExchangeAdapter;
import dev.arb.api.FixedPoint;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderUpdate;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.PnlBreakdown;
import dev.arb.executor.alert.AlertSink;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The operator plane's feed of discrete events: rounds, fills, alerts, parameter changes and strategy
 * swaps. The engine hands them over through {@link #listener(String)} and {@link #alertSink()}: each
 * event is one small JSON object queued without locks (events are rare: never per book change); the
 * HTTP side drains the queue at its own pace, pushes the events to live clients and keeps the last 50
 * alerts for the status.
 *
 * <p><b>Note:</b> thread-safe: producers are the engine's thread and the alert sinks, the consumer is
 * the status publisher.
 */
public final class OperatorEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEEP_ALERTS = 50;

    /** One event for the live stream: its SSE name and JSON data. */
    record Event(String name, ObjectNode data) {
    }

    private final Queue<Event> pending = new ConcurrentLinkedQueue<>();
    private volatile Map<String, ExchangeAdapter> venues = Map.of();
    private final ArrayDeque<ObjectNode> alerts = new ArrayDeque<>();

    /**
     * @param connected the venues by name, so that fills are shown at their market's price and size scale
     *                  (until then they are shown as raw fixed-point numbers)
     */
    public void venues(final Map<String, ExchangeAdapter> connected) {
        this.venues = Map.copyOf(connected);
    }

    /** @return an alert sink that records every alert for the dashboard (add it next to the log and webhook sinks) */
    public AlertSink alertSink() {
        return a -> {
            final ObjectNode n = JSON.createObjectNode();
            n.put("time", Instant.ofEpochMilli(a.timeMs()).toString());
            n.put("kind", a.kind().name());
            n.put("critical", a.critical());
            n.put("bot", a.source());
            n.put("message", a.message());
            synchronized (alerts) {
                alerts.addLast(n);
                while (alerts.size() > KEEP_ALERTS) {
                    alerts.removeFirst();
                }
            }
            pending.add(new Event("alert", n));
        };
    }

    /**
     * @param bot the bot's id
     * @return a listener for that bot's executor (combine it with the bot's own); never called per tick
     *     for anything but {@code onDecision}, which it ignores
     */
    public ExecutionListener listener(final String bot) {
        return new ExecutionListener() {
            @Override
            public void onRoundClosed(final PnlBreakdown r) {
                final ObjectNode n = base(bot);
                final PnlBreakdown c = r.toCents();
                n.put("spreadUsd", c.spreadUsd().toPlainString());
                n.put("slippageUsd", c.slippageUsd().toPlainString());
                n.put("feesUsd", c.feesUsd().toPlainString());
                n.put("fundingUsd", c.fundingUsd().toPlainString());
                n.put("totalUsd", c.totalUsd().toPlainString());
                pending.add(new Event("round", n));
            }

            @Override
            public void onOrderAck(final OrderUpdate u, final long decisionToAckNanos) {
                if (u.filledSize() <= 0) {
                    return;
                }
                final ObjectNode n = base(bot);
                n.put("venue", u.venue());
                n.put("market", u.market());
                n.put("side", u.side().name());
                final ExchangeAdapter venue = venues.get(u.venue());
                final MarketSpec spec = venue == null ? null : venue.marketSpec(u.market());
                if (spec != null) {
                    n.put("size", FixedPoint.toBigDecimal(u.filledSize(), spec.sizeScale()).stripTrailingZeros()
                        .toPlainString());
                    n.put("price", FixedPoint.toBigDecimal(u.avgFillPrice(), spec.priceScale()).stripTrailingZeros()
                        .toPlainString());
                } else {
                    n.put("size", Long.toString(u.filledSize()));
                    n.put("price", Long.toString(u.avgFillPrice()));
                }
                n.put("status", u.status().name());
                pending.add(new Event("fill", n));
            }

            @Override
            public void onStrategyEvent(final String event) {
                final ObjectNode n = base(bot);
                n.put("text", event);
                pending.add(new Event("param", n));
            }

            @Override
            public void onHalt(final String reason) {
                final ObjectNode n = base(bot);
                n.put("text", "HALTED: " + reason);
                pending.add(new Event("param", n));
            }
        };
    }

    private static ObjectNode base(final String bot) {
        final ObjectNode n = JSON.createObjectNode();
        n.put("time", Instant.now().toString());
        n.put("bot", bot);
        return n;
    }

    /** @return the events queued since the last call, oldest first */
    List<Event> drain() {
        final List<Event> out = new ArrayList<>();
        Event e;
        while ((e = pending.poll()) != null) {
            out.add(e);
        }
        return out;
    }

    /** @return the last alerts, oldest first (copies) */
    List<ObjectNode> recentAlerts() {
        synchronized (alerts) {
            return new ArrayList<>(alerts);
        }
    }
}
