package dev.arb.sim.paradex;

import dev.arb.sim.MarketModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
public final class ParadexSimulator extends ParadexSimulatorControls implements AutoCloseable {
    // The control and inspection methods (advance(), the fault switches, …) are declared, with their Javadoc, in
    // the package-private superclass ParadexSimulatorControls, which also wires the parts that do the work.

    private ParadexSimulator(final MarketModel model, final Options options) throws InterruptedException {
        super(model, options);
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

    /** Stops the server and its timer. Idempotent. */
    @Override
    public void close() {
        dropConnections();
        server.close();
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
