package dev.arb.api;

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

    /** Disconnects and releases threads and connections owned by the adapter. */
    @Override
    void close();
}
