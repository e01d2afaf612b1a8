package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.UntrustedText;
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
import dev.arb.api.VenueHealth;
import dev.arb.api.VenueStatus;
import dev.arb.api.WireTap;
import dev.arb.api.AuthenticationException;
import dev.arb.api.OrderListener;
import dev.arb.api.RateLimitedException;
import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.JwtToken;
import dev.arb.paradex.internal.SbeBookFeed;
import dev.arb.paradex.internal.WsRpc;
import io.netty.buffer.ByteBuf;
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
 * {@code POST /v1/auth} (or {@code /v1/auth/{subkey}}; StarkNet-signed {@code Request}, refreshed proactively
 * before expiry with a random jitter), L2 books from the WebSocket, orders signed by {@link ParadexSigner}.
 *
 * <p>Market data: with {@link ParadexConfig#sbe()} (the default of {@link ParadexConfig#production()} and
 * {@link ParadexConfig#testnet()}; the venue serves public channels only as SBE since 2026-09-21) the stream URL
 * carries {@code ?sbeSchemaId=1&sbeSchemaVersion=1}, books come from the bare {@code order_book.{market}.deltas}
 * channel as SBE binary frames decoded zero-copy over the Netty buffer by {@code ParadexSbeDecoder}
 * (snapshot, then deltas applied only at {@code seq = last + 1}); control messages stay JSON-RPC text. Without
 * it the JSON channel {@link ParadexConfig#bookChannelTemplate()} is used ({@code snapshot@15@50ms} or
 * {@code deltas}, same sequencing for {@code inserts}/{@code updates}/{@code deletes}). One book channel per
 * market per connection. A gap, repeat or regression invalidates the book at once (listeners are told), is
 * counted ({@link #sequenceGaps()}) and triggers a resync: unsubscribe and subscribe again, the channel opening
 * with a fresh snapshot (paradex-sbe reference §4). With every book the adapter also subscribes the market's
 * {@code markets_summary.{market}} channel, for its funding rate ({@link #fundingRatePerHour(String)}).
 *
 * <p>Private streams: with an account configured the WebSocket sends {@code auth} after every connect
 * (§2.2) and subscribes {@code orders.ALL}, {@code fills.ALL}, {@code positions} and {@code account} (JSON
 * payloads; fills also as SBE {@code FillEvent}s), which drive {@link #addOrderListener} listeners, the completion
 * of IOC orders, {@link #lastStreamedPosition} and {@link #lastAccountSummary}.
 *
 * <p>Order entry: with {@link ParadexConfig#wsOrderEntry()} and an authenticated stream, orders and cancels
 * are JSON-RPC calls ({@code order.create}, {@code order.cancel}, {@code order.create_batch},
 * {@code order.cancel_batch}, §2.6), with REST ({@code POST /v1/orders}, {@code DELETE /v1/orders/{id}}) as the
 * fallback whenever the stream is not authenticated. {@link ParadexConfig#cancelOnDisconnect()} sends
 * {@code order.cancel_on_disconnect}. Venue errors of both paths map to typed exceptions; client-side rate
 * limits (per second and per minute, §3.9) apply to both, and a 429 with {@code Retry-After} blocks orders for
 * that long. {@code GET /v1/system/state} is polled every 30 s: {@code cancel_only} and {@code maintenance}
 * refuse new orders ({@link #venueStatus()}).
 *
 * <p>Sources: protocol reference §1 (endpoints), §2 (WebSocket JSON-RPC, channels, pings, order entry), §3
 * (REST), §4 (auth), §5 (order signing); paradex-sbe reference §2–§4. Prices and sizes of every market are at
 * scale 8 (chain decimals).
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
    private final AtomicLong reconnects = new AtomicLong();
    /** Exponential backoff with jitter between reconnect attempts (shared implementation: Resilience4j). */
    private final io.github.resilience4j.core.IntervalFunction backoff;
    /** Failed attempts since the stream was last open; event loop only. */
    private int reconnectAttempt;
    /** A reconnect attempt is scheduled and has not run yet; event loop only. */
    private boolean reconnectScheduled;
    private static final Logger LOG = LoggerFactory.getLogger(ParadexAdapter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENUE = ParadexErrors.VENUE;
    private static final int SCALE = RestDecoders.SCALE;
    private static final int BOOK_DEPTH = 16;
    /** The SBE delta channel opens with the whole book (115+ levels a side: paradex-sbe reference §4). */
    private static final int SBE_BOOK_DEPTH = 128;
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
    private final SbeBookFeed sbeFeed;
    private final WsRpc rpc;
    private final java.util.List<OrderListener> orderListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Position> streamedPositions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<OrderUpdate>> closeWaiters = new ConcurrentHashMap<>();
    private final Map<String, OrderUpdate> recentClosed = java.util.Collections.synchronizedMap(
        new java.util.LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, OrderUpdate> eldest) {
                return size() > 512;
            }
        });
    private final java.util.Set<String> subscribedOnConnection = new java.util.HashSet<>();
    private final java.util.Set<String> marketDataChannels = ConcurrentHashMap.newKeySet();
    private volatile boolean wsAuthenticated;
    private volatile ParadexAccountSummary accountSummary;
    /** The last {@code account} push, raw, and when it arrived (ms since the epoch), for {@link #marginState()}. */
    private volatile JsonNode accountPush;
    private volatile long accountPushMs;
    /** The last {@code positions} push per market, raw, for {@link #marginState()}. */
    private final Map<String, JsonNode> positionPushes = new ConcurrentHashMap<>();
    private volatile long privateMessageErrors;
    private volatile long controlErrors;
    private boolean privateErrorLogged;
    private volatile io.netty.util.concurrent.ScheduledFuture<?> jwtRefresh;
    private volatile Map<String, MarketSpec> specs;
    /** {@code funding_period_hours} per market from {@code GET /markets}; empty before {@link #connect()}. */
    private volatile Map<String, Double> fundingPeriodHours = Map.of();
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
        this.backoff = config.reconnectBackoff();
        this.signer = config.privateKey() == null ? null
            : new ParadexSigner(config.chainId(), config.accountAddress(), config.privateKey());
        this.rest = new ParadexRestClient(config.restBaseUrl(), config.requestTimeoutMs(), signer,
            config.jwtRefreshBeforeExpiryMs(), config.signatureExpirySeconds(), config.orderRequestsPerSecond(),
            config.privateGetRequestsPerSecond(), System::currentTimeMillis);
        rest.subkey(config.subkeyPublicKey());
        if (config.eventLoopGroup() != null) {
            this.ownedGroup = null;
            this.loop = config.eventLoopGroup().next();
        } else {
            this.ownedGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("paradex-md", true));
            this.loop = ownedGroup.next();
        }
        this.feed = new BookFeed(this::resubscribe, this::onControl);
        this.sbeFeed = config.sbe() ? new SbeBookFeed(this::resubscribe) : null;
        if (sbeFeed != null) {
            sbeFeed.onFills(this::onSbeFill);
        }
        this.rpc = new WsRpc(loop, config.requestTimeoutMs());
        this.ws = new ParadexWsClient(URI.create(config.streamUrl()), loop, new StreamListener(),
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
            .thenAccept(body -> {
                fundingPeriodHours = RestDecoders.fundingPeriodHours(body);
                specs = RestDecoders.marketSpecs(body, config.defaultTakerFeeRate(), config.defaultMakerFeeRate());
            })
            .thenCompose(v -> signer == null ? CompletableFuture.<Void>completedFuture(null)
                : rest.token().thenAccept(this::scheduleJwtRefresh))
            .thenCompose(v -> openStream())
            .thenRun(this::startStatusPolling)
            .exceptionallyCompose(e -> CompletableFuture.failedFuture(ParadexRestClient.asExchangeException(e)));
        return connecting;
    }

    /**
     * Schedules a proactive JWT refresh {@link ParadexConfig#jwtRefreshBeforeExpiryMs()} plus a random jitter
     * of up to {@link ParadexConfig#jwtRefreshJitterMs()} before the token expires (protocol reference §4.2:
     * JWTs last 5 minutes; paradex-py refreshes 30 s early). An open WebSocket stays authenticated.
     */
    private void scheduleJwtRefresh(final JwtToken token) {
        if (closed || token == null) {
            return;
        }
        final long jitter = config.jwtRefreshJitterMs() <= 0 ? 0
            : java.util.concurrent.ThreadLocalRandom.current().nextLong(config.jwtRefreshJitterMs() + 1);
        final long delay = Math.max(1000, token.expiresAtMs() - System.currentTimeMillis()
            - config.jwtRefreshBeforeExpiryMs() - jitter);
        final io.netty.util.concurrent.ScheduledFuture<?> old = jwtRefresh;
        if (old != null) {
            old.cancel(false);
        }
        jwtRefresh = loop.schedule(() -> {
            if (!closed) {
                rest.refresh().whenComplete((t, e) -> {
                    if (e != null) {
                        LOG.warn("paradex: proactive JWT refresh failed ({}); retrying on next use",
                            ParadexRestClient.unwrap(e).toString());
                        loop.schedule(() -> rest.token().thenAccept(this::scheduleJwtRefresh),
                            5, TimeUnit.SECONDS);
                    } else {
                        scheduleJwtRefresh(t);
                    }
                });
            }
        }, delay, TimeUnit.MILLISECONDS);
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

    /**
     * Reads {@code GET /v1/system/state} now (it is also polled every 30 s after {@link #connect()});
     * {@code cancel_only} and {@code maintenance} make {@link #placeOrder} fail at once with
     * {@link OrderRejectedException} ({@code SYSTEM_STATUS_CANCEL_ONLY} / {@code SYSTEM_STATUS_MAINTENANCE}).
     *
     * @return the status read ({@link VenueStatus#UNKNOWN} if the request failed)
     */
    public CompletableFuture<VenueStatus> refreshVenueStatus() {
        return rest.getPublic("/system/state").handle((body, e) -> {
            venueStatus = e == null ? RestDecoders.venueStatus(body) : VenueStatus.UNKNOWN;
            return venueStatus;
        });
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
        final MarketBookState s = books.get(market);
        if (s == null) {
            return Double.NaN;
        }
        final double perPeriod = s.fundingRate();
        final Double hours = fundingPeriodHours.get(market);
        return perPeriod / (hours == null ? RestDecoders.DEFAULT_FUNDING_PERIOD_HOURS : hours);
    }

    /** Reconnect attempts, malformed JSON/SBE messages, book sequence gaps, rate-limit refusals. */
    @Override
    public VenueHealth health() {
        return new VenueHealth(reconnects.get(), malformedMessages(), sequenceGaps(), rest.rateLimited());
    }

    /** @return malformed market-data frames received, JSON and SBE (counted, logged once) */
    public long malformedMessages() {
        return feed.malformedMessages() + (sbeFeed == null ? 0 : sbeFeed.malformedFrames()) + controlErrors;
    }

    /** @return sequence gaps detected on delta book feeds (each invalidates the book and resubscribes) */
    public long sequenceGaps() {
        return feed.sequenceGaps() + (sbeFeed == null ? 0 : sbeFeed.sequenceGaps());
    }

    /** @return crossed books invalidated */
    public long crossedBooks() {
        return feed.crossedBooks() + (sbeFeed == null ? 0 : sbeFeed.crossedBooks());
    }

    /** @return exceptions thrown by book listeners (counted, logged once) */
    public long listenerErrors() {
        return feed.listenerErrors() + (sbeFeed == null ? 0 : sbeFeed.listenerErrors());
    }

    /** @return private-channel pushes that could not be decoded or whose listener threw (counted, logged once) */
    public long privateMessageErrors() {
        return privateMessageErrors;
    }

    /** @return {@code true} while the WebSocket is open and authenticated (private channels, WS order entry) */
    public boolean isStreamAuthenticated() {
        return wsAuthenticated && ws.isOpen();
    }

    /**
     * @param market venue symbol
     * @return the last position pushed on the private {@code positions} channel, or null if none yet
     */
    public Position lastStreamedPosition(final String market) {
        return streamedPositions.get(market);
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
        if (sbeFeed == null) {
            throw new IllegalStateException("paradex: subscribeMarketData needs SBE market data (ParadexConfig.sbe)");
        }
        sbeFeed.addMarketDataListener(market, Objects.requireNonNull(listener, "listener"));
        for (final String channel : new String[] {"bbo." + market, "trades." + market, "markets_summary." + market}) {
            if (marketDataChannels.add(channel)) {
                loop.execute(() -> {
                    if (ws.isOpen() && subscribedOnConnection.add(channel)) {
                        sendRpc("subscribe", channel);
                    }
                });
            }
        }
    }

    /** Resync: unsubscribe and subscribe again; the channel opens with a fresh snapshot (paradex-sbe §4). */
    private void resubscribe(final MarketBookState state) {
        sendRpc("unsubscribe", state.channel());
        sendRpc("subscribe", state.channel());
    }

    /** Subscribes a market's book and its {@code markets_summary} (funding) once per connection (event-loop thread). */
    private void subscribeBook(final MarketBookState state) {
        if (subscribedOnConnection.add(state.channel())) {
            sendRpc("subscribe", state.channel());
        }
        if (subscribedOnConnection.add(state.summaryChannel())) {
            sendRpc("subscribe", state.summaryChannel());
        }
    }

    private void sendRpc(final String method, final String channel) {
        ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":{\"channel\":\"" + channel + "\"},\"id\":"
            + rpc.nextId() + '}');
    }

    /**
     * Registers a listener of the private {@code orders} and {@code fills} channels (subscribed after the
     * WebSocket {@code auth} when an account is configured and {@link ParadexConfig#privateStreams()}).
     *
     * @param listener called on the event-loop thread
     */
    @Override
    public void addOrderListener(final OrderListener listener) {
        orderListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Authenticates the open WebSocket ({@code auth}, §2.2) and subscribes to the private channels. */
    private void authenticateStream(final boolean retried) {
        rest.token().thenCompose(t -> rpc.call(ws, "auth", JSON.createObjectNode().put("bearer", t.token().reveal())))
            .whenComplete((r, e) -> {
                if (e == null) {
                    loop.execute(this::onStreamAuthenticated);
                    return;
                }
                final Throwable cause = ParadexRestClient.unwrap(e);
                if (!retried && cause instanceof AuthenticationException a && "40111".equals(a.venueCode())) {
                    rest.refresh().whenComplete((t, x) -> authenticateStream(true));
                } else if (ws.isOpen()) {
                    LOG.warn("paradex: WebSocket auth failed ({}); private channels and WS order entry unavailable",
                        cause.toString());
                }
            });
    }

    private void onStreamAuthenticated() {
        wsAuthenticated = true;
        for (final String channel : new String[] {"orders.ALL", "fills.ALL", "positions", "account"}) {
            if (subscribedOnConnection.add(channel)) {
                sendRpc("subscribe", channel);
            }
        }
        if (config.cancelOnDisconnect()) {
            rpc.call(ws, "order.cancel_on_disconnect", JSON.createObjectNode().put("enabled", true))
                .exceptionally(e -> {
                    LOG.warn("paradex: order.cancel_on_disconnect failed: {}", ParadexRestClient.unwrap(e).toString());
                    return null;
                });
        }
    }

    private static BigDecimal decimalOrNull(final JsonNode data, final String field) {
        final String v = OrderResponses.text(data, field);
        return v == null || v.isEmpty() ? null : new BigDecimal(v);
    }

    /** A pushed account summary younger than this is used as is by {@link #marginState()}, ms. */
    static final long MARGIN_PUSH_FRESH_MS = 5_000;

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
        final JsonNode pushed = accountPush;
        final long now = System.currentTimeMillis();
        if (pushed != null && now - accountPushMs <= MARGIN_PUSH_FRESH_MS) {
            try {
                return CompletableFuture.completedFuture(dev.arb.paradex.internal.MarginDecoder.margin(pushed,
                    List.copyOf(positionPushes.values()), accountPushMs));
            } catch (ExchangeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return rest.sendPrivate("GET", "/account", null, ParadexRestClient.Limit.PRIVATE_GET)
            .thenCompose(account -> rest.sendPrivate("GET", "/positions", null, ParadexRestClient.Limit.PRIVATE_GET)
                .thenApply(positions -> {
                    final List<JsonNode> results = new java.util.ArrayList<>();
                    positions.path("results").forEach(results::add);
                    return dev.arb.paradex.internal.MarginDecoder.margin(account, results, System.currentTimeMillis());
                }));
    }

    /** @return the last summary pushed on the private {@code account} channel, or null if none yet */
    public ParadexAccountSummary lastAccountSummary() {
        return accountSummary;
    }

    /** A fill pushed as an SBE {@code FillEvent} (the schema's private template 21) → order listeners. */
    private void onSbeFill(final dev.arb.paradex.sbe.FillUpdate f) {
        final Fill fill = new Fill(VENUE, f.market(), f.orderId(), f.clientOrderId().isEmpty() ? null : f.clientOrderId(),
            f.side(), f.price(), f.size(), BigDecimal.valueOf(f.fee(), SCALE),
            f.maker() ? dev.arb.api.Liquidity.MAKER : dev.arb.api.Liquidity.TAKER, f.createdAtMicros() / 1000);
        for (final OrderListener l : orderListeners) {
            try {
                l.onFill(fill);
            } catch (final RuntimeException e) {
                privateMessageErrors++;
            }
        }
    }

    /** Handles a JSON control frame: RPC replies, private-channel pushes, error replies. */
    // package-private: fuzzed by ParadexFuzzTest
    void onControl(final JsonNode node) {
        if (rpc.onReply(node)) {
            return;
        }
        if (!"subscription".equals(node.path("method").asText())) {
            return;
        }
        final String channel = node.path("params").path("channel").asText("");
        final JsonNode data = node.path("params").path("data");
        try {
            if (channel.startsWith("orders")) {
                final String market = OrderResponses.text(data, "market");
                final OrderUpdate u = OrderResponses.toUpdate(data, market, SCALE, takerFee(market),
                    System.currentTimeMillis());
                if (u.status().isTerminal() && u.venueOrderId() != null) {
                    recentClosed.put(u.venueOrderId(), u);
                    final CompletableFuture<OrderUpdate> w = closeWaiters.remove(u.venueOrderId());
                    if (w != null) {
                        w.complete(u);
                    }
                }
                for (final OrderListener l : orderListeners) {
                    l.onOrderUpdate(u);
                }
            } else if (channel.startsWith("fills")) {
                final Fill f = RestDecoders.fill(data);
                for (final OrderListener l : orderListeners) {
                    l.onFill(f);
                }
            } else if (channel.equals("account")) {
                accountPush = data.deepCopy();
                accountPushMs = System.currentTimeMillis();
                accountSummary = new ParadexAccountSummary(decimalOrNull(data, "account_value"),
                    decimalOrNull(data, "free_collateral"), decimalOrNull(data, "initial_margin_requirement"),
                    decimalOrNull(data, "maintenance_margin_requirement"), OrderResponses.text(data, "status"),
                    OrderResponses.longOr(data, "updated_at", 0));
            } else if (channel.startsWith("markets_summary")) {
                final String symbol = OrderResponses.text(data, "symbol");
                final MarketBookState s = symbol == null ? null : books.get(symbol);
                final String rate = OrderResponses.text(data, "funding_rate");
                if (s != null) {
                    s.fundingRate(rate == null || rate.isEmpty() ? Double.NaN : Double.parseDouble(rate));
                }
            } else if (channel.equals("positions")) {
                final String market = OrderResponses.text(data, "market");
                final com.fasterxml.jackson.databind.node.ObjectNode wrapped = JSON.createObjectNode();
                wrapped.putArray("results").add(data);
                streamedPositions.put(market, RestDecoders.position(wrapped, market));
                positionPushes.put(market, data.deepCopy());
            }
        } catch (final RuntimeException e) {
            privateMessageErrors++;
            if (!privateErrorLogged) {
                privateErrorLogged = true;
                LOG.warn("paradex: private {} push unreadable or listener threw (logged once; see privateMessageErrors())",
                    channel, e);
            }
        }
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
        if (venueStatus == VenueStatus.CANCEL_ONLY || venueStatus == VenueStatus.MAINTENANCE) {
            pending.remove(request.clientOrderId(), order);
            return CompletableFuture.failedFuture(new OrderRejectedException(VENUE, venueStatus == VenueStatus.CANCEL_ONLY
                ? "SYSTEM_STATUS_CANCEL_ONLY" : "SYSTEM_STATUS_MAINTENANCE", "venue status " + venueStatus
                + " (GET /v1/system/state): no new orders"));
        }
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

    private ObjectNode buildBody(final OrderRequest r) {
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
        return body;
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
        return sendOrder(order)
            .thenApply(node -> toUpdate(node, r, feeRate))
            .exceptionallyCompose(e -> {
                final Throwable cause = ParadexRestClient.unwrap(e);
                if (cause instanceof OrderRejectedException x && "DUPLICATED_CLIENT_ID".equals(x.venueCode())) {
                    return rest.sendPrivate("GET", "/orders/by_client_id/" + enc(r.clientOrderId()) + "?market="
                        + enc(r.market()), null, ParadexRestClient.Limit.PRIVATE_GET).thenApply(n -> toUpdate(n, r, feeRate));
                }
                return CompletableFuture.failedFuture(ParadexRestClient.asExchangeException(cause));
            })
            .thenCompose(u -> mustWaitForClose(r, u) ? awaitClose(u.venueOrderId(), r, feeRate)
                : CompletableFuture.completedFuture(u))
            .thenApply(ParadexAdapter::rejectIfRefused);
    }

    /** @return {@code true} when orders go over the WebSocket ({@code order.create}, §2.6) */
    private boolean useWsOrders() {
        return config.wsOrderEntry() && wsAuthenticated && ws.isOpen();
    }

    /** Sends the signed order over the authenticated WebSocket when configured and open, else REST. */
    private CompletableFuture<JsonNode> sendOrder(final PendingOrder order) {
        if (!useWsOrders()) {
            return rest.sendPrivate("POST", "/orders", order.body, ParadexRestClient.Limit.ORDERS);
        }
        final RateLimitedException refused = rest.acquire(ParadexRestClient.Limit.ORDERS);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return rpc.call(ws, "order.create", order.node).thenApply(r -> r.path("order"))
            .exceptionallyCompose(e -> {
                final Throwable cause = ParadexRestClient.unwrap(e);
                if (cause instanceof RateLimitedException rl) {
                    rest.onRateLimited(rl);
                }
                return CompletableFuture.failedFuture(cause);
            });
    }

    /**
     * Waits for the order's terminal state: from the private {@code orders} channel when subscribed (falling
     * back to polling after a short wait), else by polling {@code GET /v1/orders/{id}}.
     */
    private CompletableFuture<OrderUpdate> awaitClose(final String id, final OrderRequest r, final BigDecimal feeRate) {
        if (!isStreamAuthenticated()) {
            return poll(id, r, feeRate, config.orderPollMaxAttempts());
        }
        final CompletableFuture<OrderUpdate> waiter = new CompletableFuture<>();
        closeWaiters.put(id, waiter);
        final OrderUpdate done = recentClosed.get(id);
        if (done != null) {
            closeWaiters.remove(id, waiter);
            waiter.complete(done);
        }
        final long waitMs = Math.max(100, 2 * config.orderPollIntervalMs());
        return waiter.completeOnTimeout(null, waitMs, TimeUnit.MILLISECONDS).thenCompose(u -> {
            closeWaiters.remove(id, waiter);
            if (u == null) {
                return poll(id, r, feeRate, config.orderPollMaxAttempts());
            }
            return CompletableFuture.completedFuture(u);
        });
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
        if (useWsOrders()) {
            return wsCancel(JSON.createObjectNode().put("id", venueOrderId));
        }
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
        if (useWsOrders()) {
            return wsCancel(JSON.createObjectNode().put("client_id", clientOrderId).put("market", market));
        }
        return rest.sendPrivate("DELETE", "/orders/by_client_id/" + enc(clientOrderId) + "?market=" + enc(market), null,
            ParadexRestClient.Limit.ORDERS).thenAccept(n -> { });
    }

    private CompletableFuture<Void> wsCancel(final ObjectNode params) {
        final RateLimitedException refused = rest.acquire(ParadexRestClient.Limit.ORDERS);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return rpc.call(ws, "order.cancel", params).thenAccept(r -> { });
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
        if (requests.size() > 10) {
            throw new IllegalArgumentException("at most 10 orders per batch");
        }
        if (!useWsOrders()) {
            final List<CompletableFuture<OrderUpdate>> each = new ArrayList<>();
            for (final OrderRequest r : requests) {
                each.add(placeOrder(r));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
        }
        final com.fasterxml.jackson.databind.node.ArrayNode orders = JSON.createArrayNode();
        for (final OrderRequest r : requests) {
            try {
                validate(r, marketSpec(r.market()));
            } catch (final ExchangeException | IllegalStateException e) {
                return CompletableFuture.failedFuture(e);
            }
            orders.add(buildBody(r));
        }
        final RateLimitedException refused = rest.acquire(ParadexRestClient.Limit.ORDERS);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return rpc.call(ws, "order.create_batch", JSON.createObjectNode().set("orders", orders)).thenApply(result -> {
            final List<OrderUpdate> out = new ArrayList<>();
            final JsonNode acks = result.has("orders") ? result.get("orders") : result;
            final long now = System.currentTimeMillis();
            for (int i = 0; i < requests.size(); i++) {
                final OrderRequest r = requests.get(i);
                final JsonNode ack = acks.path(i);
                if (ack.hasNonNull("error") || ack.isMissingNode()) {
                    // a refused order of the batch: REJECTED with the venue's code
                    out.add(new OrderUpdate(VENUE, r.market(), r.clientOrderId(), null, r.side(), OrderStatus.REJECTED,
                        r.size(), 0, 0, BigDecimal.ZERO, ack.path("error").asText("MISSING"),
                        ack.path("message").asText("no acknowledgement in the batch answer"), now));
                } else {
                    out.add(toUpdate(ack, r, takerFee(r.market())));
                }
            }
            return out;
        });
    }

    /**
     * Cancels several orders with one {@code order.cancel_batch} over the authenticated WebSocket (§2.6), or one
     * by one over REST.
     *
     * @param venueOrderIds the venue's order ids
     * @return completes when the venue accepted the cancels
     */
    public CompletableFuture<Void> cancelOrders(final List<String> venueOrderIds) {
        if (!useWsOrders()) {
            return CompletableFuture.allOf(venueOrderIds.stream().map(id -> cancelOrder(null, id))
                .toArray(CompletableFuture[]::new));
        }
        final com.fasterxml.jackson.databind.node.ArrayNode ids = JSON.createArrayNode();
        venueOrderIds.forEach(ids::add);
        final RateLimitedException refused = rest.acquire(ParadexRestClient.Limit.ORDERS);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return rpc.call(ws, "order.cancel_batch", JSON.createObjectNode().set("order_ids", ids)).thenAccept(r -> { });
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
        final io.netty.util.concurrent.ScheduledFuture<?> refresh = jwtRefresh;
        if (refresh != null) {
            refresh.cancel(false);
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
        final ObjectNode node;
        final String body;

        PendingOrder(final OrderRequest request, final ObjectNode node) {
            this.request = request;
            this.node = node;
            this.body = node.toString();
        }
    }

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
            final JsonNode node;
            try {
                node = JSON.readTree(bytes, offset, length);
            } catch (final java.io.IOException e) {
                controlErrors++;
                return;
            }
            if (node == null || !node.isObject()) {
                controlErrors++;
                return;
            }
            if (rpc.onReply(node)) {
                return;
            }
            final JsonNode error = node.get("error");
            if (error != null && !error.isNull()) {
                LOG.warn("paradex: JSON-RPC error reply id={} code={} message={} data={}",
                    UntrustedText.forLog(node.path("id").asText()), UntrustedText.forLog(error.path("code").asText()),
                    UntrustedText.forLog(error.path("message").asText()),
                    UntrustedText.forLog(error.path("data").asText()));
                return;
            }
            onControl(node);
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
                controlErrors++;
            }
        }

        @Override
        public void onOpen() {
            reconnectAttempt = 0;
            subscribedOnConnection.clear();
            wsAuthenticated = false;
            for (final MarketBookState s : books.values()) {
                if (sbeFeed != null) {
                    sbeFeed.register(s);
                }
                subscribeBook(s);
            }
            for (final String channel : marketDataChannels) {
                if (subscribedOnConnection.add(channel)) {
                    sendRpc("subscribe", channel);
                }
            }
            if (signer != null && config.privateStreams()) {
                authenticateStream(false);
            }
        }

        @Override
        public void onClosed() {
            wsAuthenticated = false;
            rpc.failAll("WebSocket closed");
            feed.invalidateAll();
            if (sbeFeed != null) {
                sbeFeed.invalidateAll();
            }
            if (wantStream && !closed) {
                scheduleReconnect();
            }
        }
    }

    private void scheduleReconnect() {
        if (reconnectScheduled) {
            return; // one reconnect chain at a time
        }
        reconnectScheduled = true;
        reconnects.incrementAndGet();
        final long delay = backoff.apply(++reconnectAttempt);
        loop.schedule(() -> {
            reconnectScheduled = false;
            if (!wantStream || closed || ws.isOpen()) {
                return;
            }
            openStream().exceptionally(e -> {
                LOG.warn("paradex: reconnect failed ({}); retrying with backoff (attempt {})",
                    ParadexRestClient.unwrap(e).toString(), reconnectAttempt + 1);
                loop.execute(this::scheduleReconnect);
                return null;
            });
        }, delay, TimeUnit.MILLISECONDS);
    }
}
