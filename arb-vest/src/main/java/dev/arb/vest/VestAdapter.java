package dev.arb.vest;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.arb.api.TransportException;
import dev.arb.api.VenueHealth;
import dev.arb.api.VenueStatus;
import dev.arb.api.WireTap;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Vest venue behind {@link ExchangeAdapter}: {@code {symbol}@depth} books over a Netty WebSocket,
 * orders, cancels and positions over REST with keccak/EIP-191 signatures ({@link VestSigner}).
 *
 * <p>How it follows the protocol (market data, the account stream, orders: validation, retries, nonces,
 * unknown outcomes), with its sources, is described in the {@linkplain dev.arb.vest package documentation}.
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
 * <p><b>Structure.</b> A thin facade: every method delegates to one of the {@link VestParts}: {@link VestMarkets},
 * {@link VestMarketDataFeed} (books, tickers, trades), {@link VestOrderEntry} (orders, lookups, cancels),
 * {@link VestAccountStream} with {@link VestOrderEvents} (the private channel), {@link VestAccountRest}
 * (positions, fills, balances, margin, leverage), {@link VestConnection}, {@link VestNonces}, {@link VestCounters}.
 *
 * <p><b>Note:</b> thread-safe. Books are written, and listeners called, on one event-loop thread (of
 * {@link dev.arb.api.TransportConfig#eventLoopGroup()} when shared, else the adapter's own); REST futures complete on
 * the JDK HTTP client's threads.
 */
public final class VestAdapter implements ExchangeAdapter {
    private final VestParts parts;

    /**
     * @param config endpoints, credentials and limits
     * @throws IllegalArgumentException if the signing key is malformed
     */
    public VestAdapter(final VestConfig config) {
        parts = new VestParts(Objects.requireNonNull(config, "config"));
    }

    /** @return {@code "vest"} */
    @Override
    public String venue() {
        return VestMarkets.VENUE;
    }

    /** @return the address of the configured signing key, or null when none is configured */
    public String signerAddress() {
        return parts.signer == null ? null : parts.signer.address();
    }

    /** @return frames that could not be parsed since construction (each logged only the first time) */
    public long malformedMessages() {
        return parts.counters.malformed();
    }

    /** @return depth snapshots that arrived crossed (best bid ≥ best ask) and invalidated their book */
    public long crossedBooks() {
        return parts.counters.crossed();
    }

    /** @return exceptions thrown by {@link OrderBookListener}s (counted, logged once) */
    public long listenerErrors() {
        return parts.counters.listenerErrors();
    }

    /** @return depth snapshots rejected because their levels were not strictly sorted */
    public long unsortedBooks() {
        return parts.counters.unsorted();
    }

    /** Vest has no book sequence numbers (gaps 0); decode errors are the malformed messages. */
    @Override
    public VenueHealth health() {
        return parts.counters.health();
    }

    /** @return automatic reconnections of the market-data stream started after unexpected closes */
    public long reconnects() {
        return parts.counters.reconnects();
    }

    /** @return orders resent after a rate-limit answer (HTTP 429 / 1003) */
    public long rateLimitRetries() {
        return parts.counters.rateLimitRetries();
    }

    /** @return listen keys obtained with {@code POST /account/listenKey} (0 without an account stream) */
    public long listenKeysCreated() {
        return parts.accountStream == null ? 0 : parts.accountStream.listenKeysCreated();
    }

    /** @return successful listen-key renewals ({@code PUT /account/listenKey}) */
    public long listenKeyRenewals() {
        return parts.accountStream == null ? 0 : parts.accountStream.listenKeyRenewals();
    }

    /** @return ORDER events received on the account stream */
    public long orderEvents() {
        return parts.accountStream == null ? 0 : parts.accountStream.orderEvents();
    }

    /** @return {@code true} while the {@code account_private} stream is open */
    public boolean isAccountStreamOpen() {
        return parts.accountStream != null && parts.accountStream.isOpen();
    }

    /**
     * @param symbol market symbol
     * @return the last {@code tickers} entry for it (mark, index, funding), or null if none yet
     */
    public VestTicker ticker(final String symbol) {
        return parts.tickers.ticker(symbol);
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
        return parts.tickers.fundingRatePerHour(market);
    }

    /** @return {@code {"data":"PONG"}} answers received */
    public long pongsReceived() {
        return parts.counters.pongs();
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
    public CompletableFuture<Void> connect() {
        return parts.connection.connect();
    }

    /**
     * Loads the markets ({@code GET /exchangeInfo}) without opening the stream, for order entry without
     * market data; {@link #connect()} does this itself.
     *
     * @return the markets; fails with {@link TransportException}, {@link ExchangeTimeoutException} or
     *     {@link MalformedMessageException}
     */
    public CompletableFuture<Collection<MarketSpec>> loadMarkets() {
        return parts.connection.loadMarkets();
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return parts.connection.disconnect();
    }

    @Override
    public CompletableFuture<Void> reconnect() {
        return disconnect().thenCompose(v -> connect());
    }

    @Override
    public boolean isConnected() {
        return parts.feed.isConnected();
    }

    @Override
    public MarketSpec marketSpec(final String market) {
        return parts.markets.spec(market);
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
        parts.feed.subscribe(market, listener);
    }

    @Override
    public OrderBook orderBook(final String market) {
        return parts.feed.orderBook(market);
    }

    @Override
    public long bookAgeMs(final String market) {
        return parts.feed.bookAgeMs(market);
    }

    @Override
    public boolean isStale(final String market) {
        return parts.feed.isStale(market);
    }

    @Override
    public CompletableFuture<OrderUpdate> placeOrder(final OrderRequest request) {
        return parts.orders.placeOrder(request);
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
        return parts.orders.orderStatus(market, clientOrderId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Resolves the venue order id from the client order id (see {@link #orderStatus}), then
     * {@link #cancelOrder}.
     */
    @Override
    public CompletableFuture<Void> cancelOrderByClientId(final String market, final String clientOrderId) {
        return parts.orders.cancelOrderByClientId(market, clientOrderId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code GET /orders?status=NEW} (Vest is taker-only: only GTC LIMIT orders waiting for their
     * trigger are ever open).
     */
    @Override
    public CompletableFuture<List<OrderUpdate>> openOrders(final String market) {
        return parts.account.openOrders(market);
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
        return parts.account.recentFills(market, sinceEpochMs);
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
        return parts.account.marginState();
    }

    /** {@inheritDoc} <p>{@code GET /account}: {@code isLong} + size, zero sizes skipped. */
    @Override
    public CompletableFuture<List<Position>> positions() {
        return parts.account.positions();
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
        return parts.account.setLeverage(market, leverage);
    }

    /**
     * Receives public trades ({@code {symbol}@trades}) of every subscribed market, on the event-loop
     * thread. Add before {@link #connect()}: the trade channels are subscribed only when a listener
     * exists (trades are parsed with Jackson, off the depth hot path).
     *
     * @param listener called per trade; exceptions are counted in {@link #listenerErrors()}
     */
    public void addTradeListener(final Consumer<VestTrade> listener) {
        parts.trades.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * {@code GET /account} balances.
     *
     * @return total balance per asset (e.g. {@code USDC}), in that asset's units; fails like
     *     {@link #positions()}
     */
    public CompletableFuture<Map<String, BigDecimal>> balances() {
        return parts.account.balances();
    }

    @Override
    public void addOrderListener(final OrderListener listener) {
        parts.orderEvents.addListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void setWireTap(final WireTap tap) {
        parts.feed.setWireTap(tap);
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
        return parts.connection.status();
    }

    @Override
    public CompletableFuture<Void> cancelOrder(final String market, final String venueOrderId) {
        return parts.orders.cancelOrder(market, venueOrderId);
    }

    @Override
    public CompletableFuture<Position> position(final String market) {
        return parts.account.position(market);
    }

    @Override
    public void close() {
        parts.close();
    }

    /** @return the last nonce used or seen (ms-timestamp based, strictly increasing) */
    public long lastNonce() {
        return parts.nonces.last();
    }

    /**
     * Decodes one frame into its book and notifies listeners. Runs on the event-loop thread for every
     * frame; package-private so that tests can drive it directly.
     */
    void onFrame(final ByteBuf content, final long receivedNanos) {
        parts.feed.onFrame(content, receivedNanos);
    }

    // package-private: fuzzed by VestFuzzTest
    static MarketSpec toSpec(final JsonNode s) {
        return VestMarkets.toSpec(s);
    }
}
