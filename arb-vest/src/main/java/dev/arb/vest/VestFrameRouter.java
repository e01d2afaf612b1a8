package dev.arb.vest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.OrderBookListener;
import dev.arb.api.WireTap;
import dev.arb.vest.internal.VestDepthDecoder;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the frames of the Vest market-data stream: each {@code {symbol}@depth} full snapshot is decoded
 * straight from the frame's bytes into its market's book without allocation ({@link VestDepthDecoder});
 * a crossed snapshot invalidates the book; a snapshot whose levels are not strictly sorted is counted and
 * invalidates the book unless {@link VestConfig#rejectUnsortedDepth()} is off; {@code tickers} go to the
 * {@link VestTickerBoard}, {@code {symbol}@trades} to the {@link VestTradeChannel}, a {@code PONG} to the
 * connection's liveness check. A malformed frame is counted and logged once and the connection stays up.
 * Sources: Vest API docs "WebSocket", "Public channels" (protocol reference §5).
 *
 * <p><b>Note:</b> not thread-safe: {@link #onFrame} and {@link #invalidateAll} run on the feed's event loop
 * only (the decoder and the scratch buffer are reused); {@link #setWireTap} may be called from any thread.
 */
final class VestFrameRouter {
    private static final Logger LOG = LoggerFactory.getLogger(VestFrameRouter.class);
    private static final byte[] TICKERS_CHANNEL = "tickers".getBytes(StandardCharsets.US_ASCII);

    private final VestCounters counters;
    private final ObjectMapper json;
    private final VestTickerBoard tickers;
    private final VestTradeChannel trades;
    private final Runnable onPong;
    private final VestDepthDecoder decoder = new VestDepthDecoder();
    private byte[] frameScratch = new byte[8192];
    private volatile WireTap wireTap;

    /**
     * @param rejectUnsorted whether an unsorted snapshot invalidates its book
     * @param counters       where drops, invalid books and PONGs are counted
     * @param json           parses control frames
     * @param tickers        receives {@code tickers} frames
     * @param trades         receives {@code {symbol}@trades} frames
     * @param onPong         told of each PONG (on the event loop)
     */
    VestFrameRouter(final boolean rejectUnsorted, final VestCounters counters, final ObjectMapper json,
        final VestTickerBoard tickers, final VestTradeChannel trades, final Runnable onPong) {
        this.counters = counters;
        this.json = json;
        this.tickers = tickers;
        this.trades = trades;
        this.onPong = onPong;
        decoder.rejectUnsorted(rejectUnsorted);
    }

    /** @param tap receives every raw frame; null for none */
    void setWireTap(final WireTap tap) {
        wireTap = tap;
    }

    /** @return the wire tap, or null */
    WireTap wireTap() {
        return wireTap;
    }

    /**
     * Invalidates every valid book and tells its listeners; every book becomes stale. Event loop only.
     *
     * @param books the subscribed markets
     */
    void invalidateAll(final VestMarketBook[] books) {
        for (final VestMarketBook mb : books) {
            mb.valid = false;
            if (mb.book != null && mb.book.isValid()) {
                mb.book.invalidate();
                notifyListeners(mb);
            }
        }
    }

    private void notifyListeners(final VestMarketBook mb) {
        for (final OrderBookListener l : mb.listeners) {
            try {
                l.onOrderBook(mb.book);
            } catch (RuntimeException e) {
                if (counters.countListenerError()) {
                    LOG.warn("Vest order book listener threw (logged once, counted in listenerErrors())", e);
                }
            }
        }
    }

    /**
     * Decodes one frame into its book (or the tickers, a trade, a PONG) and notifies listeners. Runs on
     * the event-loop thread for every frame; never throws for a bad frame (counted as malformed).
     *
     * @param content       the frame (read, not released)
     * @param receivedNanos {@link System#nanoTime()} at receipt
     * @param books         the subscribed markets
     */
    void onFrame(final ByteBuf content, final long receivedNanos, final VestMarketBook[] books) {
        final int length = content.readableBytes();
        final byte[] bytes;
        final int offset;
        if (content.hasArray()) {
            bytes = content.array();
            offset = content.arrayOffset() + content.readerIndex();
        } else {
            if (frameScratch.length < length) {
                frameScratch = new byte[Math.max(length, frameScratch.length * 2)];
            }
            content.getBytes(content.readerIndex(), frameScratch, 0, length);
            bytes = frameScratch;
            offset = 0;
        }
        final WireTap tap = wireTap;
        if (tap != null) {
            tap.onFrame(VestMarkets.VENUE, receivedNanos, false, bytes, offset, length);
        }
        try {
            final int kind = decoder.scan(bytes, offset, length);
            if (kind == VestDepthDecoder.FRAME_CONTROL) {
                onControl(bytes, offset, length);
                return;
            }
            if (!decoder.isDepthChannel()) {
                if (decoder.channelEquals(TICKERS_CHANNEL)) {
                    tickers.onTickers(bytes, offset, length);
                } else if (trades.wanted()) {
                    for (final VestMarketBook mb : books) {
                        if (decoder.channelEquals(mb.tradesChannel)) {
                            trades.onTrade(mb.symbol, bytes, offset, length);
                            break;
                        }
                    }
                }
                return;
            }
            for (final VestMarketBook mb : books) {
                if (mb.book != null && decoder.channelEquals(mb.channel)) {
                    applyDepth(mb, receivedNanos);
                    return;
                }
            }
        } catch (MalformedMessageException e) {
            if (counters.countMalformed()) {
                LOG.warn("malformed Vest frame ignored (logged once, counted in malformedMessages()): {}",
                    dev.arb.api.UntrustedText.forLog(e.getMessage()));
            }
        }
    }

    private void applyDepth(final VestMarketBook mb, final long receivedNanos) {
        final int result = decoder.applyDepth(mb.book, receivedNanos);
        mb.lastReceivedNanos = receivedNanos;
        mb.received = true;
        mb.valid = result == VestDepthDecoder.APPLIED;
        if (result == VestDepthDecoder.UNSORTED && counters.countUnsorted()) {
            LOG.warn("Vest {} depth snapshot not sorted: book invalidated (logged once, counted in "
                + "unsortedBooks())", mb.symbol);
        }
        if (result == VestDepthDecoder.CROSSED && counters.countCrossed()) {
            LOG.warn("Vest {} depth snapshot crossed: book invalidated (logged once, counted in "
                + "crossedBooks())", mb.symbol);
        }
        notifyListeners(mb);
    }

    private void onControl(final byte[] bytes, final int offset, final int length) {
        final JsonNode node;
        try {
            node = json.readTree(bytes, offset, length);
        } catch (java.io.IOException e) {
            throw new MalformedMessageException(VestMarkets.VENUE, null, "control frame is not JSON", e);
        }
        if ("PONG".equals(node.path("data").asText(null))) {
            counters.countPong();
            onPong.run();
        } else if (node.has("error") || node.has("code")) {
            LOG.warn("Vest stream error answer: {}", node);
        }
    }
}
