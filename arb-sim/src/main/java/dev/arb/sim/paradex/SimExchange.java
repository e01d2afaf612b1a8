package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.paradex.ParadexSigner;
import dev.arb.paradex.ParadexSignedMessages;
import dev.arb.sim.MarketModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p><b>Note:</b> thread-safe (every method synchronises on this object).
 */
final class SimExchange {
    static final int SCALE = 8;
    /** Collateral every simulated account starts with, USD; the {@code account} channel reports it less fees. */
    static final BigDecimal ACCOUNT_COLLATERAL_USD = new BigDecimal("100000");
    /** Decimals kept for accrued funding (a step's accrual is far below a cent). */
    private static final int FUNDING_SCALE = 18;
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

    private final MarketModel model;
    private final ParadexSimulator.Options options;
    private final Map<String, ParadexSimulator.Market> markets = new LinkedHashMap<>();
    private final Map<String, String> publicKeys = new HashMap<>();
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final Map<String, String> clientIds = new HashMap<>();
    private final Map<String, PositionState> positions = new HashMap<>();
    private final java.util.List<ObjectNode> fills = new java.util.ArrayList<>();
    private final AtomicLong orderIds = new AtomicLong(1_700_000_000_000_000L);
    private final Map<String, java.util.List<String>> receivedClientIds = new HashMap<>();
    private PrivateSink sink = PrivateSink.NONE;
    private final Map<String, BigDecimal> collateral = new HashMap<>();
    private final Map<String, Integer> liquidations = new HashMap<>();
    private BigDecimal initialMarginRate = new BigDecimal("0.1");
    private BigDecimal maintenanceMarginRate = new BigDecimal("0.05");
    private int historyLimit = Integer.MAX_VALUE;
    private int limitedFills;
    private long maxFill;
    private long step;

    /** Receives the private-stream events of an account (orders, fills, positions), in order. */
    interface PrivateSink {
        /** Discards everything. */
        PrivateSink NONE = (account, channel, market, data) -> { };

        /**
         * @param account the account
         * @param channel {@code orders}, {@code fills} or {@code positions}
         * @param market  the market
         * @param data    the payload (REST shape)
         */
        void publish(String account, String channel, String market, ObjectNode data);
    }

    synchronized void sink(final PrivateSink s) {
        sink = s;
    }

    synchronized void limitNextFills(final int n, final long maxFillBase) {
        limitedFills = n;
        maxFill = maxFillBase;
    }

    /**
     * Bounds the history: the latest {@code n} closed orders (with their client ids, so an older client id can be
     * used again), the latest {@code n} fills and received client ids per account; open orders always.
     *
     * @param n entries kept, ≥ 1
     */
    synchronized void historyLimit(final int n) {
        historyLimit = n;
        forgetOldest();
    }

    /** Forgets the oldest closed orders, fills and received client ids beyond the history limit. */
    private void forgetOldest() {
        final java.util.Iterator<ObjectNode> it = orders.values().iterator();
        while (orders.size() > historyLimit && it.hasNext()) {
            final ObjectNode o = it.next();
            if ("CLOSED".equals(o.path("status").asText())) {
                it.remove();
                final String clientId = o.path("client_id").asText("");
                if (!clientId.isEmpty()) {
                    clientIds.remove(o.path("account").asText() + '|' + clientId);
                }
            }
        }
        trimHead(fills, historyLimit);
        for (final java.util.List<String> ids : receivedClientIds.values()) {
            trimHead(ids, historyLimit);
        }
    }

    /**
     * Drops the oldest entries beyond the limit (an array copy of at most the limit's references per entry: exact,
     * so that the heap a long run holds is flat rather than a saw-tooth between the limit and twice it).
     */
    private static void trimHead(final java.util.List<?> list, final int limit) {
        if (list.size() > limit) {
            list.subList(0, list.size() - limit).clear();
        }
    }

    synchronized java.util.List<String> receivedClientIds(final String account) {
        final java.util.List<String> ids = receivedClientIds.get(normalise(account));
        return ids == null ? java.util.List.of() : java.util.List.copyOf(ids);
    }

