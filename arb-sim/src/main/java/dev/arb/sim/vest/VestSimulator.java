package dev.arb.sim.vest;

import dev.arb.sim.MarketModel;
import io.netty.channel.EventLoop;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
public final class VestSimulator extends VestSimStateAccess implements AutoCloseable {
    // public methods inherited: the fault switches (VestSimFaultSwitches) and the accounts and traffic
    // (VestSimStateAccess); the venue's parts, wired in VestSimVenue, are the inherited field venue

    private VestSimulator(final VestSimVenue venue) {
        super(venue);
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
            return new VestSimulator(new VestSimVenue(Objects.requireNonNull(model), Objects.requireNonNull(options)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Vest simulator", e);
        }
    }

    /** @return REST base URL, e.g. {@code http://127.0.0.1:PORT/v2} */
    public String restBaseUrl() {
        return "http://127.0.0.1:" + venue.port + "/v2";
    }

    /** @return WebSocket URL, e.g. {@code ws://127.0.0.1:PORT/ws-api?version=1.0} */
    public String wsUrl() {
        return "ws://127.0.0.1:" + venue.port + "/ws-api?version=1.0";
    }

    /** @return the model step last quoted */
    public long currentStep() {
        return venue.market.step();
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
        final EventLoop loop = venue.server.loop();
        if (loop.inEventLoop()) {
            return venue.market.stepAndPublish();
        }
        try {
            return loop.submit(venue.market::stepAndPublish).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            throw new IllegalStateException("Vest simulator step failed", e);
        }
    }

    /**
     * Expires every listen key now: {@code PUT} answers 1125 and private streams are closed with code
     * 4005 (LISTEN_KEY_EXPIRED).
     */
    public void expireListenKeys() {
        venue.listenKeys.expireAll();
        venue.streams.closePrivateStreams();
    }

    /** Closes every WebSocket connection (clients see a disconnect). */
    public void dropConnections() {
        venue.streams.closeAll();
    }

    /**
     * Closes every REST keep-alive connection, idle or with a request in flight (clients see the peer close, as
     * after a server's keep-alive idle timeout); WebSockets stay open.
     */
    public void closeHttpConnections() {
        venue.server.closeHttpConnections();
    }

    /** Stops the server and its thread. */
    @Override
    public void close() {
        venue.server.close();
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
