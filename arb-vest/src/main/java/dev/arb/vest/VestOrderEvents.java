package dev.arb.vest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.arb.api.Fill;
import dev.arb.api.Liquidity;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderUpdate;
import dev.arb.api.WireTap;
import dev.arb.vest.internal.VestOrderCodec;
import dev.arb.vest.internal.VestOrderEvent;
import dev.arb.vest.internal.VestOrderEventCodec;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker glue of the {@code account_private} stream: each ORDER event is matched to our order by
 * the nonce we signed ({@link VestOrderTracker}), reaches {@link OrderListener}s as an
 * {@link OrderUpdate} and, once per order, its fill as a {@link Fill} (taker); a terminal event
 * completes the order's {@code terminal} future that a waiting placement listens to. Events of orders
 * this adapter did not place are mapped from the event alone when it carries the market and size, else
 * counted and dropped. Sources: protocol reference §5 (private channel).
 *
 * <p><b>Note:</b> thread-safe: listeners are added from any thread (copy-on-write list); events arrive on
 * the event loop.
 */
final class VestOrderEvents implements VestAccountStream.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(VestOrderEvents.class);

    private final List<OrderListener> listeners = new CopyOnWriteArrayList<>();
    private final VestOrderTracker tracker;
    private final VestOrderCodec codec;
    private final VestMarkets markets;
    private final VestCounters counters;
    private final Supplier<WireTap> wireTap;

    /**
     * @param tracker  our orders
     * @param codec    maps events to updates
     * @param markets  the market rules (for events of orders we did not place)
     * @param counters where untracked events and listener exceptions are counted
     * @param wireTap  the current wire tap, or null for none
     */
    VestOrderEvents(final VestOrderTracker tracker, final VestOrderCodec codec, final VestMarkets markets,
        final VestCounters counters, final Supplier<WireTap> wireTap) {
        this.tracker = tracker;
        this.codec = codec;
        this.markets = markets;
        this.counters = counters;
        this.wireTap = wireTap;
    }

    /** @param listener called on the event loop per order update and fill; exceptions are counted, the first logged */
    void addListener(final OrderListener listener) {
        listeners.add(listener);
    }

    @Override
    public void onRawFrame(final ByteBuf content, final long receivedNanos) {
        final WireTap tap = wireTap.get();
        if (tap != null) {
            final byte[] copy = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), copy);
            tap.onFrame(VestMarkets.VENUE, receivedNanos, false, copy, 0, copy.length);
        }
    }

    @Override
    public void onOrderEvent(final VestOrderEvent event, final long receivedNanos) {
        final long now = System.currentTimeMillis();
        final VestOrderTracker.Tracked t = tracker.match(event);
        final OrderUpdate u;
        if (t != null) {
            u = VestOrderEventCodec.update(event, t.spec, t.request, now);
            if (u.filledSize() > 0) {
                t.lastFilled = u.filledSize();
            }
            if (u.status().isTerminal() && !t.terminal.isDone()) {
                t.terminal.complete(event.toUpdateNode(JsonNodeFactory.instance)); // the placement reads a tree
            }
        } else {
            final Map<String, MarketSpec> s = markets.loadedOrNull();
            final MarketSpec spec = s == null ? null : s.get(event.symbol.asText());
            if (spec == null || !event.size.isNonNull()) {
                counters.countUntrackedEvent();
                return;
            }
            u = codec.fromVenue(event.toNode(JsonNodeFactory.instance), spec, null, now); // rare: not our order
        }
        for (final OrderListener l : listeners) {
            try {
                l.onOrderUpdate(u);
                if (u.status().isTerminal() && u.filledSize() > 0 && (t == null || !t.fillReported)) {
                    l.onFill(new Fill(VestMarkets.VENUE, u.market(), u.venueOrderId(), u.clientOrderId(), u.side(),
                        u.avgFillPrice(), u.filledSize(), u.feeUsd(), Liquidity.TAKER, u.timestampMs()));
                }
            } catch (RuntimeException e) {
                if (counters.countOrderListenerError()) {
                    LOG.warn("Vest order listener threw (logged once)", e);
                }
            }
        }
        if (t != null && u.status().isTerminal() && u.filledSize() > 0) {
            t.fillReported = true;
        }
    }
}
