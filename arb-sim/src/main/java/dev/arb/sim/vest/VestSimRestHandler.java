package dev.arb.sim.vest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.FixedPoint;
import dev.arb.api.FixedPointFormatException;
import dev.arb.vest.VestSigner;
import dev.arb.vest.VestSignedMessages;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated Vest REST API under {@code /v2}. Request and answer shapes follow the Vest API docs
 * (protocol reference §4); signature checks follow §3.
 *
 * <p><b>Note:</b> sharable; runs only on the simulator's single event-loop thread.
 */
@ChannelHandler.Sharable
final class VestSimRestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VestSimulator sim;
    private final AtomicLong orderIds = new AtomicLong(0x1000);

    VestSimRestHandler(final VestSimulator sim) {
        this.sim = sim;
    }

    /** A venue error answered as HTTP {@code status} with {@code {"code","msg"}}. */
    private static final class VenueError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final int code;

        VenueError(final int status, final int code, final String msg) {
            super(msg, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest req) {
        final QueryStringDecoder qs = new QueryStringDecoder(req.uri());
        final String path = qs.path();
        sim.recordRequest(req.method().name(), path);
        final VestSimFaults faults = sim.faults();
        int status = 200;
        String body;
        boolean drop = false;
        try {
            if (faults.forcedStatus.take()) {
                final int forced = faults.forcedStatusCode;
                throw new VenueError(forced, forced == 429 ? 1003 : forced, "simulated HTTP " + forced);
            }
            body = route(req, path, qs.parameters()).toString();
            drop = req.method().equals(HttpMethod.POST) && (path.equals("/v2/orders") || path.equals("/v2/orders/cancel"))
                && faults.dropResponses.take();
        } catch (VenueError e) {
            final ObjectNode err = JSON.createObjectNode().put("code", e.code).put("msg", e.getMessage());
            switch (faults.errorShape) {
                case DETAIL -> {
                    status = e.status;
                    body = JSON.createObjectNode().set("detail", err).toString();
                }
                case HTTP_200 -> body = err.toString();
                default -> {
                    status = e.status;
                    body = err.toString();
                }
            }
        } catch (RuntimeException e) {
            status = 500;
            body = JSON.createObjectNode().put("code", 1000).put("msg", "internal error: " + e).toString();
        }
        if (drop) {
            ctx.close();
            return;
        }
        final FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status), Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        HttpUtil.setContentLength(resp, resp.content().readableBytes());
        final boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(resp, keepAlive);
        final Runnable write = () -> {
            if (keepAlive) {
                ctx.writeAndFlush(resp);
            } else {
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
            }
        };
        final long delay = faults.responseDelayMs;
        if (delay > 0) {
            ctx.executor().schedule(write, delay, TimeUnit.MILLISECONDS);
        } else {
            write.run();
        }
    }

    private JsonNode route(final FullHttpRequest req, final String path, final Map<String, List<String>> query) {
        final HttpMethod method = req.method();
        if (method.equals(HttpMethod.GET) && path.equals("/v2/exchangeInfo")) {
            return exchangeInfo();
        }
        if (method.equals(HttpMethod.GET) && path.equals("/v2/ticker/latest")) {
            return JSON.createObjectNode().set("tickers", readTree(sim.tickersMessage()).get("data"));
        }
        if (method.equals(HttpMethod.POST) && path.equals("/v2/register")) {
            return register(req);
        }
        final String apiKey = req.headers().get("X-API-KEY");
        final VestSimAccount account = sim.account(apiKey);
        if (!path.startsWith("/v2/")) {
            throw new VenueError(404, 1130, "unknown path");
        }
        if (account == null) {
            throw new VenueError(401, 1002, "unauthorized");
        }
        if (path.equals("/v2/account/listenKey")) {
            return listenKey(method, apiKey, query);
        }
        if (method.equals(HttpMethod.GET)) {
            if (!query.containsKey("time")) {
                throw new VenueError(400, 1130, "time is required");
            }
            if (path.equals("/v2/account")) {
                return accountAnswer(account);
            }
            if (path.equals("/v2/account/nonce")) {
                return JSON.createObjectNode().put("lastNonce", account.lastNonce());
            }
            if (path.equals("/v2/orders")) {
                return ordersAnswer(account, query);
            }
        } else if (method.equals(HttpMethod.POST)) {
            final JsonNode body = readTree(req.content().toString(StandardCharsets.UTF_8));
            if (path.equals("/v2/orders")) {
                return placeOrder(account, body);
            }
            if (path.equals("/v2/orders/cancel")) {
                return cancelOrder(account, body);
            }
            if (path.equals("/v2/account/leverage")) {
                return leverage(account, body);
            }
        }
        throw new VenueError(404, 1130, "unknown endpoint " + method + " " + path);
    }

    private static JsonNode readTree(final String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new VenueError(400, 1130, "invalid JSON");
        }
    }

    /**
     * {@code POST} (create or re-issue), {@code PUT} (extend; 1125 if expired), {@code DELETE}
     * {@code /account/listenKey} (protocol reference §4 Listen key).
     */
    private JsonNode listenKey(final HttpMethod method, final String apiKey, final Map<String, List<String>> query) {
        if (method.equals(HttpMethod.POST)) {
            return JSON.createObjectNode().put("listenKey", sim.createListenKey(apiKey));
        }
        final List<String> keys = query.get("listenKey");
        final String key = keys == null || keys.isEmpty() ? null : keys.get(0);
        if (method.equals(HttpMethod.PUT)) {
            final String renewed = sim.renewListenKey(apiKey, key);
            if (renewed == null) {
                throw new VenueError(400, 1125, "Listen key expired. Make a POST request to create a new key.");
            }
            return JSON.createObjectNode().put("listenKey", renewed);
        }
        if (method.equals(HttpMethod.DELETE)) {
            sim.deleteListenKey(key);
            return JSON.createObjectNode();
        }
        throw new VenueError(404, 1130, "unknown endpoint " + method + " /account/listenKey");
    }

    /** {@code POST /account/leverage} {@code {time, symbol, value}} → {@code {symbol, value}} (unsigned, as documented). */
    private JsonNode leverage(final VestSimAccount account, final JsonNode body) {
        number(body, "time");
        final String symbol = text(body, "symbol");
        final long value = number(body, "value");
        if (sim.ladder(symbol) == null) {
            throw new VenueError(400, 1121, "unknown symbol");
        }
        if (value < 1 || value > 50) {
            throw new VenueError(400, 1130, "leverage out of range");
        }
        final Integer before = account.leverage(symbol);
        if (before != null && value < before && account.position(symbol) != 0) {
            throw new VenueError(400, 3021, "cannot decrease leverage with a position");
        }
        account.setLeverage(symbol, (int) value);
        return JSON.createObjectNode().put("symbol", symbol).put("value", value);
    }

    /**
     * {@code POST /register}: checks the primary wallet's EIP-712 {@code SignerProof} (prod or dev
     * verifying contract) and returns {@code {"apiKey","accGroup":0}} (protocol reference §2).
     */
    private JsonNode register(final FullHttpRequest req) {
        final JsonNode body;
        try {
            body = JSON.readTree(req.content().toString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new VenueError(400, 1130, "invalid JSON");
        }
        final String signingAddr = text(body, "signingAddr");
        final String primaryAddr = text(body, "primaryAddr").toLowerCase(java.util.Locale.ROOT);
        final String signature = text(body, "signature");
        final long expiry = number(body, "expiryTime");
        if (expiry <= System.currentTimeMillis()) {
            throw new VenueError(400, 1130, "expiryTime is in the past");
        }
        for (final String contract : List.of(dev.arb.vest.VestConfig.PROD_VERIFYING_CONTRACT,
            dev.arb.vest.VestConfig.DEV_VERIFYING_CONTRACT)) {
            final byte[] digest = VestSignedMessages.registrationDigest(signingAddr, contract, expiry);
            try {
                if (VestSigner.recoverRegistrationSigner("0x" + HexFormat.of().formatHex(digest), signature)
                    .equals(primaryAddr)) {
                    return JSON.createObjectNode().put("apiKey", sim.registerSigner(signingAddr)).put("accGroup", 0);
                }
            } catch (IllegalArgumentException e) {
                break;
            }
        }
        throw new VenueError(400, 1022, "invalid signature");
    }

    private JsonNode exchangeInfo() {
        final ObjectNode root = JSON.createObjectNode();
        final ArrayNode symbols = root.putArray("symbols");
        for (final VestSimLadder l : sim.ladders()) {
            final VestSimulator.SimSymbol s = l.symbol;
            final String base = s.symbol().substring(0, s.symbol().indexOf('-') > 0 ? s.symbol().indexOf('-')
                : s.symbol().length());
            symbols.addObject().put("symbol", s.symbol()).put("displayName", s.symbol()).put("base", base)
                .put("quote", "USDC").put("sizeDecimals", s.sizeDecimals()).put("priceDecimals", s.priceDecimals())
                .put("initMarginRatio", "0.1").put("maintMarginRatio", "0.05")
                .put("takerFee", s.takerFee().toPlainString()).put("isolated", false);
        }
        root.putObject("exchange").put("lp", "100000.000000").put("insurance", "10000000000.000000")
            .put("collateralDecimals", 6);
        return root;
    }

    private JsonNode accountAnswer(final VestSimAccount account) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("address", account.signerAddress);
        root.putArray("balances").addObject().put("asset", "USDC")
            .put("total", account.balance().setScale(6, RoundingMode.HALF_EVEN).toPlainString())
            .put("locked", "0.000000");
        final VestSimMargin margin = sim.margin(account);
        root.put("totalAccountValue", margin.accountValue().toPlainString());
        root.put("totalMaintMargin", margin.totalMaintMargin().setScale(6, RoundingMode.HALF_EVEN).toPlainString());
        final ArrayNode positions = root.putArray("positions");
        for (final VestSimMargin.Leg leg : margin.positions()) {
            final VestSimLadder l = leg.ladder();
            final String symbol = l.symbol.symbol();
            final BigDecimal liq = margin.liquidationPrice(leg);
            positions.addObject().put("symbol", symbol).put("isLong", leg.size().signum() > 0)
                .put("size", leg.size().abs().setScale(l.symbol.sizeDecimals(), RoundingMode.UNNECESSARY).toPlainString())
                .put("entryPrice", leg.entry().toPlainString()).put("unrealizedPnl", leg.unrealizedPnl().toPlainString())
                .put("settledFunding", account.settledFunding(symbol).setScale(6, RoundingMode.HALF_EVEN)
                    .toPlainString())
                .put("markPrice", leg.mark().toPlainString())
                .put("liqPrice", liq == null ? "0" : liq.toPlainString())
                .put("initMargin", leg.initMargin().toPlainString())
                .put("maintMargin", leg.maintMargin().toPlainString())
                .put("initMarginRatio", leg.ratio().setScale(4, RoundingMode.HALF_EVEN).toPlainString());
        }
        final ArrayNode leverages = root.putArray("leverages");
        account.leverages().forEach((symbol, value) -> leverages.addObject().put("symbol", symbol).put("value", value));
        root.put("time", System.currentTimeMillis());
        return root;
    }

    /** {@code GET /orders}: filters {@code id} (comma list), {@code nonce}, {@code symbol}, {@code status}, {@code startTime}. */
    private JsonNode ordersAnswer(final VestSimAccount account, final Map<String, List<String>> query) {
        final ArrayNode out = JSON.createArrayNode();
        final java.util.Set<String> ids = new java.util.HashSet<>();
        for (final String list : query.getOrDefault("id", List.of())) {
            for (final String id : list.split(",")) {
                ids.add(id.trim());
            }
        }
        final String nonce = first(query, "nonce");
        final String symbol = first(query, "symbol");
        final String status = first(query, "status");
        final String startTime = first(query, "startTime");
        for (final ObjectNode o : account.orders()) {
            if (!ids.isEmpty() && !ids.contains(o.path("id").asText())
                || nonce != null && !nonce.equals(o.path("nonce").asText())
                || symbol != null && !symbol.equals(o.path("symbol").asText())
                || status != null && !status.equals(o.path("status").asText())
                || startTime != null && o.path("postTime").asLong() < Long.parseLong(startTime)) {
                continue;
            }
            out.add(o);
        }
        return out;
    }

    private static String first(final Map<String, List<String>> query, final String name) {
        final List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String text(final JsonNode order, final String field) {
        final JsonNode n = order.get(field);
        if (n == null || !n.isTextual()) {
            throw new VenueError(400, 1130, field + " must be a string");
        }
        return n.asText();
    }

    private static long number(final JsonNode order, final String field) {
        final JsonNode n = order.get(field);
        if (n == null || !n.canConvertToLong()) {
            throw new VenueError(400, 1130, field + " must be an integer");
        }
        return n.asLong();
    }

    private static boolean bool(final JsonNode order, final String field) {
        final JsonNode n = order.get(field);
        if (n == null || !n.isBoolean()) {
            throw new VenueError(400, 1130, field + " must be a boolean");
        }
        return n.asBoolean();
    }

    private static void verifySigner(final VestSimAccount account, final byte[] hash, final JsonNode body) {
        final JsonNode sig = body.get("signature");
        if (sig == null || !sig.isTextual()) {
            throw new VenueError(400, 1022, "invalid signature");
        }
        final String recovered;
        try {
            recovered = VestSigner.recoverOrderSigner("0x" + HexFormat.of().formatHex(hash), sig.asText());
        } catch (IllegalArgumentException e) {
            throw new VenueError(400, 1022, "invalid signature");
        }
        if (!recovered.equals(account.signerAddress)) {
            throw new VenueError(400, 1022, "invalid signature");
        }
    }

    /** Parses a decimal that must have exactly {@code decimals} fractional digits (Vest BAD_DECIMALS 1111). */
    private static long exact(final String text, final int decimals) {
        final int dot = text.indexOf('.');
        final int fraction = dot < 0 ? 0 : text.length() - dot - 1;
        if (fraction != decimals || (decimals == 0 && dot >= 0)) {
            throw new VenueError(400, 1111, "bad decimals: " + text);
        }
        try {
            return FixedPoint.parse(text, decimals);
        } catch (FixedPointFormatException e) {
            throw new VenueError(400, 1111, "bad decimals: " + text);
        }
    }

    private JsonNode placeOrder(final VestSimAccount account, final JsonNode body) {
        final JsonNode order = body.get("order");
        if (order == null || !order.isObject()) {
            throw new VenueError(400, 1130, "order is required");
        }
        final long time = number(order, "time");
        final long nonce = number(order, "nonce");
        final String symbol = text(order, "symbol");
        final boolean isBuy = bool(order, "isBuy");
        final String sizeText = text(order, "size");
        final String orderType = text(order, "orderType");
        final String limitText = text(order, "limitPrice");
        final boolean reduceOnly = bool(order, "reduceOnly");
        final VestSimLadder ladder = sim.ladder(symbol);
        if (ladder == null) {
            throw new VenueError(400, 1121, "unknown symbol");
        }
        verifySigner(account, VestSignedMessages.orderArgsHash(time, nonce, orderType, symbol, isBuy, sizeText, limitText,
            reduceOnly), body);
        final String signature = body.get("signature").asText();
        final ObjectNode seen = account.orderBySignature(signature);
        if (seen != null) {
            return seen;
        }
        if (!orderType.equals("MARKET") && !orderType.equals("LIMIT")) {
            throw new VenueError(400, 1116, "invalid order type");
        }
        final VestSimulator.SimSymbol s = ladder.symbol;
        final long size = exact(sizeText, s.sizeDecimals());
        final long limit = exact(limitText, s.priceDecimals());
        if (size <= 0 || limit <= 0) {
            throw new VenueError(400, 1130, "size and limitPrice must be positive");
        }
        final VestSimFaults faults = sim.faults();
        if (faults.rejectSync.take()) {
            throw new VenueError(400, faults.rejectSyncCode, "simulated rejection");
        }
        final long now = System.currentTimeMillis();
        final String id = "0x" + Long.toHexString(orderIds.incrementAndGet());
        if (faults.rejectAsync.take()) {
            final ObjectNode pending = JSON.createObjectNode().put("id", id).put("nonce", nonce).put("symbol", symbol)
                .put("isBuy", isBuy).put("orderType", orderType).put("limitPrice", limitText).put("size", sizeText)
                .put("reduceOnly", reduceOnly).put("status", "NEW").put("postTime", now);
            account.recordOrder(signature, pending);
            sim.publishOrderEvent(account, pending.deepCopy());
            final ObjectNode ack = pending.deepCopy();
            pending.put("status", "REJECTED").put("code", faults.rejectAsyncCode);
            sim.publishOrderEvent(account, JSON.createObjectNode().put("id", id).put("status", "REJECTED")
                .put("code", faults.rejectAsyncCode).put("postTime", now).put("nonce", nonce));
            return faults.ackIdOnly ? JSON.createObjectNode().put("id", id) : ack;
        }
        final long position = account.position(symbol);
        if (reduceOnly) {
            final boolean increases = position == 0 || (position > 0) == isBuy;
            if (increases) {
                throw new VenueError(400, 3018, "reduce-only order increases the position");
            }
            if (size > Math.abs(position)) {
                throw new VenueError(400, 3019, "reduce-only order exceeds the position");
            }
        }
        long fillable = size;
        if (faults.limitFills.take()) {
            fillable = Math.min(size, faults.maxFillBase.setScale(s.sizeDecimals(), RoundingMode.DOWN).unscaledValue()
                .longValueExact());
        }
        long filled = 0;
        BigDecimal notional = BigDecimal.ZERO;
        final long[] prices = isBuy ? ladder.askPrices : ladder.bidPrices;
        final long[] sizes = isBuy ? ladder.askSizes : ladder.bidSizes;
        for (int i = 0; i < prices.length && filled < fillable; i++) {
            if (isBuy ? prices[i] > limit : prices[i] < limit) {
                break;
            }
            final long take = Math.min(fillable - filled, sizes[i]);
            filled += take;
            notional = notional.add(BigDecimal.valueOf(prices[i], s.priceDecimals())
                .multiply(BigDecimal.valueOf(take, s.sizeDecimals())));
        }
        account.addPosition(symbol, isBuy ? filled : -filled, notional);
        account.addFee(notional.multiply(s.takerFee()));
        final String avg = filled == 0 ? "0" : notional.divide(BigDecimal.valueOf(filled, s.sizeDecimals()),
            s.priceDecimals(), RoundingMode.HALF_EVEN).toPlainString();
        final String filledText = FixedPoint.format(filled, s.sizeDecimals());
        final ObjectNode answer = JSON.createObjectNode();
        answer.put("id", id);
        answer.put("nonce", nonce).put("symbol", symbol).put("isBuy", isBuy).put("orderType", orderType)
            .put("limitPrice", limitText).put("size", sizeText).put("reduceOnly", reduceOnly)
            .put("status", filled == size ? "FILLED" : "CANCELLED")
            .put("lastFilledSize", filledText)
            .put("lastFilledPrice", avg)
            .put("avgFilledPrice", avg)
            .put("fees", notional.multiply(s.takerFee()).setScale(6, RoundingMode.HALF_EVEN).toPlainString())
            .put("postTime", now).put("lastFilledTime", now);
        account.recordOrder(signature, answer);
        final ObjectNode created = answer.deepCopy();
        created.remove(List.of("lastFilledSize", "lastFilledPrice", "avgFilledPrice", "fees", "lastFilledTime"));
        created.put("status", "NEW");
        sim.publishOrderEvent(account, created);
        if (filled == size) {
            sim.publishOrderEvent(account, answer.deepCopy());
        } else {
            // Vest's CANCELLED event carries only id/status/postTime/nonce (protocol reference §5); the
            // simulator adds the partial fill fields when something filled
            final ObjectNode cancelled = JSON.createObjectNode().put("id", id).put("status", "CANCELLED")
                .put("postTime", now).put("nonce", nonce);
            if (filled > 0) {
                cancelled.put("lastFilledSize", filledText).put("lastFilledPrice", avg).put("avgFilledPrice", avg)
                    .put("fees", answer.get("fees").asText()).put("lastFilledTime", now);
            }
            sim.publishOrderEvent(account, cancelled);
        }
        if (filled > 0) {
            sim.publishTrade(symbol, avg, filledText, isBuy);
        }
        return faults.ackIdOnly ? JSON.createObjectNode().put("id", id) : answer;
    }

    private JsonNode cancelOrder(final VestSimAccount account, final JsonNode body) {
        final JsonNode order = body.get("order");
        if (order == null || !order.isObject()) {
            throw new VenueError(400, 1130, "order is required");
        }
        final long time = number(order, "time");
        final long nonce = number(order, "nonce");
        final String id = text(order, "id");
        verifySigner(account, VestSignedMessages.cancelArgsHash(time, nonce, id), body);
        if (account.order(id) == null) {
            throw new VenueError(400, 3017, "order not found");
        }
        return JSON.createObjectNode().put("id", id);
    }
}
