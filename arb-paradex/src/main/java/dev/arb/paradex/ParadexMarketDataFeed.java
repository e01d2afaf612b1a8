package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.OrderBookListener;
import dev.arb.api.TransportException;
import dev.arb.api.WireTap;
import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.MarketBookState;
import dev.arb.paradex.internal.ParadexErrors;
import dev.arb.paradex.internal.ParadexRestClient;
import dev.arb.paradex.internal.ParadexWsClient;
import dev.arb.paradex.internal.SbeBookFeed;
import dev.arb.paradex.internal.WsRpc;
import dev.arb.paradex.sbe.ParadexSbeListener;
import io.github.resilience4j.core.IntervalFunction;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Paradex WebSocket read side: socket frames to books. It owns the stream ({@link ParadexWsClient}), opens it,
 * and after an unwanted close reconnects with {@link ParadexConfig#reconnectBackoff()} (exponential backoff with
 * jitter, the shared Resilience4j implementation), one reconnect chain at a time. Every open subscribes the books and
 * market-data channels again.
 *
 * <p>Books: with {@link ParadexConfig#sbe()} the stream URL carries {@code ?sbeSchemaId=1&sbeSchemaVersion=1} and
 * books come from the bare {@code order_book.{market}.deltas} channel as SBE binary frames decoded zero-copy over the
 * Netty buffer by {@code ParadexSbeDecoder} in {@link SbeBookFeed} (snapshot, then deltas applied only at
 * {@code seq = last + 1}); control messages stay JSON-RPC text. Without it the JSON channel
 * {@link ParadexConfig#bookChannelTemplate()} ({@code snapshot@15@50ms} or {@code deltas}, same sequencing for
 * {@code inserts}/{@code updates}/{@code deletes}) is parsed in place by {@link BookFeed}. One book channel per
 * market per connection. A gap, repeat or regression invalidates the book at once (listeners are told), is counted
 * and triggers a resync: unsubscribe and subscribe again, the channel opening with a fresh snapshot (paradex-sbe
 * reference §4). With every book the market's {@code markets_summary.{market}} channel is subscribed, for its
 * funding rate. The books and their reads from other threads are in {@link ParadexBooks}.
 *
 * <p>Other JSON frames go to {@link ParadexControlFrames}: replies of pending JSON-RPC calls complete them; error
 * replies are logged; {@code markets_summary} pushes store the funding rate; every other push, and the SBE fills, go
 * to the {@link ParadexPrivateFrames} (the account stream), the {@code orders} and {@code fills} pushes as bytes
 * for a streaming parse.
 *
 * <p>Sources: protocol reference §2 (WebSocket JSON-RPC, channels), §2.5 (order-book semantics); paradex-sbe
 * reference §2–§4.
 *
 * <p><b>Note:</b> thread-safe. Frames are read, books written and listeners called on the adapter's single
 * event-loop thread; subscriptions and reads of books' thread-safe mirrors may come from any thread.
 */
final class ParadexMarketDataFeed {
    private static final Logger LOG = LoggerFactory.getLogger(ParadexMarketDataFeed.class);
    private static final String VENUE = ParadexErrors.VENUE;
    private static final int BOOK_DEPTH = 16;
    /** The SBE delta channel opens with the whole book (115+ levels a side: paradex-sbe reference §4). */
    private static final int SBE_BOOK_DEPTH = 128;

    private final ParadexConfig config;
    private final EventLoop loop;
    private final ParadexCounters counters;
    /** Exponential backoff with jitter between reconnect attempts (shared implementation: Resilience4j). */
    private final IntervalFunction backoff;
    private final ParadexWsClient ws;
    private final ParadexChannels channels;
    private final ParadexControlFrames control;
    private final BookFeed feed;
    private final SbeBookFeed sbeFeed;
    private final ParadexBooks books;
    private final Set<String> marketDataChannels = ConcurrentHashMap.newKeySet();
    private volatile ParadexPrivateFrames privateFrames;
    private volatile WireTap wireTap;
    private volatile boolean wantStream;
    private volatile boolean closed;
    /** Failed attempts since the stream was last open; event loop only. */
    private int reconnectAttempt;
    /** A reconnect attempt is scheduled and has not run yet; event loop only. */
    private boolean reconnectScheduled;
    private CompletableFuture<Void> streamOpening;

    /**
     * Creates the stream; nothing is sent before {@link #open()}.
     *
     * @param config   settings (stream URL, SBE, book channel, timeouts, backoff)
     * @param loop     the event loop of the stream
     * @param books    the subscribed books
     * @param counters where reconnects and unreadable frames are counted
     */
    ParadexMarketDataFeed(final ParadexConfig config, final EventLoop loop, final ParadexBooks books,
        final ParadexCounters counters) {
        this.config = config;
        this.loop = loop;
        this.books = books;
        this.counters = counters;
        this.backoff = config.reconnectBackoff();
        this.sbeFeed = config.sbe() ? new SbeBookFeed(this::resubscribe) : null;
        this.ws = new ParadexWsClient(URI.create(config.streamUrl()), loop, new StreamListener(),
            (int) Math.min(Integer.MAX_VALUE, config.transport().requestTimeoutMs()),
            config.transport().idleTimeoutMs());
        this.channels = new ParadexChannels(ws, new WsRpc(loop, config.transport().requestTimeoutMs()));
        this.control = new ParadexControlFrames(channels, books, counters);
        this.feed = new BookFeed(this::resubscribe, control::offer, this::onControl);
    }

    /** @return the stream's JSON-RPC side, shared with the account stream and order entry */
    ParadexChannels channels() {
        return channels;
    }

    /** @param target receives private pushes, SBE fills and the stream's open and close; set before {@link #open} */
    void routePrivateFrames(final ParadexPrivateFrames target) {
        this.privateFrames = target;
        control.route(target);
        if (sbeFeed != null) {
            sbeFeed.onFills(target::onFill);
        }
    }

    /** @param tap receives every frame as received, or null for none */
    void setWireTap(final WireTap tap) {
        wireTap = tap;
    }

    /** From now on the stream is to be kept open: it reconnects after a close, until {@link #disconnect}. */
    void keepOpen() {
        wantStream = true;
    }

    /**
     * Opens the stream unless it is open or opening.
     *
     * @return completes when open; fails with {@link TransportException}
     */
    synchronized CompletableFuture<Void> open() {
        if (streamOpening != null && !streamOpening.isDone()) {
            return streamOpening;
        }
        if (ws.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        streamOpening = ws.connect().exceptionallyCompose(e -> CompletableFuture.failedFuture(
            new TransportException(VENUE, null, "WebSocket " + config.wsUrl() + " failed: "
                + ParadexRestClient.unwrap(e), ParadexRestClient.unwrap(e))));
        return streamOpening;
    }

    /** From now on the stream is not to be reopened after a close. */
    void letClose() {
        wantStream = false;
    }

    /** @return completes when the stream is closed and every book invalidated; no reconnect follows */
    CompletableFuture<Void> disconnect() {
        wantStream = false;
        return ws.close().thenRun(() -> loop.execute(feed::invalidateAll));
    }

    /** @return completes when the stream was closed and opened again */
    CompletableFuture<Void> reconnect() {
        wantStream = true;
        return ws.close().thenCompose(v -> open());
    }

    /** @return {@code true} while the stream is open */
    boolean isOpen() {
        return ws.isOpen();
    }

    /** Closes the stream for good and waits for it; no reconnect follows. */
    void close() {
        closed = true;
        wantStream = false;
        ws.close().join();
    }

    /** Invalidates every JSON-fed book on the event loop (after {@link #close} on a shared loop). */
    void invalidateBooksLater() {
        loop.execute(feed::invalidateAll);
    }

    /**
     * Subscribes a market's book (and its {@code markets_summary} channel) now if the stream is open, else at the
     * next open; survives reconnects.
     *
     * @param market   venue symbol
     * @param listener called on the event-loop thread with every change
     */
    void subscribeOrderBook(final String market, final OrderBookListener listener) {
        Objects.requireNonNull(listener, "listener");
        final MarketBookState state = books.computeIfAbsent(market, m -> {
            final MarketBookState s = new MarketBookState(m, String.format(config.bookChannelTemplate(), m),
                sbeFeed != null ? SBE_BOOK_DEPTH : BOOK_DEPTH);
            feed.add(s);
            loop.execute(() -> {
                if (sbeFeed != null) {
                    sbeFeed.register(s);
                }
                if (ws.isOpen()) {
                    subscribeBook(s);
                }
            });
            return s;
        });
        state.listeners().add(listener);
    }

    /**
     * Subscribes the market's {@code bbo}, {@code trades} and {@code markets_summary} SBE channels; they survive
     * reconnects (paradex-sbe reference §1, §2).
     *
     * @param market   venue symbol
     * @param listener called on the event-loop thread with reused update objects
     * @throws IllegalStateException without SBE market data ({@link ParadexConfig#sbe()})
     */
    void subscribeMarketData(final String market, final ParadexSbeListener listener) {
        if (sbeFeed == null) {
            throw new IllegalStateException("paradex: subscribeMarketData needs SBE market data (ParadexConfig.sbe)");
        }
        sbeFeed.addMarketDataListener(market, Objects.requireNonNull(listener, "listener"));
        for (final String channel : new String[] {"bbo." + market, "trades." + market, "markets_summary." + market}) {
            if (marketDataChannels.add(channel)) {
                loop.execute(() -> {
                    if (ws.isOpen()) {
                        channels.subscribeOnce(channel);
                    }
                });
            }
        }
    }

    /** @return malformed market-data frames received, JSON and SBE, and unreadable control frames */
    long malformedMessages() {
        return feed.malformedMessages() + (sbeFeed == null ? 0 : sbeFeed.malformedFrames()) + counters.controlErrors();
    }

    /** @return sequence gaps detected on delta book feeds (each invalidates the book and resubscribes) */
    long sequenceGaps() {
        return feed.sequenceGaps() + (sbeFeed == null ? 0 : sbeFeed.sequenceGaps());
    }

    /** @return crossed books invalidated */
    long crossedBooks() {
        return feed.crossedBooks() + (sbeFeed == null ? 0 : sbeFeed.crossedBooks());
    }

    /** @return exceptions thrown by book listeners */
    long listenerErrors() {
        return feed.listenerErrors() + (sbeFeed == null ? 0 : sbeFeed.listenerErrors());
    }

    /**
     * Handles a well-formed JSON control frame: a reply completes its call; a {@code markets_summary} push stores
     * the market's funding rate; every other {@code subscription} push goes to the private side.
     *
     * @param node the frame
     */
    void onControl(final JsonNode node) {
        control.onControl(node);
    }

    /** Resync: unsubscribe and subscribe again; the channel opens with a fresh snapshot (paradex-sbe §4). */
    private void resubscribe(final MarketBookState state) {
        channels.send("unsubscribe", state.channel());
        channels.send("subscribe", state.channel());
    }

    /** Subscribes a market's book and its {@code markets_summary} (funding) once per connection (event-loop thread). */
    private void subscribeBook(final MarketBookState state) {
        channels.subscribeOnce(state.channel());
        channels.subscribeOnce(state.summaryChannel());
    }

    private void scheduleReconnect() {
        if (reconnectScheduled) {
            return; // one reconnect chain at a time
        }
        reconnectScheduled = true;
        counters.reconnect();
        final long delay = backoff.apply(++reconnectAttempt);
        loop.schedule(() -> {
            reconnectScheduled = false;
            if (!wantStream || closed || ws.isOpen()) {
                return;
            }
            open().exceptionally(e -> {
                LOG.warn("paradex: reconnect failed ({}); retrying with backoff (attempt {})",
                    ParadexRestClient.unwrap(e).toString(), reconnectAttempt + 1);
                loop.execute(this::scheduleReconnect);
                return null;
            });
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** The stream's frames and events, on the event loop. */
    private final class StreamListener implements ParadexWsClient.Listener {
        @Override
        public void onText(final byte[] bytes, final int offset, final int length, final long receivedNanos) {
            final WireTap tap = wireTap;
            if (tap != null) {
                tap.onFrame(VENUE, receivedNanos, false, bytes, offset, length);
            }
            if (sbeFeed == null) {
                feed.onFrame(bytes, offset, length, receivedNanos);
                return;
            }
            control.onText(bytes, offset, length);
        }

        @Override
        public void onBinary(final ByteBuf content, final long receivedNanos) {
            final WireTap tap = wireTap;
            if (tap != null) {
                final int length = content.readableBytes();
                if (content.hasArray()) {
                    tap.onFrame(VENUE, receivedNanos, true, content.array(), content.arrayOffset() + content.readerIndex(),
                        length);
                } else {
                    final byte[] copy = new byte[length];
                    content.getBytes(content.readerIndex(), copy);
                    tap.onFrame(VENUE, receivedNanos, true, copy, 0, length);
                }
            }
            if (sbeFeed != null) {
                sbeFeed.onFrame(content, receivedNanos);
            } else {
                counters.controlError();
            }
        }

        @Override
        public void onOpen() {
            reconnectAttempt = 0;
            channels.reset();
            for (final MarketBookState s : books.all()) {
                if (sbeFeed != null) {
                    sbeFeed.register(s);
                }
                subscribeBook(s);
            }
            for (final String channel : marketDataChannels) {
                channels.subscribeOnce(channel);
            }
            privateFrames.onOpen();
        }

        @Override
        public void onClosed() {
            privateFrames.onClosed();
            channels.failAll("WebSocket closed");
            feed.invalidateAll();
            if (sbeFeed != null) {
                sbeFeed.invalidateAll();
            }
            if (wantStream && !closed) {
                scheduleReconnect();
            }
        }
    }
}
