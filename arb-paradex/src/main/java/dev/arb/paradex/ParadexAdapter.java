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
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.Side;
import dev.arb.api.TransportException;
import dev.arb.api.VenueHealth;
import dev.arb.api.VenueStatus;
import dev.arb.api.WireTap;
import dev.arb.paradex.internal.ParadexErrors;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@link ExchangeAdapter} for Paradex: markets from {@code GET /v1/markets}, a JWT from
 * {@code POST /v1/auth} (or {@code /v1/auth/{subkey}}; StarkNet-signed {@code Request}, refreshed proactively
 * before expiry with a random jitter), L2 books from the WebSocket, orders signed by {@link ParadexSigner}.
 *
 * <p>How it follows the protocol (market data, private streams, order entry: paths, rate limits, venue status,
 * unknown outcomes) is described in the {@linkplain dev.arb.paradex package documentation}. Sources: protocol
 * reference §1 (endpoints), §2 (WebSocket JSON-RPC, channels, pings, order entry), §3 (REST), §4 (auth), §5 (order
 * signing); paradex-sbe reference §2–§4. Prices and sizes of every market are at scale 8 (chain decimals).
 *
 * <p><b>Structure.</b> A thin facade over the {@code ParadexParts} ({@code ParadexMarketDataFeed},
 * {@code ParadexAccountStream}, {@code ParadexOrderEntry}, …), which document the protocol details they implement.
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

    private final ParadexParts parts;

    /**
     * Creates the adapter; nothing is sent before {@link #connect()}.
     *
     * @param config settings
     * @throws IllegalArgumentException if the key, account or URLs are invalid
     */
    public ParadexAdapter(final ParadexConfig config) {
        parts = new ParadexParts(Objects.requireNonNull(config, "config"));
    }

    /** @return {@code "paradex"} */
    @Override
    public String venue() {
        return VENUE;
    }

    /** @return the signer, or null in public-only mode */
    public ParadexSigner signer() {
        return parts.signer;
    }

    /**
     * Loads markets, authenticates (when an account is configured) and opens the stream. Idempotent.
     *
     * @return completes when connected; fails with {@link TransportException},
     *     {@link dev.arb.api.AuthenticationException} or {@link ExchangeTimeoutException}
     */
    @Override
    public CompletableFuture<Void> connect() {
        return parts.connection.connect();
    }

    /**
     * Reads {@code GET /v1/system/state} now (it is also polled every 30 s after {@link #connect()});
     * {@code cancel_only} and {@code maintenance} make {@link #placeOrder} fail at once with
     * {@link OrderRejectedException} ({@code SYSTEM_STATUS_CANCEL_ONLY} / {@code SYSTEM_STATUS_MAINTENANCE}).
     *
     * @return the status read ({@link VenueStatus#UNKNOWN} if the request failed)
     */
    public CompletableFuture<VenueStatus> refreshVenueStatus() {
        return parts.status.refresh();
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return parts.connection.disconnect();
    }

    @Override
    public CompletableFuture<Void> reconnect() {
        return parts.feed.reconnect();
    }

    @Override
    public boolean isConnected() {
        return parts.feed.isOpen();
    }

    /**
     * @param market venue symbol
     * @return the market's rules
     * @throws IllegalStateException before {@link #connect()} loaded the markets
     * @throws InvalidOrderException for an unknown market
     */
    @Override
    public MarketSpec marketSpec(final String market) {
        return parts.markets.spec(market);
    }

    @Override
    public void subscribeOrderBook(final String market, final OrderBookListener listener) {
        parts.feed.subscribeOrderBook(market, listener);
    }

    @Override
    public OrderBook orderBook(final String market) {
        return parts.books.orderBook(market);
    }

    @Override
    public long bookAgeMs(final String market) {
        return parts.books.bookAgeMs(market);
    }

    @Override
    public boolean isStale(final String market) {
        return parts.books.isStale(market, parts.feed.isOpen());
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
        return parts.books.fundingRatePerHour(market);
    }

    /** Reconnect attempts, malformed JSON/SBE messages, book sequence gaps, rate-limit refusals. */
    @Override
    public VenueHealth health() {
        return new VenueHealth(parts.counters.reconnects(), malformedMessages(), sequenceGaps(),
            parts.rest.rateLimited());
    }

    /** @return malformed market-data frames received, JSON and SBE (counted, logged once) */
    public long malformedMessages() {
        return parts.feed.malformedMessages();
    }

    /** @return sequence gaps detected on delta book feeds (each invalidates the book and resubscribes) */
    public long sequenceGaps() {
        return parts.feed.sequenceGaps();
    }

    /** @return crossed books invalidated */
    public long crossedBooks() {
        return parts.feed.crossedBooks();
    }

    /** @return exceptions thrown by book listeners (counted, logged once) */
    public long listenerErrors() {
        return parts.feed.listenerErrors();
    }

    /** @return private-channel pushes that could not be decoded or whose listener threw (counted, logged once) */
    public long privateMessageErrors() {
        return parts.counters.privateMessageErrors();
    }

    /** @return {@code true} while the WebSocket is open and authenticated (private channels, WS order entry) */
    public boolean isStreamAuthenticated() {
        return parts.account.isAuthenticated() && parts.feed.isOpen();
    }

    /**
     * @param market venue symbol
     * @return the last position pushed on the private {@code positions} channel, or null if none yet
     */
    public Position lastStreamedPosition(final String market) {
        return parts.account.lastStreamedPosition(market);
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
        parts.feed.subscribeMarketData(market, listener);
    }

    /**
     * Registers a listener of the private {@code orders} and {@code fills} channels (subscribed after the
     * WebSocket {@code auth} when an account is configured and {@link ParadexConfig#privateStreams()}).
     *
     * @param listener called on the event-loop thread
     */
    @Override
    public void addOrderListener(final OrderListener listener) {
        parts.account.addOrderListener(Objects.requireNonNull(listener, "listener"));
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
        return parts.account.marginState();
    }

    /** @return the last summary pushed on the private {@code account} channel, or null if none yet */
    public ParadexAccountSummary lastAccountSummary() {
        return parts.account.lastAccountSummary();
    }

    /** Handles a JSON control frame: RPC replies, private-channel pushes, error replies. */
    // package-private: fuzzed by ParadexFuzzTest
    void onControl(final JsonNode node) {
        parts.feed.onControl(node);
    }

    @Override
    public CompletableFuture<OrderUpdate> placeOrder(final OrderRequest request) {
        return parts.orders.placeOrder(request);
    }

    /**
     * {@inheritDoc} With {@link ParadexConfig#presign()} the order is hashed ahead at {@code limitPrice} and ±1, ±2
     * steps ({@link ParadexSigner#expectOrder}; scale 8), each side's hint kept; otherwise, or for an argument ≤ 0,
     * a no-op.
     */
    @Override
    public void expectOrder(final String market, final Side side, final long size, final long limitPrice,
        final long priceStep) {
        final ParadexSigner s = parts.signer;
        if (s != null && s.isPresigning() && size > 0 && limitPrice > 0 && priceStep > 0) {
            s.expectOrder(market, side, OrderType.LIMIT, size, ParadexOrderEncoder.candidatePrices(limitPrice,
                priceStep));
        }
    }

    @Override
    public CompletableFuture<Void> cancelOrder(final String market, final String venueOrderId) {
        return parts.orders.cancelOrder(venueOrderId);
    }

    @Override
    public CompletableFuture<Position> position(final String market) {
        return parts.account.position(market);
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
        return parts.orders.orderStatus(market, clientOrderId);
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
        return parts.orders.cancelOrderByClientId(market, clientOrderId);
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
        return parts.orders.placeOrders(requests);
    }

    /**
     * Cancels several orders with one {@code order.cancel_batch} over the authenticated WebSocket (§2.6), or one
     * by one over REST.
     *
     * @param venueOrderIds the venue's order ids
     * @return completes when the venue accepted the cancels
     */
    public CompletableFuture<Void> cancelOrders(final List<String> venueOrderIds) {
        return parts.orders.cancelOrders(venueOrderIds);
    }

    /**
     * {@code GET /v1/orders[?market=]}: working orders.
     *
     * @param market venue symbol, or null for every market
     * @return our open orders
     */
    @Override
    public CompletableFuture<List<OrderUpdate>> openOrders(final String market) {
        return parts.orders.openOrders(market);
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
        return parts.account.recentFills(market, sinceEpochMs);
    }

    /** @return every open, non-flat position ({@code GET /v1/positions}) */
    @Override
    public CompletableFuture<List<Position>> positions() {
        return parts.account.positions();
    }

    @Override
    public void setWireTap(final WireTap tap) {
        parts.feed.setWireTap(tap);
    }

    /** @return the status from {@code GET /v1/system/state}, polled every 30 s after {@link #connect()} */
    @Override
    public VenueStatus venueStatus() {
        return parts.status.current();
    }

    @Override
    public void close() {
        parts.connection.close();
        if (parts.signer != null) {
            parts.signer.close();
        }
    }

    @Override
    public String toString() {
        return "ParadexAdapter{" + parts.config + '}';
    }
}
