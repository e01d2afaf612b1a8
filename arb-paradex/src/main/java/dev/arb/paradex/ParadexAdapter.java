package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.ExchangeAdapter;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.Fill;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.TransportConfig;
import dev.arb.api.TransportException;
import dev.arb.api.VenueHealth;
import dev.arb.api.VenueStatus;
import dev.arb.api.WireTap;
import dev.arb.paradex.internal.ParadexErrors;
import dev.arb.paradex.internal.ParadexRestClient;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link ExchangeAdapter} for Paradex: markets from {@code GET /v1/markets}, a JWT from
 * {@code POST /v1/auth} (or {@code /v1/auth/{subkey}}; StarkNet-signed {@code Request}, refreshed proactively
 * before expiry with a random jitter), L2 books from the WebSocket, orders signed by {@link ParadexSigner}.
 *
 * <p>Market data: with {@link ParadexConfig#sbe()} (the default of {@link ParadexConfig#production()} and
 * {@link ParadexConfig#testnet()}; the venue serves public channels only as SBE since 2026-09-21) books come from the
 * bare {@code order_book.{market}.deltas} channel as SBE binary frames, else from the JSON channel
 * {@link ParadexConfig#bookChannelTemplate()}; either way deltas apply only at {@code seq = last + 1}. A gap, repeat
 * or regression invalidates the book at once (listeners are told), is counted ({@link #sequenceGaps()}) and triggers
 * a resync with a fresh snapshot. With every book the adapter also subscribes the market's
 * {@code markets_summary.{market}} channel, for its funding rate ({@link #fundingRatePerHour(String)}).
 *
 * <p>Private streams: with an account configured the WebSocket sends {@code auth} after every connect
 * (§2.2) and subscribes {@code orders.ALL}, {@code fills.ALL}, {@code positions} and {@code account} (JSON
 * payloads; fills also as SBE {@code FillEvent}s), which drive {@link #addOrderListener} listeners, the completion
 * of IOC orders, {@link #lastStreamedPosition} and {@link #lastAccountSummary}.
 *
 * <p>Order entry: with {@link ParadexConfig#wsOrderEntry()} and an authenticated stream, orders and cancels are
 * JSON-RPC calls (§2.6), with REST as the fallback whenever the stream is not authenticated.
 * {@link ParadexConfig#cancelOnDisconnect()} sends {@code order.cancel_on_disconnect}. Venue errors of both paths
 * map to typed exceptions; client-side rate limits (per second and per minute, §3.9) apply to both, and a 429 with
 * {@code Retry-After} blocks orders for that long. {@code GET /v1/system/state} is polled every 30 s:
 * {@code cancel_only} and {@code maintenance} refuse new orders ({@link #venueStatus()}). IOC and MARKET orders
 * complete when the venue reports them {@code CLOSED}; not closed after {@link TransportConfig#orderPollAttempts()}
 * polls, the future fails with {@link ExchangeTimeoutException} (outcome unknown). While an outcome is unknown, a
 * retry with the same client order id re-sends the signed request first sent under it, whatever the new request
 * says. An order closed by the venue's risk checks with nothing filled fails with {@link OrderRejectedException}
 * carrying the {@code cancel_reason}. Fees in {@link OrderUpdate} are estimated from the market's fee rates (Paradex
 * reports fees on fills only).
 *
 * <p>Sources: protocol reference §1 (endpoints), §2 (WebSocket JSON-RPC, channels, pings, order entry), §3
 * (REST), §4 (auth), §5 (order signing); paradex-sbe reference §2–§4. Prices and sizes of every market are at
 * scale 8 (chain decimals). The package-private parts composed here ({@code ParadexMarketDataFeed},
 * {@code ParadexAccountStream}, {@code ParadexOrderEntry}, …) document the protocol details they implement.
 * Every method delegates to one of them; the class is above the 400-line aim only by its public API's Javadoc
 * (some 180 lines, kept as it was) and one short delegating method per public method.
 *
 * <p>Usage:
 * <pre>{@code
 * ParadexConfig config = ParadexConfig.production()
 *     .accountAddress("0x…").privateKey(Secret.of(System.getenv("PARADEX_L2_PRIVATE_KEY"))).build();
 * try (ParadexAdapter paradex = new ParadexAdapter(config)) {
 *     paradex.connect().join();
 *     paradex.subscribeOrderBook("BTC-USD-PERP", book -> { if (book.isValid()) { … book.bestBid() … } });
 *     MarketSpec btc = paradex.marketSpec("BTC-USD-PERP");
 *     OrderUpdate fill = paradex.placeOrder(OrderRequest.builder().market("BTC-USD-PERP").side(Side.BUY)
 *         .type(OrderType.LIMIT).timeInForce(TimeInForce.IOC).size(btc.parseSize("0.001"))
 *         .limitPrice(btc.parsePrice("65000.1")).clientOrderId("leg-1").build()).join();
 * }
 * }</pre>
 *
 * <p><b>Note:</b> thread-safe. Books are written, and listeners called, on the adapter's single
 * event-loop thread; REST futures complete on the HTTP client's threads.
 */
public final class ParadexAdapter implements ExchangeAdapter {
    private static final String VENUE = ParadexErrors.VENUE;
    /** A pushed account summary younger than this is used as is by {@link #marginState()}, ms. */
    static final long MARGIN_PUSH_FRESH_MS = ParadexAccountStream.MARGIN_PUSH_FRESH_MS;

    private final ParadexConfig config;
    private final ParadexSigner signer;
    private final ParadexRestClient rest;
    private final EventLoopGroup ownedGroup;
    private final ParadexCounters counters = new ParadexCounters();
    private final ParadexMarkets markets;
    private final ParadexBooks books;
    private final ParadexMarketDataFeed feed;
    private final ParadexAccountStream account;
    private final ParadexVenueStatus status;
    private final ParadexOrderEntry orders;
    private volatile boolean closed;
    private CompletableFuture<Void> connecting;

    /**
     * Creates the adapter; nothing is sent before {@link #connect()}.
     *
     * @param config settings
     * @throws IllegalArgumentException if the key, account or URLs are invalid
     */
    public ParadexAdapter(final ParadexConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.signer = config.privateKey() == null ? null
            : new ParadexSigner(config.chainId(), config.accountAddress(), config.privateKey());
        this.rest = new ParadexRestClient(config.restBaseUrl(), config.transport().requestTimeoutMs(), signer,
            config.jwtRefreshBeforeExpiryMs(), config.signatureExpirySeconds(),
            config.transport().orderRequestsPerSecond(), config.transport().otherRequestsPerSecond(),
            System::currentTimeMillis);
        rest.subkey(config.subkeyPublicKey());
        final EventLoop loop;
        if (config.transport().eventLoopGroup() != null) {
            this.ownedGroup = null;
            loop = config.transport().eventLoopGroup(EventLoopGroup.class).next();
        } else {
            this.ownedGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("paradex-md", true));
            loop = ownedGroup.next();
        }
        this.markets = new ParadexMarkets(config);
        this.books = new ParadexBooks(markets, config.transport().maxBookAgeMs());
        this.feed = new ParadexMarketDataFeed(config, loop, books, counters);
        this.account = new ParadexAccountStream(config, signer != null, rest, loop, feed.channels(), markets, counters);
        feed.routePrivateFrames(account);
        this.status = new ParadexVenueStatus(rest, loop);
        this.orders = new ParadexOrderEntry(config, signer != null, rest, feed.channels(), account, markets,
            new ParadexOrderEncoder(signer, books::referencePrice), status);
    }

    /** @return {@code "paradex"} */
    @Override
    public String venue() {
        return VENUE;
    }

    /** @return the signer, or null in public-only mode */
    public ParadexSigner signer() {
        return signer;
    }

    /**
     * Loads markets, authenticates (when an account is configured) and opens the stream. Idempotent.
     *
     * @return completes when connected; fails with {@link TransportException},
     *     {@link dev.arb.api.AuthenticationException} or {@link ExchangeTimeoutException}
     */
    @Override
    public synchronized CompletableFuture<Void> connect() {
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException(VENUE, null, "adapter closed"));
        }
        if (connecting != null && !connecting.isCompletedExceptionally()) {
            return connecting;
        }
        feed.keepOpen();
        connecting = rest.getPublic("/markets")
            .thenAccept(markets::load)
            .thenCompose(v -> account.login())
            .thenCompose(v -> feed.open())
            .thenRun(status::startPolling)
            .exceptionallyCompose(e -> CompletableFuture.failedFuture(ParadexRestClient.asExchangeException(e)));
        return connecting;
    }

    /**
     * Reads {@code GET /v1/system/state} now (it is also polled every 30 s after {@link #connect()});
     * {@code cancel_only} and {@code maintenance} make {@link #placeOrder} fail at once with
     * {@link OrderRejectedException} ({@code SYSTEM_STATUS_CANCEL_ONLY} / {@code SYSTEM_STATUS_MAINTENANCE}).
     *
     * @return the status read ({@link VenueStatus#UNKNOWN} if the request failed)
     */
    public CompletableFuture<VenueStatus> refreshVenueStatus() {
        return status.refresh();
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        feed.letClose();
        synchronized (this) {
            connecting = null;
        }
        return feed.disconnect();
    }

    @Override
    public CompletableFuture<Void> reconnect() {
        return feed.reconnect();
    }

    @Override
    public boolean isConnected() {
        return feed.isOpen();
    }

    /**
     * @param market venue symbol
     * @return the market's rules
     * @throws IllegalStateException before {@link #connect()} loaded the markets
     * @throws InvalidOrderException for an unknown market
     */
    @Override
    public MarketSpec marketSpec(final String market) {
        return markets.spec(market);
    }

    @Override
    public void subscribeOrderBook(final String market, final OrderBookListener listener) {
        feed.subscribeOrderBook(market, listener);
    }

    @Override
    public OrderBook orderBook(final String market) {
        return books.orderBook(market);
    }

    @Override
    public long bookAgeMs(final String market) {
        return books.bookAgeMs(market);
    }

    @Override
    public boolean isStale(final String market) {
        return books.isStale(market, feed.isOpen());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Paradex: every market whose book is subscribed also gets its {@code markets_summary.{market}} channel
     * (SBE {@code MarketSummaryEvent} or JSON, per {@link ParadexConfig#sbe()}). Its {@code funding_rate}
     * (SBE: {@code fundingRatePrecise} at 12 dp, else {@code fundingRate} at 8 dp) is, per the API spec,
     * "the raw funding rate [that] corresponds to the actual funding period of the instrument itself. It is not
     * a normalized 8h funding rate" (OpenAPI/AsyncAPI {@code MarketSummaryResp.funding_rate}, paradex-docs
     * {@code fern/apis/prod_ws/asyncapi-2.6.0.yaml} at release 1.159.4); the period is the market's
     * {@code funding_period_hours} of {@code GET /markets}, 8 h by default ("Funding Period 8h", docs
     * "Funding Mechanism"; protocol reference §3 markets). So the rate per hour is {@code funding_rate /
     * funding_period_hours}, with 8 when {@code GET /markets} gave no period. Positive: longs pay shorts (the
     * docs' "Funding Premium is the amount paid by longs to shorts"). NaN for a market whose book is not
     * subscribed or before its first summary.
     */
    @Override
    public double fundingRatePerHour(final String market) {
        return books.fundingRatePerHour(market);
    }

    /** Reconnect attempts, malformed JSON/SBE messages, book sequence gaps, rate-limit refusals. */
    @Override
    public VenueHealth health() {
        return new VenueHealth(counters.reconnects(), malformedMessages(), sequenceGaps(), rest.rateLimited());
    }

    /** @return malformed market-data frames received, JSON and SBE (counted, logged once) */
    public long malformedMessages() {
        return feed.malformedMessages();
    }

    /** @return sequence gaps detected on delta book feeds (each invalidates the book and resubscribes) */
    public long sequenceGaps() {
        return feed.sequenceGaps();
    }

    /** @return crossed books invalidated */
    public long crossedBooks() {
        return feed.crossedBooks();
    }

    /** @return exceptions thrown by book listeners (counted, logged once) */
    public long listenerErrors() {
        return feed.listenerErrors();
    }

    /** @return private-channel pushes that could not be decoded or whose listener threw (counted, logged once) */
    public long privateMessageErrors() {
        return counters.privateMessageErrors();
    }

    /** @return {@code true} while the WebSocket is open and authenticated (private channels, WS order entry) */
    public boolean isStreamAuthenticated() {
        return account.isAuthenticated() && feed.isOpen();
    }

    /**
     * @param market venue symbol
     * @return the last position pushed on the private {@code positions} channel, or null if none yet
     */
    public Position lastStreamedPosition(final String market) {
        return account.lastStreamedPosition(market);
    }

    /**
     * Subscribes the market's {@code bbo.{market}}, {@code trades.{market}} and {@code markets_summary.{market}}
     * channels (SBE templates 2, 1 and 4: BBO, public trades, mark/index price and funding; paradex-sbe reference
     * §1, §2) and hands the decoded, reused update objects to the listener on the event-loop thread.
     * Subscriptions survive reconnects.
     *
     * @param market   venue symbol
     * @param listener its {@code onBbo}, {@code onTrade} and {@code onMarketSummary} are called (copy what you keep)
     * @throws IllegalStateException if the adapter is not configured for SBE ({@link ParadexConfig#sbe()})
     */
    public void subscribeMarketData(final String market, final dev.arb.paradex.sbe.ParadexSbeListener listener) {
        feed.subscribeMarketData(market, listener);
    }

    /**
     * Registers a listener of the private {@code orders} and {@code fills} channels (subscribed after the
     * WebSocket {@code auth} when an account is configured and {@link ParadexConfig#privateStreams()}).
     *
     * @param listener called on the event-loop thread
     */
    @Override
    public void addOrderListener(final OrderListener listener) {
        account.addOrderListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Paradex: from the private {@code account} and {@code positions} pushes when an account summary arrived within
     * the last {@value #MARGIN_PUSH_FRESH_MS} ms (no request), else from {@code GET /v1/account} then
     * {@code GET /v1/positions}. Fields: {@code account_value}, {@code maintenance_margin_requirement}, and per
     * position {@code size}, {@code liquidation_price} and the mark derived from {@code average_entry_price} and
     * {@code unrealized_pnl} (protocol reference §2.5, §3.6, §3.7; see {@code MarginDecoder}).
     */
    @Override
    public CompletableFuture<dev.arb.api.MarginState> marginState() {
        return account.marginState();
    }

    /** @return the last summary pushed on the private {@code account} channel, or null if none yet */
    public ParadexAccountSummary lastAccountSummary() {
        return account.lastAccountSummary();
    }

    /** Handles a JSON control frame: RPC replies, private-channel pushes, error replies. */
    // package-private: fuzzed by ParadexFuzzTest
    void onControl(final JsonNode node) {
        feed.onControl(node);
    }

    @Override
    public CompletableFuture<OrderUpdate> placeOrder(final OrderRequest request) {
        return orders.placeOrder(request);
    }

    @Override
    public CompletableFuture<Void> cancelOrder(final String market, final String venueOrderId) {
        return orders.cancelOrder(venueOrderId);
    }

    @Override
    public CompletableFuture<Position> position(final String market) {
        return account.position(market);
    }

    /**
     * Looks an order up with {@code GET /v1/orders/by_client_id/{client_id}?market=}.
     *
     * @param market        venue symbol
     * @param clientOrderId the id the order was sent with
     * @return the venue's state; fails with {@link OrderRejectedException} code {@code NOT_FOUND} if unknown
     */
    @Override
    public CompletableFuture<OrderUpdate> orderStatus(final String market, final String clientOrderId) {
        return orders.orderStatus(market, clientOrderId);
    }

    /**
     * Cancels with {@code DELETE /v1/orders/by_client_id/{client_id}?market=} (204, queued; §3.5).
     *
     * @param market        venue symbol
     * @param clientOrderId the id the order was sent with
     * @return completes when the venue accepted the cancel request
     */
    @Override
    public CompletableFuture<Void> cancelOrderByClientId(final String market, final String clientOrderId) {
        return orders.cancelOrderByClientId(market, clientOrderId);
    }

    /**
     * Places several orders with one {@code order.create_batch} over the authenticated WebSocket (one rate-limit
     * unit, protocol reference §2.6, §3.9), or one by one when the WebSocket is not used. Each order is validated
     * and signed as in {@link #placeOrder}; the answer lists the venue's acknowledgements (not terminal states).
     *
     * @param requests the orders (at most 10: the smaller of the documented batch limits, §10 question 8)
     * @return the acknowledgements in request order (an order the venue refused is {@link OrderStatus#REJECTED} with
     *     its code); fails as {@link #placeOrder} when the whole batch is refused
     * @throws IllegalArgumentException if more than 10 orders are given
     */
    public CompletableFuture<List<OrderUpdate>> placeOrders(final List<OrderRequest> requests) {
        return orders.placeOrders(requests);
    }

    /**
     * Cancels several orders with one {@code order.cancel_batch} over the authenticated WebSocket (§2.6), or one
     * by one over REST.
     *
     * @param venueOrderIds the venue's order ids
     * @return completes when the venue accepted the cancels
     */
    public CompletableFuture<Void> cancelOrders(final List<String> venueOrderIds) {
        return orders.cancelOrders(venueOrderIds);
    }

    /**
     * {@code GET /v1/orders[?market=]}: working orders.
     *
     * @param market venue symbol, or null for every market
     * @return our open orders
     */
    @Override
    public CompletableFuture<List<OrderUpdate>> openOrders(final String market) {
        return orders.openOrders(market);
    }

    /**
     * {@code GET /v1/fills?market=&start_at=} (first page only).
     *
     * @param market       venue symbol, or null for every market
     * @param sinceEpochMs only fills at or after this time, ms since the epoch
     * @return our fills, oldest first
     */
    @Override
    public CompletableFuture<List<Fill>> recentFills(final String market, final long sinceEpochMs) {
        return account.recentFills(market, sinceEpochMs);
    }

    /** @return every open, non-flat position ({@code GET /v1/positions}) */
    @Override
    public CompletableFuture<List<Position>> positions() {
        return account.positions();
    }

    @Override
    public void setWireTap(final WireTap tap) {
        feed.setWireTap(tap);
    }

    /** @return the status from {@code GET /v1/system/state}, polled every 30 s after {@link #connect()} */
    @Override
    public VenueStatus venueStatus() {
        return status.current();
    }

    @Override
    public void close() {
        closed = true;
        status.close();
        account.close();
        feed.close();
        if (ownedGroup != null) {
            ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        } else {
            feed.invalidateBooksLater();
        }
    }

    @Override
    public String toString() {
        return "ParadexAdapter{" + config + '}';
    }
}
