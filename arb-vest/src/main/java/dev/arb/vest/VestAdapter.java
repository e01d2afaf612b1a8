package dev.arb.vest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.ExchangeAdapter;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.Fill;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarginState;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.TransportConfig;
import dev.arb.api.TransportException;
import dev.arb.api.VenueHealth;
import dev.arb.api.VenueStatus;
import dev.arb.api.WireTap;
import dev.arb.vest.internal.VestOrderCodec;
import dev.arb.vest.internal.VestRestClient;
import dev.arb.vest.internal.VestWsClient;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vest venue behind {@link ExchangeAdapter}: {@code {symbol}@depth} books over a Netty WebSocket,
 * orders, cancels and positions over REST with keccak/EIP-191 signatures ({@link VestSigner}).
 *
 * <p><b>Market data.</b> {@link #connect()} loads {@code GET /exchangeInfo} (one {@link MarketSpec}
 * per symbol: price scale = {@code priceDecimals}, size scale = {@code sizeDecimals}, tick and step 1
 * at those scales, min size = step, fees from {@code takerFee}/{@code makerFee}), then opens
 * {@code wsUrl&xwebsocketserver=restserver{accountGroup}} and {@code SUBSCRIBE}s
 * {@code {symbol}@depth} for every subscribed market. Each depth message is a full snapshot, decoded
 * straight from the frame's bytes into the book without allocation; a crossed snapshot invalidates the
 * book; a malformed frame is counted ({@link #malformedMessages()}) and logged once, and the
 * connection stays up; a snapshot whose levels are not strictly sorted is counted
 * ({@link #unsortedBooks()}) and invalidates the book unless {@link VestConfig#rejectUnsortedDepth()}
 * is off. {@code tickers} keeps mark, index and funding per market ({@link #ticker(String)},
 * {@link #fundingRatePerHour(String)}). A JSON
 * {@code PING} is sent every {@link VestConfig#pingIntervalMs()}; no {@code PONG} within
 * {@link VestConfig#pongTimeoutMs()} or no frame for {@link TransportConfig#idleTimeoutMs()} closes the
 * connection; any unexpected close invalidates the books (stale at once) and reconnects with
 * exponential backoff and jitter ({@link TransportConfig#reconnectInitialDelayMs()} doubling up to
 * {@link TransportConfig#reconnectMaxDelayMs()}), resubscribing every market; {@link #isStale(String)}
 * stays true until the next snapshot. Sources: Vest API docs "WebSocket", "Public channels" (protocol
 * reference §5).
 *
 * <p><b>Account stream.</b> With an API key, {@link #connect()} also takes a listen key
 * ({@code POST /account/listenKey}), opens {@code account_private} and renews the key every
 * {@link VestConfig#listenKeyRenewIntervalMs()}; a renewal answered {@code 1125} or a close with
 * 4004/4005 creates a new key. ORDER events ({@code NEW}, {@code FILLED}, {@code CANCELLED},
 * {@code REJECTED} with its code) reach {@link OrderListener}s as {@link OrderUpdate}s, and each
 * order's fill once as a {@link Fill} (taker). Events are matched to our orders by the nonce we
 * signed. Sources: protocol reference §4 (listen key), §5 (private channel).
 *
 * <p><b>Orders.</b> Size must be a multiple of the step and at least the minimum, the limit price
 * (the slippage guard of a MARKET order) on the tick: otherwise {@link InvalidOrderException} before
 * anything is sent. Vest has no client order id, so the adapter remembers, per client order id, the
 * signed body it sent: a retry with the same client order id resends the identical signed request
 * (same time, nonce, signature), never a second order. Nonces strictly increase
 * ({@code max(nowMs, last + 1)}). A limit price off the tick is snapped on the safe side (a buy's
 * down, a sell's up). IOC and MARKET orders complete once terminal: when the acknowledgement lacks
 * fill data the adapter waits up to {@link VestConfig#streamFillWaitMs()} for the order's terminal
 * event on the account stream, then polls {@code GET /orders?id=} up to
 * {@link TransportConfig#orderPollAttempts()} times, then the future fails with
 * {@link ExchangeTimeoutException} (outcome unknown: {@link #orderStatus(String, String)} resolves it
 * by the signed nonce). A rate-limit answer (HTTP 429 / {@code 1003}: not executed) is resent unchanged
 * after a backoff, at most {@link VestConfig#rateLimitRetries()} times within the receive window. An IOC order that Vest reports
 * {@code FILLED} for less than its size is reported {@code CANCELED} with the partial filled size.
 * After a {@link TransportException} or {@link ExchangeTimeoutException} the outcome is unknown:
 * retry with the same client order id (identical request, so at most one order) within
 * {@link VestConfig#recvWindowMs()}, or look the order up; after the receive window Vest refuses the
 * old request ({@code ORDER_EXPIRED 1132}, an {@link dev.arb.api.OrderRejectedException}) even if the
 * first attempt was executed. POST_ONLY is refused (Vest is taker-only). Client-side rate limits
 * ({@link TransportConfig#orderRequestsPerSecond()}, {@link TransportConfig#otherRequestsPerSecond()}) delay
 * requests and fail with {@link dev.arb.api.RateLimitedException} when the wait would exceed the request timeout.
 * Sources: protocol reference §3 (signing), §4 (REST, errors), §6 (taker-only).
 *
 * <p>Typical use:
 * <pre>{@code
 * VestAdapter vest = new VestAdapter(VestConfig.production()
 *     .apiKey(Secret.of(System.getenv("VEST_API_KEY")))
 *     .signingKey(Secret.of(System.getenv("VEST_SIGNING_KEY")))
 *     .accountGroup(0).build());
 * vest.subscribeOrderBook("BTC-PERP", book -> { if (book.isValid()) onBook(book); });
 * vest.connect().join();
 * MarketSpec btc = vest.marketSpec("BTC-PERP");               // scales 2 (price) and 4 (size)
 * OrderUpdate u = vest.placeOrder(OrderRequest.builder().market("BTC-PERP").side(Side.BUY)
 *     .size(btc.parseSize("0.0100")).limitPrice(btc.parsePrice("65050.00"))
 *     .clientOrderId("leg-a-42").build()).join();               // IOC: terminal, filledSize known
 * }</pre>
 *
 * <p><b>Structure.</b> A thin composition: {@link VestMarkets} ({@code GET /exchangeInfo}),
 * {@link VestMarketDataFeed} (the market-data stream, books, tickers, trades), {@link VestOrderEntry}
 * (orders, lookups, cancels), {@link VestAccountStream} with {@link VestOrderEvents} (the private
 * channel), {@link VestAccountRest} (positions, fills, balances, margin, leverage), {@link VestNonces}
 * and {@link VestCounters}. Every method delegates to one of them; the class stays above the 400-line
 * aim only through its public API (over forty public methods, each with its Javadoc, kept as they were).
 *
 * <p><b>Note:</b> thread-safe. Books are written, and listeners called, on one event-loop thread (of
 * {@link TransportConfig#eventLoopGroup()} when shared, else the adapter's own); REST futures complete on
 * the JDK HTTP client's threads.
 */
public final class VestAdapter implements ExchangeAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(VestAdapter.class);

    private final VestConfig config;
    private final VestRestClient rest;
    private final VestSigner signer;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final VestCounters counters = new VestCounters();
    private final VestNonces nonces = new VestNonces();
    private final VestMarkets markets;
    private final VestTickerBoard tickers;
    private final VestTradeChannel trades;
    private final VestMarketDataFeed feed;
    private final VestOrderEvents orderEvents;
    private final VestAccountStream accountStream;
    private final VestOrderEntry orders;
    private final VestAccountRest account;
    private CompletableFuture<Void> connecting;

    /**
     * @param config endpoints, credentials and limits
     * @throws IllegalArgumentException if the signing key is malformed
     */
    public VestAdapter(final VestConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        final ObjectMapper json = new ObjectMapper();
        this.rest = new VestRestClient(config.restBaseUrl(), config.accountGroup(), config.apiKey(),
            config.transport().requestTimeoutMs(), config.transport().orderRequestsPerSecond(),
            config.transport().otherRequestsPerSecond(), json, System::currentTimeMillis);
        this.signer = config.signingKey() == null ? null : VestSigner.fromPrivateKey(config.signingKey());
        if (config.transport().eventLoopGroup() != null) {
            group = config.transport().eventLoopGroup(EventLoopGroup.class);
            ownsGroup = false;
        } else {
            group = new NioEventLoopGroup(1, new DefaultThreadFactory("vest-md", true));
            ownsGroup = true;
        }
        final EventLoop loop = group.next();
        markets = new VestMarkets(rest);
        tickers = new VestTickerBoard(json);
        trades = new VestTradeChannel(json, counters);
        feed = new VestMarketDataFeed(config, loop, markets, counters, json, tickers, trades);
        final VestOrderCodec codec = new VestOrderCodec(json);
        final VestOrderTracker tracker = new VestOrderTracker();
        orderEvents = new VestOrderEvents(tracker, codec, markets, counters, feed::wireTap);
        final VestAccountStream stream = config.apiKey() != null && config.accountStream()
            ? new VestAccountStream(config, rest, loop, json, feed.streamUri().toString(), orderEvents) : null;
        accountStream = stream;
        orders = new VestOrderEntry(config, rest, json, codec, signer, markets, nonces, tracker, counters,
            () -> stream != null && stream.isOpen());
        account = new VestAccountRest(config, rest, json, codec, signer, markets, nonces, tracker);
    }

    /** @return {@code "vest"} */
    @Override
    public String venue() {
        return VestMarkets.VENUE;
    }

    /** @return the address of the configured signing key, or null when none is configured */
    public String signerAddress() {
        return signer == null ? null : signer.address();
    }

    /** @return frames that could not be parsed since construction (each logged only the first time) */
    public long malformedMessages() {
        return counters.malformed();
    }

    /** @return depth snapshots that arrived crossed (best bid ≥ best ask) and invalidated their book */
    public long crossedBooks() {
        return counters.crossed();
    }

    /** @return exceptions thrown by {@link OrderBookListener}s (counted, logged once) */
    public long listenerErrors() {
        return counters.listenerErrors();
    }

    /** @return depth snapshots rejected because their levels were not strictly sorted */
    public long unsortedBooks() {
        return counters.unsorted();
    }

    /** Vest has no book sequence numbers (gaps 0); decode errors are the malformed messages. */
    @Override
    public VenueHealth health() {
        return counters.health();
    }

    /** @return automatic reconnections of the market-data stream started after unexpected closes */
    public long reconnects() {
        return counters.reconnects();
    }

    /** @return orders resent after a rate-limit answer (HTTP 429 / 1003) */
    public long rateLimitRetries() {
        return counters.rateLimitRetries();
    }

    /** @return listen keys obtained with {@code POST /account/listenKey} (0 without an account stream) */
    public long listenKeysCreated() {
        return accountStream == null ? 0 : accountStream.listenKeysCreated();
    }

    /** @return successful listen-key renewals ({@code PUT /account/listenKey}) */
    public long listenKeyRenewals() {
        return accountStream == null ? 0 : accountStream.listenKeyRenewals();
    }

    /** @return ORDER events received on the account stream */
    public long orderEvents() {
        return accountStream == null ? 0 : accountStream.orderEvents();
    }

    /** @return {@code true} while the {@code account_private} stream is open */
    public boolean isAccountStreamOpen() {
        return accountStream != null && accountStream.isOpen();
    }

    /**
     * @param symbol market symbol
     * @return the last {@code tickers} entry for it (mark, index, funding), or null if none yet
     */
    public VestTicker ticker(final String symbol) {
        return tickers.ticker(symbol);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Vest: the {@code oneHrFundingRate} of the market's last {@code tickers} entry, already a one-hour rate
     * (a fraction: the name, {@code GET /funding/history} "oneHrFundingRate" and the hourly funding of the Vest
     * API docs, protocol reference §4 "Public" and §5 "tickers"; Hummingbot's Vest connector reads it as the
     * rate as is). NaN until a {@code tickers} frame carried the market, or when {@link VestConfig#subscribeTickers()}
     * is off.
     */
    @Override
    public double fundingRatePerHour(final String market) {
        return tickers.fundingRatePerHour(market);
    }

    /** @return {@code {"data":"PONG"}} answers received */
    public long pongsReceived() {
        return counters.pongs();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Loads {@code GET /exchangeInfo}, seeds the nonce sequence from {@code GET /account/nonce} (best
     * effort), opens the market-data stream and, with an API key and
     * {@link VestConfig#accountStream()}, the {@code account_private} stream. A failure of the account
     * stream (e.g. a refused API key) fails the future, so credentials are checked before trading;
     * the market-data stream then stays open and a later {@code connect()} retries.
     */
    @Override
    public synchronized CompletableFuture<Void> connect() {
        if (connecting != null && !connecting.isCompletedExceptionally() && (!connecting.isDone() || feed.isConnected())) {
            return connecting;
        }
        feed.keepConnected();
        connecting = loadMarketsInternal().thenCompose(v -> seedNonce()).thenCompose(v -> feed.open())
            .thenCompose(v -> accountStream == null || accountStream.isOpen() ? CompletableFuture.completedFuture(null)
                : accountStream.start());
        return connecting;
    }

    /**
     * Loads the markets ({@code GET /exchangeInfo}) without opening the stream, for order entry without
     * market data; {@link #connect()} does this itself.
     *
     * @return the markets; fails with {@link TransportException}, {@link ExchangeTimeoutException} or
     *     {@link MalformedMessageException}
     */
    public CompletableFuture<Collection<MarketSpec>> loadMarkets() {
        return loadMarketsInternal().thenApply(v -> markets.loadedOrNull().values());
    }

    private CompletableFuture<Void> loadMarketsInternal() {
        return markets.load().thenAccept(feed::onMarketsLoaded);
    }

    /** Best effort: see {@link VestNonces#seed}; nothing to seed from without an API key. */
    private CompletableFuture<Void> seedNonce() {
        return config.apiKey() == null ? CompletableFuture.completedFuture(null) : nonces.seed(rest);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        final VestWsClient current;
        synchronized (this) {
            connecting = null;
            current = feed.detach();
        }
        final CompletableFuture<Void> closed = accountStream == null ? CompletableFuture.completedFuture(null)
            : accountStream.stop();
        if (current == null) {
            return closed;
        }
        return current.close().thenCombine(closed, (a, b) -> (Void) null).thenCompose(v -> feed.invalidateAllOnLoop());
    }

    @Override
    public CompletableFuture<Void> reconnect() {
        return disconnect().thenCompose(v -> connect());
    }

    @Override
    public boolean isConnected() {
        return feed.isConnected();
    }

    @Override
    public MarketSpec marketSpec(final String market) {
        return markets.spec(market);
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidOrderException if markets are loaded and {@code market} is not one of them
     */
    @Override
    public void subscribeOrderBook(final String market, final OrderBookListener listener) {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(listener, "listener");
        feed.subscribe(market, listener);
    }

    @Override
    public OrderBook orderBook(final String market) {
        return feed.orderBook(market);
    }

    @Override
    public long bookAgeMs(final String market) {
        return feed.bookAgeMs(market);
    }

    @Override
    public boolean isStale(final String market) {
        return feed.isStale(market);
    }

    @Override
    public CompletableFuture<OrderUpdate> placeOrder(final OrderRequest request) {
        return orders.placeOrder(request);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Vest has no client order id: the adapter maps it to the nonce it signed and asks
     * {@code GET /orders?nonce=}. Only client order ids placed by this adapter instance in the last ten
     * minutes (at most 4096) can be resolved; others fail with {@link InvalidOrderException}. Before answering
     * {@code NOT_FOUND} the adapter waits until the order's receive window ({@code time + recvWindow})
     * has passed, after which the venue can no longer accept it, so NOT_FOUND is final.
     */
    @Override
    public CompletableFuture<OrderUpdate> orderStatus(final String market, final String clientOrderId) {
        return orders.orderStatus(market, clientOrderId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Resolves the venue order id from the client order id (see {@link #orderStatus}), then
     * {@link #cancelOrder}.
     */
    @Override
    public CompletableFuture<Void> cancelOrderByClientId(final String market, final String clientOrderId) {
        return orders.cancelOrderByClientId(market, clientOrderId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code GET /orders?status=NEW} (Vest is taker-only: only GTC LIMIT orders waiting for their
     * trigger are ever open).
     */
    @Override
    public CompletableFuture<List<OrderUpdate>> openOrders(final String market) {
        return account.openOrders(market);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code GET /orders?startTime=}: Vest fills an order against its pool once, so each order with a
     * filled size is one {@link Fill} (taker, at {@code avgFilledPrice}, fee {@code fees} including the
     * premium).
     */
    @Override
    public CompletableFuture<List<Fill>> recentFills(final String market, final long sinceEpochMs) {
        return account.recentFills(market, sinceEpochMs);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Vest: one {@code GET /account} (Vest documents no position or balance push, protocol reference §5):
     * {@code totalAccountValue}, {@code totalMaintMargin} and each position's {@code markPrice} and {@code liqPrice}
     * (§4; see {@code VestMarginDecoder}).
     */
    @Override
    public CompletableFuture<MarginState> marginState() {
        return account.marginState();
    }

    /** {@inheritDoc} <p>{@code GET /account}: {@code isLong} + size, zero sizes skipped. */
    @Override
    public CompletableFuture<List<Position>> positions() {
        return account.positions();
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code POST /account/leverage} with {@code {"time","symbol","value"}}; unsigned by default as
     * documented, signed when {@link VestConfig#signLeverage()} (open question §9.8). Vest refuses to
     * decrease leverage with an open position ({@code 3021}). Call before trading a market (the RUST
     * bot found orders fail otherwise). The future fails with {@link InvalidOrderException} if
     * {@code leverage} is not 1..100, and with {@link MalformedMessageException} if the venue echoes
     * another value.
     */
    @Override
    public CompletableFuture<Void> setLeverage(final String market, final int leverage) {
        return account.setLeverage(market, leverage);
    }

    /**
     * Receives public trades ({@code {symbol}@trades}) of every subscribed market, on the event-loop
     * thread. Add before {@link #connect()}: the trade channels are subscribed only when a listener
     * exists (trades are parsed with Jackson, off the depth hot path).
     *
     * @param listener called per trade; exceptions are counted in {@link #listenerErrors()}
     */
    public void addTradeListener(final Consumer<VestTrade> listener) {
        trades.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * {@code GET /account} balances.
     *
     * @return total balance per asset (e.g. {@code USDC}), in that asset's units; fails like
     *     {@link #positions()}
     */
    public CompletableFuture<Map<String, BigDecimal>> balances() {
        return account.balances();
    }

    @Override
    public void addOrderListener(final OrderListener listener) {
        orderEvents.addListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void setWireTap(final WireTap tap) {
        feed.setWireTap(tap);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Vest publishes no venue-wide status: {@link VenueStatus#UNKNOWN} until the markets are
     * loaded; {@link VenueStatus#MAINTENANCE} after the stream was closed with 1012 SERVICE_RESTART and
     * until it reopens; else {@link VenueStatus#OK}. Per-market status is in {@link #ticker(String)}.
     */
    @Override
    public VenueStatus venueStatus() {
        if (markets.loadedOrNull() == null) {
            return VenueStatus.UNKNOWN;
        }
        return feed.inMaintenance() ? VenueStatus.MAINTENANCE : VenueStatus.OK;
    }

    @Override
    public CompletableFuture<Void> cancelOrder(final String market, final String venueOrderId) {
        return orders.cancelOrder(market, venueOrderId);
    }

    @Override
    public CompletableFuture<Position> position(final String market) {
        return account.position(market);
    }

    @Override
    public void close() {
        try {
            disconnect().get(config.transport().requestTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("Vest disconnect on close failed", e);
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** @return the last nonce used or seen (ms-timestamp based, strictly increasing) */
    public long lastNonce() {
        return nonces.last();
    }

    /**
     * Decodes one frame into its book and notifies listeners. Runs on the event-loop thread for every
     * frame; package-private so that tests can drive it directly.
     */
    void onFrame(final ByteBuf content, final long receivedNanos) {
        feed.onFrame(content, receivedNanos);
    }

    // package-private: fuzzed by VestFuzzTest
    static MarketSpec toSpec(final JsonNode s) {
        return VestMarkets.toSpec(s);
    }
}
