package dev.arb.sim.vest;

import dev.arb.sim.MarketModel;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated Vest venue on {@code 127.0.0.1}, speaking the real v2 wire protocol on one port: REST
 * under {@code /v2} ({@code GET /exchangeInfo}, {@code GET /account}, {@code POST /orders},
 * {@code GET /orders}, {@code POST /orders/cancel}) and the WebSocket stream under {@code /ws-api}
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
 * <p><b>Note:</b> thread-safe. All network work runs on one event-loop thread; the public methods
 * may be called from any thread.
 */
public final class VestSimulator implements AutoCloseable {
    static final AttributeKey<Set<String>> SUBSCRIPTIONS = AttributeKey.valueOf("vestSimSubscriptions");

    private final MarketModel model;
    private final Options options;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final ChannelGroup streams;
    private final Map<String, VestSimLadder> ladders = new LinkedHashMap<>();
    private final Map<String, VestSimAccount> accounts = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger rejectNext = new AtomicInteger();
    private volatile int rejectCode;
    private final AtomicInteger statusTimes = new AtomicInteger();
    private volatile int statusCode;
    private volatile long step;
    private final int port;

    private VestSimulator(final MarketModel model, final Options options) throws InterruptedException {
        this.model = model;
        this.options = options;
        for (final SimSymbol s : options.symbols()) {
            final VestSimLadder ladder = new VestSimLadder(s, options);
            ladder.quote(model, 0);
            ladders.put(s.symbol(), ladder);
        }
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("vest-sim", true));
        streams = new DefaultChannelGroup("vest-sim-streams", group.next());
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
                }
            });
        serverChannel = b.bind("127.0.0.1", 0).sync().channel();
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        final long stepMillis = model.config().stepMillis();
        group.next().scheduleAtFixedRate(this::advance, stepMillis, stepMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a simulator on {@code 127.0.0.1} at a free port.
     *
     * @param model   the shared market model (its {@code stepMillis} paces the quotes)
     * @param options symbols, ladder shape
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
        accounts.put(apiKey, new VestSimAccount(signingAddress.toLowerCase(Locale.ROOT)));
        return apiKey;
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

    /** @return the model step last quoted */
    public long currentStep() {
        return step;
    }

    /**
     * Makes the next {@code n} {@code POST /orders} fail with HTTP 400 {@code {"code":code,"msg":…}}.
     *
     * @param n    number of orders to reject
     * @param code Vest error code, e.g. 3001
     */
    public void rejectNextOrders(final int n, final int code) {
        rejectCode = code;
        rejectNext.set(n);
    }

    /**
     * Makes the next {@code times} REST requests (any endpoint) answer with {@code httpStatus}
     * (429 carries {@code {"code":1003}}).
     *
     * @param httpStatus HTTP status, e.g. 429 or 503
     * @param times      number of requests
     */
    public void respondWithStatus(final int httpStatus, final int times) {
        statusCode = httpStatus;
        statusTimes.set(times);
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

    /** @return the rejection code to apply to this order, or 0 */
    int takeOrderRejection() {
        while (true) {
            final int left = rejectNext.get();
            if (left <= 0) {
                return 0;
            }
            if (rejectNext.compareAndSet(left, left - 1)) {
                return rejectCode;
            }
        }
    }

    /** @return the forced HTTP status for this request, or 0 */
    int takeForcedStatus() {
        while (true) {
            final int left = statusTimes.get();
            if (left <= 0) {
                return 0;
            }
            if (statusTimes.compareAndSet(left, left - 1)) {
                return statusCode;
            }
        }
    }

    /**
     * @param symbol market
     * @return the current depth message of that market
     */
    String depthMessage(final String symbol) {
        return ladders.get(symbol).depthMessage(System.currentTimeMillis());
    }

    private void advance() {
        final long next = step + 1;
        step = next;
        final long now = System.currentTimeMillis();
        final List<String> channels = new ArrayList<>(ladders.size());
        final List<String> messages = new ArrayList<>(ladders.size());
        for (final VestSimLadder ladder : ladders.values()) {
            ladder.quote(model, next);
            channels.add(ladder.symbol.symbol() + "@depth");
            messages.add(ladder.depthMessage(now));
        }
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
            ch.flush();
        }
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
     */
    public record Options(List<SimSymbol> symbols, int ladderLevels, double halfSpreadBps, double levelSpacingBps,
        BigDecimal levelBaseSize, double sizeGrowth) {
        /**
         * Validates.
         *
         * @param symbols         markets quoted
         * @param ladderLevels    levels per side
         * @param halfSpreadBps   best level distance from the mid, bps
         * @param levelSpacingBps extra distance per level, bps
         * @param levelBaseSize   best level size, base units
         * @param sizeGrowth      size growth per level (fraction)
         * @throws IllegalArgumentException if a value is out of range
         */
        public Options {
            symbols = List.copyOf(symbols);
            if (symbols.isEmpty() || ladderLevels <= 0 || halfSpreadBps <= 0 || levelSpacingBps <= 0
                || levelBaseSize.signum() <= 0 || sizeGrowth < 0) {
                throw new IllegalArgumentException("invalid Vest simulator options");
            }
        }

        /** @return BTC-PERP, 20 levels, 1 bp half-spread, 2 bps apart, 0.05 BTC growing 50 % per level */
        public static Options defaults() {
            return new Options(List.of(SimSymbol.btcPerp()), 20, 1.0, 2.0, new BigDecimal("0.05"), 0.5);
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

            private Builder() {
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
                return new Options(symbols, ladderLevels, halfSpreadBps, levelSpacingBps, levelBaseSize, sizeGrowth);
            }
        }
    }
}
