package dev.arb.sim.paradex;

import dev.arb.sim.MarketModel;
import dev.arb.sim.paradex.ParadexSimulator.Options;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The control and inspection methods of {@link ParadexSimulator} (accounts, margin, stepping, fault switches,
 * counters), declared here so that the public class stays small: each delegates to the part that does the work,
 * {@link SimExchange} (accounts, orders, positions, margin), {@link SimFaults} (fault switches, counters),
 * {@link SimSessions} (WebSocket connections), {@link SimMarketData} (books and their publication),
 * {@link SimServer} (event loop) or {@link SimJwt} (tokens). The constructor builds those parts, binds the server and
 * starts the step timer (unless {@link Options#manualStepping()}) and the ping timer. The public methods are part of
 * {@link ParadexSimulator}'s API.
 *
 * <p><b>Note:</b> thread-safe: the parts are; network I/O and the timers run on the server's one event-loop thread,
 * the public methods may be called from any thread.
 */
abstract class ParadexSimulatorControls {
    final Options options;
    final SimExchange exchange;
    final SimJwt jwt = new SimJwt();
    final SimFaults faults = new SimFaults();
    final SimSessions sessions;
    final SimMarketData marketData;
    final SimServer server;
    /** The step the timer follows ({@link #followSteps}), or null: one step per tick. */
    private volatile LongSupplier leader;

    /**
     * Builds the parts and starts the server on {@code 127.0.0.1} and an ephemeral port.
     *
     * @param model   the shared seeded price model (Paradex quotes {@link MarketModel#VENUE_B})
     * @param options markets, book depth, timings
     * @throws InterruptedException if interrupted while binding
     */
    ParadexSimulatorControls(final MarketModel model, final Options options) throws InterruptedException {
        final long startMs = System.currentTimeMillis();
        this.options = options;
        this.exchange = new SimExchange(model, options);
        this.sessions = new SimSessions(exchange);
        this.marketData = new SimMarketData(model, options, exchange, sessions, startMs);
        this.server = new SimServer(new SimRestHandler(faults, options, exchange, jwt),
            () -> new SimWsHandler(faults, sessions, marketData, exchange, jwt));
        if (!options.manualStepping()) {
            server.every(Math.max(1, model.config().stepMillis()), this::timerStep);
        }
        exchange.sink(new SimPrivateStream(server.loop(), sessions, marketData));
        server.every(options.pingIntervalMs(), sessions::ping);
    }

    /** @return {@code http://127.0.0.1:PORT/v1} */
    public String restBaseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** @return {@code ws://127.0.0.1:PORT/v1} */
    public String wsUrl() {
        return "ws://127.0.0.1:" + server.port() + "/v1";
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
        return server.step(marketData::stepAndPublish);
    }

    /**
     * Makes the step timer follow another venue's model step instead of the wall clock: on each tick the book moves
     * straight on to {@code leader}'s step (one publication, funding accrued for every step passed), and stays where
     * it is while the leader is not ahead. For a pair whose other venue is stepped by hand at a pace of its own (a
     * paced latency harness): two venues stepping the one {@link MarketModel} at different rates drift apart, and a
     * venue more than {@link MarketModel#RETAINED_STEPS} steps behind the newest step can no longer be quoted (its
     * step fails and its book freezes). No effect with {@link Options#manualStepping()} (there is no timer).
     *
     * @param leader the leading venue's current model step, read on the simulator's thread (so thread-safe), or
     *               null to step once per tick again
     */
    public void followSteps(final LongSupplier leader) {
        this.leader = leader;
    }

    private void timerStep() {
        final LongSupplier l = leader;
        if (l == null) {
            marketData.stepAndPublish();
        } else {
            marketData.stepToAndPublish(l.getAsLong());
        }
    }

    /**
     * @param method HTTP method, e.g. {@code "POST"}
     * @param path   path including {@code /v1} and without the query, e.g. {@code "/v1/orders"}
     * @return how many such requests arrived (whatever the answer)
     */
    public int requestCount(final String method, final String path) {
        return faults.requestCount(method, path);
    }

    /**
     * The next {@code n} {@code POST /orders} are executed but their answer is lost: the connection
     * is closed instead of answering (a lost acknowledgement; the client must look the order up by
     * client id).
     *
     * @param n number of order answers to drop
     */
    public void dropNextOrderResponses(final int n) {
        faults.dropNextOrderResponses(n);
    }

    /**
     * Delays every REST answer.
     *
     * @param ms delay in ms, 0 for none
     */
    public void delayResponses(final long ms) {
        faults.delayResponses(ms);
    }

    /** @return WebSocket pongs received from clients */
    public long pongsReceived() {
        return faults.pongs();
    }

    /** @return open WebSocket connections */
    public int connectedClients() {
        return sessions.count();
    }

    /**
     * The next {@code n} order placements are refused with HTTP 400 and {@code errorCode}.
     *
     * @param n         number of orders
     * @param errorCode venue error code, e.g. {@code NOT_ENOUGH_MARGIN}
     */
    public void rejectNextOrders(final int n, final String errorCode) {
        faults.rejectNextOrders(n, errorCode);
    }

    /**
     * The next {@code times} REST requests (any endpoint) are answered with {@code httpStatus} and a
     * venue error body.
     *
     * @param httpStatus HTTP status, e.g. 429 or 503
     * @param times      number of requests
     */
    public void respondWithStatus(final int httpStatus, final int times) {
        faults.respondWithStatus(httpStatus, times);
    }

    /** Closes every WebSocket connection (clients must reconnect and resubscribe). */
    public void dropConnections() {
        sessions.closeAll();
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
        server.execute(marketData::injectGap);
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
        return sessions.authenticated();
    }

    /**
     * Sets what {@code GET /v1/system/state} reports (protocol reference §1).
     *
     * @param state {@code ok}, {@code cancel_only} or {@code maintenance}
     */
    public void systemState(final String state) {
        faults.systemState(state);
    }

    /** @return what {@code GET /v1/system/state} reports */
    public String systemState() {
        return faults.systemState();
    }

    /** Revokes every JWT issued so far: the next private call answers 401 {@code INVALID_TOKEN}. */
    public void expireTokens() {
        jwt.expireAll();
    }

    // ---- package-private: tests ---------------------------------------------------------------

    /** @return the sequence number of the market's last published book (tests) */
    long bookSeq(final String market) {
        return marketData.bookSeq(market);
    }

    /** @return the market's last published book (tests) */
    SimExchange.Book lastBook(final String market) {
        return marketData.lastBook(market);
    }

    /** @return the JSON snapshot message of the market's last published book on {@code channel} (tests) */
    String snapshotMessage(final String channel, final String market) {
        return marketData.snapshotMessage(channel, market);
    }

    /** @return wall-clock time of model step 0, ms since the epoch (venue timestamps count from it) */
    long startEpochMs() {
        return marketData.startEpochMs();
    }
}
