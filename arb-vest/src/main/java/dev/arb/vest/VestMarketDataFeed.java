package dev.arb.vest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import dev.arb.api.TransportConfig;
import dev.arb.api.TransportException;
import dev.arb.api.WireTap;
import dev.arb.vest.internal.VestWsClient;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vest market-data stream: socket frames to books. Opens {@code wsUrl&xwebsocketserver=restserver
 * {accountGroup}} and {@code SUBSCRIBE}s {@code {symbol}@depth} (and {@code {symbol}@trades} when a trade
 * listener exists) for every subscribed market, plus {@code tickers} when
 * {@link VestConfig#subscribeTickers()}. Each depth message is a full snapshot, decoded straight from the
 * frame's bytes into the book without allocation ({@link VestDepthDecoder}); a crossed snapshot
 * invalidates the book; a malformed frame is counted and logged once, and the connection stays up; a
 * snapshot whose levels are not strictly sorted is counted and invalidates the book unless
 * {@link VestConfig#rejectUnsortedDepth()} is off. A JSON {@code PING} is sent every
 * {@link VestConfig#pingIntervalMs()}; no {@code PONG} within {@link VestConfig#pongTimeoutMs()} or no
 * frame for {@link TransportConfig#idleTimeoutMs()} closes the connection; any unexpected close invalidates
 * the books (stale at once) and reconnects with {@link VestConfig#reconnectBackoff()}, resubscribing
 * every market. Sources: Vest API docs "WebSocket", "Public channels" (protocol reference §5).
 *
 * <p><b>Note:</b> thread-safe. Books are written, and book and trade listeners called, on the one event
 * loop given; subscriptions, staleness and the connection state may be used from any thread (the
 * connection swap synchronises on this object).
 */
final class VestMarketDataFeed {
    private static final Logger LOG = LoggerFactory.getLogger(VestMarketDataFeed.class);

    private final VestConfig config;
    private final EventLoop loop;
    private final URI streamUri;
    private final VestMarkets markets;
    private final VestCounters counters;
    private final VestTradeChannel trades;
    private final VestFrameRouter router;

    private final Map<String, VestMarketBook> subscriptions = new ConcurrentHashMap<>();
    private volatile VestMarketBook[] books = new VestMarketBook[0];
    private volatile VestWsClient ws;
    private volatile boolean connected;
    private volatile boolean wantConnected;
    /** Bumped by {@link #detach()}: an automatic reconnect scheduled before it must not run after it. */
    private volatile long streamGeneration;
    private volatile int lastCloseCode = -1;
    private int reconnectAttempt;

    /**
     * @param config   endpoints, timeouts, backoff and channel switches
     * @param loop     the event loop that owns the connection and writes the books
     * @param markets  the market rules (books are created once a market is known)
     * @param counters where drops, invalid books, PONGs and reconnects are counted
     * @param json     parses control frames
     * @param tickers  receives {@code tickers} frames
     * @param trades   receives {@code {symbol}@trades} frames
     */
    VestMarketDataFeed(final VestConfig config, final EventLoop loop, final VestMarkets markets,
        final VestCounters counters, final ObjectMapper json, final VestTickerBoard tickers,
        final VestTradeChannel trades) {
        this.config = config;
        this.loop = loop;
        this.markets = markets;
        this.counters = counters;
        this.trades = trades;
        this.router = new VestFrameRouter(config.rejectUnsortedDepth(), counters, json, tickers, trades, () -> {
            final VestWsClient current = ws;
            if (current != null) {
                current.pongReceived();
            }
        });
        final String url = config.wsUrl();
        streamUri = URI.create(url + (url.indexOf('?') >= 0 ? '&' : '?') + "xwebsocketserver=restserver"
            + config.accountGroup());
    }

    /** @return the stream address (also the account stream's base; carries no credential) */
    URI streamUri() {
        return streamUri;
    }

    /** @param tap receives every raw frame of both streams; null for none */
    void setWireTap(final WireTap tap) {
        router.setWireTap(tap);
    }

    /** @return the wire tap, or null */
    WireTap wireTap() {
        return router.wireTap();
    }

    /**
     * Adds a book listener, creating the market's book once its rules are known and subscribing it at
     * once when the stream is open.
     *
     * @param market   symbol
     * @param listener called on the event loop after each snapshot or invalidation
     * @throws InvalidOrderException if markets are loaded and {@code market} is not one of them
     */
    void subscribe(final String market, final OrderBookListener listener) {
        final Map<String, MarketSpec> s = markets.loadedOrNull();
        if (s != null && !s.containsKey(market)) {
            throw new InvalidOrderException(VestMarkets.VENUE, "1121", "unknown Vest market " + market);
        }
        final boolean[] created = new boolean[1];
        final VestMarketBook mb;
        synchronized (subscriptions) {
            mb = subscriptions.computeIfAbsent(market, m -> {
                created[0] = true;
                return new VestMarketBook(m);
            });
            final OrderBookListener[] old = mb.listeners;
            final OrderBookListener[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = listener;
            mb.listeners = grown;
            if (created[0]) {
                books = subscriptions.values().toArray(new VestMarketBook[0]);
            }
        }
        final Map<String, MarketSpec> loaded = markets.loadedOrNull(); // re-read: connect() may have loaded markets meanwhile
        if (loaded != null && loaded.containsKey(market) && mb.init(loaded.get(market))) {
            final VestWsClient current = ws;
            if (current != null && connected) {
                sendSubscribe(current, new VestMarketBook[] {mb});
            }
        }
    }

    /**
     * Creates the books of subscribed markets that the freshly loaded markets know; warns of the others.
     *
     * @param loaded the markets by symbol
     */
    void onMarketsLoaded(final Map<String, MarketSpec> loaded) {
        for (final VestMarketBook mb : books) {
            final MarketSpec spec = loaded.get(mb.symbol);
            if (spec == null) {
                LOG.warn("Vest has no market {}; its subscription is ignored", mb.symbol);
            } else if (mb.book == null) {
                mb.init(spec);
            }
        }
    }

    /** @return the market's book, or null when not subscribed or its rules are not loaded yet */
    OrderBook orderBook(final String market) {
        final VestMarketBook mb = subscriptions.get(market);
        return mb == null ? null : mb.book;
    }

    /** @return ms since the market's last snapshot; {@link Long#MAX_VALUE} before the first one */
    long bookAgeMs(final String market) {
        final VestMarketBook mb = subscriptions.get(market);
        if (mb == null || !mb.received) {
            return Long.MAX_VALUE;
        }
        return (System.nanoTime() - mb.lastReceivedNanos) / 1_000_000L;
    }

    /** @return true unless subscribed, connected, valid and younger than {@link TransportConfig#maxBookAgeMs()} */
    boolean isStale(final String market) {
        final VestMarketBook mb = subscriptions.get(market);
        return mb == null || !connected || !mb.valid || bookAgeMs(market) > config.transport().maxBookAgeMs();
    }

    /** @return true while the stream is open */
    boolean isConnected() {
        return connected;
    }

    /** @return true while closed after a 1012 SERVICE_RESTART, until the stream reopens */
    boolean inMaintenance() {
        return !connected && lastCloseCode == 1012;
    }

    /** Marks the stream as wanted: unexpected closes reconnect from now on (if {@link VestConfig#autoReconnect()}). */
    void keepConnected() {
        wantConnected = true;
    }

    /**
     * Opens a new connection, closing a previous one; subscribes every market once open.
     *
     * @return completes when open; fails with {@link ExchangeTimeoutException} or {@link TransportException}
     */
    CompletableFuture<Void> open() {
        final StreamHandler handler = new StreamHandler();
        final VestWsClient client = new VestWsClient(loop, streamUri, handler, config.pingIntervalMs(),
            config.transport().requestTimeoutMs(), config.pongTimeoutMs(), config.transport().idleTimeoutMs());
        handler.client = client;
        final VestWsClient previous;
        synchronized (this) {
            previous = ws;
            ws = client;
        }
        if (previous != null) {
            previous.close(); // a connect() retried after a partial failure: never leave two streams open
        }
        return client.open().handle((v, err) -> {
            if (err != null) {
                final Throwable cause = err instanceof CompletionException && err.getCause() != null
                    ? err.getCause() : err;
                if (cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof io.netty.channel.ConnectTimeoutException) {
                    throw new ExchangeTimeoutException(VestMarkets.VENUE, null, "Vest WebSocket connect timed out", cause);
                }
                throw new TransportException(VestMarkets.VENUE, null, "Vest WebSocket connect failed: " + cause, cause);
            }
            return null;
        });
    }

    /**
     * Forgets the current connection and stops reconnecting (a reconnect already scheduled will not run).
     *
     * @return the connection to close, or null when none was open
     */
    synchronized VestWsClient detach() {
        final VestWsClient current = ws;
        ws = null;
        wantConnected = false;
        streamGeneration++;
        connected = false;
        return current;
    }

    /** @return completes once every book was invalidated (and its listeners told) on the event loop */
    CompletableFuture<Void> invalidateAllOnLoop() {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        if (loop.isShuttingDown()) {
            router.invalidateAll(books);
            done.complete(null);
            return done;
        }
        loop.execute(() -> {
            try {
                router.invalidateAll(books);
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private void sendSubscribe(final VestWsClient client, final VestMarketBook[] targets) {
        final StringBuilder sb = new StringBuilder("{\"method\":\"SUBSCRIBE\",\"params\":[");
        int n = 0;
        if (config.subscribeTickers() && targets == books) {
            sb.append("\"tickers\"");
            n++;
        }
        for (final VestMarketBook mb : targets) {
            if (mb.book == null) {
                continue;
            }
            sb.append(n++ == 0 ? "" : ",").append('"').append(mb.symbol).append("@depth\"");
            if (trades.wanted()) {
                sb.append(",\"").append(mb.symbol).append("@trades\"");
            }
        }
        if (n == 0) {
            return;
        }
        sb.append("],\"id\":").append(client.nextRequestId()).append('}');
        client.send(sb.toString());
    }

    /**
     * Decodes one frame into its book (or the tickers, a trade, a PONG) and notifies listeners; see
     * {@link VestFrameRouter#onFrame}. Event loop only; never throws for a bad frame.
     *
     * @param content       the frame (read, not released)
     * @param receivedNanos {@link System#nanoTime()} at receipt
     */
    void onFrame(final ByteBuf content, final long receivedNanos) {
        router.onFrame(content, receivedNanos, books);
    }

    private void scheduleReconnect() {
        if (!wantConnected || !config.autoReconnect()) {
            return;
        }
        final long delay = config.reconnectBackoff().apply(++reconnectAttempt);
        final long generation = streamGeneration;
        loop.schedule(() -> {
            // an explicit disconnect()/reconnect() since scheduling owns the stream now: opening another
            // here would close its connection mid-handshake
            if (!wantConnected || connected || generation != streamGeneration) {
                return;
            }
            counters.countReconnect();
            open().whenComplete((v, err) -> {
                if (err != null) {
                    loop.execute(this::scheduleReconnect);
                }
            });
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Callbacks of one connection; events of a connection that is no longer current are ignored. */
    private final class StreamHandler implements VestWsClient.Handler {
        volatile VestWsClient client;

        @Override
        public void onFrame(final ByteBuf content, final long receivedNanos) {
            if (client == ws) {
                VestMarketDataFeed.this.onFrame(content, receivedNanos);
            }
        }

        @Override
        public void onOpen() {
            final VestWsClient current = client;
            if (current != null && current == ws) {
                connected = true;
                reconnectAttempt = 0;
                lastCloseCode = -1;
                sendSubscribe(current, books);
            }
        }

        @Override
        public void onClose() {
            if (client == ws) {
                connected = false;
                lastCloseCode = client.closeCode();
                router.invalidateAll(books);
                LOG.info("Vest market-data stream closed (code {}{}): {}", client.closeCode(),
                    client.closedAsStale() ? ", stale" : "", wantConnected && config.autoReconnect()
                        ? "reconnecting" : "not reconnecting");
                scheduleReconnect();
            }
        }
    }
}
