package dev.arb.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One venue behind a venue-neutral API: market data (L2 books), order entry and positions.
 *
 * <p>Lifecycle: {@link #connect()} loads the venue's markets, authenticates where needed and opens
 * the market-data WebSocket; {@link #subscribeOrderBook} may be called before or after. Markets are
 * named by the venue's own symbols ({@code BTC-PERP} on Vest, {@code BTC-USD-PERP} on Paradex).
 *
 * <p><b>Note:</b> thread-safe. Order books are written by the adapter's event-loop thread and
 * listeners run there; {@link #orderBook(String)} returns that live book, which must only be read on
 * that thread. Every network operation returns a {@link CompletableFuture} and never blocks the
 * caller; futures fail with an {@link ExchangeException} subtype.
 */
public interface ExchangeAdapter extends AutoCloseable {
    /** @return venue name, lower case ({@code "vest"}, {@code "paradex"}) */
    String venue();

    /**
     * Loads markets, authenticates and opens the market-data stream. Idempotent.
     *
     * @return completes when connected and markets are known; fails with {@link TransportException},
     *     {@link AuthenticationException} or {@link ExchangeTimeoutException}
     */
    CompletableFuture<Void> connect();

    /**
     * Closes the streams; books become invalid. Idempotent.
     *
     * @return completes when closed
     */
    CompletableFuture<Void> disconnect();

    /**
     * Drops and re-opens the streams and re-subscribes every book; books are invalid until their
     * next snapshot.
     *
     * @return completes when the stream is open again
     */
    CompletableFuture<Void> reconnect();

    /** @return {@code true} while the market-data stream is open */
    boolean isConnected();

    /**
     * @param market venue symbol
     * @return the market's trading rules
     * @throws IllegalStateException before {@link #connect()} completed
     * @throws InvalidOrderException if the venue has no such market
     */
    MarketSpec marketSpec(String market);

    /**
     * Subscribes to the market's L2 book; the listener runs on the event-loop thread after every
     * change. Subscriptions survive reconnects.
     *
     * @param market   venue symbol
     * @param listener called on every change (valid or invalidated)
     */
    void subscribeOrderBook(String market, OrderBookListener listener);

    /**
     * @param market venue symbol
     * @return the live book (read only on the adapter's event-loop thread), or null if not subscribed
     */
    OrderBook orderBook(String market);

    /**
     * @param market venue symbol
     * @return ms since the last book update for {@code market} was received; {@link Long#MAX_VALUE}
     *     if none yet. Thread-safe.
     */
    long bookAgeMs(String market);

    /**
     * @param market venue symbol
     * @return {@code true} if the book must not be used for a decision: disconnected, never received,
     *     invalid (gap, crossed) or older than the adapter's configured maximum age. Thread-safe.
     */
    boolean isStale(String market);

    /**
     * Places an order. Validates against the market's rules first (step, tick, minimum notional).
     * For IOC and MARKET orders the future completes once the venue reports the order terminal, so
     * the filled size is known; for resting orders it completes on the venue's acknowledgement.
     *
     * @param request the order
     * @return the venue's state of the order; fails with {@link InvalidOrderException},
     *     {@link OrderRejectedException}, {@link RateLimitedException}, {@link AuthenticationException},
     *     {@link TransportException} or {@link ExchangeTimeoutException} (outcome unknown: look up by
     *     client order id)
     */
    CompletableFuture<OrderUpdate> placeOrder(OrderRequest request);

    /**
     * A hint, not an order: the caller's likely next order on {@code market} (a limit IOC of this side and size
     * whose limit price is {@code limitPrice} or a step or two either side), so that an adapter that pre-signs
     * (Paradex: {@code ParadexConfig.presign}) hashes those orders ahead, off the caller's thread, and signing at
     * the decision is a table look-up (issue 14 §2). The newest hint of a side replaces that side's previous one;
     * hint again when the likely limit price moves (the engine does so on book changes, only when the price it
     * would send changed). Sends nothing and never fails; the default ignores it.
     *
     * <p>Cheap enough to call on the event loop: at most a small allocation and a wake-up of the pre-signer.
     *
     * @param market     venue symbol
     * @param side       the order's side
     * @param size       size at the market's size scale ({@link MarketSpec#sizeScale()})
     * @param limitPrice the likeliest limit price at the market's price scale ({@link MarketSpec#priceScale()})
     * @param priceStep  the distance between candidate prices at the price scale (a tick or a multiple of it)
     */
    default void expectOrder(final String market, final Side side, final long size, final long limitPrice,
        final long priceStep) {
        // nothing to precompute
    }

    /**
     * Requests a cancel.
     *
     * @param market       venue symbol
     * @param venueOrderId the venue's order id
     * @return completes when the venue accepted the cancel request
     */
    CompletableFuture<Void> cancelOrder(String market, String venueOrderId);

    /**
     * @param market venue symbol
     * @return the venue's current position in the market (flat if none)
     */
    CompletableFuture<Position> position(String market);

    /**
     * Looks an order up by its client order id: the way to resolve an order whose acknowledgement
     * was lost ({@link ExchangeTimeoutException}, {@link TransportException}) before anything else is
     * sent for its market.
     *
     * @param market        venue symbol
     * @param clientOrderId the id the order was sent with
     * @return the venue's state of the order; fails with {@link OrderRejectedException} (venue code
     *     {@code NOT_FOUND}) when the venue never received it
     */
    default CompletableFuture<OrderUpdate> orderStatus(final String market, final String clientOrderId) {
        return CompletableFuture.failedFuture(unsupported("orderStatus"));
    }

    /**
     * Requests a cancel by client order id.
     *
     * @param market        venue symbol
     * @param clientOrderId the id the order was sent with
     * @return completes when the venue accepted the cancel request
     */
    default CompletableFuture<Void> cancelOrderByClientId(final String market, final String clientOrderId) {
        return CompletableFuture.failedFuture(unsupported("cancelOrderByClientId"));
    }

    /**
     * @param market venue symbol, or null for every market
     * @return our working orders on the venue
     */
    default CompletableFuture<List<OrderUpdate>> openOrders(final String market) {
        return CompletableFuture.failedFuture(unsupported("openOrders"));
    }

    /**
     * @param market       venue symbol, or null for every market
     * @param sinceEpochMs only fills at or after this time, ms since the epoch
     * @return our fills, oldest first
     */
    default CompletableFuture<List<Fill>> recentFills(final String market, final long sinceEpochMs) {
        return CompletableFuture.failedFuture(unsupported("recentFills"));
    }

    /**
     * @return every non-flat position of the account on this venue
     */
    default CompletableFuture<List<Position>> positions() {
        return CompletableFuture.failedFuture(unsupported("positions"));
    }

    /**
     * Sets the account's leverage for a market (Vest {@code POST /account/leverage}); venues without a
     * per-market setting complete at once.
     *
     * @param market   venue symbol
     * @param leverage 1..the venue's maximum
     * @return completes when the venue confirmed
     */
    default CompletableFuture<Void> setLeverage(final String market, final int leverage) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Registers a listener for order updates and fills from the venue's private stream. Adapters
     * without a private stream never call it.
     *
     * @param listener called on the event-loop thread
     */
    default void addOrderListener(final OrderListener listener) {
    }

    /**
     * Installs a tap that sees every received WebSocket frame (for recording), or removes it.
     *
     * @param tap the tap, or null to remove
     */
    default void setWireTap(final WireTap tap) {
    }

    /**
     * @return the venue's trading status as last known; {@link VenueStatus#OK} for venues that publish
     *     none. Thread-safe.
     */
    default VenueStatus venueStatus() {
        return VenueStatus.OK;
    }

    /**
     * @return the connection's health counters (reconnects, decode errors, sequence gaps, rate limits);
     *     {@link VenueHealth#UNKNOWN} for adapters that do not count them. Thread-safe; allocates one
     *     small record (call it from the operator plane, not per message).
     */
    default VenueHealth health() {
        return VenueHealth.UNKNOWN;
    }

    /**
     * The venue's latest funding rate for a market, normalised to <b>one hour</b>, as a fraction:
     * {@code 0.0001} is 1 bp (0.01 %) per hour. Positive means longs pay shorts. A position of signed
     * size {@code q} (base units) at mark price {@code p} (USD) pays about {@code q × p × rate} USD per
     * hour while the rate holds.
     *
     * <p>Each venue publishes its rate in its own convention (period, feed); each implementation cites
     * its source and converts to one hour. The value is the last one received on the market-data stream;
     * it survives disconnects (it is a rate, not a book) and is replaced by the next one received.
     *
     * <p>Allocation-free and callable from any thread (reads a volatile).
     *
     * @param market venue symbol
     * @return the funding rate per hour as a fraction, or {@link Double#NaN} when unknown (no data received
     *     yet, the market is not streamed, or the adapter does not stream funding)
     */
    default double fundingRatePerHour(final String market) {
        return Double.NaN;
    }

    /**
     * The account's margin on this venue: account value, maintenance margin, and each open position's liquidation
     * price where the venue publishes one (see {@link MarginState}). Each implementation cites the protocol fields
     * it reads. A liquidation guard polls it for both legs of a pair.
     *
     * <p>The default, for adapters that cannot tell, completes at once with {@link MarginState#unknown(String)}.
     *
     * @return the latest margin state; fails with an {@link ExchangeException} subtype when the venue cannot be read
     */
    default CompletableFuture<MarginState> marginState() {
        return CompletableFuture.completedFuture(MarginState.unknown(venue()));
    }

    private UnsupportedOperationException unsupported(final String operation) {
        return new UnsupportedOperationException(venue() + " adapter does not support " + operation);
    }

    /** Disconnects and releases threads and connections owned by the adapter. */
    @Override
    void close();
}
