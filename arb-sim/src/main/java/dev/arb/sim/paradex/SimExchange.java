package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.sim.MarketModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State and matching of the simulated Paradex: registered accounts, orders, positions and the
 * CLOB-like book quoted around {@code model.venueMid(VENUE_B, step)}.
 *
 * <p>Orders are checked as the venue does (protocol reference §3.4, §3.8, §5): JWT, STARK signature
 * of the {@code Order} typed data against the account's registered public key
 * ({@code INVALID_STARKNET_SIGNATURE}), step ({@code INVALID_ORDER_SIZE}), tick
 * ({@code INVALID_PRICE_PRECISION}), minimum notional ({@code INVALID_ORDER_SIZE}), duplicate client
 * id ({@code DUPLICATED_CLIENT_ID}). IOC and MARKET orders fill at once against the current book depth
 * (partial fills possible, the remainder cancelled with {@code REMAINING_IOC_CANCEL}); a reduce-only
 * order that would increase the position is closed with {@code REDUCE_ONLY_WILL_INCREASE}; GTC
 * remainders rest without further matching. Like the venue, the POST answer reports {@code NEW}
 * (matching is asynchronous); {@code GET /orders/{id}} shows the final state. Fees are taker rate ×
 * notional.
 *
 * <p>Funding (Paradex's continuous model, docs "Funding Mechanism"): every {@link #advance()} accrues
 * {@code −size × mid × model.fundingRatePerHour(VENUE_B, step) × stepMillis / fundingHourMs} USD on each open
 * position ({@code unrealized_funding_pnl}); a fill settles it ({@code realized_funding} on the fill,
 * {@code realized_positional_funding_pnl} on the position); {@code account_value} includes both.
 *
 * <p>The work is done by parts that hold no lock of their own: {@link SimQuotes} (step and book),
 * {@link SimOrderCheck} (checks), {@link SimMatcher} (matching), {@link SimOrderStore} (orders, fills, history),
 * {@link SimPositions} (positions, funding accrual), {@link SimMargin} (account value, liquidation),
 * {@link SimAccountViews} (account and positions JSON) and {@link SimPrivateEvents} (the private stream).
 *
 * <p><b>Note:</b> thread-safe (every method that touches state synchronises on this object, and the parts are
 * called only under that monitor).
 */
final class SimExchange {
    static final int SCALE = 8;
    /** Collateral every simulated account starts with, USD; the {@code account} channel reports it less fees. */
    static final BigDecimal ACCOUNT_COLLATERAL_USD = new BigDecimal("100000");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Thrown to answer HTTP 400 with a venue error code. */
    static final class VenueError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        VenueError(final int status, final String code, final String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** Receives the private-stream events of an account (orders, fills, positions, account), in order. */
    interface PrivateSink {
        /** Discards everything. */
        PrivateSink NONE = (account, channel, market, data) -> { };

        /**
         * @param account the account
         * @param channel {@code orders}, {@code fills}, {@code positions} or {@code account}
         * @param market  the market (empty for {@code account})
         * @param data    the payload (REST shape)
         */
        void publish(String account, String channel, String market, ObjectNode data);
    }

    /**
     * A book at one step: prices and sizes at scale 8, bids descending, asks ascending.
     *
     * @param bidPrices bid prices, best first
     * @param bidSizes  bid sizes
     * @param askPrices ask prices, best first
     * @param askSizes  ask sizes
     */
    record Book(long[] bidPrices, long[] bidSizes, long[] askPrices, long[] askSizes) {
        /** @return best bid plus best ask, halved, scale 8 */
        long mid() {
            return (bidPrices[0] + askPrices[0]) / 2;
        }
    }

    private final ParadexSimulator.Options options;
    private final Map<String, ParadexSimulator.Market> markets = new LinkedHashMap<>();
    private final Map<String, String> publicKeys = new HashMap<>();
    private final SimQuotes quotes;
    private final SimOrderStore store = new SimOrderStore();
    private final SimOrderCheck check;
    private final SimMatcher matcher = new SimMatcher();
    private final SimPositions positions;
    private final SimMargin margin;
    private final SimAccountViews views;
    private final SimPrivateEvents events;

    SimExchange(final MarketModel model, final ParadexSimulator.Options options) {
        this.options = options;
        for (final ParadexSimulator.Market m : options.markets()) {
            markets.put(m.symbol(), m);
        }
        this.quotes = new SimQuotes(model, options, markets);
        this.check = new SimOrderCheck(options.chainId(), markets, publicKeys, store, quotes);
        this.positions = new SimPositions(model, options, quotes);
        this.margin = new SimMargin(positions, quotes);
        this.views = new SimAccountViews(quotes, positions, margin);
        this.events = new SimPrivateEvents(views);
    }

    synchronized void sink(final PrivateSink s) {
        events.sink(s);
    }

    synchronized void limitNextFills(final int n, final long maxFillBase) {
        matcher.limitNextFills(n, maxFillBase);
    }

    /**
     * Bounds the history: the latest {@code n} closed orders (with their client ids, so an older client id can be
     * used again), the latest {@code n} fills and received client ids per account; open orders always.
     *
     * @param n entries kept, ≥ 1
     */
    synchronized void historyLimit(final int n) {
        store.historyLimit(n);
    }

    synchronized List<String> receivedClientIds(final String account) {
        return store.receivedClientIds(normalise(account));
    }

    /** @return the simulated markets by symbol (fixed at construction; read without the monitor) */
    Map<String, ParadexSimulator.Market> markets() {
        return markets;
    }

    synchronized long step() {
        return quotes.step();
    }

    /** Moves one model step: funding accrues, then every account with a position is margin-checked and pushed. */
    synchronized void advance() {
        advanceTo(quotes.step() + 1);
    }

    /**
     * Moves the book on to model step {@code target} in one go: funding accrues for every step passed, then every
     * account with a position is margin-checked and pushed once, as after {@link #advance()}.
     *
     * @param target the model step to quote at
     * @return {@code false} (and nothing moves) if the book is already at or past {@code target}
     */
    synchronized boolean advanceTo(final long target) {
        if (target <= quotes.step()) {
            return false;
        }
        while (quotes.step() < target) {
            quotes.nextStep();
            positions.accrueFunding();
        }
        final long nowMs = System.currentTimeMillis();
        for (final String account : positions.accountsWithOpenPositions()) {
            events.stepped(account, nowMs, margin.liquidateIfBelowMaintenance(account));
        }
        return true;
    }

    synchronized void collateral(final String account, final BigDecimal usd) {
        margin.collateral(normalise(account), usd);
    }

    synchronized void marginRates(final BigDecimal initial, final BigDecimal maintenance) {
        margin.rates(initial, maintenance);
    }

    synchronized int liquidations(final String account) {
        return margin.liquidations(normalise(account));
    }

    /** @return every market's funding period, hours ({@code funding_period_hours}) */
    int fundingPeriodHours() {
        return options.fundingPeriodHours();
    }

    synchronized void register(final String account, final String publicKey) {
        publicKeys.put(normalise(account), publicKey);
    }

    synchronized String publicKey(final String account) {
        return publicKeys.get(normalise(account));
    }

    static String normalise(final String account) {
        return "0x" + new BigInteger(account.startsWith("0x") ? account.substring(2) : account, 16).toString(16);
    }

    synchronized Book book(final ParadexSimulator.Market m) {
        return quotes.book(m);
    }

    static long fp(final BigDecimal d) {
        return d.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    static String text(final long fp) {
        return BigDecimal.valueOf(fp, SCALE).stripTrailingZeros().toPlainString();
    }

    /** @return USD at scale 8, plain, trailing zeros stripped */
    static String money(final BigDecimal usd) {
        return usd.setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    // ---- orders -----------------------------------------------------------------------------

    synchronized ObjectNode placeOrder(final String account, final JsonNode body, final long nowMs) {
        final SimOrderCheck.Checked o = check.check(account, body);
        final String id = store.nextId();
        final SimPosition pos = positions.open(account, o.market().symbol());
        final SimMatcher.Match match = matcher.match(o, pos);
        BigDecimal settledFunding = BigDecimal.ZERO;
        if (match.filled() > 0) {
            settledFunding = pos.fill(o.side().sign() * match.filled(), match.avgPrice(), match.filledNotional(),
                o.market().takerFee());
        }
        final ObjectNode order = SimOrderJson.order(id, account, o, match, nowMs, quotes.step());
        final List<ObjectNode> orderFills = new ArrayList<>();
        for (final long[] f : match.levelFills()) {
            orderFills.add(SimOrderJson.fill(order, orderFills.size(), f[0], f[1], o.market().takerFee(),
                settledFunding));
        }
        store.add(order, orderFills);
        final ObjectNode ack = SimOrderJson.ack(order);
        events.placed(account, ack, orderFills, order);
        store.forgetOldest();
        if (!orderFills.isEmpty()) {
            events.positionChanged(account, o.market().symbol(), nowMs);
        }
        return ack;
    }

    synchronized ObjectNode order(final String account, final String id) {
        return store.find(account, id).deepCopy();
    }

    synchronized ObjectNode orderByClientId(final String account, final String clientId) {
        return order(account, store.idByClientId(account, clientId));
    }

    synchronized void cancel(final String account, final String id, final long nowMs) {
        final ObjectNode o = store.find(account, id);
        if ("CLOSED".equals(o.path("status").asText())) {
            throw new VenueError(400, "ORDER_IS_CLOSED", "order " + id + " is closed");
        }
        o.put("status", "CLOSED");
        o.put("cancel_reason", "USER_CANCELED");
        o.put("last_updated_at", nowMs);
        events.orderChanged(account, o);
    }

    /**
     * Cancels every open order of the account ({@code order.cancel_on_disconnect}, {@code order.cancel_all}).
     *
     * @return the number of orders cancelled
     */
    synchronized int cancelAll(final String account, final String market, final long nowMs) {
        int n = 0;
        for (final ObjectNode o : store.open(account, market)) {
            cancel(account, o.path("id").asText(), nowMs);
            n++;
        }
        return n;
    }

    synchronized void cancelByClientId(final String account, final String clientId, final long nowMs) {
        cancel(account, store.idByClientId(account, clientId), nowMs);
    }

    /**
     * @param account the account
     * @param nowMs   {@code updated_at}
     * @param status  {@code ACTIVE} or {@code LIQUIDATION}
     * @return the {@code AccountSummaryResponse} ({@code GET /account} and the {@code account} channel)
     */
    synchronized ObjectNode accountSummary(final String account, final long nowMs, final String status) {
        return views.accountSummary(account, nowMs, status);
    }

    synchronized ObjectNode openOrders(final String account, final String market) {
        final ObjectNode out = JSON.createObjectNode();
        final ArrayNode results = out.putArray("results");
        for (final ObjectNode o : store.open(account, market)) {
            results.add(o.deepCopy());
        }
        return out;
    }

    synchronized ObjectNode fills(final String account, final String market, final long startAtMs) {
        return store.fills(account, market, startAtMs);
    }

    synchronized ObjectNode positions(final String account, final long nowMs) {
        return views.positions(account, nowMs);
    }

    synchronized BigDecimal positionBase(final String account, final String market) {
        final SimPosition p = positions.find(normalise(account), market);
        return p == null ? BigDecimal.ZERO : BigDecimal.valueOf(p.size, SCALE).stripTrailingZeros();
    }

    /**
     * @param account the account
     * @param market  the market
     * @return the position's accrued, unsettled funding, USD (positive = received; 0 if none)
     */
    synchronized BigDecimal unrealizedFunding(final String account, final String market) {
        final SimPosition p = positions.find(normalise(account), market);
        return p == null ? BigDecimal.ZERO : p.unrealizedFunding;
    }
}
