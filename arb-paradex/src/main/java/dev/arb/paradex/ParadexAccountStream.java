package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.AuthenticationException;
import dev.arb.api.ExchangeException;
import dev.arb.api.Fill;
import dev.arb.api.MarginState;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.paradex.internal.JwtToken;
import dev.arb.paradex.internal.MarginDecoder;
import dev.arb.paradex.internal.OrderResponses;
import dev.arb.paradex.internal.ParadexErrors;
import dev.arb.paradex.internal.ParadexRestClient;
import dev.arb.paradex.internal.RestDecoders;
import dev.arb.paradex.sbe.FillUpdate;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticated private side of Paradex: the JWT ({@code POST /v1/auth}, refreshed proactively before expiry with
 * a random jitter; protocol reference §4), the WebSocket {@code auth} after every connect (§2.2), the private channels
 * {@code orders.ALL}, {@code fills.ALL}, {@code positions} and {@code account} (JSON payloads; fills also as SBE
 * {@code FillEvent}s) and what they drive: order listeners, the terminal states that complete IOC orders
 * ({@link #awaitClosed}), the streamed positions and account summary, and the margin state. After {@code auth},
 * {@link ParadexConfig#cancelOnDisconnect()} sends {@code order.cancel_on_disconnect}. Positions, fills and margin are
 * also read over REST ({@code GET /v1/positions}, {@code /v1/fills}, {@code /v1/account}; §3.6, §3.7).
 *
 * <p><b>Note:</b> thread-safe. Pushes arrive, and listeners are called, on the adapter's event-loop thread; the
 * state they leave is in concurrent maps and volatile fields for readers on any thread.
 */
final class ParadexAccountStream implements ParadexPrivateFrames {
    /** A pushed account summary younger than this is used as is by {@link #marginState()}, ms. */
    static final long MARGIN_PUSH_FRESH_MS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(ParadexAccountStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENUE = ParadexErrors.VENUE;
    private static final int SCALE = RestDecoders.SCALE;

    private final ParadexConfig config;
    private final boolean hasAccount;
    /** Closed orders remembered for a late {@link #awaitClosed}. */
    static final int RECENT_CLOSED = 64;

    private final ParadexRestClient rest;
    private final EventLoop loop;
    private final ParadexChannels channels;
    private final ParadexMarkets markets;
    private final ParadexCounters counters;
    private final List<OrderListener> orderListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Position> streamedPositions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<OrderUpdate>> closeWaiters = new ConcurrentHashMap<>();
    /**
     * Orders closed on the stream before anyone awaited them ({@link #awaitClosed}), latest {@value #RECENT_CLOSED};
     * a waiter registers right after the order's ack, so a short memory suffices (at 512 it took a 3-bot soak an hour
     * to fill, and read as heap growth).
     */
    private final Map<String, OrderUpdate> recentClosed = Collections.synchronizedMap(
        new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, OrderUpdate> eldest) {
                return size() > RECENT_CLOSED;
            }
        });
    /** The last {@code positions} push per market, raw, for {@link #marginState()}. */
    private final Map<String, JsonNode> positionPushes = new ConcurrentHashMap<>();
    private volatile boolean authenticated;
    private volatile ParadexAccountSummary accountSummary;
    /** The last {@code account} push, raw, and when it arrived (ms since the epoch), for {@link #marginState()}. */
    private volatile JsonNode accountPush;
    private volatile long accountPushMs;
    private volatile ScheduledFuture<?> jwtRefresh;
    private volatile boolean closed;
    /** Local time, ms since the epoch, for an order update without a timestamp (tests fix it). */
    private volatile java.util.function.LongSupplier clock = System::currentTimeMillis;
    /** The streaming path of the {@code orders} and {@code fills} pushes. */
    private final PrivatePushReader pushes;

    /**
     * @param config     settings (private streams, cancel on disconnect, JWT refresh timing)
     * @param hasAccount whether an account and key are configured (else nothing private is sent)
     * @param rest       the REST client, which holds the JWT
     * @param loop       the event loop of the stream
     * @param channels   the stream's JSON-RPC side
     * @param markets    fee rates, for the estimated fees of order updates
     * @param counters   where unreadable pushes are counted
     */
    ParadexAccountStream(final ParadexConfig config, final boolean hasAccount, final ParadexRestClient rest,
        final EventLoop loop, final ParadexChannels channels, final ParadexMarkets markets,
        final ParadexCounters counters) {
        this.config = config;
        this.hasAccount = hasAccount;
        this.rest = rest;
        this.loop = loop;
        this.channels = channels;
        this.markets = markets;
        this.counters = counters;
        this.pushes = new PrivatePushReader(markets, counters, this::deliver, this::deliver, () -> clock.getAsLong());
    }

    /** @param on {@code false} reads every private push as a tree (the differential test's reference path) */
    void streamingPushes(final boolean on) {
        pushes.streaming(on);
    }

    /** @return {@code orders} and {@code fills} pushes read on the streaming path so far */
    long streamedPushes() {
        return pushes.streamed();
    }

    /** @param c local time, ms since the epoch, for order updates without a timestamp (tests) */
    void clock(final java.util.function.LongSupplier c) {
        clock = c;
    }

    /** @return completes when a JWT is held and its refresh scheduled (at once without an account) */
    CompletableFuture<Void> login() {
        return !hasAccount ? CompletableFuture.completedFuture(null) : rest.token().thenAccept(this::scheduleJwtRefresh);
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
            : ThreadLocalRandom.current().nextLong(config.jwtRefreshJitterMs() + 1);
        final long delay = Math.max(1000, token.expiresAtMs() - System.currentTimeMillis()
            - config.jwtRefreshBeforeExpiryMs() - jitter);
        final ScheduledFuture<?> old = jwtRefresh;
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

    /** Stops refreshing the JWT. */
    void close() {
        closed = true;
        final ScheduledFuture<?> refresh = jwtRefresh;
        if (refresh != null) {
            refresh.cancel(false);
        }
    }

    @Override
    public void onOpen() {
        authenticated = false;
        if (hasAccount && config.privateStreams()) {
            authenticateStream(false);
        }
    }

    @Override
    public void onClosed() {
        authenticated = false;
    }

    /** @return {@code true} while the stream is authenticated (it may have closed since: check it too) */
    boolean isAuthenticated() {
        return authenticated;
    }

    /** Authenticates the open WebSocket ({@code auth}, §2.2) and subscribes to the private channels. */
    private void authenticateStream(final boolean retried) {
        rest.token().thenCompose(t -> channels.call("auth", JSON.createObjectNode().put("bearer", t.token().reveal())))
            .whenComplete((r, e) -> {
                if (e == null) {
                    loop.execute(this::onStreamAuthenticated);
                    return;
                }
                final Throwable cause = ParadexRestClient.unwrap(e);
                if (!retried && cause instanceof AuthenticationException a && "40111".equals(a.venueCode())) {
                    rest.refresh().whenComplete((t, x) -> authenticateStream(true));
                } else if (channels.isOpen()) {
                    LOG.warn("paradex: WebSocket auth failed ({}); private channels and WS order entry unavailable",
                        cause.toString());
                }
            });
    }

    private void onStreamAuthenticated() {
        authenticated = true;
        for (final String channel : new String[] {"orders.ALL", "fills.ALL", "positions", "account"}) {
            channels.subscribeOnce(channel);
        }
        if (config.cancelOnDisconnect()) {
            channels.call("order.cancel_on_disconnect", JSON.createObjectNode().put("enabled", true))
                .exceptionally(e -> {
                    LOG.warn("paradex: order.cancel_on_disconnect failed: {}", ParadexRestClient.unwrap(e).toString());
                    return null;
                });
        }
    }

    /** @param listener called on the event-loop thread with every order update and fill pushed */
    void addOrderListener(final OrderListener listener) {
        orderListeners.add(listener);
    }

    @Override
    public boolean onJsonFrame(final byte[] bytes, final int offset, final int length) {
        return pushes.offer(bytes, offset, length);
    }

    @Override
    public void onPush(final String channel, final JsonNode data) {
        try {
            if (channel.startsWith("orders")) {
                final String market = OrderResponses.text(data, "market");
                deliver(OrderResponses.toUpdate(data, market, SCALE, markets.takerFee(market), clock.getAsLong()));
            } else if (channel.startsWith("fills")) {
                deliver(RestDecoders.fill(data));
            } else if (channel.equals("account")) {
                accountPush = data.deepCopy();
                accountPushMs = System.currentTimeMillis();
                accountSummary = new ParadexAccountSummary(decimalOrNull(data, "account_value"),
                    decimalOrNull(data, "free_collateral"), decimalOrNull(data, "initial_margin_requirement"),
                    decimalOrNull(data, "maintenance_margin_requirement"), OrderResponses.text(data, "status"),
                    OrderResponses.longOr(data, "updated_at", 0));
            } else if (channel.equals("positions")) {
                final String market = OrderResponses.text(data, "market");
                final ObjectNode wrapped = JSON.createObjectNode();
                wrapped.putArray("results").add(data);
                streamedPositions.put(market, RestDecoders.position(wrapped, market));
                positionPushes.put(market, data.deepCopy());
            }
        } catch (final RuntimeException e) {
            counters.privateMessageError(channel, e);
        }
    }

    /** An order update pushed on {@code orders} (either path): terminal states complete waiters, then listeners. */
    private void deliver(final OrderUpdate u) {
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
    }

    /** A fill pushed on {@code fills} (either path) → order listeners. */
    private void deliver(final Fill f) {
        for (final OrderListener l : orderListeners) {
            l.onFill(f);
        }
    }

    /** A fill pushed as an SBE {@code FillEvent} (the schema's private template 21) → order listeners. */
    @Override
    public void onFill(final FillUpdate f) {
        final Fill fill = new Fill(VENUE, f.market(), f.orderId(), f.clientOrderId().isEmpty() ? null : f.clientOrderId(),
            f.side(), f.price(), f.size(), BigDecimal.valueOf(f.fee(), SCALE),
            f.maker() ? dev.arb.api.Liquidity.MAKER : dev.arb.api.Liquidity.TAKER, f.createdAtMicros() / 1000);
        for (final OrderListener l : orderListeners) {
            try {
                l.onFill(fill);
            } catch (final RuntimeException e) {
                counters.privateMessageError();
            }
        }
    }

    private static BigDecimal decimalOrNull(final JsonNode data, final String field) {
        final String v = OrderResponses.text(data, field);
        return v == null || v.isEmpty() ? null : new BigDecimal(v);
    }

    /**
     * Waits for an order's terminal state pushed on the private {@code orders} channel (one seen recently counts).
     *
     * @param venueOrderId the venue's order id
     * @param waitMs       how long to wait, ms
     * @return the terminal update, or null when none came within {@code waitMs}
     */
    CompletableFuture<OrderUpdate> awaitClosed(final String venueOrderId, final long waitMs) {
        final CompletableFuture<OrderUpdate> waiter = new CompletableFuture<>();
        closeWaiters.put(venueOrderId, waiter);
        final OrderUpdate done = recentClosed.get(venueOrderId);
        if (done != null) {
            closeWaiters.remove(venueOrderId, waiter);
            waiter.complete(done);
        }
        return waiter.completeOnTimeout(null, waitMs, TimeUnit.MILLISECONDS).thenApply(u -> {
            closeWaiters.remove(venueOrderId, waiter);
            return u;
        });
    }

    /**
     * @param market venue symbol
     * @return the market's position from {@code GET /v1/positions}
     */
    CompletableFuture<Position> position(final String market) {
        return rest.sendPrivate("GET", "/positions", null, ParadexRestClient.Limit.PRIVATE_GET)
            .thenApply(n -> RestDecoders.position(n, market));
    }

    /** @return every open, non-flat position ({@code GET /v1/positions}) */
    CompletableFuture<List<Position>> positions() {
        return rest.sendPrivate("GET", "/positions", null, ParadexRestClient.Limit.PRIVATE_GET)
            .thenApply(RestDecoders::openPositions);
    }

    /**
     * {@code GET /v1/fills?market=&start_at=} (first page only).
     *
     * @param market       venue symbol, or null for every market
     * @param sinceEpochMs only fills at or after this time, ms since the epoch
     * @return our fills, oldest first
     */
    CompletableFuture<List<Fill>> recentFills(final String market, final long sinceEpochMs) {
        return rest.sendPrivate("GET", "/fills?" + (market == null ? "" : "market="
            + URLEncoder.encode(market, StandardCharsets.UTF_8) + '&') + "start_at=" + sinceEpochMs, null,
            ParadexRestClient.Limit.PRIVATE_GET).thenApply(RestDecoders::fills);
    }

    /**
     * @param market venue symbol
     * @return the last position pushed on the private {@code positions} channel, or null if none yet
     */
    Position lastStreamedPosition(final String market) {
        return streamedPositions.get(market);
    }

    /** @return the last summary pushed on the private {@code account} channel, or null if none yet */
    ParadexAccountSummary lastAccountSummary() {
        return accountSummary;
    }

    /**
     * Margin from the {@code account} and {@code positions} pushes when an account summary arrived within the last
     * {@value #MARGIN_PUSH_FRESH_MS} ms (no request), else from {@code GET /v1/account} then {@code GET /v1/positions}
     * (protocol reference §2.5, §3.6, §3.7; see {@code MarginDecoder}).
     *
     * @return the margin state; fails with {@link ExchangeException}
     */
    CompletableFuture<MarginState> marginState() {
        final JsonNode pushed = accountPush;
        final long now = System.currentTimeMillis();
        if (pushed != null && now - accountPushMs <= MARGIN_PUSH_FRESH_MS) {
            try {
                return CompletableFuture.completedFuture(MarginDecoder.margin(pushed,
                    List.copyOf(positionPushes.values()), accountPushMs));
            } catch (ExchangeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return rest.sendPrivate("GET", "/account", null, ParadexRestClient.Limit.PRIVATE_GET)
            .thenCompose(account -> rest.sendPrivate("GET", "/positions", null, ParadexRestClient.Limit.PRIVATE_GET)
                .thenApply(positions -> {
                    final List<JsonNode> results = new ArrayList<>();
                    positions.path("results").forEach(results::add);
                    return MarginDecoder.margin(account, results, System.currentTimeMillis());
                }));
    }
}
