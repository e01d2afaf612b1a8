package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.ExchangeAdapter;
import dev.arb.api.ExchangeException;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.Fill;
import dev.arb.api.FixedPoint;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.api.TransportException;
import dev.arb.api.VenueStatus;
import dev.arb.api.WireTap;
import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.MarketBookState;
import dev.arb.paradex.internal.OrderResponses;
import dev.arb.paradex.internal.ParadexErrors;
import dev.arb.paradex.internal.ParadexRestClient;
import dev.arb.paradex.internal.ParadexWsClient;
import dev.arb.paradex.internal.RestDecoders;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ExchangeAdapter} for Paradex: markets from {@code GET /v1/markets}, a JWT from
 * {@code POST /v1/auth} (StarkNet-signed {@code Request}, refreshed before expiry), L2 books from the
 * JSON-RPC WebSocket channel {@code order_book.{market}.snapshot@15@50ms} (configurable), orders with
 * {@code POST /v1/orders} signed by {@link ParadexSigner}, cancels with {@code DELETE /v1/orders/{id}}
 * and positions from {@code GET /v1/positions}.
 *
 * <p>Sources: protocol reference §1 (endpoints), §2 (WebSocket JSON-RPC, channels, pings), §3 (REST),
 * §4 (auth), §5 (order signing). Prices and sizes of every market are at scale 8 (chain decimals).
 *
 * <p>Orders: IOC and MARKET orders complete when the venue reports them {@code CLOSED}: if the POST
 * answer is not yet closed, {@code GET /v1/orders/{id}} is polled up to
 * {@link ParadexConfig#orderPollMaxAttempts()} times, then the future fails with
 * {@link ExchangeTimeoutException} (outcome unknown). A retry with the same client order id while
 * the outcome is unknown re-sends the same signed request; if the venue answers
 * {@code DUPLICATED_CLIENT_ID} the order is looked up with {@code GET /v1/orders/by_client_id/{id}}.
 * (While an outcome is unknown, the signed request first sent under a client order id is what a
 * retry sends, whatever the new request says.)
 * An order closed by the venue's risk checks with nothing filled fails with
 * {@link OrderRejectedException} carrying the {@code cancel_reason}. Fees in {@link OrderUpdate} are
 * estimated from the market's fee rates (Paradex reports fees on fills only).
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
    private static final Logger LOG = LoggerFactory.getLogger(ParadexAdapter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENUE = ParadexErrors.VENUE;
    private static final int SCALE = RestDecoders.SCALE;
    private static final int BOOK_DEPTH = 16;
    private static final long STATUS_POLL_MS = 30_000;

    private final ParadexConfig config;
    private final ParadexSigner signer;
    private final ParadexRestClient rest;
    private final EventLoopGroup ownedGroup;
    private final EventLoop loop;
    private final BookFeed feed;
    private final ParadexWsClient ws;
    private final Map<String, MarketBookState> books = new ConcurrentHashMap<>();
    private final Map<String, PendingOrder> pending = new ConcurrentHashMap<>();
    private final AtomicLong rpcId = new AtomicLong();
    private volatile Map<String, MarketSpec> specs;
    private volatile boolean wantStream;
    private volatile WireTap wireTap;
    private volatile VenueStatus venueStatus = VenueStatus.UNKNOWN;
    private volatile boolean closed;
    private CompletableFuture<Void> connecting;
    private CompletableFuture<Void> streamOpening;

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
        this.rest = new ParadexRestClient(config.restBaseUrl(), config.requestTimeoutMs(), signer,
            config.jwtRefreshBeforeExpiryMs(), config.signatureExpirySeconds(), config.orderRequestsPerSecond(),
            config.privateGetRequestsPerSecond(), System::currentTimeMillis);
        if (config.eventLoopGroup() != null) {
            this.ownedGroup = null;
            this.loop = config.eventLoopGroup().next();
        } else {
            this.ownedGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("paradex-md", true));
            this.loop = ownedGroup.next();
        }
        this.feed = new BookFeed(this::resubscribe);
        this.ws = new ParadexWsClient(URI.create(config.wsUrl()), loop, new StreamListener(),
            (int) Math.min(Integer.MAX_VALUE, config.requestTimeoutMs()), config.streamIdleTimeoutMs());
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
        wantStream = true;
        connecting = rest.getPublic("/markets")
            .thenAccept(body -> specs = RestDecoders.marketSpecs(body, config.defaultTakerFeeRate(),
                config.defaultMakerFeeRate()))
            .thenCompose(v -> signer == null ? CompletableFuture.<Void>completedFuture(null)
                : rest.token().thenAccept(t -> { }))
            .thenCompose(v -> openStream())
            .thenRun(this::startStatusPolling)
            .exceptionallyCompose(e -> CompletableFuture.failedFuture(ParadexRestClient.asExchangeException(e)));
        return connecting;
    }

    private volatile boolean statusPolling;
    private volatile io.netty.util.concurrent.ScheduledFuture<?> statusPoll;

    private void startStatusPolling() {
        if (statusPolling) {
            return;
        }
        statusPolling = true;
        refreshVenueStatus();
        statusPoll = loop.scheduleWithFixedDelay(() -> {
            if (!closed) {
                refreshVenueStatus();
            }
        }, STATUS_POLL_MS, STATUS_POLL_MS, TimeUnit.MILLISECONDS);
    }

    private void refreshVenueStatus() {
        rest.getPublic("/system/state").whenComplete((body, e) ->
            venueStatus = e == null ? RestDecoders.venueStatus(body) : VenueStatus.UNKNOWN);
    }

    private synchronized CompletableFuture<Void> openStream() {
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

    @Override
    public CompletableFuture<Void> disconnect() {
        wantStream = false;
        synchronized (this) {
            connecting = null;
        }
        return ws.close().thenRun(() -> loop.execute(feed::invalidateAll));
    }

    @Override
    public CompletableFuture<Void> reconnect() {
        wantStream = true;
        return ws.close().thenCompose(v -> openStream());
    }

    @Override
    public boolean isConnected() {
        return ws.isOpen();
    }

    /**
     * @param market venue symbol
     * @return the market's rules
     * @throws IllegalStateException before {@link #connect()} loaded the markets
     * @throws InvalidOrderException for an unknown market
     */
    @Override
    public MarketSpec marketSpec(final String market) {
        final Map<String, MarketSpec> s = specs;
        if (s == null) {
            throw new IllegalStateException("paradex: markets not loaded; call connect() first");
        }
        final MarketSpec spec = s.get(market);
        if (spec == null) {
            throw new InvalidOrderException(VENUE, "MARKET_NOT_FOUND", "unknown market " + market);
        }
        return spec;
    }

    @Override
    public void subscribeOrderBook(final String market, final OrderBookListener listener) {
        Objects.requireNonNull(listener, "listener");
        final MarketBookState state = books.computeIfAbsent(market, m -> {
            final MarketBookState s = new MarketBookState(m, String.format(config.bookChannelTemplate(), m), BOOK_DEPTH);
            feed.add(s);
            if (ws.isOpen()) {
                sendRpc("subscribe", s.channel());
            }
            return s;
        });
        state.listeners().add(listener);
    }

    @Override
    public OrderBook orderBook(final String market) {
        final MarketBookState s = books.get(market);
        return s == null ? null : s.book();
    }

    @Override
    public long bookAgeMs(final String market) {
        final MarketBookState s = books.get(market);
        if (s == null || !s.hasReceived()) {
            return Long.MAX_VALUE;
        }
        return (System.nanoTime() - s.lastReceivedNanos()) / 1_000_000L;
    }

    @Override
    public boolean isStale(final String market) {
        final MarketBookState s = books.get(market);
        return s == null || !ws.isOpen() || !s.isValid() || bookAgeMs(market) > config.maxBookAgeMs();
    }

    /** @return malformed market-data frames received (counted, logged once) */
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

    private void resubscribe(final MarketBookState state) {
        sendRpc("unsubscribe", state.channel());
        sendRpc("subscribe", state.channel());
    }

    private void sendRpc(final String method, final String channel) {
        ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":{\"channel\":\"" + channel + "\"},\"id\":"
            + rpcId.incrementAndGet() + '}');
    }

    @Override
    public CompletableFuture<OrderUpdate> placeOrder(final OrderRequest request) {
        final MarketSpec spec;
        try {
            spec = marketSpec(request.market());
            validate(request, spec);
        } catch (final IllegalStateException e) {
            return CompletableFuture.failedFuture(new InvalidOrderException(VENUE, null, e.getMessage()));
        } catch (final ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (signer == null) {
            return CompletableFuture.failedFuture(new dev.arb.api.AuthenticationException(VENUE, null,
                "no account and private key configured"));
        }
        final PendingOrder order = pending.computeIfAbsent(request.clientOrderId(), id -> new PendingOrder(request,
            buildBody(request)));
        return submit(order, spec).whenComplete((u, e) -> {
            final Throwable cause = e == null ? null : ParadexRestClient.unwrap(e);
            if (cause == null || cause instanceof OrderRejectedException || cause instanceof InvalidOrderException) {
                pending.remove(request.clientOrderId(), order);
            }
        });
    }

    private void validate(final OrderRequest r, final MarketSpec spec) {
        if (r.size() % spec.stepSize() != 0) {
            throw new InvalidOrderException(VENUE, "INVALID_ORDER_SIZE", "size " + spec.formatSize(r.size())
                + " is not a multiple of the step size " + spec.formatSize(spec.stepSize()));
        }
        if (r.size() < spec.minSize()) {
            throw new InvalidOrderException(VENUE, "INVALID_ORDER_SIZE", "size below the minimum");
        }
        if (r.type() == OrderType.LIMIT && r.limitPrice() % spec.tickSize() != 0) {
            throw new InvalidOrderException(VENUE, "INVALID_PRICE_PRECISION", "price " + spec.formatPrice(r.limitPrice())
                + " is not a multiple of the tick size " + spec.formatPrice(spec.tickSize()));
        }
        if (r.type() == OrderType.MARKET && r.limitPrice() < 0) {
            throw new InvalidOrderException(VENUE, null, "negative price");
        }
        final long refPrice = r.limitPrice() > 0 ? r.limitPrice() : referencePrice(r.market(), r.side());
        if (refPrice > 0 && spec.minNotionalUsd().signum() > 0) {
            final BigDecimal notional = FixedPoint.toBigDecimal(r.size(), spec.sizeScale())
                .multiply(FixedPoint.toBigDecimal(refPrice, spec.priceScale()));
            if (notional.compareTo(spec.minNotionalUsd()) < 0) {
                throw new InvalidOrderException(VENUE, "INVALID_ORDER_SIZE", "notional " + notional.stripTrailingZeros()
                    .toPlainString() + " USD below the minimum " + spec.minNotionalUsd().toPlainString());
            }
        }
    }

    /** Best opposite price from the book's thread-safe mirrors when valid; 0 if unknown. */
    private long referencePrice(final String market, final Side side) {
        final MarketBookState s = books.get(market);
        if (s == null || !s.isValid()) {
            return 0;
        }
        final long p = side == Side.BUY ? s.bestAsk() : s.bestBid();
        return p == OrderBook.NO_PRICE ? 0 : p;
    }

    private String buildBody(final OrderRequest r) {
        final long ts = System.currentTimeMillis();
        final String size = FixedPoint.formatTrimmed(r.size(), SCALE);
        final String price = r.type() == OrderType.MARKET ? "0" : FixedPoint.formatTrimmed(r.limitPrice(), SCALE);
        final ParadexSignature sig = signer.signOrder(ts, r.market(), r.side(), r.type(), size, price);
        final ObjectNode body = JSON.createObjectNode();
        body.put("market", r.market());
        body.put("side", r.side().name());
        body.put("type", r.type().name());
        body.put("size", size);
        body.put("price", price);
        body.put("instruction", instruction(r.timeInForce()));
        body.put("client_id", r.clientOrderId());
        if (r.reduceOnly()) {
            body.putArray("flags").add("REDUCE_ONLY");
        }
        body.put("signature", sig.wireString());
        body.put("signature_timestamp", ts);
        return body.toString();
    }

    private static String instruction(final TimeInForce tif) {
        return switch (tif) {
            case IOC -> "IOC";
            case GTC -> "GTC";
            case POST_ONLY -> "POST_ONLY";
        };
    }

    private CompletableFuture<OrderUpdate> submit(final PendingOrder order, final MarketSpec spec) {
        final OrderRequest r = order.request;
        final BigDecimal feeRate = r.timeInForce() == TimeInForce.POST_ONLY ? spec.makerFeeRate() : spec.takerFeeRate();
        return rest.sendPrivate("POST", "/orders", order.body, ParadexRestClient.Limit.ORDERS)
            .thenApply(node -> toUpdate(node, r, feeRate))
            .exceptionallyCompose(e -> {
                final Throwable cause = ParadexRestClient.unwrap(e);
                if (cause instanceof OrderRejectedException x && "DUPLICATED_CLIENT_ID".equals(x.venueCode())) {
                    return rest.sendPrivate("GET", "/orders/by_client_id/" + enc(r.clientOrderId()) + "?market="
                        + enc(r.market()), null, ParadexRestClient.Limit.PRIVATE_GET).thenApply(n -> toUpdate(n, r, feeRate));
                }
                return CompletableFuture.failedFuture(ParadexRestClient.asExchangeException(cause));
            })
            .thenCompose(u -> mustWaitForClose(r, u) ? poll(u.venueOrderId(), r, feeRate, config.orderPollMaxAttempts())
                : CompletableFuture.completedFuture(u))
            .thenApply(ParadexAdapter::rejectIfRefused);
    }

    private static OrderUpdate rejectIfRefused(final OrderUpdate u) {
        if (u.status() == OrderStatus.REJECTED) {
            throw new OrderRejectedException(VENUE, u.rejectCode(), "order " + u.venueOrderId() + " closed by the venue: "
                + u.rejectReason());
        }
        return u;
    }

    private static boolean mustWaitForClose(final OrderRequest r, final OrderUpdate u) {
        return (r.type() == OrderType.MARKET || r.timeInForce() == TimeInForce.IOC) && !u.status().isTerminal()
            && u.venueOrderId() != null;
    }

    private CompletableFuture<OrderUpdate> poll(final String id, final OrderRequest r, final BigDecimal feeRate,
        final int attemptsLeft) {
        if (attemptsLeft <= 0) {
            return CompletableFuture.failedFuture(new ExchangeTimeoutException(VENUE, null, "order " + id
                + " not closed after " + config.orderPollMaxAttempts() + " polls; outcome unknown"));
        }
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(config.orderPollIntervalMs(), TimeUnit.MILLISECONDS))
            .thenCompose(v -> rest.sendPrivate("GET", "/orders/" + enc(id), null, ParadexRestClient.Limit.PRIVATE_GET))
            .thenApply(n -> toUpdate(n, r, feeRate))
            .thenCompose(u -> u.status().isTerminal() ? CompletableFuture.completedFuture(u)
                : poll(id, r, feeRate, attemptsLeft - 1));
    }

    private static OrderUpdate toUpdate(final JsonNode node, final OrderRequest r, final BigDecimal feeRate) {
        return OrderResponses.toUpdate(node, r.market(), SCALE, feeRate, System.currentTimeMillis());
    }

    private static String enc(final String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public CompletableFuture<Void> cancelOrder(final String market, final String venueOrderId) {
        return rest.sendPrivate("DELETE", "/orders/" + enc(venueOrderId), null, ParadexRestClient.Limit.ORDERS)
            .thenAccept(n -> { });
    }

    @Override
    public CompletableFuture<Position> position(final String market) {
        return rest.sendPrivate("GET", "/positions", null, ParadexRestClient.Limit.PRIVATE_GET)
            .thenApply(n -> RestDecoders.position(n, market));
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
        return rest.sendPrivate("GET", "/orders/by_client_id/" + enc(clientOrderId) + "?market=" + enc(market), null,
                ParadexRestClient.Limit.PRIVATE_GET)
            .thenApply(n -> OrderResponses.toUpdate(n, market, SCALE, takerFee(market), System.currentTimeMillis()))
            .exceptionallyCompose(e -> CompletableFuture.failedFuture(notFound(e)));
    }

    private static ExchangeException notFound(final Throwable e) {
        final ExchangeException x = ParadexRestClient.asExchangeException(e);
        if (x instanceof OrderRejectedException && x.venueCode() != null && x.venueCode().endsWith("NOT_FOUND")) {
            return new OrderRejectedException(VENUE, "NOT_FOUND", x.getMessage(), x);
        }
        return x;
    }

    private BigDecimal takerFee(final String market) {
        final Map<String, MarketSpec> s = specs;
        final MarketSpec spec = s == null ? null : s.get(market);
        return spec == null ? config.defaultTakerFeeRate() : spec.takerFeeRate();
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
        return rest.sendPrivate("DELETE", "/orders/by_client_id/" + enc(clientOrderId) + "?market=" + enc(market), null,
            ParadexRestClient.Limit.ORDERS).thenAccept(n -> { });
    }

    /**
     * {@code GET /v1/orders[?market=]}: working orders.
     *
     * @param market venue symbol, or null for every market
     * @return our open orders
     */
    @Override
    public CompletableFuture<List<OrderUpdate>> openOrders(final String market) {
        return rest.sendPrivate("GET", "/orders" + (market == null ? "" : "?market=" + enc(market)), null,
            ParadexRestClient.Limit.PRIVATE_GET).thenApply(body -> {
                final List<OrderUpdate> out = new ArrayList<>();
                final long now = System.currentTimeMillis();
                for (final JsonNode o : RestDecoders.results(body, "GET /orders")) {
                    final String m = OrderResponses.text(o, "market");
                    out.add(OrderResponses.toUpdate(o, m == null ? market : m, SCALE, takerFee(m), now));
                }
                return out;
            });
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
        return rest.sendPrivate("GET", "/fills?" + (market == null ? "" : "market=" + enc(market) + '&') + "start_at="
            + sinceEpochMs, null, ParadexRestClient.Limit.PRIVATE_GET).thenApply(RestDecoders::fills);
    }

    /** @return every open, non-flat position ({@code GET /v1/positions}) */
    @Override
    public CompletableFuture<List<Position>> positions() {
        return rest.sendPrivate("GET", "/positions", null, ParadexRestClient.Limit.PRIVATE_GET)
            .thenApply(RestDecoders::openPositions);
    }

    @Override
    public void setWireTap(final WireTap tap) {
        wireTap = tap;
    }

    /** @return the status from {@code GET /v1/system/state}, polled every 30 s after {@link #connect()} */
    @Override
    public VenueStatus venueStatus() {
        return venueStatus;
    }

    @Override
    public void close() {
        closed = true;
        wantStream = false;
        final io.netty.util.concurrent.ScheduledFuture<?> poll = statusPoll;
        if (poll != null) {
            poll.cancel(false);
        }
        ws.close().join();
        if (ownedGroup != null) {
            ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        } else {
            loop.execute(feed::invalidateAll);
        }
    }

    @Override
    public String toString() {
        return "ParadexAdapter{" + config + '}';
    }

    /** A signed order body kept per client order id so that a retry re-sends the same request. */
    private static final class PendingOrder {
        final OrderRequest request;
        final String body;

        PendingOrder(final OrderRequest request, final String body) {
            this.request = request;
            this.body = body;
        }
    }

    private final class StreamListener implements ParadexWsClient.Listener {
        @Override
        public void onText(final byte[] bytes, final int offset, final int length, final long receivedNanos) {
            final WireTap tap = wireTap;
            if (tap != null) {
                tap.onFrame(VENUE, receivedNanos, false, bytes, offset, length);
            }
            feed.onFrame(bytes, offset, length, receivedNanos);
        }

        @Override
        public void onOpen() {
            for (final MarketBookState s : books.values()) {
                sendRpc("subscribe", s.channel());
            }
        }

        @Override
        public void onClosed() {
            feed.invalidateAll();
            if (wantStream && !closed) {
                scheduleReconnect();
            }
        }
    }

    private void scheduleReconnect() {
        loop.schedule(() -> {
            if (!wantStream || closed || ws.isOpen()) {
                return;
            }
            openStream().exceptionally(e -> {
                LOG.warn("paradex: reconnect failed ({}); retrying in {} ms", ParadexRestClient.unwrap(e).toString(),
                    config.reconnectDelayMs());
                scheduleReconnect();
                return null;
            });
        }, Math.max(1, config.reconnectDelayMs()), TimeUnit.MILLISECONDS);
    }
}
