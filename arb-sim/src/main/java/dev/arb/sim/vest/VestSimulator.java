package dev.arb.sim.vest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.sim.MarketModel;
import dev.arb.sim.PeerResetHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated Vest venue on {@code 127.0.0.1}, speaking the real v2 wire protocol on one port: REST
 * under {@code /v2} ({@code GET /exchangeInfo}, {@code GET /account}, {@code GET /account/nonce},
 * {@code POST /orders}, {@code GET /orders}, {@code POST /orders/cancel}) and the WebSocket stream under {@code /ws-api}
 * ({@code SUBSCRIBE {symbol}@depth}, JSON {@code PING} → {@code {"data":"PONG"}}).
 *
 * <p>Like Vest it is a taker-only AMM (Vest docs "Order book": no resting orders, the house quotes a
 * ladder): every {@code stepMillis} of the {@link MarketModel} it re-quotes a ladder around
 * {@code model.venueMid(VENUE_A, step)} and pushes a full {@code {symbol}@depth} snapshot to
 * subscribers. MARKET and LIMIT orders (any time in force) fill at once against the current ladder up
 * to their {@code limitPrice}; the remainder is cancelled ({@code "CANCELLED"} with the partial
 * {@code lastFilledSize}; {@code "FILLED"} when complete). Fees are {@code takerFee × notional}.
 *
 * <p>Signatures are verified as the venue does (protocol reference §3): the ABI args hash is
 * recomputed from the body's fields, the EIP-191 signer recovered and compared with the signer the
 * API key was registered for. Errors use the documented codes and {@code {"code","msg"}} bodies with
 * HTTP 400: unknown API key 1002, bad signature 1022, wrong decimals 1111, unknown symbol 1121,
 * bad parameter 1130, reduce-only increase 3018 / exceeding the position 3019, unknown order 3017.
 * {@code POST /register} checks the primary wallet's EIP-712 proof (prod or dev verifying contract)
 * and returns a fresh API key, like {@link #registerSigner}.
 * A request whose signature was already seen gets the original order back (the simulator's answer
 * to an idempotent retry; the real venue may answer 3015 DUPLICATE instead).
 *
 * <p><b>Account stream.</b> {@code POST/PUT/DELETE /account/listenKey} manage listen keys (valid
 * {@link Options#listenKeyLifetimeMs()}, 60 minutes by default as on Vest; {@code PUT} of an expired
 * key answers {@code 1125}); a WebSocket opened with {@code &listenKey=} that {@code SUBSCRIBE}s
 * {@code account_private} receives the account's {@code ORDER} events ({@code NEW}, then
 * {@code FILLED}/{@code CANCELLED}, or {@code REJECTED} with a {@code code}); an unknown or expired key
 * gets close code 4004/4005 (protocol reference §4 listen key, §5). {@code tickers} (mark = quoted mid,
 * index = the model's fair price, funding below) and {@code {symbol}@trades} (our fills) are
 * published too. {@code POST /account/leverage} stores the leverage per symbol (unsigned, as documented);
 * {@code GET /orders} filters by {@code id}, {@code nonce}, {@code symbol}, {@code status} and
 * {@code startTime}.
 *
 * <p><b>Fault switches</b> for tests: synchronous and asynchronous rejections, forced HTTP statuses,
 * error bodies in every shape ({@link ErrorShape}), partial fills on demand, lost acknowledgements
 * (the order executes, the connection closes unanswered), delayed responses and order events, dropped
 * connections, an unanswered {@code PING}, id-only acknowledgements. Inspection: the nonces of the
 * orders that reached the venue, request counts and arrival times per endpoint.
 *
 * <p><b>Funding</b> follows Vest's hourly convention (Vest API docs: {@code oneHrFundingRate}, funding history
 * per hour; protocol reference §4): {@code tickers} carries {@code oneHrFundingRate} =
 * {@code model.fundingRatePerHour(VENUE_A, step)} (fraction per hour, 12 decimals, positive = longs pay shorts)
 * and {@code cumFunding}, the simulator's cumulative funding per base unit (USD, the sum of
 * {@code rate × mark} over the funding hours so far). At each funding hour of simulated time (step time crossing
 * a multiple of {@link Options#fundingHourMs()}, one real hour by default; shorten it to see payments in a test)
 * every open position pays {@code size × mark × rate} USD (longs pay when the rate is positive, shorts receive):
 * the account's USDC {@code balances.total} (1 000 000 at registration) moves by it and the position's
 * {@code settledFunding} (positive = received, as in {@code GET /orders}) accumulates it in {@code GET /account}.
 * {@code unrealizedPnl} stays the price PnL (funding is already settled into the balance). Deterministic: the
 * rate, the marks and the hours all follow the model's steps.
 *
 * <p><b>Stepping.</b> By default a timer moves the model every {@code stepMillis}; with
 * {@link Options#manualStepping()} only {@link #advance()} does, for paced latency harnesses.
 *
 * <p><b>Note:</b> thread-safe. All network work runs on one event-loop thread; the public methods
 * may be called from any thread.
 */
public final class VestSimulator implements AutoCloseable {
    static final AttributeKey<Set<String>> SUBSCRIPTIONS = AttributeKey.valueOf("vestSimSubscriptions");
    static final AttributeKey<VestSimAccount> ACCOUNT = AttributeKey.valueOf("vestSimAccount");
    static final AttributeKey<String> LISTEN_KEY = AttributeKey.valueOf("vestSimListenKey");
    private static final String TICKERS = "tickers";
    private static final String ACCOUNT_PRIVATE = "account_private";

    private final MarketModel model;
    private final Options options;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel serverChannel;
    private final ChannelGroup streams;
    private final Map<String, VestSimLadder> ladders = new LinkedHashMap<>();
    private final Map<String, VestSimAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, ListenKey> listenKeys = new ConcurrentHashMap<>();
    private final VestRequestLog requests = new VestRequestLog();
    private volatile int historyLimit = Integer.MAX_VALUE;
    private final SecureRandom random = new SecureRandom();
    private final VestSimFaults faults = new VestSimFaults();
    private final AtomicLong listenKeysCreated = new AtomicLong();
    private final AtomicLong listenKeyRenewals = new AtomicLong();
    private final AtomicLong pingsReceived = new AtomicLong();
    private volatile long step;
    private final int port;
    /** The {@code tickers} channel and its cumulative funding (written on the event loop). */
    private final VestSimTickers tickers = new VestSimTickers();

    private VestSimulator(final MarketModel model, final Options options) throws InterruptedException {
        this.model = model;
        this.options = options;
        for (final SimSymbol s : options.symbols()) {
            final VestSimLadder ladder = new VestSimLadder(s, options);
            ladder.quote(model, 0);
            ladders.put(s.symbol(), ladder);
        }
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("vest-sim", true));
        loop = group.next();
        streams = new DefaultChannelGroup("vest-sim-streams", loop);
        final VestSimRestHandler rest = new VestSimRestHandler(this);
        final ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec());
                    ch.pipeline().addLast(new HttpObjectAggregator(1 << 20));
                    ch.pipeline().addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath("/ws-api").checkStartsWith(true).allowExtensions(false).build()));
                    ch.pipeline().addLast(new VestSimStreamHandler(VestSimulator.this));
                    ch.pipeline().addLast(rest);
                    ch.pipeline().addLast(PeerResetHandler.INSTANCE);
                }
            });
        serverChannel = b.bind("127.0.0.1", 0).sync().channel();
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        if (!options.manualStepping()) {
            final long stepMillis = model.config().stepMillis();
            loop.scheduleAtFixedRate(this::stepAndPublish, stepMillis, stepMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts a simulator on {@code 127.0.0.1} at a free port.
     *
     * @param model   the shared market model (its {@code stepMillis} paces the quotes unless
     *                {@link Options#manualStepping()})
     * @param options symbols, ladder shape, stepping, listen-key lifetime
     * @return the running simulator
     * @throws IllegalStateException if the server cannot bind
     */
    public static VestSimulator start(final MarketModel model, final Options options) {
        try {
            return new VestSimulator(Objects.requireNonNull(model), Objects.requireNonNull(options));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Vest simulator", e);
        }
    }

    /** @return REST base URL, e.g. {@code http://127.0.0.1:PORT/v2} */
    public String restBaseUrl() {
        return "http://127.0.0.1:" + port + "/v2";
    }

    /** @return WebSocket URL, e.g. {@code ws://127.0.0.1:PORT/ws-api?version=1.0} */
    public String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws-api?version=1.0";
    }

    /**
     * Registers a signing address, as {@code POST /register} would after checking the primary
     * wallet's proof (not simulated), in account group 0.
     *
     * @param signingAddress 0x + 40 hex digits (any case)
     * @return a fresh API key authorising orders signed by that address
     */
    public String registerSigner(final String signingAddress) {
        final byte[] raw = new byte[16];
        random.nextBytes(raw);
        final String apiKey = HexFormat.of().formatHex(raw);
        final VestSimAccount account = new VestSimAccount(signingAddress.toLowerCase(Locale.ROOT));
        account.historyLimit(historyLimit);
        accounts.put(apiKey, account);
        return apiKey;
    }

    /**
     * Bounds what the simulator remembers, for runs of hours: per account the latest {@code n} finished orders
     * (older ones are forgotten as a venue archives them: looking one up answers as for an unknown order, and its
     * signature could be replayed as new) and {@code n} order nonces, and per endpoint {@code n} arrival times.
     * Request counts stay exact. Unbounded by default, for tests that inspect the whole history.
     *
     * @param n entries kept, ≥ 1
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public void historyLimit(final int n) {
        if (n < 1) {
            throw new IllegalArgumentException("history limit must be >= 1, was " + n);
        }
        historyLimit = n;
        requests.limit(n);
        for (final VestSimAccount account : accounts.values()) {
            account.historyLimit(n);
        }
    }

    /**
     * @param apiKey an API key from {@link #registerSigner}
     * @param symbol market symbol
     * @return the signed position in base units (positive long), zero if none
     * @throws IllegalArgumentException if the API key or symbol is unknown
     */
    public BigDecimal positionBase(final String apiKey, final String symbol) {
        final VestSimAccount account = accounts.get(apiKey);
        final VestSimLadder ladder = ladders.get(symbol);
        if (account == null || ladder == null) {
            throw new IllegalArgumentException("unknown API key or symbol " + symbol);
        }
        return BigDecimal.valueOf(account.position(symbol), ladder.symbol.sizeDecimals());
    }

    /**
     * @param apiKey an API key from {@link #registerSigner}
     * @param symbol market symbol
     * @return the leverage last set with {@code POST /account/leverage}, or null if never set
     * @throws IllegalArgumentException if the API key is unknown
     */
    public Integer leverage(final String apiKey, final String symbol) {
        final VestSimAccount account = accounts.get(apiKey);
        if (account == null) {
            throw new IllegalArgumentException("unknown API key");
        }
        return account.leverage(symbol);
    }

    /**
     * The nonces of the orders that reached the venue as new orders, in arrival order: an identical
     * signed request sent again (an idempotent retry) is not a new order and is not listed; orders
     * refused before execution (bad signature, forced HTTP status, synchronous rejection) are not
     * listed either. A test asserts on it that no duplicate order reached the venue.
     *
     * @param apiKey an API key from {@link #registerSigner}
     * @return nonces, a copy
     * @throws IllegalArgumentException if the API key is unknown
     */
    public List<Long> receivedOrderNonces(final String apiKey) {
        final VestSimAccount account = accounts.get(apiKey);
        if (account == null) {
            throw new IllegalArgumentException("unknown API key");
        }
        return account.nonces();
    }

    /**
     * @param method HTTP method, e.g. {@code "POST"}
     * @param path   path including {@code /v2}, e.g. {@code "/v2/orders"}
     * @return how many such requests arrived (whatever the answer)
     */
    public int requestCount(final String method, final String path) {
        return requests.count(method, path);
    }

    /**
     * @param method HTTP method
     * @param path   path including {@code /v2}
     * @return arrival times of such requests, ms since the epoch, oldest first (a copy; the latest
     *         {@link #historyLimit} of them)
     */
    public List<Long> requestArrivalsMs(final String method, final String path) {
        return requests.arrivalsMs(method, path);
    }

    /** @return listen keys created by {@code POST /account/listenKey} (re-issues of a live key not counted) */
    public long listenKeysCreated() {
        return listenKeysCreated.get();
    }

    /** @return successful {@code PUT /account/listenKey} renewals */
    public long listenKeyRenewals() {
        return listenKeyRenewals.get();
    }

    /** @return JSON {@code PING}s received on all streams (answered or not) */
    public long pingsReceived() {
        return pingsReceived.get();
    }

    /** @return the number of open WebSocket connections */
    public int connectedStreams() {
        return streams.size();
    }

    /**
     * Sets an account's USDC balance (default 1 000 000), e.g. a small account a price move can liquidate.
     *
     * @param apiKey the account's API key
     * @param usd    balance, USD
     * @throws IllegalArgumentException if the key is unknown
     */
    public void setBalance(final String apiKey, final BigDecimal usd) {
        final VestSimAccount account = accounts.get(apiKey);
        if (account == null) {
            throw new IllegalArgumentException("unknown API key");
        }
        account.setBalance(Objects.requireNonNull(usd, "usd"));
    }

    /**
     * @param apiKey the account's API key
     * @return how many times the account was liquidated (its value below its maintenance margin at a step: every
     *     position closed at the mid, the loss realized)
     */
    public int liquidations(final String apiKey) {
        final VestSimAccount account = accounts.get(apiKey);
        return account == null ? 0 : account.liquidations();
    }

    /** @return the account's margin at the current quotes (what {@code GET /account} reports) */
    VestSimMargin margin(final VestSimAccount account) {
        return VestSimMargin.of(account, ladders);
    }

    /** Liquidates every account whose value fell below its maintenance margin (event loop, each step). */
    private void liquidate() {
        for (final VestSimAccount account : accounts.values()) {
            final VestSimMargin m = margin(account);
            if (!m.liquidatable()) {
                continue;
            }
            for (final VestSimMargin.Leg leg : m.positions()) {
                final long size = leg.size().movePointRight(leg.ladder().symbol.sizeDecimals()).longValueExact();
                account.addPosition(leg.ladder().symbol.symbol(), -size, leg.size().abs().multiply(leg.mark()));
            }
            account.countLiquidation();
        }
    }

    /** @return the model step last quoted */
    public long currentStep() {
        return step;
    }

    /**
     * Moves the model one step, re-quotes every ladder and publishes the depth snapshots (and
     * {@code tickers}) to subscribers now. With {@link Options#manualStepping()} this is the only way
     * the quotes move; without it, it adds a step between the timer's.
     *
     * @return {@link System#nanoTime()} taken on the simulator's thread just before the first frame is
     *     written (the planned send time for a latency harness)
     * @throws IllegalStateException if the simulator is closed or the calling thread is interrupted
     */
    public long advance() {
        if (loop.inEventLoop()) {
            return stepAndPublish();
        }
        try {
            return loop.submit(this::stepAndPublish).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
            | java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("Vest simulator step failed", e);
        }
    }

    /**
     * Makes the next {@code n} {@code POST /orders} fail synchronously with {@code code} (HTTP 400, or
     * per {@link #errorShape(ErrorShape)}); nothing executes.
     *
     * @param n    number of orders to reject
     * @param code Vest error code, e.g. 3001
     */
    public void rejectNextOrders(final int n, final int code) {
        faults.rejectSyncCode = code;
        faults.rejectSync.set(n);
    }

    /**
     * Makes the next {@code n} {@code POST /orders} be acknowledged ({@code status NEW}) and then
     * rejected asynchronously: a {@code REJECTED} ORDER event with {@code code} on the private stream,
     * and {@code GET /orders} reports {@code REJECTED} with the code. Nothing executes.
     *
     * @param n    number of orders
     * @param code Vest error code, e.g. 3010 OI_CAP_EXCEEDED
     */
    public void rejectAsyncNext(final int n, final int code) {
        faults.rejectAsyncCode = code;
        faults.rejectAsync.set(n);
    }

    /**
     * Makes the next {@code times} REST requests (any endpoint) answer with {@code httpStatus}
     * (429 carries code 1003, others the status as code); nothing executes.
     *
     * @param httpStatus HTTP status, e.g. 429 or 503
     * @param times      number of requests
     */
    public void respondWithStatus(final int httpStatus, final int times) {
        faults.forcedStatusCode = httpStatus;
        faults.forcedStatus.set(times);
    }

    /**
     * @param shape body shape of every later error answer (default {@link ErrorShape#CODE_MSG})
     */
    public void errorShape(final ErrorShape shape) {
        faults.errorShape = Objects.requireNonNull(shape);
    }

    /**
     * Caps the fill of the next {@code n} orders at {@code maxFillBase} base units (the rest is
     * cancelled): partial fills on demand.
     *
     * @param n           number of orders
     * @param maxFillBase largest fill, base units (0 = nothing fills)
     */
    public void limitNextFills(final int n, final BigDecimal maxFillBase) {
        faults.maxFillBase = Objects.requireNonNull(maxFillBase);
        faults.limitFills.set(n);
    }

    /**
     * Makes the next {@code n} {@code POST /orders} or {@code POST /orders/cancel} execute and then
     * close the connection without answering: a lost acknowledgement.
     *
     * @param n number of requests
     */
    public void dropNextResponses(final int n) {
        faults.dropResponses.set(n);
    }

    /**
     * Delays every REST answer by {@code ms} (the request executes on arrival); 0 turns it off.
     *
     * @param ms delay, ms
     */
    public void delayResponses(final long ms) {
        faults.responseDelayMs = Math.max(0, ms);
    }

    /**
     * Delays every private-stream ORDER event by {@code ms}; 0 turns it off.
     *
     * @param ms delay, ms
     */
    public void delayOrderEvents(final long ms) {
        faults.orderEventDelayMs = Math.max(0, ms);
    }

    /**
     * @param silent {@code true}: JSON {@code PING}s are counted but not answered (a dead link as the
     *               client sees it)
     */
    public void stopAnsweringPing(final boolean silent) {
        faults.ignorePing = silent;
    }

    /**
     * @param idOnly {@code true}: {@code POST /orders} answers only {@code {"id":…}} as the docs show,
     *               so fills are known only from the private stream or {@code GET /orders}
     */
    public void ackIdOnly(final boolean idOnly) {
        faults.ackIdOnly = idOnly;
    }

    /**
     * Expires every listen key now: {@code PUT} answers 1125 and private streams are closed with code
     * 4005 (LISTEN_KEY_EXPIRED).
     */
    public void expireListenKeys() {
        for (final ListenKey k : listenKeys.values()) {
            k.expiresAtMs = 0;
        }
        loop.execute(() -> {
            for (final Channel ch : streams) {
                if (ch.attr(LISTEN_KEY).get() != null) {
                    closeWithCode(ch, 4005, "listen key expired");
                }
            }
        });
    }

    /** Closes every WebSocket connection (clients see a disconnect). */
    public void dropConnections() {
        streams.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Stops the server and its thread. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        streams.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------ package-private, event-loop thread

    Options options() {
        return options;
    }

    VestSimFaults faults() {
        return faults;
    }

    VestSimLadder ladder(final String symbol) {
        return ladders.get(symbol);
    }

    Iterable<VestSimLadder> ladders() {
        return ladders.values();
    }

    VestSimAccount account(final String apiKey) {
        return apiKey == null ? null : accounts.get(apiKey);
    }

    void addStream(final Channel ch) {
        streams.add(ch);
    }

    void countPing() {
        pingsReceived.incrementAndGet();
    }

    void recordRequest(final String method, final String path) {
        requests.record(method, path, System.currentTimeMillis());
    }

    /**
     * {@code POST /account/listenKey}: returns the account's live key extended, or a new one.
     *
     * @param apiKey the caller's API key
     * @return the listen key
     */
    String createListenKey(final String apiKey) {
        final long now = System.currentTimeMillis();
        for (final Map.Entry<String, ListenKey> e : listenKeys.entrySet()) {
            if (e.getValue().apiKey.equals(apiKey) && e.getValue().expiresAtMs > now) {
                e.getValue().expiresAtMs = now + options.listenKeyLifetimeMs();
                return e.getKey();
            }
        }
        final byte[] raw = new byte[16];
        random.nextBytes(raw);
        final String key = HexFormat.of().formatHex(raw);
        listenKeys.put(key, new ListenKey(apiKey, now + options.listenKeyLifetimeMs()));
        listenKeysCreated.incrementAndGet();
        return key;
    }

    /**
     * @param apiKey the caller's API key
     * @param key    the key to extend, or null for the account's newest key
     * @return the key extended, or null if it is unknown or expired
     */
    String renewListenKey(final String apiKey, final String key) {
        final long now = System.currentTimeMillis();
        String found = key;
        ListenKey k = key == null ? null : listenKeys.get(key);
        if (key == null) {
            // documented PUT carries no key: the account's newest key
            for (final Map.Entry<String, ListenKey> e : listenKeys.entrySet()) {
                final ListenKey c = e.getValue();
                if (c.apiKey.equals(apiKey) && (k == null || c.expiresAtMs > k.expiresAtMs)) {
                    k = c;
                    found = e.getKey();
                }
            }
        }
        if (k == null || !k.apiKey.equals(apiKey) || k.expiresAtMs <= now) {
            return null;
        }
        k.expiresAtMs = now + options.listenKeyLifetimeMs();
        listenKeyRenewals.incrementAndGet();
        return found;
    }

    void deleteListenKey(final String key) {
        if (key != null) {
            listenKeys.remove(key);
        }
    }

    /** @return 0 if the key is live, else the WS close code to answer (4004 not found, 4005 expired) */
    int checkListenKey(final String key) {
        final ListenKey k = listenKeys.get(key);
        if (k == null) {
            return 4004;
        }
        return k.expiresAtMs > System.currentTimeMillis() ? 0 : 4005;
    }

    VestSimAccount listenKeyAccount(final String key) {
        final ListenKey k = listenKeys.get(key);
        return k == null ? null : accounts.get(k.apiKey);
    }

    static void closeWithCode(final Channel ch, final int code, final String reason) {
        ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(f -> ch.close());
    }

    /**
     * Publishes an {@code account_private} ORDER event to the account's subscribed private streams,
     * after {@link #delayOrderEvents} if set.
     *
     * @param account the account
     * @param args    the event's {@code args}
     */
    void publishOrderEvent(final VestSimAccount account, final ObjectNode args) {
        final String msg = "{\"channel\":\"account_private\",\"data\":{\"event\":\"ORDER\",\"args\":" + args
            + "}}";
        final long delay = faults.orderEventDelayMs;
        final Runnable send = () -> {
            for (final Channel ch : streams) {
                final Set<String> subs = ch.attr(SUBSCRIPTIONS).get();
                if (ch.attr(ACCOUNT).get() == account && subs != null && subs.contains(ACCOUNT_PRIVATE)) {
                    ch.writeAndFlush(new TextWebSocketFrame(msg));
                }
            }
        };
        if (delay > 0) {
            loop.schedule(send, delay, TimeUnit.MILLISECONDS);
        } else {
            loop.execute(send);
        }
    }

    /**
     * Publishes one of our fills on {@code {symbol}@trades}.
     *
     * @param symbol market
     * @param price  price text
     * @param qty    size text
     * @param isBuy  taker side
     */
    void publishTrade(final String symbol, final String price, final String qty, final boolean isBuy) {
        final String channel = symbol + "@trades";
        final String msg = "{\"channel\":\"" + channel + "\",\"data\":{\"id\":\"" + Long.toHexString(random.nextLong())
            + "\",\"price\":\"" + price + "\",\"qty\":\"" + qty + "\",\"side\":\"" + (isBuy ? "buy" : "sell")
            + "\",\"time\":" + System.currentTimeMillis() + "}}";
        loop.execute(() -> {
            for (final Channel ch : streams) {
                final Set<String> subs = ch.attr(SUBSCRIPTIONS).get();
                if (subs != null && subs.contains(channel)) {
                    ch.writeAndFlush(new TextWebSocketFrame(msg));
                }
            }
        });
    }

    /**
     * @param symbol market
     * @return the current depth message of that market
     */
    String depthMessage(final String symbol) {
        return ladders.get(symbol).depthMessage(System.currentTimeMillis());
    }

    /** @return the current {@code tickers} message */
    String tickersMessage() {
        return tickers.message(model, step, ladders.values());
    }

    /**
     * Pays the funding of one funding hour (event loop): every open position pays {@code size × perUnit} USD
     * (longs pay a positive rate).
     *
     * @param perUnit per symbol the funding per base unit of this hour, USD ({@link VestSimTickers#onStep})
     */
    private void payFunding(final Map<String, BigDecimal> perUnit) {
        for (final Map.Entry<String, BigDecimal> e : perUnit.entrySet()) {
            final VestSimLadder l = ladders.get(e.getKey());
            for (final VestSimAccount account : accounts.values()) {
                final long position = account.position(e.getKey());
                if (position != 0) {
                    account.receiveFunding(e.getKey(), BigDecimal.valueOf(position, l.symbol.sizeDecimals())
                        .multiply(e.getValue()).negate());
                }
            }
        }
    }

    private long stepAndPublish() {
        final long next = step + 1;
        step = next;
        final long now = System.currentTimeMillis();
        final List<String> channels = new ArrayList<>(ladders.size() + 1);
        final List<String> messages = new ArrayList<>(ladders.size() + 1);
        for (final VestSimLadder ladder : ladders.values()) {
            ladder.quote(model, next);
            channels.add(ladder.symbol.symbol() + "@depth");
            messages.add(ladder.depthMessage(now));
        }
        payFunding(tickers.onStep(model, next, options.fundingHourMs(), ladders.values()));
        liquidate();
        String tickersText = null;
        final long sendNanos = System.nanoTime();
        for (final Channel ch : streams) {
            final Set<String> subs = ch.attr(SUBSCRIPTIONS).get();
            if (subs == null || subs.isEmpty()) {
                continue;
            }
            for (int i = 0; i < channels.size(); i++) {
                if (subs.contains(channels.get(i))) {
                    ch.write(new TextWebSocketFrame(Unpooled.copiedBuffer(messages.get(i), StandardCharsets.UTF_8)));
                }
            }
            if (subs.contains(TICKERS)) {
                if (tickersText == null) {
                    tickersText = tickersMessage();
                }
                ch.write(new TextWebSocketFrame(tickersText));
            }
            ch.flush();
        }
        return sendNanos;
    }

    /** A listen key: its owner and expiry (ms since the epoch; 0 once expired by a test). */
    private static final class ListenKey {
        final String apiKey;
        volatile long expiresAtMs;

        ListenKey(final String apiKey, final long expiresAtMs) {
            this.apiKey = apiKey;
            this.expiresAtMs = expiresAtMs;
        }
    }

    /** Body shape of the simulator's error answers (the three seen for Vest, protocol reference §4 Errors). */
    public enum ErrorShape {
        /** Documented: HTTP 4xx/5xx with {@code {"code":…,"msg":…}}. */
        CODE_MSG,
        /** FastAPI style: HTTP 4xx/5xx with {@code {"detail":{"code":…,"msg":…}}}. */
        DETAIL,
        /** HTTP 200 with {@code {"code":…,"msg":…}} (observed on v3). */
        HTTP_200
    }

    /**
     * One simulated market.
     *
     * <p><b>Note:</b> immutable, thread-safe.
     *
     * @param symbol        Vest symbol, e.g. {@code BTC-PERP}
     * @param sizeDecimals  size decimals (step = 10^-sizeDecimals base units)
     * @param priceDecimals price decimals (tick = 10^-priceDecimals USD)
     * @param takerFee      taker fee as a fraction of notional ({@code 0.0001} = 1 bp)
     * @param priceFactor   multiplier applied to the model mid (1.0 for the model's own market)
     */
    public record SimSymbol(String symbol, int sizeDecimals, int priceDecimals, BigDecimal takerFee,
        double priceFactor) {
        /**
         * Validates.
         *
         * @param symbol        Vest symbol
         * @param sizeDecimals  size decimals
         * @param priceDecimals price decimals
         * @param takerFee      taker fee fraction
         * @param priceFactor   multiplier of the model mid
         * @throws NullPointerException if symbol or fee is null
         */
        public SimSymbol {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(takerFee, "takerFee");
        }

        /** @return BTC-PERP with sizeDecimals 4, priceDecimals 2, takerFee 0.0001 (Vest exchangeInfo example) */
        public static SimSymbol btcPerp() {
            return new SimSymbol("BTC-PERP", 4, 2, new BigDecimal("0.0001"), 1.0);
        }
    }

    /**
     * Simulator options. Ratios in bps, sizes in base units.
     *
     * <p><b>Note:</b> immutable, thread-safe.
     *
     * @param symbols         markets quoted
     * @param ladderLevels    levels per side in every depth snapshot
     * @param halfSpreadBps   distance of the best bid/ask from the mid, bps
     * @param levelSpacingBps extra distance of each further level, bps
     * @param levelBaseSize   size of the best level, base units
     * @param sizeGrowth      each level is {@code levelBaseSize × (1 + sizeGrowth × level)}
     * @param manualStepping  {@code true}: no timer, the model moves only on {@link VestSimulator#advance()}
     * @param listenKeyLifetimeMs validity of a listen key after creation or renewal, ms (Vest: 60 minutes)
     */
    public record Options(List<SimSymbol> symbols, int ladderLevels, double halfSpreadBps, double levelSpacingBps,
        BigDecimal levelBaseSize, double sizeGrowth, boolean manualStepping, long listenKeyLifetimeMs,
        long fundingHourMs) {
        /**
         * Validates.
         *
         * @param symbols         markets quoted
         * @param ladderLevels    levels per side
         * @param halfSpreadBps   best level distance from the mid, bps
         * @param levelSpacingBps extra distance per level, bps
         * @param levelBaseSize   best level size, base units
         * @param sizeGrowth      size growth per level (fraction)
         * @param manualStepping  no timer; steps only on {@link VestSimulator#advance()}
         * @param listenKeyLifetimeMs listen-key validity, ms
         * @param fundingHourMs   simulated ms between funding payments (one Vest funding hour; 3 600 000 by default)
         * @throws IllegalArgumentException if a value is out of range
         */
        public Options {
            symbols = List.copyOf(symbols);
            if (symbols.isEmpty() || ladderLevels <= 0 || halfSpreadBps <= 0 || levelSpacingBps <= 0
                || levelBaseSize.signum() <= 0 || sizeGrowth < 0 || listenKeyLifetimeMs <= 0 || fundingHourMs <= 0) {
                throw new IllegalArgumentException("invalid Vest simulator options");
            }
        }

        /**
         * @return BTC-PERP, 20 levels, 1 bp half-spread, 2 bps apart, 0.05 BTC growing 50 % per level,
         *     timer stepping, 60-minute listen keys, funding paid every simulated hour
         */
        public static Options defaults() {
            return new Options(List.of(SimSymbol.btcPerp()), 20, 1.0, 2.0, new BigDecimal("0.05"), 0.5, false,
                3_600_000L, 3_600_000L);
        }

        /** @return a builder starting from {@link #defaults()} */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * Builder for {@link Options}.
         *
         * <p><b>Note:</b> not thread-safe.
         */
        public static final class Builder {
            private final Options d = defaults();
            private List<SimSymbol> symbols = d.symbols();
            private int ladderLevels = d.ladderLevels();
            private double halfSpreadBps = d.halfSpreadBps();
            private double levelSpacingBps = d.levelSpacingBps();
            private BigDecimal levelBaseSize = d.levelBaseSize();
            private double sizeGrowth = d.sizeGrowth();
            private boolean manualStepping = d.manualStepping();
            private long listenKeyLifetimeMs = d.listenKeyLifetimeMs();
            private long fundingHourMs = d.fundingHourMs();

            private Builder() {
            }

            /**
             * @param v simulated ms between funding payments (default 3 600 000: hourly, as on Vest); e.g. 1000
             *          pays an hour's funding every 10 steps of 100 ms
             * @return this
             */
            public Builder fundingHourMs(final long v) {
                fundingHourMs = v;
                return this;
            }

            /**
             * @param v {@code true}: no timer; the model steps only on {@link VestSimulator#advance()}
             * @return this
             */
            public Builder manualStepping(final boolean v) {
                manualStepping = v;
                return this;
            }

            /**
             * @param v listen-key validity after creation or renewal, ms (default 3 600 000)
             * @return this
             */
            public Builder listenKeyLifetimeMs(final long v) {
                listenKeyLifetimeMs = v;
                return this;
            }

            /**
             * @param v markets
             * @return this
             */
            public Builder symbols(final List<SimSymbol> v) {
                symbols = v;
                return this;
            }

            /**
             * @param v levels per side
             * @return this
             */
            public Builder ladderLevels(final int v) {
                ladderLevels = v;
                return this;
            }

            /**
             * @param v half-spread, bps
             * @return this
             */
            public Builder halfSpreadBps(final double v) {
                halfSpreadBps = v;
                return this;
            }

            /**
             * @param v level spacing, bps
             * @return this
             */
            public Builder levelSpacingBps(final double v) {
                levelSpacingBps = v;
                return this;
            }

            /**
             * @param v best level size, base units
             * @return this
             */
            public Builder levelBaseSize(final BigDecimal v) {
                levelBaseSize = v;
                return this;
            }

            /**
             * @param v size growth per level (fraction)
             * @return this
             */
            public Builder sizeGrowth(final double v) {
                sizeGrowth = v;
                return this;
            }

            /** @return the options @throws IllegalArgumentException if a value is out of range */
            public Options build() {
                return new Options(symbols, ladderLevels, halfSpreadBps, levelSpacingBps, levelBaseSize, sizeGrowth,
                    manualStepping, listenKeyLifetimeMs, fundingHourMs);
            }
        }
    }
}
