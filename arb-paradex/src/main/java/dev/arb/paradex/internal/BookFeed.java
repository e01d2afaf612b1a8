package dev.arb.paradex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import dev.arb.api.UntrustedText;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Paradex order-book frames to the subscribed {@link OrderBook}s: a snapshot
 * ({@code update_type "s"}) clears the book and inserts its levels; a delta ({@code "d"}) is applied
 * only when its {@code seq_no} is the previous one plus 1, otherwise the book is invalidated, the gap
 * counted and the market handed to the resubscribe callback. A crossed book is invalidated,
 * counted and logged once. Malformed frames are counted and logged once; the connection stays.
 *
 * <p>A {@code markets_summary.{market}} push of a subscribed market stores its {@code funding_rate} (a fraction
 * per the market's funding period) in the market's state, parsed in place like the books.
 *
 * <p>Source: protocol reference §2.5 (order-book semantics: snapshot feed sends the full top 15 as
 * inserts in every message; deltas follow with {@code seq_no} + 1; size 0 removes a level), §2.3
 * (JSON-RPC error shape, handled here as control messages with Jackson).
 *
 * <p><b>Note:</b> not thread-safe: call only from the adapter's event-loop thread. The counters are
 * volatile for readers on other threads.
 */
public final class BookFeed {
    private static final Logger LOG = LoggerFactory.getLogger(BookFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BookMessageParser parser = new BookMessageParser();
    private volatile MarketBookState[] states = new MarketBookState[0];
    private final Consumer<MarketBookState> resubscribe;
    private final Consumer<JsonNode> control;
    private final RawControl rawControl;

    /** Takes a control frame before it is read as a tree. */
    @FunctionalInterface
    public interface RawControl {
        /**
         * @param bytes  frame bytes
         * @param offset its first byte
         * @param length its length in bytes
         * @return {@code true} if it was handled; {@code false} to read it as a tree and pass it to the control consumer
         */
        boolean take(byte[] bytes, int offset, int length);
    }

    private volatile long malformedMessages;
    private volatile long sequenceGaps;
    private volatile long crossedBooks;
    private volatile long listenerErrors;
    private volatile long errorReplies;
    private boolean malformedLogged;
    private boolean crossedLogged;
    private boolean listenerLogged;

    /** @param resubscribe called (on the event loop) with a market whose book needs a fresh snapshot */
    public BookFeed(final Consumer<MarketBookState> resubscribe) {
        this(resubscribe, node -> { });
    }

    /**
     * @param resubscribe called (on the event loop) with a market whose book needs a fresh snapshot
     * @param control     receives every other well-formed JSON frame (RPC replies, private-channel pushes)
     */
    public BookFeed(final Consumer<MarketBookState> resubscribe, final Consumer<JsonNode> control) {
        this(resubscribe, (b, o, l) -> false, control);
    }

    /**
     * @param resubscribe called (on the event loop) with a market whose book needs a fresh snapshot
     * @param rawControl  offered every frame that is not a book or summary first (the private streaming pushes)
     * @param control     receives every other well-formed JSON frame (RPC replies, private-channel pushes)
     */
    public BookFeed(final Consumer<MarketBookState> resubscribe, final RawControl rawControl,
        final Consumer<JsonNode> control) {
        this.resubscribe = resubscribe;
        this.rawControl = rawControl;
        this.control = control;
    }

    /**
     * Adds a market (any thread; copy-on-write).
     *
     * @param state the market's state
     */
    public synchronized void add(final MarketBookState state) {
        final MarketBookState[] old = states;
        final MarketBookState[] next = java.util.Arrays.copyOf(old, old.length + 1);
        next[old.length] = state;
        states = next;
    }

    /**
     * Handles one text frame.
     *
     * @param bytes         frame bytes
     * @param offset        first byte
     * @param length        length in bytes
     * @param receivedNanos {@link System#nanoTime()} at receipt
     */
    public void onFrame(final byte[] bytes, final int offset, final int length, final long receivedNanos) {
        final int result = parser.parse(bytes, offset, length);
        if (result == BookMessageParser.MALFORMED) {
            malformed(parser.error());
            return;
        }
        if (result == BookMessageParser.NOT_BOOK) {
            if (!rawControl.take(bytes, offset, length)) {
                onControl(bytes, offset, length);
            }
            return;
        }
        if (result == BookMessageParser.SUMMARY) {
            final MarketBookState state = find();
            if (state != null) {
                state.fundingRate(parser.fundingRate());
            }
            return;
        }
        final MarketBookState state = find();
        if (state == null) {
            return;
        }
        apply(state, receivedNanos);
    }

    private MarketBookState find() {
        final MarketBookState[] s = states;
        for (final MarketBookState state : s) {
            if (parser.marketEquals(state.marketBytes())) {
                return state;
            }
        }
        return null;
    }

    private void apply(final MarketBookState state, final long receivedNanos) {
        final OrderBook book = state.book();
        final long seq = parser.seqNo();
        state.received(receivedNanos);
        if (parser.isSnapshot()) {
            book.clear();
            applyLevels(book);
            book.stamp(seq, parser.lastUpdatedAtMs(), receivedNanos);
            state.lastSeqNo(seq);
            if (book.isCrossed()) {
                crossed(book);
            } else {
                book.markValid();
            }
        } else {
            final long last = state.lastSeqNo();
            if (last < 0 || seq != last + 1) {
                sequenceGaps++;
                book.invalidate();
                state.lastSeqNo(-1);
                state.valid(false);
                notifyListeners(state);
                resubscribe.accept(state);
                return;
            }
            applyLevels(book);
            book.stamp(seq, parser.lastUpdatedAtMs(), receivedNanos);
            state.lastSeqNo(seq);
            if (book.isCrossed()) {
                crossed(book);
                state.lastSeqNo(-1);
                state.valid(false);
                notifyListeners(state);
                resubscribe.accept(state);
                return;
            }
        }
        state.publish();
        notifyListeners(state);
    }

    private void applyLevels(final OrderBook book) {
        final BookMessageParser p = parser;
        for (int i = 0, n = p.levelCount(); i < n; i++) {
            final long size = p.op(i) == BookMessageParser.OP_DELETE ? 0 : p.size(i);
            if (p.isBuy(i)) {
                book.updateBid(p.price(i), size);
            } else {
                book.updateAsk(p.price(i), size);
            }
        }
    }

    private void crossed(final OrderBook book) {
        book.invalidate();
        crossedBooks++;
        if (!crossedLogged) {
            crossedLogged = true;
            LOG.warn("paradex: crossed book {} invalidated (logged once; see crossedBooks())", book);
        }
    }

    private void notifyListeners(final MarketBookState state) {
        final java.util.List<OrderBookListener> listeners = state.listeners();
        for (int i = 0; i < listeners.size(); i++) {
            final OrderBookListener l = listeners.get(i);
            try {
                l.onOrderBook(state.book());
            } catch (final RuntimeException e) {
                listenerErrors++;
                if (!listenerLogged) {
                    listenerLogged = true;
                    LOG.warn("paradex: order book listener threw (logged once; see listenerErrors())", e);
                }
            }
        }
    }

    /**
     * Invalidates every book (disconnect) and notifies listeners.
     */
    public void invalidateAll() {
        for (final MarketBookState state : states) {
            state.book().invalidate();
            state.lastSeqNo(-1);
            state.valid(false);
            notifyListeners(state);
        }
    }

    private void onControl(final byte[] bytes, final int offset, final int length) {
        final JsonNode node;
        try {
            node = JSON.readTree(bytes, offset, length);
        } catch (final Exception e) {
            malformed("invalid JSON");
            return;
        }
        if (node == null || !node.isObject()) {
            malformed("frame is not a JSON object");
            return;
        }
        final JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            errorReplies++;
            LOG.warn("paradex: JSON-RPC error reply id={} code={} message={}", UntrustedText.forLog(node.path("id").asText()),
                UntrustedText.forLog(error.path("code").asText()), UntrustedText.forLog(error.path("message").asText()));
        }
        control.accept(node);
    }

    private void malformed(final String why) {
        malformedMessages++;
        if (!malformedLogged) {
            malformedLogged = true;
            LOG.warn("paradex: malformed market-data frame ({}); counted, logged once", UntrustedText.forLog(why));
        }
    }

    /** @return malformed frames seen */
    public long malformedMessages() {
        return malformedMessages;
    }

    /** @return sequence gaps detected on delta feeds */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /** @return crossed books invalidated */
    public long crossedBooks() {
        return crossedBooks;
    }

    /** @return listener exceptions caught */
    public long listenerErrors() {
        return listenerErrors;
    }

    /** @return JSON-RPC error replies received */
    public long errorReplies() {
        return errorReplies;
    }
}
