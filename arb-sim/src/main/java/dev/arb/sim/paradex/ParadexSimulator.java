package dev.arb.sim.paradex;

import dev.arb.sim.MarketModel;
import dev.arb.sim.PeerResetHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated Paradex venue on {@code 127.0.0.1} speaking the real wire protocols, for tests and the
 * bot's simulation mode: one Netty server serves the REST API under {@code /v1} and the JSON-RPC
 * WebSocket at {@code /v1}.
 *
 * <p>Market data: every {@code model.config().stepMillis()} (or on {@link #advance()} with
 * {@link Options#manualStepping()}) the model advances one step; the book is a CLOB-like ladder of
 * {@link Options#bookDepth()} levels a side, one tick wide, around {@code model.venueMid(MarketModel.VENUE_B, step)}
 * snapped to the tick, and every market has one order-book sequence number that advances by one per step.
 * A connection that opened with {@code ?sbeSchemaId=1&sbeSchemaVersion=0..2} gets SBE binary frames built with
 * the generated encoders of the official schema (paradex-sbe reference §2): {@code order_book.{m}.deltas}
 * (bare name only; a SNAPSHOT of the whole ladder on subscription, then a DELTA per step with
 * {@code seq = previous + 1}, size 0 deleting a level), {@code order_book.{m}.snapshot@15@…} (a SNAPSHOT per
 * step), {@code bbo.{m}}, {@code markets_summary.{m}} and {@code trades.{m}}; one book channel per market per
 * session. Other connections get the JSON shapes of protocol reference §2.1/§2.5 ({@code update_type "s"}
 * snapshots, {@code "d"} deltas with {@code inserts}/{@code updates}/{@code deletes}). An unsupported schema is
 * refused with HTTP 400 at connect. WebSocket pings every {@link Options#pingIntervalMs()} (§2.4).
 *
 * <p>Funding follows Paradex's conventions (docs "Funding Mechanism"; API spec {@code MarketSummaryResp.funding_rate}:
 * "the raw funding rate [of] the actual funding period of the instrument itself. It is not a normalized 8h funding
 * rate"): {@code markets_summary} carries {@code funding_rate} = {@code model.fundingRatePerHour(VENUE_B, step) ×}
 * {@link Options#fundingPeriodHours()} (8 by default, published as {@code funding_period_hours} in
 * {@code GET /markets}) as a decimal string in JSON and as {@code fundingRate} (8 dp) and {@code fundingRatePrecise}
 * (12 dp) in SBE. Funding accrues continuously: at every step each open position accrues
 * {@code −size × mark × ratePerHour × stepMillis / fundingHourMs} USD ({@link Options#fundingHourMs()}, one real
 * hour by default) into its {@code unrealized_funding_pnl}; a fill on the position settles the accrued amount
 * (the fill's {@code realized_funding}, the position's {@code realized_positional_funding_pnl}) as Paradex settles
 * "whenever the position is modified"; {@code account_value} includes both.
 *
 * <p>Private: {@code auth} with a JWT, then {@code orders}, {@code fills}, {@code positions} and {@code account}
 * pushed as JSON; order entry over the WebSocket ({@code order.create}, {@code order.create_batch},
 * {@code order.cancel}, {@code order.cancel_batch}, {@code order.cancel_all},
 * {@code order.cancel_on_disconnect}); see the package-private {@code SimWsHandler}.
 *
 * <p>REST: {@code /system/config}, {@code /system/state}, {@code /markets}, {@code /onboarding} (verified STARK
 * signature; registers the account), {@code /auth} (the STARK signature of the auth
 * {@code Request} is verified against the public key given to {@link #registerAccount}; the JWT
 * lasts {@link Options#jwtLifetimeSeconds()} and is checked on every private call → 401
 * {@code INVALID_TOKEN}), {@code POST /orders}, {@code GET /orders/{id}},
 * {@code GET /orders/by_client_id/{id}}, {@code DELETE /orders/{id}}, {@code GET /orders},
 * {@code DELETE /orders/by_client_id/{id}}, {@code GET /fills}, {@code GET /positions}, {@code GET /account}; order
 * checks and matching are described in the package-private {@code SimExchange}: signature, tick,
 * step, minimum notional, duplicate client id, reduce-only, immediate IOC/MARKET fills against the
 * book depth with partial fills, taker fee on notional.
 *
 * <p>Margin: an account's {@code account_value} is its collateral ({@link #setCollateral}, 100 000 USD by default)
 * less fees plus funding and realized and unrealized PnL at the mid; its maintenance margin is
 * {@code Σ |size| × mid × rate} ({@link #setMarginRates}); each position's {@code liquidation_price} is the mid at
 * which the two meet. Every step an account with a position gets its {@code account} and {@code positions} pushed,
 * and an account below its maintenance margin is liquidated: every position closed at the mid
 * ({@link #liquidations}).
 *
 * <p>Fault switches: {@link #rejectNextOrders}, {@link #respondWithStatus} (429 → JSON-RPC 42901 on the
 * WebSocket), {@link #limitNextFills}, {@link #dropNextResponses}, {@link #delayResponses}, {@link #dropConnections},
 * {@link #expireTokens}, {@link #injectGap}, {@link #setSystemState}; inspection: {@link #receivedClientIds},
 * {@link #requestCount} (WebSocket RPCs as method {@code "WS"}, e.g. {@code requestCount("WS", "order.create")}).
 *
 * <p><b>Note:</b> thread-safe. Network I/O and the step timer run on one simulator-owned event-loop
 * thread; the public methods may be called from any thread.
 */
public final class ParadexSimulator implements AutoCloseable {
    private final MarketModel model;
    private final Options options;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel server;
    private final SimExchange exchange;
    private final SimJwt jwt = new SimJwt();
    private final Map<Channel, SimSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, SimBookFeed> feeds = new ConcurrentHashMap<>();
    private final AtomicLong tradeIds = new AtomicLong();
    private final AtomicLong pongs = new AtomicLong();
    private final AtomicInteger injectedStatus = new AtomicInteger();
    private final AtomicInteger injectedTimes = new AtomicInteger();
    private final AtomicInteger rejectTimes = new AtomicInteger();
    private final AtomicInteger dropOrderResponses = new AtomicInteger();
    private volatile long responseDelayMs;
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private volatile String rejectCode;
    private volatile String systemState = "ok";
    private final long startMs = System.currentTimeMillis();

    private ParadexSimulator(final MarketModel model, final Options options) throws InterruptedException {
        this.model = model;
        this.options = options;
        this.exchange = new SimExchange(model, options);
        for (final Market m : options.markets()) {
            feeds.put(m.symbol(), new SimBookFeed(m.symbol(), exchange.book(m), 1, nowMicros()));
        }
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("paradex-sim", true));
        this.loop = group.next();
        final SimRestHandler rest = new SimRestHandler(this, exchange, jwt);
        final WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder().websocketPath("/v1")
            .checkStartsWith(false).dropPongFrames(false).maxFramePayloadLength(1 << 20).build();
        this.server = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                        new SimSbeNegotiation(), new WebSocketServerProtocolHandler(wsConfig),
                        new SimWsHandler(ParadexSimulator.this, exchange, jwt), rest, PeerResetHandler.INSTANCE);
                }
            }).bind("127.0.0.1", 0).sync().channel();
        final long stepMs = Math.max(1, model.config().stepMillis());
        if (!options.manualStepping()) {
            loop.scheduleAtFixedRate(this::stepAndPublish, stepMs, stepMs, TimeUnit.MILLISECONDS);
        }
        exchange.sink(this::publishPrivate);
        loop.scheduleAtFixedRate(this::sendPings, options.pingIntervalMs(), options.pingIntervalMs(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a simulator on {@code 127.0.0.1} and an ephemeral port.
     *
     * @param model   the shared seeded price model (Paradex quotes {@link MarketModel#VENUE_B})
     * @param options markets, book depth, timings
     * @return the running simulator
     * @throws IllegalStateException if the server cannot bind
     */
    public static ParadexSimulator start(final MarketModel model, final Options options) {
        try {
            return new ParadexSimulator(Objects.requireNonNull(model), Objects.requireNonNull(options));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the Paradex simulator", e);
        }
    }

    /** @return {@code http://127.0.0.1:PORT/v1} */
    public String restBaseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** @return {@code ws://127.0.0.1:PORT/v1} */
    public String wsUrl() {
        return "ws://127.0.0.1:" + port() + "/v1";
    }

    private int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** @return the chain id signatures are checked against ({@code PRIVATE_SN_PARACLEAR_MAINNET} by default) */
    public String chainId() {
        return options.chainId();
    }

    /** @return the options */
    public Options options() {
        return options;
    }

    /**
     * Onboards an account: its auth and order signatures are verified with this public key.
     *
     * @param accountAddress account address, {@code 0x} hex
     * @param publicKeyHex   STARK public key, {@code 0x} hex
     */
    public void registerAccount(final String accountAddress, final String publicKeyHex) {
        exchange.register(accountAddress, publicKeyHex);
    }

    /**
     * @param accountAddress account address
     * @param market         market symbol
     * @return the signed position in base units (positive long, negative short)
     */
    public BigDecimal positionBase(final String accountAddress, final String market) {
        return exchange.positionBase(accountAddress, market);
    }

    /**
     * @param accountAddress the account
     * @param market         market symbol
     * @return the funding the account's position accrued since its last fill and has not settled yet, USD
     *     (positive = received; the position's {@code unrealized_funding_pnl}), zero if none
     */
    public BigDecimal unrealizedFundingUsd(final String accountAddress, final String market) {
        return exchange.unrealizedFunding(accountAddress, market);
    }

    /**
     * Sets an account's collateral (default 100 000 USD): its {@code account_value} is this
     * less fees plus funding and realized and unrealized PnL.
     *
     * @param accountAddress the account
     * @param usd            collateral, USD
     */
    public void setCollateral(final String accountAddress, final BigDecimal usd) {
        exchange.collateral(accountAddress, Objects.requireNonNull(usd, "usd"));
    }

    /**
     * Sets the margin rates of every position (defaults 0.1 initial, i.e. 10× leverage, and 0.05 maintenance). An
     * account whose {@code account_value} falls below {@code Σ |size| × mid × maintenance} is liquidated at the next
     * step: every position closed at the mid, the loss realized.
     *
     * @param initial     initial margin rate (1 / leverage), fraction
     * @param maintenance maintenance margin rate, fraction, in (0, initial]
     * @throws IllegalArgumentException if the rates are not 0 < maintenance <= initial <= 1
     */
    public void setMarginRates(final BigDecimal initial, final BigDecimal maintenance) {
        if (maintenance.signum() <= 0 || maintenance.compareTo(initial) > 0 || initial.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("need 0 < maintenance <= initial <= 1");
        }
        exchange.marginRates(initial, maintenance);
    }

    /**
     * @param accountAddress the account
     * @return how many times the account was liquidated
     */
    public int liquidations(final String accountAddress) {
        return exchange.liquidations(accountAddress);
    }

    /** @return the model step the book is quoted at */
    public long step() {
        return exchange.step();
    }

    /** @return the model step the book is quoted at (same as {@link #step()}) */
    public long currentStep() {
        return exchange.step();
    }

    /**
     * Moves the model one step and publishes the book snapshots to subscribers now. With
     * {@link Options#manualStepping()} this is the only way the book moves; otherwise it adds a step
     * between the timer's.
     *
     * @return {@link System#nanoTime()} taken on the simulator's thread just before the first frame is
     *     written (the planned send time for a latency harness)
     * @throws IllegalStateException if the simulator is closed or the step failed
     */
    public long advance() {
        if (loop.inEventLoop()) {
            return stepAndPublish();
        }
        try {
            return loop.submit(this::stepAndPublish).get(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
            | java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("Paradex simulator step failed", e);
        }
    }

    /**
     * @param method HTTP method, e.g. {@code "POST"}
     * @param path   path including {@code /v1} and without the query, e.g. {@code "/v1/orders"}
     * @return how many such requests arrived (whatever the answer)
     */
    public int requestCount(final String method, final String path) {
        final AtomicInteger n = requestCounts.get(method + ' ' + path);
        return n == null ? 0 : n.get();
    }

    /**
     * The next {@code n} {@code POST /orders} are executed but their answer is lost: the connection
     * is closed instead of answering (a lost acknowledgement; the client must look the order up by
     * client id).
     *
     * @param n number of order answers to drop
     */
    public void dropNextOrderResponses(final int n) {
        dropOrderResponses.set(n);
    }

    /**
     * Delays every REST answer.
     *
     * @param ms delay in ms, 0 for none
     */
    public void delayResponses(final long ms) {
        responseDelayMs = Math.max(0, ms);
    }

    /** @return WebSocket pongs received from clients */
    public long pongsReceived() {
        return pongs.get();
    }

    /** @return open WebSocket connections */
    public int connectedClients() {
        return sessions.size();
    }

    /**
     * The next {@code n} order placements are refused with HTTP 400 and {@code errorCode}.
     *
     * @param n         number of orders
     * @param errorCode venue error code, e.g. {@code NOT_ENOUGH_MARGIN}
     */
    public void rejectNextOrders(final int n, final String errorCode) {
        rejectCode = Objects.requireNonNull(errorCode);
        rejectTimes.set(n);
    }

    /**
     * The next {@code times} REST requests (any endpoint) are answered with {@code httpStatus} and a
     * venue error body.
     *
     * @param httpStatus HTTP status, e.g. 429 or 503
     * @param times      number of requests
     */
    public void respondWithStatus(final int httpStatus, final int times) {
        injectedStatus.set(httpStatus);
        injectedTimes.set(times);
    }

    /** Closes every WebSocket connection (clients must reconnect and resubscribe). */
    public void dropConnections() {
        for (final Channel c : new ArrayList<>(sessions.keySet())) {
            c.close();
        }
    }

    /**
     * Same as {@link #systemState(String)}.
     *
     * @param state {@code ok}, {@code cancel_only} or {@code maintenance}
     */
    public void setSystemState(final String state) {
        systemState(state);
    }

    /**
     * The next {@code n} order placements (REST {@code POST /orders} or WebSocket {@code order.create}) are
     * executed but not answered: the connection is closed instead (a lost acknowledgement). Same as
     * {@link #dropNextOrderResponses}.
     *
     * @param n number of answers to drop
     */
    public void dropNextResponses(final int n) {
        dropNextOrderResponses(n);
    }

    /**
     * The next {@code n} orders that would fill fill at most {@code maxFillBase} (partial fills on demand;
     * an IOC remainder is cancelled, a GTC remainder rests).
     *
     * @param n           number of orders
     * @param maxFillBase maximum filled size per order, base units (e.g. BTC)
     */
    public void limitNextFills(final int n, final BigDecimal maxFillBase) {
        exchange.limitNextFills(n, SimExchange.fp(maxFillBase));
    }

    /**
     * Skips one sequence number on every market's book channels at the next step: subscribers of
     * {@code order_book.{m}.deltas} (SBE or JSON) see a gap and must resync. With
     * {@link Options#manualStepping()} the gap appears on the next {@link #advance()}.
     */
    public void injectGap() {
        loop.execute(() -> feeds.values().forEach(SimBookFeed::injectGap));
    }

    /**
     * Bounds what the simulator remembers, for runs of hours: the latest {@code n} closed orders (older ones are
     * forgotten as a venue archives them: looking one up answers as for an unknown order, and its client id can be
     * used again), the latest {@code n} fills and received client ids per account. Open orders,
     * positions and request counts are always kept. Unbounded by default, for tests that inspect the whole history.
     *
     * @param n entries kept, ≥ 1
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public void historyLimit(final int n) {
        if (n < 1) {
            throw new IllegalArgumentException("history limit must be >= 1, was " + n);
        }
        exchange.historyLimit(n);
    }

    /**
     * @param account account address ({@code 0x} hex)
     * @return every non-empty {@code client_id} of the order placements received for the account, in arrival
     *     order, duplicates included (REST and WebSocket; whether accepted or not)
     */
    public List<String> receivedClientIds(final String account) {
        return exchange.receivedClientIds(account);
    }

    /** @return WebSocket sessions that sent a valid {@code auth} */
    public int authenticatedClients() {
        int n = 0;
        for (final SimSession s : sessions.values()) {
            n += s.account() != null ? 1 : 0;
        }
        return n;
    }

    /**
     * Sets what {@code GET /v1/system/state} reports (protocol reference §1).
     *
     * @param state {@code ok}, {@code cancel_only} or {@code maintenance}
     */
    public void systemState(final String state) {
        systemState = Objects.requireNonNull(state);
    }

    /** @return what {@code GET /v1/system/state} reports */
    public String systemState() {
        return systemState;
    }

    /** Revokes every JWT issued so far: the next private call answers 401 {@code INVALID_TOKEN}. */
    public void expireTokens() {
        jwt.expireAll();
    }

    /** Stops the server and its timer. Idempotent. */
    @Override
    public void close() {
        dropConnections();
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    // ---- package-private plumbing -------------------------------------------------------------

    int takeInjectedStatus() {
        while (true) {
            final int left = injectedTimes.get();
            if (left <= 0) {
                return 0;
            }
            if (injectedTimes.compareAndSet(left, left - 1)) {
                return injectedStatus.get();
            }
        }
    }

    String takeOrderRejection() {
        while (true) {
            final int left = rejectTimes.get();
            if (left <= 0) {
                return null;
            }
            if (rejectTimes.compareAndSet(left, left - 1)) {
                return rejectCode;
            }
        }
    }

    void countRequest(final String method, final String path) {
        requestCounts.computeIfAbsent(method + ' ' + path, k -> new AtomicInteger()).incrementAndGet();
    }

    boolean takeDroppedOrderResponse() {
        while (true) {
            final int left = dropOrderResponses.get();
            if (left <= 0) {
                return false;
            }
            if (dropOrderResponses.compareAndSet(left, left - 1)) {
                return true;
            }
        }
    }

    long responseDelayMs() {
        return responseDelayMs;
    }

    void pongReceived() {
        pongs.incrementAndGet();
    }

    void clientConnected(final SimSession session) {
        sessions.put(session.channel(), session);
    }

    void clientDisconnected(final Channel ch) {
        final SimSession s = sessions.remove(ch);
        if (s != null && s.account() != null && s.cancelOnDisconnect()) {
            exchange.cancelAll(s.account(), null, System.currentTimeMillis());
        }
    }

    boolean hasMarket(final String market) {
        return exchange.markets().containsKey(market);
    }

    /**
     * @param channel a channel name
     * @return the market of an {@code order_book.{market}.…} channel, or null
     */
    static String bookChannelMarket(final String channel) {
        if (!channel.startsWith("order_book.")) {
            return null;
        }
        final int end = channel.indexOf('.', "order_book.".length());
        return end < 0 ? null : channel.substring("order_book.".length(), end);
    }

    /**
     * @param channel a channel name
     * @return the market of a {@code bbo.{market}} channel, or null
     */
    static String bboChannelMarket(final String channel) {
        return channel.startsWith("bbo.") && channel.indexOf('.', 4) < 0 ? channel.substring(4) : null;
    }

    /**
     * @param channel a channel name
     * @return the market of a {@code markets_summary.{market}} channel, or null
     */
    static String summaryChannelMarket(final String channel) {
        return channel.startsWith("markets_summary.") ? channel.substring("markets_summary.".length()) : null;
    }

    /**
     * @param channel a channel name
     * @return the market of a {@code trades.{market}} channel, or null
     */
    static String tradesChannelMarket(final String channel) {
        return channel.startsWith("trades.") ? channel.substring("trades.".length()) : null;
    }

    /** @return {@code true} for a delta book channel ({@code order_book.{m}.deltas[@…]}) */
    static boolean isDeltaChannel(final String channel) {
        final String market = bookChannelMarket(channel);
        return market != null && channel.startsWith("order_book." + market + ".deltas");
    }

    /** Writes the first frames of a new book or BBO subscription: a snapshot of the last published book. */
    void sendInitial(final SimSession session, final String channel) {
        final SimStepFrames.Frame f = SimStepFrames.initial(feeds, channel, session.sbe());
        if (f != null) {
            session.write(f.binary(), f.text());
        }
    }

    /** @return the sequence number of the market's last published book (tests) */
    long bookSeq(final String market) {
        return feeds.get(market).seq();
    }

    /** @return the market's last published book (tests) */
    SimExchange.Book lastBook(final String market) {
        return feeds.get(market).last();
    }

    String snapshotMessage(final String channel, final String market) {
        return feeds.get(market).jsonSnapshot(channel);
    }

    /**
     * @return the published {@code funding_rate} at the current step: the model's venue-B rate per hour times
     *     {@link Options#fundingPeriodHours()} (Paradex quotes the rate per funding period, not per hour)
     */
    double fundingRatePerPeriod() {
        return SimStepFrames.fundingRatePerPeriod(model, options, exchange.step());
    }

    /** @return wall-clock time of model step 0, ms since the epoch (venue timestamps count from it) */
    long startEpochMs() {
        return startMs;
    }

    private long nowMicros() {
        return SimStepFrames.micros(model, startMs, exchange.step());
    }

    private long stepAndPublish() {
        final SimStepFrames frames = SimStepFrames.advance(exchange, feeds, model, options, startMs);
        final long nanos = System.nanoTime();
        for (final SimSession session : sessions.values()) {
            for (final String channel : session.channels()) {
                final SimStepFrames.Frame f = frames.frame(channel, session.sbe());
                if (f != null) {
                    session.write(f.binary(), f.text());
                }
            }
        }
        return nanos;
    }

    private void publishPrivate(final String account, final String channel, final String market,
        final com.fasterxml.jackson.databind.node.ObjectNode data) {
        loop.execute(() -> {
            if (channel.equals("fills")) {
                publishTrade(market, data);
            }
            for (final SimSession s : sessions.values()) {
                if (!account.equals(s.account())) {
                    continue;
                }
                for (final String c : s.channels()) {
                    if (c.equals(channel) || c.equals(channel + ".ALL") || c.equals(channel + '.' + market)) {
                        s.write(null, "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\""
                            + c + "\",\"data\":" + data + "}}");
                    }
                }
            }
        });
    }

    /** Publishes one of our fills as a public trade on {@code trades.{market}} (SBE TradeEvent or JSON). */
    private void publishTrade(final String market, final com.fasterxml.jackson.databind.node.ObjectNode fill) {
        final SimBookFeed feed = feeds.get(market);
        if (feed == null) {
            return;
        }
        final long price = SimExchange.fp(new BigDecimal(fill.path("price").asText("0")));
        final long size = SimExchange.fp(new BigDecimal(fill.path("size").asText("0")));
        final boolean buy = "BUY".equals(fill.path("side").asText());
        final long atMicros = fill.path("created_at").asLong() * 1000;
        final long tradeId = tradeIds.incrementAndGet();
        byte[] sbe = null;
        for (final SimSession s : sessions.values()) {
            if (!s.channels().contains("trades." + market)) {
                continue;
            }
            if (s.sbe()) {
                if (sbe == null) {
                    sbe = feed.sbeTrade(tradeId, buy, price, size, atMicros);
                }
                s.write(sbe, null);
            } else {
                s.write(null, "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"trades."
                    + market + "\",\"data\":{\"id\":\"" + tradeId + "\",\"market\":\"" + market + "\",\"side\":\""
                    + (buy ? "BUY" : "SELL") + "\",\"size\":\"" + SimExchange.text(size) + "\",\"price\":\""
                    + SimExchange.text(price) + "\",\"created_at\":" + atMicros / 1000 + ",\"trade_type\":\"FILL\"}}}");
            }
        }
    }

    private void sendPings() {
        for (final Channel c : sessions.keySet()) {
            c.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer("paradex-sim", StandardCharsets.US_ASCII)));
        }
    }

    /**
     * A simulated market's trading rules (the fields of {@code GET /markets}, protocol reference §3.2).
     *
     * <p><b>Note:</b> immutable, thread-safe.
     *
     * @param symbol             market symbol, e.g. {@code BTC-USD-PERP}
     * @param tickSize           price tick, USD
     * @param orderSizeIncrement size step, base units
     * @param minNotional        minimum order notional, USD
     * @param takerFee           taker fee rate (fraction of notional)
     * @param makerFee           maker fee rate (fraction of notional)
     */
    public record Market(String symbol, BigDecimal tickSize, BigDecimal orderSizeIncrement, BigDecimal minNotional,
        BigDecimal takerFee, BigDecimal makerFee) {
        /**
         * Validates the fields.
         *
         * @param symbol             market symbol
         * @param tickSize           price tick, USD
         * @param orderSizeIncrement size step, base units
         * @param minNotional        minimum order notional, USD
         * @param takerFee           taker fee rate
         * @param makerFee           maker fee rate
         * @throws NullPointerException if a field is null
         */
        public Market {
            Objects.requireNonNull(symbol);
            Objects.requireNonNull(tickSize);
            Objects.requireNonNull(orderSizeIncrement);
            Objects.requireNonNull(minNotional);
            Objects.requireNonNull(takerFee);
            Objects.requireNonNull(makerFee);
        }

        /**
         * @return BTC-USD-PERP: tick 0.1, increment 0.00001, min notional 10 USD, taker 0.0003, maker
         *     0.00003 (protocol reference §8)
         */
        public static Market btcUsdPerp() {
            return new Market("BTC-USD-PERP", new BigDecimal("0.1"), new BigDecimal("0.00001"), new BigDecimal("10"),
                new BigDecimal("0.0003"), new BigDecimal("0.00003"));
        }
    }

    /**
     * Simulator options.
     *
     * <p><b>Note:</b> immutable, thread-safe.
     */
    public static final class Options {
        private final List<Market> markets;
        private final int bookDepth;
        private final int levelSizeSteps;
        private final long pingIntervalMs;
        private final String chainId;
        private final long jwtLifetimeSeconds;
        private final boolean manualStepping;
        private final int fundingPeriodHours;
        private final long fundingHourMs;

        private Options(final Builder b) {
            this.markets = List.copyOf(b.markets.isEmpty() ? List.of(Market.btcUsdPerp()) : b.markets);
            this.bookDepth = b.bookDepth;
            this.levelSizeSteps = b.levelSizeSteps;
            this.pingIntervalMs = b.pingIntervalMs;
            this.chainId = Objects.requireNonNull(b.chainId);
            this.jwtLifetimeSeconds = b.jwtLifetimeSeconds;
            this.manualStepping = b.manualStepping;
            this.fundingPeriodHours = b.fundingPeriodHours;
            this.fundingHourMs = b.fundingHourMs;
            if (bookDepth <= 0 || levelSizeSteps <= 0 || pingIntervalMs <= 0 || jwtLifetimeSeconds <= 0
                || fundingPeriodHours <= 0 || fundingHourMs <= 0) {
                throw new IllegalArgumentException("depth, sizes and intervals must be positive");
            }
        }

        /** @return BTC-USD-PERP only, depth 15, pings every 55 s, 300 s JWTs, mainnet chain id */
        public static Options defaults() {
            return builder().build();
        }

        /** @return a builder with the defaults */
        public static Builder builder() {
            return new Builder();
        }

        /** @return simulated markets */
        public List<Market> markets() {
            return markets;
        }

        /** @return levels per side of every book (15) */
        public int bookDepth() {
            return bookDepth;
        }

        /** @return size of book level {@code i} (0-based) in steps: {@code levelSizeSteps × (i + 1)} */
        public int levelSizeSteps() {
            return levelSizeSteps;
        }

        /** @return WebSocket ping interval, ms */
        public long pingIntervalMs() {
            return pingIntervalMs;
        }

        /** @return chain id of the signed typed data */
        public String chainId() {
            return chainId;
        }

        /** @return JWT lifetime, s */
        public long jwtLifetimeSeconds() {
            return jwtLifetimeSeconds;
        }

        /** @return {@code true} if the book moves only on {@link ParadexSimulator#advance()} (no step timer) */
        public boolean manualStepping() {
            return manualStepping;
        }

        /**
         * @return every market's funding period, hours ({@code funding_period_hours} of {@code GET /markets}; the
         *     published {@code funding_rate} is per this period; 8 by default, as on Paradex)
         */
        public int fundingPeriodHours() {
            return fundingPeriodHours;
        }

        /**
         * @return simulated ms that count as one hour of funding accrual (3 600 000 by default; shorter makes the
         *     accrual visible in a test)
         */
        public long fundingHourMs() {
            return fundingHourMs;
        }

        /**
         * Builder of {@link Options}.
         *
         * <p><b>Note:</b> not thread-safe.
         */
        public static final class Builder {
            private final List<Market> markets = new ArrayList<>();
            private int bookDepth = 15;
            private int levelSizeSteps = 5000;
            private long pingIntervalMs = 55_000;
            private String chainId = "PRIVATE_SN_PARACLEAR_MAINNET";
            private long jwtLifetimeSeconds = 300;
            private boolean manualStepping;
            private int fundingPeriodHours = 8;
            private long fundingHourMs = 3_600_000L;

            private Builder() {
            }

            /**
             * @param v funding period of every market, hours (default 8)
             * @return this
             */
            public Builder fundingPeriodHours(final int v) {
                fundingPeriodHours = v;
                return this;
            }

            /**
             * @param v simulated ms counted as one hour of funding accrual (default 3 600 000)
             * @return this
             */
            public Builder fundingHourMs(final long v) {
                fundingHourMs = v;
                return this;
            }

            /**

             * @param m a market to simulate (default: {@link Market#btcUsdPerp()} only)

             * @return this

             */
            public Builder market(final Market m) {
                markets.add(Objects.requireNonNull(m));
                return this;
            }

            /**

             * @param v levels per side (default 15)

             * @return this

             */
            public Builder bookDepth(final int v) {
                bookDepth = v;
                return this;
            }

            /**

             * @param v size of level i in steps is {@code v × (i + 1)} (default 5000)

             * @return this

             */
            public Builder levelSizeSteps(final int v) {
                levelSizeSteps = v;
                return this;
            }

            /**

             * @param v WebSocket ping interval, ms (default 55000, as the venue)

             * @return this

             */
            public Builder pingIntervalMs(final long v) {
                pingIntervalMs = v;
                return this;
            }

            /**

             * @param v chain id (default {@code PRIVATE_SN_PARACLEAR_MAINNET})

             * @return this

             */
            public Builder chainId(final String v) {
                chainId = v;
                return this;
            }

            /**

             * @param v JWT lifetime, s (default 300, as the venue)

             * @return this

             */
            public Builder jwtLifetimeSeconds(final long v) {
                jwtLifetimeSeconds = v;
                return this;
            }

            /**
             * @param v {@code true}: no step timer, the book moves only on {@link ParadexSimulator#advance()}
             * @return this
             */
            public Builder manualStepping(final boolean v) {
                manualStepping = v;
                return this;
            }

            /**
             * @return the options
             * @throws IllegalArgumentException if a value is not positive
             */
            public Options build() {
                return new Options(this);
            }
        }
    }
}
