package dev.arb.vest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.AuthenticationException;
import dev.arb.api.ExchangeAdapter;
import dev.arb.api.ExchangeException;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.Fill;
import dev.arb.api.FixedPoint;
import dev.arb.vest.VestSentOrders.PreparedOrder;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MalformedMessageException;
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
import dev.arb.api.RateLimitedException;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.api.TransportException;
import dev.arb.api.VenueHealth;
import dev.arb.api.VenueStatus;
import dev.arb.api.WireTap;
import dev.arb.vest.internal.VestDepthDecoder;
import dev.arb.vest.internal.VestOrderCodec;
import dev.arb.vest.internal.VestRestClient;
import dev.arb.vest.internal.VestWsClient;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.github.resilience4j.core.IntervalFunction;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vest venue behind {@link ExchangeAdapter}: {@code {symbol}@depth} books over a Netty WebSocket,
 * orders, cancels and positions over REST with keccak/EIP-191 signatures ({@link VestSigner}).
 *
 * <p><b>Market data.</b> {@link #connect()} loads {@code GET /exchangeInfo} (one {@link MarketSpec}
 * per symbol: price scale = {@code priceDecimals}, size scale = {@code sizeDecimals}, tick and step 1
 * at those scales, min size = step, fees from {@code takerFee}/{@code makerFee}), then opens
 * {@code wsUrl&xwebsocketserver=restserver{accountGroup}} and {@code SUBSCRIBE}s
 * {@code {symbol}@depth} for every subscribed market. Each depth message is a full snapshot, decoded
 * straight from the frame's bytes into the book without allocation; a crossed snapshot invalidates the
 * book; a malformed frame is counted ({@link #malformedMessages()}) and logged once, and the
 * connection stays up; a snapshot whose levels are not strictly sorted is counted
 * ({@link #unsortedBooks()}) and invalidates the book unless {@link VestConfig#rejectUnsortedDepth()}
 * is off. {@code tickers} keeps mark, index and funding per market ({@link #ticker(String)},
 * {@link #fundingRatePerHour(String)}). A JSON
 * {@code PING} is sent every {@link VestConfig#pingIntervalMs()}; no {@code PONG} within
 * {@link VestConfig#pongTimeoutMs()} or no frame for {@link VestConfig#idleTimeoutMs()} closes the
 * connection; any unexpected close invalidates the books (stale at once) and reconnects with
 * exponential backoff and jitter ({@link VestConfig#reconnectInitialDelayMs()} doubling up to
 * {@link VestConfig#reconnectMaxDelayMs()}), resubscribing every market; {@link #isStale(String)}
 * stays true until the next snapshot. Sources: Vest API docs "WebSocket", "Public channels" (protocol
 * reference §5).
 *
 * <p><b>Account stream.</b> With an API key, {@link #connect()} also takes a listen key
 * ({@code POST /account/listenKey}), opens {@code account_private} and renews the key every
 * {@link VestConfig#listenKeyRenewIntervalMs()}; a renewal answered {@code 1125} or a close with
 * 4004/4005 creates a new key. ORDER events ({@code NEW}, {@code FILLED}, {@code CANCELLED},
 * {@code REJECTED} with its code) reach {@link OrderListener}s as {@link OrderUpdate}s, and each
 * order's fill once as a {@link Fill} (taker). Events are matched to our orders by the nonce we
 * signed. Sources: protocol reference §4 (listen key), §5 (private channel).
 *
 * <p><b>Orders.</b> Size must be a multiple of the step and at least the minimum, the limit price
 * (the slippage guard of a MARKET order) on the tick: otherwise {@link InvalidOrderException} before
 * anything is sent. Vest has no client order id, so the adapter remembers, per client order id, the
 * signed body it sent: a retry with the same client order id resends the identical signed request
 * (same time, nonce, signature), never a second order. Nonces strictly increase
 * ({@code max(nowMs, last + 1)}). A limit price off the tick is snapped on the safe side (a buy's
 * down, a sell's up). IOC and MARKET orders complete once terminal: when the acknowledgement lacks
 * fill data the adapter waits up to {@link VestConfig#streamFillWaitMs()} for the order's terminal
 * event on the account stream, then polls {@code GET /orders?id=} up to
 * {@link VestConfig#orderPollAttempts()} times, then the future fails with
 * {@link ExchangeTimeoutException} (outcome unknown: {@link #orderStatus(String, String)} resolves it
 * by the signed nonce). A rate-limit answer (HTTP 429 / {@code 1003}: not executed) is resent unchanged
 * after a backoff, at most {@link VestConfig#rateLimitRetries()} times within the receive window. An IOC order that Vest reports
 * {@code FILLED} for less than its size is reported {@code CANCELED} with the partial filled size.
 * After a {@link TransportException} or {@link ExchangeTimeoutException} the outcome is unknown:
 * retry with the same client order id (identical request, so at most one order) within
 * {@link VestConfig#recvWindowMs()}, or look the order up; after the receive window Vest refuses the
 * old request ({@code ORDER_EXPIRED 1132}, an {@link dev.arb.api.OrderRejectedException}) even if the
 * first attempt was executed. POST_ONLY is refused (Vest is taker-only). Client-side rate limits
 * ({@link VestConfig#ordersPerSecond()}, {@link VestConfig#restCallsPerSecond()}) delay requests and
 * fail with {@link dev.arb.api.RateLimitedException} when the wait would exceed the request timeout.
 * Sources: protocol reference §3 (signing), §4 (REST, errors), §6 (taker-only).
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
 * <p><b>Note:</b> thread-safe. Books are written, and listeners called, on one event-loop thread (of
 * {@link VestConfig#eventLoopGroup()} when shared, else the adapter's own); REST futures complete on
 * the JDK HTTP client's threads.
 */
public final class VestAdapter implements ExchangeAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(VestAdapter.class);
    private static final String VENUE = "vest";

    private final VestConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final VestRestClient rest;
    private final VestOrderCodec codec = new VestOrderCodec(json);
    private final VestSigner signer;
    private final EventLoopGroup group;
    private final io.netty.channel.EventLoop loop;
    private final boolean ownsGroup;
    private final URI streamUri;

    private final Map<String, MarketBook> subscriptions = new ConcurrentHashMap<>();
    private volatile MarketBook[] books = new MarketBook[0];
    private volatile Map<String, MarketSpec> specs;
    private volatile VestWsClient ws;
    private volatile boolean connected;
    private CompletableFuture<Void> connecting;

    private final VestDepthDecoder decoder = new VestDepthDecoder();
    private byte[] frameScratch = new byte[8192];

    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong crossed = new AtomicLong();
    private final AtomicLong listenerErrors = new AtomicLong();
    private final AtomicLong pongs = new AtomicLong();
    private final AtomicBoolean malformedLogged = new AtomicBoolean();
    private final AtomicBoolean crossedLogged = new AtomicBoolean();
    private final AtomicBoolean listenerErrorLogged = new AtomicBoolean();
    private final AtomicLong lastNonce = new AtomicLong();
    private final AtomicLong unsorted = new AtomicLong();
    private final AtomicBoolean unsortedLogged = new AtomicBoolean();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong rateLimitRetries = new AtomicLong();
    private final AtomicLong orderListenerErrors = new AtomicLong();
    private final AtomicBoolean orderListenerErrorLogged = new AtomicBoolean();
    private final AtomicLong untrackedEvents = new AtomicLong();
    private final VestOrderTracker tracker = new VestOrderTracker();
    private final List<OrderListener> orderListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<VestTrade>> tradeListeners =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, VestTicker> tickers = new ConcurrentHashMap<>();
    /** Per symbol, the last {@code oneHrFundingRate} of {@code tickers}; one slot per symbol, written in place. */
    private final Map<String, FundingSlot> funding = new ConcurrentHashMap<>();
    private final VestAccountStream accountStream;
    private volatile WireTap wireTap;
    private volatile boolean wantConnected;
    /** Bumped by {@link #disconnect()}: an automatic reconnect scheduled before it must not run after it. */
    private volatile long streamGeneration;
    private volatile int lastCloseCode = -1;
    private int reconnectAttempt;
    private static final byte[] TICKERS_CHANNEL = "tickers".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final VestSentOrders sentOrders = new VestSentOrders();

    /**
     * @param config endpoints, credentials and limits
     * @throws IllegalArgumentException if the signing key is malformed
     */
    public VestAdapter(final VestConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.rest = new VestRestClient(config.restBaseUrl(), config.accountGroup(), config.apiKey(),
            config.requestTimeoutMs(), config.ordersPerSecond(), config.restCallsPerSecond(), json,
            System::currentTimeMillis);
        this.signer = config.signingKey() == null ? null : VestSigner.fromPrivateKey(config.signingKey());
        if (config.eventLoopGroup() != null) {
            group = config.eventLoopGroup();
            ownsGroup = false;
        } else {
            group = new NioEventLoopGroup(1, new DefaultThreadFactory("vest-md", true));
            ownsGroup = true;
        }
        loop = group.next();
        final String ws = config.wsUrl();
        streamUri = URI.create(ws + (ws.indexOf('?') >= 0 ? '&' : '?') + "xwebsocketserver=restserver"
            + config.accountGroup());
        decoder.rejectUnsorted(config.rejectUnsortedDepth());
        accountStream = config.apiKey() != null && config.accountStream()
            ? new VestAccountStream(config, rest, loop, json, streamUri.toString(), new AccountSink()) : null;
    }

    /** @return {@code "vest"} */
    @Override
    public String venue() {
        return VENUE;
    }

    /** @return the address of the configured signing key, or null when none is configured */
    public String signerAddress() {
        return signer == null ? null : signer.address();
    }

    /** @return frames that could not be parsed since construction (each logged only the first time) */
    public long malformedMessages() {
        return malformed.get();
    }

    /** @return depth snapshots that arrived crossed (best bid ≥ best ask) and invalidated their book */
    public long crossedBooks() {
        return crossed.get();
    }

    /** @return exceptions thrown by {@link OrderBookListener}s (counted, logged once) */
    public long listenerErrors() {
        return listenerErrors.get();
    }

    /** @return depth snapshots rejected because their levels were not strictly sorted */
    public long unsortedBooks() {
        return unsorted.get();
    }

    /** Vest has no book sequence numbers (gaps 0); decode errors are the malformed messages. */
    @Override
    public VenueHealth health() {
        return new VenueHealth(reconnects.get(), malformed.get(), 0, rateLimitRetries.get());
    }

    /** @return automatic reconnections of the market-data stream started after unexpected closes */
    public long reconnects() {
        return reconnects.get();
    }

    /** @return orders resent after a rate-limit answer (HTTP 429 / 1003) */
    public long rateLimitRetries() {
        return rateLimitRetries.get();
    }

    /** @return listen keys obtained with {@code POST /account/listenKey} (0 without an account stream) */
    public long listenKeysCreated() {
        return accountStream == null ? 0 : accountStream.listenKeysCreated();
    }

    /** @return successful listen-key renewals ({@code PUT /account/listenKey}) */
    public long listenKeyRenewals() {
        return accountStream == null ? 0 : accountStream.listenKeyRenewals();
    }

    /** @return ORDER events received on the account stream */
    public long orderEvents() {
        return accountStream == null ? 0 : accountStream.orderEvents();
    }

    /** @return {@code true} while the {@code account_private} stream is open */
    public boolean isAccountStreamOpen() {
        return accountStream != null && accountStream.isOpen();
    }

    /**
     * @param symbol market symbol
     * @return the last {@code tickers} entry for it (mark, index, funding), or null if none yet
     */
    public VestTicker ticker(final String symbol) {
        return tickers.get(symbol);
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
        final FundingSlot slot = funding.get(market);
        return slot == null ? Double.NaN : slot.perHour;
    }

    /** @return {@code {"data":"PONG"}} answers received */
    public long pongsReceived() {
        return pongs.get();
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
    public synchronized CompletableFuture<Void> connect() {
        if (connecting != null && !connecting.isCompletedExceptionally() && (!connecting.isDone() || connected)) {
            return connecting;
        }
        wantConnected = true;
        connecting = loadMarketsInternal().thenCompose(v -> seedNonce()).thenCompose(v -> openStream()).thenCompose(v -> accountStream == null
            || accountStream.isOpen() ? CompletableFuture.completedFuture(null) : accountStream.start());
        return connecting;
    }

    /**
     * Loads the markets ({@code GET /exchangeInfo}) without opening the stream, for order entry without
     * market data; {@link #connect()} does this itself.
     *
     * @return the markets; fails with {@link TransportException}, {@link ExchangeTimeoutException} or
     *     {@link MalformedMessageException}
     */
    public CompletableFuture<java.util.Collection<MarketSpec>> loadMarkets() {
        return loadMarketsInternal().thenApply(v -> specs.values());
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        final VestWsClient current;
        synchronized (this) {
            connecting = null;
            current = ws;
            ws = null;
            wantConnected = false;
            streamGeneration++;
        }
        connected = false;
        final CompletableFuture<Void> account = accountStream == null ? CompletableFuture.completedFuture(null)
            : accountStream.stop();
        if (current == null) {
            return account;
        }
        return current.close().thenCombine(account, (a, b) -> (Void) null).thenCompose(v -> onLoop(this::invalidateAll));
    }

    @Override
    public CompletableFuture<Void> reconnect() {
        return disconnect().thenCompose(v -> connect());
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public MarketSpec marketSpec(final String market) {
        final Map<String, MarketSpec> s = specs;
        if (s == null) {
            throw new IllegalStateException("connect() has not completed");
        }
        final MarketSpec spec = s.get(market);
        if (spec == null) {
            throw new InvalidOrderException(VENUE, "1121", "unknown Vest market " + market);
        }
        return spec;
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
        final Map<String, MarketSpec> s = specs;
        if (s != null && !s.containsKey(market)) {
            throw new InvalidOrderException(VENUE, "1121", "unknown Vest market " + market);
        }
        final boolean[] created = new boolean[1];
        final MarketBook mb;
        synchronized (subscriptions) {
            mb = subscriptions.computeIfAbsent(market, m -> {
                created[0] = true;
                return new MarketBook(m);
            });
            final OrderBookListener[] old = mb.listeners;
            final OrderBookListener[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = listener;
            mb.listeners = grown;
            if (created[0]) {
                books = subscriptions.values().toArray(new MarketBook[0]);
            }
        }
        final Map<String, MarketSpec> loaded = specs; // re-read: connect() may have loaded markets meanwhile
        if (loaded != null && loaded.containsKey(market) && mb.init(loaded.get(market))) {
            final VestWsClient current = ws;
            if (current != null && connected) {
                subscribe(current, new MarketBook[] {mb});
            }
        }
    }

    @Override
    public OrderBook orderBook(final String market) {
        final MarketBook mb = subscriptions.get(market);
        return mb == null ? null : mb.book;
    }

    @Override
    public long bookAgeMs(final String market) {
        final MarketBook mb = subscriptions.get(market);
        if (mb == null || !mb.received) {
            return Long.MAX_VALUE;
        }
        return (System.nanoTime() - mb.lastReceivedNanos) / 1_000_000L;
    }

    @Override
    public boolean isStale(final String market) {
        final MarketBook mb = subscriptions.get(market);
        return mb == null || !connected || !mb.valid || bookAgeMs(market) > config.maxBookAgeMs();
    }

    @Override
    public CompletableFuture<OrderUpdate> placeOrder(final OrderRequest request) {
        final MarketSpec spec;
        final PreparedOrder prepared;
        final OrderRequest snapped;
        try {
            spec = specOrFail(request.market());
            snapped = snapToTick(request, spec);
            validate(snapped, spec);
            prepared = prepare(snapped, spec);
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final OrderRequest r = prepared.request;
        final VestOrderTracker.Tracked tracked = tracker.track(r, spec, prepared.nonce, prepared.timeMs);
        final boolean immediate = r.type() == OrderType.MARKET || r.timeInForce() == TimeInForce.IOC;
        return postOrder(prepared, 0).handle((answer, err) -> {
            if (err == null) {
                return afterAck(answer, tracked, spec, r, immediate);
            }
            final Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof OrderRejectedException dup && "3015".equals(dup.venueCode())) {
                // DUPLICATE: the venue already has this very signed order (a resend after a lost answer)
                LOG.info("Vest answered DUPLICATE (3015) for client order id {}: looking the order up by nonce",
                    r.clientOrderId());
                return lookupByNonce(prepared, spec, false);
            }
            return CompletableFuture.<OrderUpdate>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    /** After the acknowledgement: terminal now, or from the private stream, or by bounded polling. */
    private CompletableFuture<OrderUpdate> afterAck(final JsonNode answer, final VestOrderTracker.Tracked tracked,
        final MarketSpec spec, final OrderRequest r, final boolean immediate) {
        final JsonNode ack = VestOrderCodec.orderNode(answer, null);
        tracker.attachId(tracked, ack.path("id").asText(null));
        final OrderUpdate update = codec.toUpdate(ack, spec, r, System.currentTimeMillis());
        if (!immediate || update.status().isTerminal()) {
            return CompletableFuture.completedFuture(update);
        }
        if (accountStream == null || !accountStream.isOpen() || config.streamFillWaitMs() == 0) {
            return poll(update.venueOrderId(), spec, r, config.orderPollAttempts());
        }
        return tracked.terminal.copy().orTimeout(config.streamFillWaitMs(), TimeUnit.MILLISECONDS)
            .handle((event, err) -> {
                if (err != null || event == null) {
                    return poll(update.venueOrderId(), spec, r, config.orderPollAttempts());
                }
                final OrderUpdate u = codec.update(event, spec, r, System.currentTimeMillis());
                if (u.status() == OrderStatus.REJECTED) {
                    return CompletableFuture.<OrderUpdate>failedFuture(VestOrderCodec.rejected(u));
                }
                if (u.status() == OrderStatus.CANCELED && !event.hasNonNull("lastFilledSize")) {
                    // a CANCELLED event carries no fill fields (protocol reference §5): ask for them
                    return poll(update.venueOrderId(), spec, r, config.orderPollAttempts());
                }
                return CompletableFuture.completedFuture(u);
            }).thenCompose(f -> f);
    }

    /**
     * Sends a prepared order; a rate-limit answer (the venue did not execute it) is retried with the
     * identical signed body after an exponential backoff (or {@code Retry-After} if longer), at most
     * {@link VestConfig#rateLimitRetries()} times and only while the order's receive window is open.
     */
    private CompletableFuture<JsonNode> postOrder(final PreparedOrder prepared, final int attempt) {
        return rest.postOrder("/orders", prepared.body).handle((answer, err) -> {
            if (err == null) {
                return CompletableFuture.completedFuture(answer);
            }
            final Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof RateLimitedException rl && attempt < config.rateLimitRetries()) {
                final long delay = Math.max(rl.retryAfterMs(), IntervalFunction.ofExponentialRandomBackoff(
                    config.rateLimitBackoffMs(), 2.0, 0.2, config.rateLimitBackoffMs() << 4).apply(attempt + 1));
                if (System.currentTimeMillis() + delay < prepared.timeMs + config.recvWindowMs()) {
                    rateLimitRetries.incrementAndGet();
                    LOG.info("Vest rate-limited an order (code {}): resending it unchanged in {} ms", rl.venueCode(),
                        delay);
                    return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                        .thenCompose(x -> postOrder(prepared, attempt + 1));
                }
            }
            return CompletableFuture.<JsonNode>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    /** Snaps the limit price to the tick on the safe side: a buy's worst price down, a sell's up. */
    private static OrderRequest snapToTick(final OrderRequest r, final MarketSpec spec) {
        if (r.limitPrice() <= 0 || r.limitPrice() % spec.tickSize() == 0) {
            return r;
        }
        final long snapped = spec.snapPriceToTick(r.limitPrice(), r.side());
        if (snapped <= 0) {
            throw new InvalidOrderException(VENUE, null, "limit price below one tick");
        }
        return OrderRequest.builder().market(r.market()).side(r.side()).type(r.type()).timeInForce(r.timeInForce())
            .size(r.size()).limitPrice(snapped).reduceOnly(r.reduceOnly()).clientOrderId(r.clientOrderId()).build();
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
        final MarketSpec spec;
        final PreparedOrder prepared;
        try {
            spec = specOrFail(market);
            prepared = preparedFor(clientOrderId);
            if (!prepared.request.market().equals(market)) {
                throw new InvalidOrderException(VENUE, null, "client order id " + clientOrderId + " is for "
                    + prepared.request.market());
            }
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return lookupByNonce(prepared, spec, true);
    }

    private CompletableFuture<OrderUpdate> lookupByNonce(final PreparedOrder prepared, final MarketSpec spec,
        final boolean mayWait) {
        final String query = "nonce=" + prepared.nonce + "&symbol=" + urlEncode(prepared.request.market());
        return rest.getPrivate("/orders", query).thenCompose(answer -> {
            for (final JsonNode o : answer.isArray() ? answer : json.createArrayNode().add(answer)) {
                if (o.path("nonce").asLong(-1) == prepared.nonce) {
                    final VestOrderTracker.Tracked t = tracker.track(prepared.request, spec, prepared.nonce,
                        prepared.timeMs);
                    tracker.attachId(t, o.path("id").asText(null));
                    return CompletableFuture.completedFuture(codec.update(o, spec, prepared.request,
                        System.currentTimeMillis()));
                }
            }
            final long windowEnd = prepared.timeMs + config.recvWindowMs() + 1000;
            final long wait = windowEnd - System.currentTimeMillis();
            if (mayWait && wait > 0) {
                return CompletableFuture.supplyAsync(() -> null,
                    CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
                    .thenCompose(x -> lookupByNonce(prepared, spec, false));
            }
            return CompletableFuture.failedFuture(new OrderRejectedException(VENUE, "NOT_FOUND", "Vest has no order "
                + "with nonce " + prepared.nonce + " (client order id " + prepared.request.clientOrderId() + ")"));
        });
    }

    private PreparedOrder preparedFor(final String clientOrderId) {
        final PreparedOrder p = sentOrders.get(clientOrderId);
        if (p == null) {
            throw new InvalidOrderException(VENUE, null, "client order id " + clientOrderId + " was not placed by "
                + "this adapter (Vest has no client order ids; only ids sent by this instance can be resolved)");
        }
        return p;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Resolves the venue order id from the client order id (see {@link #orderStatus}), then
     * {@link #cancelOrder}.
     */
    @Override
    public CompletableFuture<Void> cancelOrderByClientId(final String market, final String clientOrderId) {
        final PreparedOrder prepared;
        try {
            specOrFail(market);
            prepared = preparedFor(clientOrderId);
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final VestOrderTracker.Tracked t = tracker.byNonce(prepared.nonce);
        if (t != null && t.venueId != null) {
            return cancelOrder(market, t.venueId);
        }
        return orderStatus(market, clientOrderId).thenCompose(u -> cancelOrder(market, u.venueOrderId()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code GET /orders?status=NEW} (Vest is taker-only: only GTC LIMIT orders waiting for their
     * trigger are ever open).
     */
    @Override
    public CompletableFuture<List<OrderUpdate>> openOrders(final String market) {
        final Map<String, MarketSpec> s;
        try {
            s = loadedSpecs();
            if (market != null) {
                specOrFail(market);
            }
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final String query = "status=NEW" + (market == null ? "" : "&symbol=" + urlEncode(market));
        return rest.getPrivate("/orders", query).thenApply(answer -> {
            final List<OrderUpdate> out = new ArrayList<>();
            final long now = System.currentTimeMillis();
            for (final JsonNode o : answer) {
                final MarketSpec spec = s.get(o.path("symbol").asText());
                if (spec != null && "NEW".equals(o.path("status").asText())) {
                    out.add(toUpdate(o, spec, now));
                }
            }
            return out;
        });
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
        final Map<String, MarketSpec> s;
        try {
            s = loadedSpecs();
            if (market != null) {
                specOrFail(market);
            }
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final String query = "startTime=" + sinceEpochMs + "&limit=1000"
            + (market == null ? "" : "&symbol=" + urlEncode(market));
        return rest.getPrivate("/orders", query).thenApply(answer -> {
            final List<Fill> out = new ArrayList<>();
            final long now = System.currentTimeMillis();
            for (final JsonNode o : answer) {
                final MarketSpec spec = s.get(o.path("symbol").asText());
                if (spec == null || !o.hasNonNull("lastFilledSize")) {
                    continue;
                }
                final OrderUpdate u = toUpdate(o, spec, now);
                if (u.filledSize() > 0 && u.timestampMs() >= sinceEpochMs) {
                    out.add(new Fill(VENUE, u.market(), u.venueOrderId(), u.clientOrderId(), u.side(), u.avgFillPrice(),
                        u.filledSize(), u.feeUsd(), dev.arb.api.Liquidity.TAKER, u.timestampMs()));
                }
            }
            out.sort(java.util.Comparator.comparingLong(Fill::timestampMs));
            return out;
        });
    }

    /** Maps a venue order, using our request (and client order id) when we placed it. */
    private OrderUpdate toUpdate(final JsonNode o, final MarketSpec spec, final long now) {
        final VestOrderTracker.Tracked t = tracker.match(o);
        return t != null ? codec.update(o, spec, t.request, now) : codec.fromVenue(o, spec, null, now);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Vest: one {@code GET /account} (Vest documents no position or balance push, protocol reference §5):
     * {@code totalAccountValue}, {@code totalMaintMargin} and each position's {@code markPrice} and {@code liqPrice}
     * (§4; see {@code VestMarginDecoder}).
     */
    @Override
    public CompletableFuture<dev.arb.api.MarginState> marginState() {
        return rest.getPrivate("/account", "").thenApply(account -> dev.arb.vest.internal.VestMarginDecoder.margin(
            account, System.currentTimeMillis()));
    }

    /** {@inheritDoc} <p>{@code GET /account}: {@code isLong} + size, zero sizes skipped. */
    @Override
    public CompletableFuture<List<Position>> positions() {
        final Map<String, MarketSpec> s;
        try {
            s = loadedSpecs();
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return rest.getPrivate("/account", "").thenApply(account -> VestOrderCodec.positions(account, s));
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
        try {
            specOrFail(market);
            if (leverage < 1 || leverage > 100) {
                throw new InvalidOrderException(VENUE, null, "leverage must be 1..100, got " + leverage);
            }
            if (config.apiKey() == null) {
                throw new AuthenticationException(VENUE, null, "Vest API key required");
            }
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final long time = System.currentTimeMillis();
        final com.fasterxml.jackson.databind.node.ObjectNode body = json.createObjectNode().put("time", time)
            .put("symbol", market).put("value", leverage);
        if (config.signLeverage()) {
            try {
                requireSigner();
            } catch (ExchangeException e) {
                return CompletableFuture.failedFuture(e);
            }
            final long nonce = nextNonce(time);
            body.put("nonce", nonce).put("signature",
                dev.arb.vest.internal.VestLeverageSigning.sign(config.signingKey(), time, nonce, market, leverage));
        }
        return rest.sendPrivate("POST", "/account/leverage", body.toString()).thenAccept(answer -> {
            if (answer.has("value") && answer.get("value").asInt() != leverage) {
                throw new MalformedMessageException(VENUE, null, "Vest set leverage " + answer.get("value").asInt()
                    + " instead of " + leverage);
            }
        });
    }

    /**
     * Receives public trades ({@code {symbol}@trades}) of every subscribed market, on the event-loop
     * thread. Add before {@link #connect()}: the trade channels are subscribed only when a listener
     * exists (trades are parsed with Jackson, off the depth hot path).
     *
     * @param listener called per trade; exceptions are counted in {@link #listenerErrors()}
     */
    public void addTradeListener(final java.util.function.Consumer<VestTrade> listener) {
        tradeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * {@code GET /account} balances.
     *
     * @return total balance per asset (e.g. {@code USDC}), in that asset's units; fails like
     *     {@link #positions()}
     */
    public CompletableFuture<Map<String, BigDecimal>> balances() {
        return rest.getPrivate("/account", "").thenApply(account -> {
            final Map<String, BigDecimal> out = new java.util.TreeMap<>();
            for (final JsonNode b : account.path("balances")) {
                try {
                    out.put(b.path("asset").asText(), new BigDecimal(b.path("total").asText()));
                } catch (NumberFormatException e) {
                    throw new MalformedMessageException(VENUE, null, "balance is not a decimal", e);
                }
            }
            return out;
        });
    }

    @Override
    public void addOrderListener(final OrderListener listener) {
        orderListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void setWireTap(final WireTap tap) {
        wireTap = tap;
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
        if (specs == null) {
            return VenueStatus.UNKNOWN;
        }
        return !connected && lastCloseCode == 1012 ? VenueStatus.MAINTENANCE : VenueStatus.OK;
    }

    private Map<String, MarketSpec> loadedSpecs() {
        final Map<String, MarketSpec> s = specs;
        if (s == null) {
            throw new TransportException(VENUE, null, "Vest adapter not connected: call connect() first");
        }
        return s;
    }

    private static String urlEncode(final String v) {
        return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Private-stream events: order updates and fills to listeners, terminal events to waiting placements. */
    private final class AccountSink implements VestAccountStream.Sink {
        @Override
        public void onRawFrame(final ByteBuf content, final long receivedNanos) {
            final WireTap tap = wireTap;
            if (tap != null) {
                final byte[] copy = new byte[content.readableBytes()];
                content.getBytes(content.readerIndex(), copy);
                tap.onFrame(VENUE, receivedNanos, false, copy, 0, copy.length);
            }
        }

        @Override
        public void onOrderEvent(final JsonNode args, final long receivedNanos) {
            final long now = System.currentTimeMillis();
            final VestOrderTracker.Tracked t = tracker.match(args);
            final OrderUpdate u;
            if (t != null) {
                u = codec.update(args, t.spec, t.request, now);
                if (u.filledSize() > 0) {
                    t.lastFilled = u.filledSize();
                }
                if (u.status().isTerminal()) {
                    t.terminal.complete(args);
                }
            } else {
                final Map<String, MarketSpec> s = specs;
                final MarketSpec spec = s == null ? null : s.get(args.path("symbol").asText());
                if (spec == null || !args.hasNonNull("size")) {
                    untrackedEvents.incrementAndGet();
                    return;
                }
                u = codec.fromVenue(args, spec, null, now);
            }
            for (final OrderListener l : orderListeners) {
                try {
                    l.onOrderUpdate(u);
                    if (u.status().isTerminal() && u.filledSize() > 0 && (t == null || !t.fillReported)) {
                        l.onFill(new Fill(VENUE, u.market(), u.venueOrderId(), u.clientOrderId(), u.side(),
                            u.avgFillPrice(), u.filledSize(), u.feeUsd(), dev.arb.api.Liquidity.TAKER, u.timestampMs()));
                    }
                } catch (RuntimeException e) {
                    orderListenerErrors.incrementAndGet();
                    if (orderListenerErrorLogged.compareAndSet(false, true)) {
                        LOG.warn("Vest order listener threw (logged once)", e);
                    }
                }
            }
            if (t != null && u.status().isTerminal() && u.filledSize() > 0) {
                t.fillReported = true;
            }
        }
    }

    @Override
    public CompletableFuture<Void> cancelOrder(final String market, final String venueOrderId) {
        try {
            specOrFail(market);
            requireSigner();
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final long time = System.currentTimeMillis();
        final long nonce = nextNonce(time);
        final VestSignature sig = signer.signCancel(time, nonce, venueOrderId);
        final String body = codec.cancelBody(time, nonce, venueOrderId, config.recvWindowMs(), sig.signatureHex());
        return rest.postOrder("/orders/cancel", body).thenApply(answer -> null);
    }

    @Override
    public CompletableFuture<Position> position(final String market) {
        final MarketSpec spec;
        try {
            spec = specOrFail(market);
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return rest.getPrivate("/account", "").thenApply(account -> VestOrderCodec.position(account, spec));
    }

    @Override
    public void close() {
        try {
            disconnect().get(config.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("Vest disconnect on close failed", e);
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------- connection

    private CompletableFuture<Void> loadMarketsInternal() {
        return rest.getPublic("/exchangeInfo").thenAccept(info -> {
            final Map<String, MarketSpec> loaded = new HashMap<>();
            for (final JsonNode s : info.path("symbols")) {
                final MarketSpec spec = toSpec(s);
                loaded.put(spec.symbol(), spec);
            }
            if (loaded.isEmpty()) {
                throw new MalformedMessageException(VENUE, null, "exchangeInfo lists no symbols");
            }
            specs = Map.copyOf(loaded);
            for (final MarketBook mb : books) {
                final MarketSpec spec = loaded.get(mb.symbol);
                if (spec == null) {
                    LOG.warn("Vest has no market {}; its subscription is ignored", mb.symbol);
                } else if (mb.book == null) {
                    mb.init(spec);
                }
            }
        });
    }

    /**
     * One market from {@code GET /exchangeInfo}: scales from {@code priceDecimals}/{@code sizeDecimals},
     * step = minimum size = 1e-sizeDecimals (Vest docs), tick = 1e-priceDecimals unless the answer has
     * a coarser {@code minTickSize} (seen on v3, protocol reference §4, open question §9.13).
     */
    /**
     * Starts the nonce sequence above the venue's {@code lastNonce} ({@code GET /account/nonce}), so
     * that a restarted process never reuses a nonce it signed before (nonces are ms timestamps and may
     * run ahead of the clock in a burst). Best effort: a failure is logged and ignored.
     */
    private CompletableFuture<Void> seedNonce() {
        if (config.apiKey() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return rest.getPrivate("/account/nonce", "").handle((answer, err) -> {
            if (err != null) {
                LOG.warn("Vest GET /account/nonce failed; nonces start at the clock: {}",
                    err instanceof CompletionException && err.getCause() != null ? err.getCause().getMessage()
                        : err.getMessage());
            } else {
                final long venueLast = answer.path("lastNonce").asLong(0);
                lastNonce.accumulateAndGet(venueLast, Math::max);
            }
            return null;
        });
    }

    /** @return the last nonce used or seen (ms-timestamp based, strictly increasing) */
    public long lastNonce() {
        return lastNonce.get();
    }

    // package-private: fuzzed by VestFuzzTest
    static MarketSpec toSpec(final JsonNode s) {
        final int priceScale = s.path("priceDecimals").asInt();
        long tick = 1;
        if (s.hasNonNull("minTickSize")) {
            try {
                tick = Math.max(1, FixedPoint.fromBigDecimal(new BigDecimal(s.get("minTickSize").asText()), priceScale));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new MalformedMessageException(VENUE, null, "minTickSize not at priceDecimals for "
                    + s.path("symbol").asText(), e);
            }
        }
        try {
            final MarketSpec.Builder b = MarketSpec.builder().venue(VENUE).symbol(s.path("symbol").asText())
                .baseAsset(s.path("base").asText(s.path("symbol").asText()))
                .priceScale(priceScale).sizeScale(s.path("sizeDecimals").asInt())
                .tickSize(tick).stepSize(1).minSize(1)
                .takerFeeRate(new BigDecimal(s.path("takerFee").asText("0")));
            if (s.hasNonNull("makerFee")) {
                b.makerFeeRate(new BigDecimal(s.get("makerFee").asText()));
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a fee that is not a decimal, scales out of range (found by fuzzing, RELIABILITY.md)
            throw new MalformedMessageException(VENUE, null, "exchangeInfo entry for " + s.path("symbol").asText()
                + " has unusable rules: " + e.getMessage(), e);
        }
    }

    private CompletableFuture<Void> openStream() {
        final StreamHandler handler = new StreamHandler();
        final VestWsClient client = new VestWsClient(loop, streamUri, handler, config.pingIntervalMs(),
            config.requestTimeoutMs(), config.pongTimeoutMs(), config.idleTimeoutMs());
        handler.client = client;
        final VestWsClient previous;
        synchronized (this) {
            previous = ws;
            ws = client;
        }
        if (previous != null) {
            previous.close(); // a connect() retried after a partial failure: never leave two streams open
        }
        return client.open().handle((v, err) -> {
            if (err != null) {
                final Throwable cause = err instanceof CompletionException && err.getCause() != null
                    ? err.getCause() : err;
                if (cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof io.netty.channel.ConnectTimeoutException) {
                    throw new ExchangeTimeoutException(VENUE, null, "Vest WebSocket connect timed out", cause);
                }
                throw new TransportException(VENUE, null, "Vest WebSocket connect failed: " + cause, cause);
            }
            return null;
        });
    }

    private void subscribe(final VestWsClient client, final MarketBook[] targets) {
        final StringBuilder sb = new StringBuilder("{\"method\":\"SUBSCRIBE\",\"params\":[");
        int n = 0;
        if (config.subscribeTickers() && targets == books) {
            sb.append("\"tickers\"");
            n++;
        }
        for (final MarketBook mb : targets) {
            if (mb.book == null) {
                continue;
            }
            sb.append(n++ == 0 ? "" : ",").append('"').append(mb.symbol).append("@depth\"");
            if (!tradeListeners.isEmpty()) {
                sb.append(",\"").append(mb.symbol).append("@trades\"");
            }
        }
        if (n == 0) {
            return;
        }
        sb.append("],\"id\":").append(client.nextRequestId()).append('}');
        client.send(sb.toString());
    }

    private CompletableFuture<Void> onLoop(final Runnable task) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        if (loop.isShuttingDown()) {
            task.run();
            done.complete(null);
            return done;
        }
        loop.execute(() -> {
            try {
                task.run();
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private void invalidateAll() {
        for (final MarketBook mb : books) {
            mb.valid = false;
            if (mb.book != null && mb.book.isValid()) {
                mb.book.invalidate();
                notifyListeners(mb);
            }
        }
    }

    private void notifyListeners(final MarketBook mb) {
        for (final OrderBookListener l : mb.listeners) {
            try {
                l.onOrderBook(mb.book);
            } catch (RuntimeException e) {
                listenerErrors.incrementAndGet();
                if (listenerErrorLogged.compareAndSet(false, true)) {
                    LOG.warn("Vest order book listener threw (logged once, counted in listenerErrors())", e);
                }
            }
        }
    }

    /**
     * Decodes one frame into its book and notifies listeners. Runs on the event-loop thread for every
     * frame; package-private so that tests can drive it directly.
     */
    void onFrame(final ByteBuf content, final long receivedNanos) {
        final int length = content.readableBytes();
        final byte[] bytes;
        final int offset;
        if (content.hasArray()) {
            bytes = content.array();
            offset = content.arrayOffset() + content.readerIndex();
        } else {
            if (frameScratch.length < length) {
                frameScratch = new byte[Math.max(length, frameScratch.length * 2)];
            }
            content.getBytes(content.readerIndex(), frameScratch, 0, length);
            bytes = frameScratch;
            offset = 0;
        }
        final WireTap tap = wireTap;
        if (tap != null) {
            tap.onFrame(VENUE, receivedNanos, false, bytes, offset, length);
        }
        try {
            final int kind = decoder.scan(bytes, offset, length);
            if (kind == VestDepthDecoder.FRAME_CONTROL) {
                onControl(bytes, offset, length);
                return;
            }
            if (!decoder.isDepthChannel()) {
                if (decoder.channelEquals(TICKERS_CHANNEL)) {
                    onTickers(bytes, offset, length);
                } else if (!tradeListeners.isEmpty()) {
                    for (final MarketBook mb : books) {
                        if (decoder.channelEquals(mb.tradesChannel)) {
                            onTrade(mb.symbol, bytes, offset, length);
                            break;
                        }
                    }
                }
                return;
            }
            final MarketBook[] current = books;
            for (final MarketBook mb : current) {
                if (mb.book != null && decoder.channelEquals(mb.channel)) {
                    final int result = decoder.applyDepth(mb.book, receivedNanos);
                    mb.lastReceivedNanos = receivedNanos;
                    mb.received = true;
                    mb.valid = result == VestDepthDecoder.APPLIED;
                    if (result == VestDepthDecoder.UNSORTED) {
                        unsorted.incrementAndGet();
                        if (unsortedLogged.compareAndSet(false, true)) {
                            LOG.warn("Vest {} depth snapshot not sorted: book invalidated (logged once, counted in "
                                + "unsortedBooks())", mb.symbol);
                        }
                    }
                    if (result == VestDepthDecoder.CROSSED) {
                        crossed.incrementAndGet();
                        if (crossedLogged.compareAndSet(false, true)) {
                            LOG.warn("Vest {} depth snapshot crossed: book invalidated (logged once, counted in "
                                + "crossedBooks())", mb.symbol);
                        }
                    }
                    notifyListeners(mb);
                    return;
                }
            }
        } catch (MalformedMessageException e) {
            malformed.incrementAndGet();
            if (malformedLogged.compareAndSet(false, true)) {
                LOG.warn("malformed Vest frame ignored (logged once, counted in malformedMessages()): {}",
                    dev.arb.api.UntrustedText.forLog(e.getMessage()));
            }
        }
    }

    private void onControl(final byte[] bytes, final int offset, final int length) {
        final JsonNode node;
        try {
            node = json.readTree(bytes, offset, length);
        } catch (java.io.IOException e) {
            throw new MalformedMessageException(VENUE, null, "control frame is not JSON", e);
        }
        if ("PONG".equals(node.path("data").asText(null))) {
            pongs.incrementAndGet();
            final VestWsClient current = ws;
            if (current != null) {
                current.pongReceived();
            }
        } else if (node.has("error") || node.has("code")) {
            LOG.warn("Vest stream error answer: {}", node);
        }
    }

    private void onTickers(final byte[] bytes, final int offset, final int length) {
        final JsonNode node;
        try {
            node = json.readTree(bytes, offset, length);
        } catch (java.io.IOException e) {
            throw new MalformedMessageException(VENUE, null, "tickers frame is not JSON", e);
        }
        final long now = System.currentTimeMillis();
        for (final JsonNode t : node.path("data")) {
            final String symbol = t.path("symbol").asText(null);
            if (symbol == null) {
                continue;
            }
            try {
                final BigDecimal rate = decimalOrNull(t, "oneHrFundingRate");
                tickers.put(symbol, new VestTicker(symbol, decimalOrNull(t, "markPrice"), decimalOrNull(t, "indexPrice"),
                    rate, t.path("status").asText(null), now));
                funding.computeIfAbsent(symbol, k -> new FundingSlot()).perHour =
                    rate == null ? Double.NaN : rate.doubleValue();
            } catch (NumberFormatException e) {
                throw new MalformedMessageException(VENUE, null, "tickers entry with a bad number", e);
            }
        }
    }

    private void onTrade(final String symbol, final byte[] bytes, final int offset, final int length) {
        final JsonNode d;
        final VestTrade trade;
        try {
            d = json.readTree(bytes, offset, length).path("data");
            trade = new VestTrade(symbol, d.path("id").asText(null), new BigDecimal(d.path("price").asText()),
                new BigDecimal(d.path("qty").asText()), d.path("side").asText(null), d.path("time").asLong());
        } catch (java.io.IOException | NumberFormatException e) {
            throw new MalformedMessageException(VENUE, null, "trades frame without a valid price/qty", e);
        }
        for (final java.util.function.Consumer<VestTrade> l : tradeListeners) {
            try {
                l.accept(trade);
            } catch (RuntimeException e) {
                listenerErrors.incrementAndGet();
                if (listenerErrorLogged.compareAndSet(false, true)) {
                    LOG.warn("Vest trade listener threw (logged once, counted in listenerErrors())", e);
                }
            }
        }
    }

    private static BigDecimal decimalOrNull(final JsonNode n, final String field) {
        return n.hasNonNull(field) ? new BigDecimal(n.get(field).asText()) : null;
    }

    private void scheduleReconnect() {
        if (!wantConnected || !config.autoReconnect()) {
            return;
        }
        final long delay = config.reconnectBackoff().apply(++reconnectAttempt);
        final long generation = streamGeneration;
        loop.schedule(() -> {
            // an explicit disconnect()/reconnect() since scheduling owns the stream now: opening another
            // here would close its connection mid-handshake
            if (!wantConnected || connected || generation != streamGeneration) {
                return;
            }
            reconnects.incrementAndGet();
            openStream().whenComplete((v, err) -> {
                if (err != null) {
                    loop.execute(this::scheduleReconnect);
                }
            });
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Callbacks of one connection; events of a connection that is no longer current are ignored. */
    private final class StreamHandler implements VestWsClient.Handler {
        volatile VestWsClient client;

        @Override
        public void onFrame(final ByteBuf content, final long receivedNanos) {
            if (client == ws) {
                VestAdapter.this.onFrame(content, receivedNanos);
            }
        }

        @Override
        public void onOpen() {
            final VestWsClient current = client;
            if (current != null && current == ws) {
                connected = true;
                reconnectAttempt = 0;
                lastCloseCode = -1;
                subscribe(current, books);
            }
        }

        @Override
        public void onClose() {
            if (client == ws) {
                connected = false;
                lastCloseCode = client.closeCode();
                invalidateAll();
                LOG.info("Vest market-data stream closed (code {}{}): {}", client.closeCode(),
                    client.closedAsStale() ? ", stale" : "", wantConnected && config.autoReconnect()
                        ? "reconnecting" : "not reconnecting");
                scheduleReconnect();
            }
        }
    }

    // ---------------------------------------------------------------- orders

    private MarketSpec specOrFail(final String market) {
        final Map<String, MarketSpec> s = specs;
        if (s == null) {
            throw new TransportException(VENUE, null, "Vest adapter not connected: call connect() first");
        }
        final MarketSpec spec = s.get(market);
        if (spec == null) {
            throw new InvalidOrderException(VENUE, "1121", "unknown Vest market " + market);
        }
        return spec;
    }

    private void requireSigner() {
        if (signer == null || config.apiKey() == null) {
            throw new AuthenticationException(VENUE, null, "Vest API key and signing key are required for trading");
        }
    }

    private void validate(final OrderRequest r, final MarketSpec spec) {
        if (r.size() % spec.stepSize() != 0) {
            throw new InvalidOrderException(VENUE, null, "size " + spec.formatSize(r.size())
                + " is not a multiple of the step " + spec.formatSize(spec.stepSize()));
        }
        if (r.size() < spec.minSize()) {
            throw new InvalidOrderException(VENUE, null, "size below the minimum " + spec.formatSize(spec.minSize()));
        }
        if (r.limitPrice() <= 0) {
            throw new InvalidOrderException(VENUE, null,
                "Vest needs a limit price on every order (the slippage guard of a MARKET order)");
        }
        if (r.limitPrice() % spec.tickSize() != 0) {
            throw new InvalidOrderException(VENUE, null, "limit price " + spec.formatPrice(r.limitPrice())
                + " is not on the tick " + spec.formatPrice(spec.tickSize()));
        }
        if (spec.minNotionalUsd().signum() > 0 && FixedPoint.toBigDecimal(r.size(), spec.sizeScale())
            .multiply(FixedPoint.toBigDecimal(r.limitPrice(), spec.priceScale())).compareTo(spec.minNotionalUsd()) < 0) {
            throw new InvalidOrderException(VENUE, null, "notional below the minimum " + spec.minNotionalUsd() + " USD");
        }
        if (r.timeInForce() == TimeInForce.POST_ONLY) {
            throw new InvalidOrderException(VENUE, null, "Vest is taker-only: POST_ONLY is not supported");
        }
        requireSigner();
    }

    private PreparedOrder prepare(final OrderRequest r, final MarketSpec spec) {
        return sentOrders.getOrSign(r, System.currentTimeMillis(), time -> {
            final long nonce = nextNonce(time);
            final String size = spec.formatSize(r.size());
            final String price = spec.formatPrice(r.limitPrice());
            final VestSignature sig = signer.signOrder(time, nonce, VestOrderCodec.orderType(r.type()), r.market(),
                r.side() == dev.arb.api.Side.BUY, size, price, r.reduceOnly());
            return new PreparedOrder(r, codec.orderBody(r, time, nonce, size, price, config.recvWindowMs(),
                sig.signatureHex(), config.limitIocTimeInForce()), nonce, time);
        });
    }

    private long nextNonce(final long nowMs) {
        while (true) {
            final long last = lastNonce.get();
            final long next = Math.max(nowMs, last + 1);
            if (lastNonce.compareAndSet(last, next)) {
                return next;
            }
        }
    }

    private CompletableFuture<OrderUpdate> poll(final String id, final MarketSpec spec, final OrderRequest r,
        final int remaining) {
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(new ExchangeTimeoutException(VENUE, null, "Vest order " + id + " ("
                + r.clientOrderId() + ") not terminal after " + config.orderPollAttempts() + " polls"));
        }
        final String query = "id=" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> null,
                CompletableFuture.delayedExecutor(config.orderPollIntervalMs(), TimeUnit.MILLISECONDS))
            .thenCompose(x -> rest.getPrivate("/orders", query))
            .thenCompose(answer -> {
                final OrderUpdate u = codec.toUpdate(VestOrderCodec.orderNode(answer, id), spec, r,
                    System.currentTimeMillis());
                return u.status().isTerminal() ? CompletableFuture.completedFuture(u)
                    : poll(id, spec, r, remaining - 1);
            });
    }

    /** A signed order body kept per client order id so that a retry resends exactly the same request. */
    /** The last funding rate of one symbol, per hour (fraction); written on the event loop, read from any thread. */
    private static final class FundingSlot {
        volatile double perHour = Double.NaN;
    }

    /** One subscribed market: its book (written on the event loop) and thread-safe freshness flags. */
    private static final class MarketBook {
        final String symbol;
        final byte[] channel;
        final byte[] tradesChannel;
        volatile OrderBookListener[] listeners = new OrderBookListener[0];
        volatile OrderBook book;
        volatile long lastReceivedNanos;
        volatile boolean received;
        volatile boolean valid;

        MarketBook(final String symbol) {
            this.symbol = symbol;
            this.channel = (symbol + "@depth").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            this.tradesChannel = (symbol + "@trades").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        /** @return {@code true} if this call created the book */
        synchronized boolean init(final MarketSpec spec) {
            if (book != null) {
                return false;
            }
            book = OrderBook.forMarket(spec, 32);
            return true;
        }
    }
}
