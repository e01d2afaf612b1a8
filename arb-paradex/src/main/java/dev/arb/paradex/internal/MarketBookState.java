package dev.arb.paradex.internal;

import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One subscribed market's live book and its feed state: last applied {@code seq_no}, listeners and
 * the thread-safe mirrors ({@link #lastReceivedNanos()}, {@link #isValid()}) that other threads read.
 *
 * <p><b>Note:</b> the book and {@code lastSeqNo} are owned by the adapter's event-loop thread; the
 * volatile mirrors and the listener list are safe from any thread.
 */
public final class MarketBookState {
    private final String market;
    private final byte[] marketBytes;
    private final String channel;
    private final OrderBook book;
    private final List<OrderBookListener> listeners = new CopyOnWriteArrayList<>();
    private long lastSeqNo = -1;
    private volatile long lastReceivedNanos;
    private volatile boolean received;
    private volatile boolean valid;
    private volatile long bestBid = OrderBook.NO_PRICE;
    private volatile long bestAsk = OrderBook.NO_PRICE;
    private final String summaryChannel;
    private volatile double fundingRate = Double.NaN;

    /**
     * @param market  market symbol
     * @param channel WebSocket channel of its book
     * @param depth   expected levels per side
     */
    public MarketBookState(final String market, final String channel, final int depth) {
        this.market = market;
        this.marketBytes = market.getBytes(StandardCharsets.US_ASCII);
        this.channel = channel;
        this.summaryChannel = "markets_summary." + market;
        this.book = new OrderBook(ParadexErrors.VENUE, market, BookMessageParser.SCALE, BookMessageParser.SCALE, depth);
    }

    /** @return market symbol */
    public String market() {
        return market;
    }

    /** @return market symbol as ASCII bytes */
    public byte[] marketBytes() {
        return marketBytes;
    }

    /** @return book channel name */
    public String channel() {
        return channel;
    }

    /** @return the market's {@code markets_summary.{market}} channel (mark, index, funding) */
    public String summaryChannel() {
        return summaryChannel;
    }

    /**
     * @param rate the last {@code funding_rate} of the market's summary: a fraction per the market's funding
     *             period (not per hour), or NaN when the summary carried none
     */
    public void fundingRate(final double rate) {
        fundingRate = rate;
    }

    /** @return the last summary's funding rate, fraction per funding period, or NaN if none yet (any thread) */
    public double fundingRate() {
        return fundingRate;
    }

    /** @return the live book (event-loop thread only) */
    public OrderBook book() {
        return book;
    }

    /** @return listeners (append-only; iterate by index to avoid allocating an iterator) */
    public List<OrderBookListener> listeners() {
        return listeners;
    }

    /** @return last applied {@code seq_no}, -1 when a snapshot is awaited (event-loop thread) */
    public long lastSeqNo() {
        return lastSeqNo;
    }

    /** @param seq last applied {@code seq_no}, -1 to await a snapshot (event-loop thread) */
    public void lastSeqNo(final long seq) {
        lastSeqNo = seq;
    }

    /** @param nanos {@link System#nanoTime()} of the last received update */
    public void received(final long nanos) {
        lastReceivedNanos = nanos;
        received = true;
    }

    /** @return {@code true} once any update was received */
    public boolean hasReceived() {
        return received;
    }

    /** @return {@link System#nanoTime()} of the last received update */
    public long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /** @param v mirror of the book's validity, written after every change */
    public void valid(final boolean v) {
        valid = v;
    }

    /** Copies the book's validity and best prices into the thread-safe mirrors (event-loop thread). */
    public void publish() {
        bestBid = book.bestBid();
        bestAsk = book.bestAsk();
        valid = book.isValid();
    }

    /** @return best bid mirror at scale 8, or {@link OrderBook#NO_PRICE} (any thread) */
    public long bestBid() {
        return bestBid;
    }

    /** @return best ask mirror at scale 8, or {@link OrderBook#NO_PRICE} (any thread) */
    public long bestAsk() {
        return bestAsk;
    }

    /** @return validity mirror (any thread) */
    public boolean isValid() {
        return valid;
    }
}
