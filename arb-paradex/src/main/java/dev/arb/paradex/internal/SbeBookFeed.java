package dev.arb.paradex.internal;

import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import dev.arb.paradex.sbe.FrameStatus;
import dev.arb.paradex.sbe.ParadexSbeDecoder;
import dev.arb.paradex.sbe.ParadexSbeFrameException;
import dev.arb.paradex.sbe.ParadexSbeListener;
import dev.arb.paradex.sbe.ResyncReason;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SBE binary market data of one WebSocket connection applied to the subscribed books: every binary frame
 * goes through {@link ParadexSbeDecoder} (zero-copy over the Netty buffer) whose
 * {@link dev.arb.paradex.sbe.SequencedBookApplier} enforces the sequence of the bare
 * {@code order_book.{market}.deltas} channel (snapshot anchors, deltas only at {@code seq = last + 1}); a
 * gap or crossed book invalidates the book at once, notifies its listeners and hands the market to the
 * resync callback (which resubscribes for a fresh snapshot). Counted; logged once per incident by the
 * decoder.
 *
 * <p>A {@code MarketSummaryEvent} of a registered market stores its funding rate in the market's state
 * ({@link MarketBookState#fundingRate()}), then goes to the market-data listeners.
 *
 * <p>Sources: paradex-sbe reference §2 (framing, channel names), §4 (sequence and resync policy).
 *
 * <p><b>Note:</b> not thread-safe: {@link #onFrame}, {@link #register} and {@link #invalidateAll} run on
 * the adapter's event-loop thread; counters are volatile for readers elsewhere.
 */
public final class SbeBookFeed implements ParadexSbeListener {
    private static final Logger LOG = LoggerFactory.getLogger(SbeBookFeed.class);

    private final ParadexSbeDecoder decoder = new ParadexSbeDecoder(this);
    private final Map<String, MarketBookState> states = new ConcurrentHashMap<>();
    private final Map<String, List<ParadexSbeListener>> marketData = new ConcurrentHashMap<>();
    private final Consumer<MarketBookState> resync;
    private volatile Consumer<dev.arb.paradex.sbe.FillUpdate> fills = f -> { };
    private volatile long sequenceGaps;
    private volatile long crossedBooks;
    private volatile long malformedFrames;
    private volatile long listenerErrors;
    private boolean listenerLogged;

    /** @param resync called (on the event loop) with a market whose book needs a fresh snapshot */
    public SbeBookFeed(final Consumer<MarketBookState> resync) {
        this.resync = resync;
    }

    /**
     * Registers a market's book with the decoder (event-loop thread).
     *
     * @param state the market
     */
    public void register(final MarketBookState state) {
        if (states.putIfAbsent(state.market(), state) == null) {
            decoder.addBook(state.book());
        }
    }

    /**
     * Decodes one binary frame.
     *
     * @param frame         the frame payload (indexes unchanged)
     * @param receivedNanos {@link System#nanoTime()} at receipt
     * @return what the decoder did
     */
    public FrameStatus onFrame(final ByteBuf frame, final long receivedNanos) {
        return decoder.decode(frame, receivedNanos);
    }

    @Override
    public void onBook(final OrderBook book) {
        final MarketBookState s = states.get(book.symbol());
        if (s == null) {
            return;
        }
        s.received(book.receivedNanos());
        s.publish();
        notifyListeners(s);
    }

    @Override
    public void onResyncNeeded(final OrderBook book, final ResyncReason reason, final long expectedSeq,
        final long receivedSeq) {
        final MarketBookState s = states.get(book.symbol());
        if (reason == ResyncReason.GAP) {
            sequenceGaps++;
        } else {
            crossedBooks++;
        }
        if (s != null) {
            s.valid(false);
            resync.accept(s);
        }
    }

    /**
     * Adds a listener of a market's BBO, trade and market-summary frames (any thread).
     *
     * @param market   market symbol
     * @param listener receives {@link #onBbo}, {@link #onTrade}, {@link #onMarketSummary} of that market
     */
    public void addMarketDataListener(final String market, final ParadexSbeListener listener) {
        marketData.computeIfAbsent(market, m -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public void onBbo(final dev.arb.paradex.sbe.BboUpdate bbo) {
        final List<ParadexSbeListener> ls = marketData.get(bbo.market());
        if (ls != null) {
            for (int i = 0; i < ls.size(); i++) {
                try {
                    ls.get(i).onBbo(bbo);
                } catch (final RuntimeException e) {
                    listenerFailed(e);
                }
            }
        }
    }

    @Override
    public void onTrade(final dev.arb.paradex.sbe.TradeUpdate trade) {
        final List<ParadexSbeListener> ls = marketData.get(trade.market());
        if (ls != null) {
            for (int i = 0; i < ls.size(); i++) {
                try {
                    ls.get(i).onTrade(trade);
                } catch (final RuntimeException e) {
                    listenerFailed(e);
                }
            }
        }
    }

    @Override
    public void onMarketSummary(final dev.arb.paradex.sbe.MarketSummaryUpdate summary) {
        final MarketBookState state = states.get(summary.market());
        if (state != null) {
            state.fundingRate(fundingRate(summary));
        }
        final List<ParadexSbeListener> ls = marketData.get(summary.market());
        if (ls != null) {
            for (int i = 0; i < ls.size(); i++) {
                try {
                    ls.get(i).onMarketSummary(summary);
                } catch (final RuntimeException e) {
                    listenerFailed(e);
                }
            }
        }
    }

    /**
     * @param summary a decoded {@code MarketSummaryEvent}
     * @return its funding rate as a fraction per the market's funding period: {@code fundingRatePrecise} (scale 12,
     *     the schema's "prefer over fundingRate") when present, else {@code fundingRate} (scale 8); NaN when
     *     neither is
     */
    public static double fundingRate(final dev.arb.paradex.sbe.MarketSummaryUpdate summary) {
        final long precise = summary.fundingRatePrecise();
        if (precise != dev.arb.paradex.sbe.ParadexSbe.NULL_VALUE) {
            return precise / 1e12;
        }
        final long rate = summary.fundingRate();
        return rate == dev.arb.paradex.sbe.ParadexSbe.NULL_VALUE ? Double.NaN : rate / 1e8;
    }

    private void listenerFailed(final RuntimeException e) {
        listenerErrors++;
        if (!listenerLogged) {
            listenerLogged = true;
            LOG.warn("paradex: market-data listener threw (logged once; see listenerErrors())", e);
        }
    }

    /** @param sink receives fills sent as SBE {@code FillEvent}s on the private {@code fills} channel */
    public void onFills(final Consumer<dev.arb.paradex.sbe.FillUpdate> sink) {
        fills = sink;
    }

    @Override
    public void onFill(final dev.arb.paradex.sbe.FillUpdate fill) {
        fills.accept(fill);
    }

    @Override
    public void onFrameError(final ParadexSbeFrameException error) {
        malformedFrames++;
    }

    /** Invalidates every book (disconnect): each waits for the snapshot of its next subscription. */
    public void invalidateAll() {
        decoder.resetBooks();
        for (final MarketBookState s : states.values()) {
            s.book().invalidate();
            s.valid(false);
            notifyListeners(s);
        }
    }

    private void notifyListeners(final MarketBookState state) {
        final List<OrderBookListener> listeners = state.listeners();
        for (int i = 0; i < listeners.size(); i++) {
            try {
                listeners.get(i).onOrderBook(state.book());
            } catch (final RuntimeException e) {
                listenerErrors++;
                if (!listenerLogged) {
                    listenerLogged = true;
                    LOG.warn("paradex: order book listener threw (logged once; see listenerErrors())", e);
                }
            }
        }
    }

    /** @return the decoder (counters) */
    public ParadexSbeDecoder decoder() {
        return decoder;
    }

    /** @return gaps seen (each invalidated a book and triggered a resync) */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /** @return crossed books invalidated */
    public long crossedBooks() {
        return crossedBooks;
    }

    /** @return bad binary frames (wrong schema, truncated, inconsistent) */
    public long malformedFrames() {
        return malformedFrames;
    }

    /** @return listener exceptions caught */
    public long listenerErrors() {
        return listenerErrors;
    }
}