    SimExchange(final MarketModel model, final ParadexSimulator.Options options) {
        this.model = model;
        this.options = options;
        for (final ParadexSimulator.Market m : options.markets()) {
            markets.put(m.symbol(), m);
        }
    }

    Map<String, ParadexSimulator.Market> markets() {
        return markets;
    }

    synchronized long step() {
        return step;
    }

    synchronized void advance() {
        step++;
        accrueFunding();
        checkMargins(System.currentTimeMillis());
    }

    // ---- margin -------------------------------------------------------------------------------

    synchronized void collateral(final String account, final BigDecimal usd) {
        collateral.put(normalise(account), usd);
    }

    synchronized void marginRates(final BigDecimal initial, final BigDecimal maintenance) {
        initialMarginRate = initial;
        maintenanceMarginRate = maintenance;
    }

    synchronized int liquidations(final String account) {
        return liquidations.getOrDefault(normalise(account), 0);
    }

    private long mid(final String market) {
        final Book b = book(markets.get(market));
        return (b.bidPrices()[0] + b.askPrices()[0]) / 2;
    }

    private java.util.List<PositionState> positionsOf(final String account) {
        final java.util.List<PositionState> out = new java.util.ArrayList<>();
        for (final Map.Entry<String, PositionState> e : positions.entrySet()) {
            if (e.getKey().startsWith(account + '|')) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    private static BigDecimal unrealizedPnl(final PositionState p, final long mid) {
        return BigDecimal.valueOf(p.size, SCALE).multiply(BigDecimal.valueOf(mid - p.entryPrice, SCALE));
    }

    /**
     * {@code account_value}: collateral less fees, plus funding (settled and accrued), realized and unrealized PnL at
     * the book's mid (Paradex: "account value = total collateral + unrealized PnL").
     */
    private BigDecimal accountValue(final String account) {
        BigDecimal v = collateral.getOrDefault(account, ACCOUNT_COLLATERAL_USD);
        for (final PositionState p : positionsOf(account)) {
            v = v.subtract(p.fees).add(p.realizedFunding).add(p.unrealizedFunding).add(p.realizedPnl);
            if (p.size != 0) {
                v = v.add(unrealizedPnl(p, mid(p.market)));
            }
        }
        return v;
    }

    /** @return {@code Σ |size| × mid × rate}, USD */
    private BigDecimal marginRequirement(final String account, final BigDecimal rate) {
        BigDecimal m = BigDecimal.ZERO;
        for (final PositionState p : positionsOf(account)) {
            m = m.add(BigDecimal.valueOf(Math.abs(p.size), SCALE).multiply(BigDecimal.valueOf(mid(p.market), SCALE))
                .multiply(rate));
        }
        return m;
    }

    /**
     * The mark at which the account's value meets its maintenance margin with the other positions held:
     * {@code (MM_others − value + size × mid) / (size − |size| × mmr)}; empty when flat or never (≤ 0).
     */
    private String liquidationPrice(final String account, final PositionState p) {
        if (p.size == 0) {
            return "";
        }
        final BigDecimal size = BigDecimal.valueOf(p.size, SCALE);
        final BigDecimal mid = BigDecimal.valueOf(mid(p.market), SCALE);
        final BigDecimal others = marginRequirement(account, maintenanceMarginRate)
            .subtract(size.abs().multiply(mid).multiply(maintenanceMarginRate));
        final BigDecimal denominator = size.subtract(size.abs().multiply(maintenanceMarginRate));
        final BigDecimal liq = others.subtract(accountValue(account)).add(size.multiply(mid))
            .divide(denominator, SCALE, RoundingMode.HALF_EVEN);
        return liq.signum() <= 0 ? "" : money(liq);
    }

    /**
     * Every step: an account whose value fell below its maintenance margin is liquidated (every position closed at
     * the mid, the loss realized); every account with a position (or just liquidated) gets its {@code account} and
     * {@code positions} pushed, as Paradex pushes them on change.
     */
    private void checkMargins(final long nowMs) {
        final java.util.Set<String> accounts = new java.util.LinkedHashSet<>();
        for (final Map.Entry<String, PositionState> e : positions.entrySet()) {
            if (e.getValue().size != 0) {
                accounts.add(e.getKey().substring(0, e.getKey().indexOf('|')));
            }
        }
        for (final String account : accounts) {
            final boolean liquidate = accountValue(account).compareTo(marginRequirement(account,
                maintenanceMarginRate)) < 0;
            if (liquidate) {
                for (final PositionState p : positionsOf(account)) {
                    if (p.size != 0) {
                        p.realizedPnl = p.realizedPnl.add(unrealizedPnl(p, mid(p.market)));
                        p.realizedFunding = p.realizedFunding.add(p.unrealizedFunding);
                        p.unrealizedFunding = BigDecimal.ZERO;
                        p.size = 0;
                        p.entryPrice = 0;
                    }
                }
                liquidations.merge(account, 1, Integer::sum);
            }
            publishAccount(account, nowMs, liquidate ? "LIQUIDATION" : "ACTIVE");
            for (final JsonNode p : positions(account, nowMs).path("results")) {
                sink.publish(account, "positions", p.path("market").asText(), (ObjectNode) p.deepCopy());
            }
        }
    }

    /** @return every market's funding period, hours ({@code funding_period_hours}) */
    int fundingPeriodHours() {
        return options.fundingPeriodHours();
    }

    /**
     * Accrues one step of funding on every open position (Paradex's continuous funding, docs "Funding Mechanism"):
     * {@code −size × mark × ratePerHour × stepMillis / fundingHourMs} USD into its unrealized funding PnL, the mark
     * being the book's mid at the new step.
     */
    private void accrueFunding() {
        final BigDecimal rate = BigDecimal.valueOf(model.fundingRatePerHour(MarketModel.VENUE_B, step)
            * model.config().stepMillis() / options.fundingHourMs());
        if (rate.signum() == 0) {
            return;
        }
        for (final PositionState p : positions.values()) {
            if (p.size == 0) {
                continue;
            }
            final Book b = book(markets.get(p.market));
            final long mid = (b.bidPrices()[0] + b.askPrices()[0]) / 2;
            p.unrealizedFunding = p.unrealizedFunding.add(BigDecimal.valueOf(p.size, SCALE)
                .multiply(BigDecimal.valueOf(mid, SCALE)).multiply(rate).negate()).setScale(FUNDING_SCALE,
                    RoundingMode.HALF_EVEN);
        }
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

    // ---- book -------------------------------------------------------------------------------

    /** A book at one step: prices and sizes at scale 8, bids descending, asks ascending. */
    record Book(long[] bidPrices, long[] bidSizes, long[] askPrices, long[] askSizes) {
    }

    synchronized Book book(final ParadexSimulator.Market m) {
        return bookAt(m, step);
    }

    private Book bookAt(final ParadexSimulator.Market m, final long atStep) {
        final int depth = options.bookDepth();
        final long tick = fp(m.tickSize());
        final long stepSize = fp(m.orderSizeIncrement());
        final long mid = BigDecimal.valueOf(model.venueMid(MarketModel.VENUE_B, atStep)).movePointRight(SCALE)
            .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        final long bestBid = Math.floorDiv(mid, tick) * tick;
        final long[] bp = new long[depth];
        final long[] bs = new long[depth];
        final long[] ap = new long[depth];
        final long[] as = new long[depth];
        for (int i = 0; i < depth; i++) {
            bp[i] = bestBid - (long) i * tick;
            ap[i] = bestBid + (long) (i + 1) * tick;
            final long units = (long) options.levelSizeSteps() * (i + 1);
            bs[i] = units * stepSize;
            as[i] = units * stepSize;
        }
        return new Book(bp, bs, ap, as);
    }

    static long fp(final BigDecimal d) {
        return d.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    static String text(final long fp) {
        return BigDecimal.valueOf(fp, SCALE).stripTrailingZeros().toPlainString();
    }

    // ---- orders -----------------------------------------------------------------------------

    synchronized ObjectNode placeOrder(final String account, final JsonNode body, final long nowMs) {
        final String market = required(body, "market");
        final ParadexSimulator.Market m = markets.get(market);
        if (m == null) {
            throw new VenueError(400, "MARKET_NOT_FOUND", "market " + market + " not found");
        }
        final Side side = switch (required(body, "side")) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw new VenueError(400, "VALIDATION_ERROR", "side must be BUY or SELL");
        };
        final OrderType type = switch (required(body, "type")) {
            case "LIMIT" -> OrderType.LIMIT;
            case "MARKET" -> OrderType.MARKET;
            default -> throw new VenueError(400, "ORDER_TYPE_INVALID", "only LIMIT and MARKET are simulated");
        };
        final String instruction = body.path("instruction").asText("GTC").isEmpty() ? "GTC"
            : body.path("instruction").asText("GTC");
        if (!instruction.equals("GTC") && !instruction.equals("IOC") && !instruction.equals("POST_ONLY")) {
            throw new VenueError(400, "VALIDATION_ERROR", "instruction " + instruction);
        }
        final String sizeText = required(body, "size");
        final String priceText = type == OrderType.MARKET ? body.path("price").asText("0") : required(body, "price");
        final String clientId = body.path("client_id").asText("");
        if (!clientId.isEmpty()) {
            receivedClientIds.computeIfAbsent(account, k -> new java.util.ArrayList<>()).add(clientId);
        }
        final long signatureTs = body.path("signature_timestamp").asLong(-1);
        if (signatureTs <= 0) {
            throw new VenueError(400, "VALIDATION_ERROR", "signature_timestamp required");
        }
        final BigInteger chainSize;
        final BigInteger chainPrice;
        try {
            chainSize = ParadexSignedMessages.toChainUnits(sizeText);
        } catch (final IllegalArgumentException e) {
            throw new VenueError(400, "INVALID_ORDER_SIZE", "size " + sizeText + ": " + e.getMessage());
        }
        try {
            chainPrice = type == OrderType.MARKET ? BigInteger.ZERO : ParadexSignedMessages.toChainUnits(priceText);
        } catch (final IllegalArgumentException e) {
            throw new VenueError(400, "INVALID_PRICE_PRECISION", "price " + priceText + ": " + e.getMessage());
        }
        if (!clientId.isEmpty() && clientIds.containsKey(account + '|' + clientId)) {
            throw new VenueError(400, "DUPLICATED_CLIENT_ID", "client id " + clientId + " already used");
        }
        verifySignature(account, body.path("signature").asText(""), signatureTs, market, side, type, chainSize, chainPrice);

        final long size = chainSize.longValueExact();
        final long limit = chainPrice.longValueExact();
        if (size <= 0 || size % fp(m.orderSizeIncrement()) != 0) {
            throw new VenueError(400, "INVALID_ORDER_SIZE", "size must be a positive multiple of " + m.orderSizeIncrement());
        }
        if (type == OrderType.LIMIT && (limit <= 0 || limit % fp(m.tickSize()) != 0)) {
            throw new VenueError(400, "INVALID_PRICE_PRECISION", "price must be a multiple of " + m.tickSize());
        }
        final Book book = book(m);
        final long refPrice = type == OrderType.LIMIT ? limit : (book.bidPrices()[0] + book.askPrices()[0]) / 2;
        final BigDecimal notional = BigDecimal.valueOf(size, SCALE).multiply(BigDecimal.valueOf(refPrice, SCALE));
        if (notional.compareTo(m.minNotional()) < 0) {
            throw new VenueError(400, "INVALID_ORDER_SIZE", "notional " + notional.stripTrailingZeros().toPlainString()
                + " below min_notional " + m.minNotional());
        }
        final boolean reduceOnly = hasFlag(body, "REDUCE_ONLY");

        final String id = Long.toString(orderIds.incrementAndGet());
        final PositionState pos = positions.computeIfAbsent(account + '|' + market, k -> new PositionState(market));
        long filled = 0;
        long filledNotional = 0;
        final java.util.List<long[]> levelFills = new java.util.ArrayList<>();
        String cancelReason = "";
        String status;
        if (reduceOnly && (pos.size == 0 || Long.signum(pos.size) == side.sign() || size > Math.abs(pos.size))) {
            status = "CLOSED";
            cancelReason = "REDUCE_ONLY_WILL_INCREASE";
        } else {
            final long[] prices = side == Side.BUY ? book.askPrices() : book.bidPrices();
            final long[] sizes = side == Side.BUY ? book.askSizes() : book.bidSizes();
            final boolean postOnly = instruction.equals("POST_ONLY");
            final boolean crosses = type == OrderType.MARKET || (side == Side.BUY ? limit >= prices[0] : limit <= prices[0]);
            if (postOnly && crosses) {
                status = "CLOSED";
                cancelReason = "POST_ONLY_WOULD_CROSS";
            } else {
                long fillable = size;
                if (limitedFills > 0) {
                    limitedFills--;
                    fillable = Math.min(size, maxFill);
                }
                for (int i = 0; i < prices.length && filled < fillable; i++) {
                    if (type == OrderType.LIMIT && (side == Side.BUY ? prices[i] > limit : prices[i] < limit)) {
                        break;
                    }
                    final long q = Math.min(fillable - filled, sizes[i]);
                    levelFills.add(new long[] {prices[i], q});
                    filled += q;
                    filledNotional = Math.addExact(filledNotional, BigDecimal.valueOf(q, SCALE)
                        .multiply(BigDecimal.valueOf(prices[i], SCALE)).movePointRight(SCALE).setScale(0, RoundingMode.HALF_EVEN)
                        .longValueExact());
                }
                if (filled == size) {
                    status = "CLOSED";
                } else if (type == OrderType.MARKET || instruction.equals("IOC")) {
                    status = "CLOSED";
                    cancelReason = filled == 0 && type == OrderType.MARKET ? "EMPTY_MARKET" : "REMAINING_IOC_CANCEL";
                } else {
                    status = "OPEN";
                }
            }
        }
        long avgPrice = 0;
        BigDecimal settledFunding = BigDecimal.ZERO;
        if (filled > 0) {
            avgPrice = BigDecimal.valueOf(filledNotional, SCALE).divide(BigDecimal.valueOf(filled, SCALE), SCALE,
                RoundingMode.HALF_EVEN).movePointRight(SCALE).longValueExact();
            settledFunding = pos.settleFunding();
            pos.apply(side.sign() * filled, avgPrice);
            pos.fees = pos.fees.add(BigDecimal.valueOf(filledNotional, SCALE).multiply(m.takerFee()));
        }
        final ObjectNode order = JSON.createObjectNode();
        order.put("id", id);
        order.put("account", account);
        order.put("market", market);
        order.put("side", side.name());
        order.put("type", type.name());
        order.put("size", sizeText);
        order.put("remaining_size", text(size - filled));
        order.put("price", priceText);
        order.put("avg_fill_price", filled > 0 ? text(avgPrice) : "");
        order.put("status", status);
        order.put("cancel_reason", cancelReason);
        order.put("client_id", clientId);
        order.put("instruction", instruction);
        final ArrayNode flags = order.putArray("flags");
        if (reduceOnly) {
            flags.add("REDUCE_ONLY");
        }
        order.put("timestamp", signatureTs);
        order.put("created_at", nowMs);
        order.put("received_at", nowMs);
        order.put("last_updated_at", nowMs);
        order.put("seq_no", step);
        orders.put(id, order);
        int fillNo = 0;
        for (final long[] f : levelFills) {
            final ObjectNode fill = JSON.createObjectNode();
            fill.put("id", id + '-' + fillNo++);
            fill.put("account", account);
            fill.put("market", market);
            fill.put("order_id", id);
            fill.put("client_id", clientId);
            fill.put("side", side.name());
            fill.put("liquidity", "TAKER");
            fill.put("price", text(f[0]));
            fill.put("size", text(f[1]));
            fill.put("fee", BigDecimal.valueOf(f[0], SCALE).multiply(BigDecimal.valueOf(f[1], SCALE)).multiply(m.takerFee())
                .setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
            fill.put("fee_currency", "USDC");
            fill.put("created_at", nowMs);
            fill.put("fill_type", "FILL");
            // the accrued funding the fill settled (on its first fill record only)
            fill.put("realized_funding", fillNo == 1 ? money(settledFunding) : "0");
            fills.add(fill);
        }
        if (!clientId.isEmpty()) {
            clientIds.put(account + '|' + clientId, id);
        }
        final ObjectNode ack = order.deepCopy();
        ack.put("status", "NEW");
        ack.put("remaining_size", sizeText);
        ack.put("avg_fill_price", "");
        ack.put("cancel_reason", "");
        sink.publish(account, "orders", market, ack.deepCopy());
        final int firstFill = fills.size() - levelFills.size();
        for (int i = firstFill; i < fills.size(); i++) {
            sink.publish(account, "fills", market, fills.get(i).deepCopy());
        }
        if (!"NEW".equals(status)) {
            sink.publish(account, "orders", market, order.deepCopy());
        }
        forgetOldest();
        if (!levelFills.isEmpty()) {
            publishPosition(account, market, nowMs);
        }
        return ack;
    }

    private static boolean hasFlag(final JsonNode body, final String flag) {
        for (final JsonNode f : body.path("flags")) {
            if (flag.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    private void verifySignature(final String account, final String signature, final long ts, final String market,
        final Side side, final OrderType type, final BigInteger size, final BigInteger price) {
        final String pub = publicKeys.get(normalise(account));
        final BigInteger r;
        final BigInteger s;
        try {
            final JsonNode rs = JSON.readTree(signature);
            if (!rs.isArray() || rs.size() != 2) {
                throw new VenueError(400, "INVALID_STARKNET_SIGNATURE", "signature must be [\"r\",\"s\"]");
            }
            r = new BigInteger(rs.get(0).asText());
            s = new BigInteger(rs.get(1).asText());
        } catch (final VenueError e) {
            throw e;
        } catch (final Exception e) {
            throw new VenueError(400, "INVALID_STARKNET_SIGNATURE", "signature unreadable");
        }
        final String hash = ParadexSignedMessages.orderMessageHash(options.chainId(), account, ts, market, side, type, size, price)
            .hexString();
        if (pub == null || !ParadexSigner.verify(pub, hash, r, s)) {
            throw new VenueError(400, "INVALID_STARKNET_SIGNATURE", "order signature does not verify");
        }
    }

    private static String required(final JsonNode body, final String field) {
        final JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new VenueError(400, "VALIDATION_ERROR", field + " is required");
        }
        return v.asText();
    }

    synchronized ObjectNode order(final String account, final String id) {
        final ObjectNode o = orders.get(id);
        if (o == null || !o.path("account").asText().equals(account)) {
            throw new VenueError(404, "ORDER_ID_NOT_FOUND", "order " + id + " not found");
        }
        return o.deepCopy();
    }

    synchronized ObjectNode orderByClientId(final String account, final String clientId) {
        final String id = clientIds.get(account + '|' + clientId);
        if (id == null) {
            throw new VenueError(404, "CLIENT_ORDER_ID_NOT_FOUND", "client id " + clientId + " not found");
        }
        return order(account, id);
    }

    synchronized void cancel(final String account, final String id, final long nowMs) {
        final ObjectNode o = orders.get(id);
        if (o == null || !o.path("account").asText().equals(account)) {
            throw new VenueError(404, "ORDER_ID_NOT_FOUND", "order " + id + " not found");
        }
        if ("CLOSED".equals(o.path("status").asText())) {
            throw new VenueError(400, "ORDER_IS_CLOSED", "order " + id + " is closed");
        }
        o.put("status", "CLOSED");
        o.put("cancel_reason", "USER_CANCELED");
        o.put("last_updated_at", nowMs);
        sink.publish(account, "orders", o.path("market").asText(), o.deepCopy());
    }

    /**
     * Cancels every open order of the account ({@code order.cancel_on_disconnect}, {@code order.cancel_all}).
     *
     * @return the number of orders cancelled
     */
    synchronized int cancelAll(final String account, final String market, final long nowMs) {
        int n = 0;
        for (final ObjectNode o : new java.util.ArrayList<>(orders.values())) {
            if (o.path("account").asText().equals(account) && "OPEN".equals(o.path("status").asText())
                && (market == null || market.equals(o.path("market").asText()))) {
                cancel(account, o.path("id").asText(), nowMs);
                n++;
            }
        }
        return n;
    }

    private void publishAccount(final String account, final long nowMs, final String status) {
        sink.publish(account, "account", "", accountSummary(account, nowMs, status));
    }

    /**
     * @param account the account
     * @param nowMs   {@code updated_at}
     * @param status  {@code ACTIVE} or {@code LIQUIDATION}
     * @return the {@code AccountSummaryResponse} ({@code GET /account} and the {@code account} channel)
     */
    synchronized ObjectNode accountSummary(final String account, final long nowMs, final String status) {
        final BigDecimal value = accountValue(account);
        final BigDecimal initial = marginRequirement(account, initialMarginRate);
        final BigDecimal maintenance = marginRequirement(account, maintenanceMarginRate);
        final ObjectNode n = JSON.createObjectNode();
        n.put("account", account);
        n.put("account_value", money(value));
        n.put("free_collateral", money(value.subtract(initial)));
        n.put("initial_margin_requirement", money(initial));
        n.put("maintenance_margin_requirement", money(maintenance));
        n.put("margin_cushion", money(value.subtract(maintenance)));
        n.put("settlement_asset", "USDC");
        n.put("status", status);
        n.put("seq_no", step);
        n.put("updated_at", nowMs);
        return n;
    }

    private void publishPosition(final String account, final String market, final long nowMs) {
        publishAccount(account, nowMs, "ACTIVE");
        for (final JsonNode p : positions(account, nowMs).path("results")) {
            if (market.equals(p.path("market").asText())) {
                sink.publish(account, "positions", market, (ObjectNode) p.deepCopy());
            }
        }
    }

    synchronized ObjectNode openOrders(final String account, final String market) {
        final ObjectNode out = JSON.createObjectNode();
        final ArrayNode results = out.putArray("results");
        for (final ObjectNode o : orders.values()) {
            if (o.path("account").asText().equals(account) && "OPEN".equals(o.path("status").asText())
                && (market == null || market.equals(o.path("market").asText()))) {
                results.add(o.deepCopy());
            }
        }
        return out;
    }

    synchronized ObjectNode fills(final String account, final String market, final long startAtMs) {
        final ObjectNode out = JSON.createObjectNode();
        final ArrayNode results = out.putArray("results");
        for (int i = fills.size() - 1; i >= 0; i--) {
            final ObjectNode f = fills.get(i);
            if (f.path("account").asText().equals(account) && f.path("created_at").asLong() >= startAtMs
                && (market == null || market.equals(f.path("market").asText()))) {
                results.add(f.deepCopy());
            }
        }
        out.putNull("next");
        out.putNull("prev");
        return out;
    }

    synchronized void cancelByClientId(final String account, final String clientId, final long nowMs) {
        final String id = clientIds.get(account + '|' + clientId);
        if (id == null) {
            throw new VenueError(404, "CLIENT_ORDER_ID_NOT_FOUND", "client id " + clientId + " not found");
        }
        cancel(account, id, nowMs);
    }

    synchronized ObjectNode positions(final String account, final long nowMs) {
        final ObjectNode out = JSON.createObjectNode();
        final ArrayNode results = out.putArray("results");
        for (final Map.Entry<String, PositionState> e : positions.entrySet()) {
            if (!e.getKey().startsWith(account + '|')) {
                continue;
            }
            final PositionState p = e.getValue();
            final ParadexSimulator.Market m = markets.get(p.market);
            final Book book = book(m);
            final long mid = (book.bidPrices()[0] + book.askPrices()[0]) / 2;
            final BigDecimal size = BigDecimal.valueOf(p.size, SCALE);
            final ObjectNode n = results.addObject();
            n.put("id", account + '-' + p.market);
            n.put("account", account);
            n.put("market", p.market);
            n.put("status", p.size == 0 ? "CLOSED" : "OPEN");
            n.put("side", p.size >= 0 ? "LONG" : "SHORT");
            n.put("size", size.stripTrailingZeros().toPlainString());
            n.put("average_entry_price", p.size == 0 ? "" : text(p.entryPrice));
            n.put("unrealized_pnl", size.multiply(BigDecimal.valueOf(mid - p.entryPrice, SCALE)).setScale(SCALE,
                RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
            n.put("unrealized_funding_pnl", money(p.unrealizedFunding));
            n.put("realized_positional_funding_pnl", money(p.realizedFunding));
            n.put("liquidation_price", liquidationPrice(account, p));
            n.put("last_updated_at", Long.toString(nowMs));
            n.put("seq_no", Long.toString(step));
        }
        return out;
    }

    synchronized BigDecimal positionBase(final String account, final String market) {
        final PositionState p = positions.get(normalise(account) + '|' + market);
        return p == null ? BigDecimal.ZERO : BigDecimal.valueOf(p.size, SCALE).stripTrailingZeros();
    }

    /** @return USD at scale 8, plain, trailing zeros stripped */
    private static String money(final BigDecimal usd) {
        return usd.setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /**
     * @param account the account
     * @param market  the market
     * @return the position's accrued, unsettled funding, USD (positive = received; 0 if none)
     */
    synchronized BigDecimal unrealizedFunding(final String account, final String market) {
        final PositionState p = positions.get(normalise(account) + '|' + market);
        return p == null ? BigDecimal.ZERO : p.unrealizedFunding;
    }

    /** A signed position at scale 8 with its average entry price and its funding, USD (positive = received). */
    private static final class PositionState {
        final String market;
        long size;
        long entryPrice;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal unrealizedFunding = BigDecimal.ZERO;
        BigDecimal realizedFunding = BigDecimal.ZERO;
        /** PnL realized by reductions and liquidations, USD. */
        BigDecimal realizedPnl = BigDecimal.ZERO;

        /** Settles the accrued funding (the position is modified) and returns the amount settled. */
        BigDecimal settleFunding() {
            final BigDecimal settled = unrealizedFunding;
            realizedFunding = realizedFunding.add(settled);
            unrealizedFunding = BigDecimal.ZERO;
            return settled;
        }

        PositionState(final String market) {
            this.market = market;
        }

        void apply(final long signedFill, final long price) {
            final long next = size + signedFill;
            if (size != 0 && Long.signum(size) != Long.signum(signedFill)) {
                final long closed = Math.min(Math.abs(size), Math.abs(signedFill));
                realizedPnl = realizedPnl.add(BigDecimal.valueOf(Long.signum(size) * closed, SCALE)
                    .multiply(BigDecimal.valueOf(price - entryPrice, SCALE)));
            }
            if (size == 0 || Long.signum(size) == Long.signum(signedFill)) {
                entryPrice = BigDecimal.valueOf(size, SCALE).abs().multiply(BigDecimal.valueOf(entryPrice, SCALE))
                    .add(BigDecimal.valueOf(signedFill, SCALE).abs().multiply(BigDecimal.valueOf(price, SCALE)))
                    .divide(BigDecimal.valueOf(next, SCALE).abs(), SCALE, RoundingMode.HALF_EVEN).movePointRight(SCALE)
                    .longValueExact();
            } else if (Long.signum(next) != Long.signum(size) && next != 0) {
                entryPrice = price;
            } else if (next == 0) {
                entryPrice = 0;
            }
            size = next;
        }
    }
}
