package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.paradex.ParadexSignedMessages;
import dev.arb.paradex.ParadexSigner;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * REST endpoints of the simulated Paradex under {@code /v1}: {@code GET /system/config},
 * {@code GET /system/state}, {@code GET /system/time}, {@code GET /markets}, {@code POST /onboarding}, {@code POST /auth} (and
 * {@code /auth/{key}}), {@code POST /orders}, {@code GET /orders} (open), {@code GET /orders/{id}},
 * {@code GET /orders/by_client_id/{id}}, {@code DELETE /orders/{id}},
 * {@code DELETE /orders/by_client_id/{id}}, {@code GET /fills}, {@code GET /positions}, {@code GET /account}. Errors use the venue's
 * {@code {"error":CODE,"message":…,"data":null}} body (protocol reference §3.8).
 *
 * <p><b>Note:</b> sharable; runs on the simulator's event loop.
 */
final class SimRestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimFaults faults;
    private final ParadexSimulator.Options options;
    private final SimExchange exchange;
    private final SimJwt jwt;

    SimRestHandler(final SimFaults faults, final ParadexSimulator.Options options, final SimExchange exchange,
        final SimJwt jwt) {
        this.faults = faults;
        this.options = options;
        this.exchange = exchange;
        this.jwt = jwt;
    }

    @Override
    public boolean isSharable() {
        return true;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest req) {
        final boolean keepAlive = HttpUtil.isKeepAlive(req);
        final String path = new QueryStringDecoder(req.uri()).path();
        faults.countRequest(req.method().name(), path);
        FullHttpResponse resp;
        try {
            final int injected = faults.takeInjectedStatus();
            if (injected > 0) {
                resp = error(injected, injectedCode(injected), "injected fault");
            } else {
                resp = route(req);
            }
        } catch (final SimExchange.VenueError e) {
            resp = error(e.status, e.code, e.getMessage());
        } catch (final RuntimeException e) {
            resp = error(500, "INTERNAL_ERROR", e.toString());
        }
        if (req.method().equals(HttpMethod.POST) && path.equals("/v1/orders") && faults.takeDroppedOrderResponse()) {
            resp.release();
            ctx.close();
            return;
        }
        resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, resp.content().readableBytes());
        final FullHttpResponse answer = resp;
        final Runnable write = () -> {
            if (keepAlive) {
                HttpUtil.setKeepAlive(answer, true);
                ctx.writeAndFlush(answer);
            } else {
                ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            }
        };
        final long delayMs = faults.responseDelayMs();
        if (delayMs > 0) {
            ctx.executor().schedule(write, delayMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } else {
            write.run();
        }
    }

    private static String injectedCode(final int status) {
        if (status == 429) {
            return "RATE_LIMIT_EXCEEDED";
        }
        if (status == 401) {
            return "INVALID_TOKEN";
        }
        return status >= 500 ? "SERVICE_UNAVAILABLE" : "VALIDATION_ERROR";
    }

    private FullHttpResponse route(final FullHttpRequest req) {
        final QueryStringDecoder q = new QueryStringDecoder(req.uri());
        final String path = q.path();
        if (!path.startsWith("/v1/")) {
            throw new SimExchange.VenueError(404, "NOT_FOUND", "no such path " + path);
        }
        final String p = path.substring(3);
        final HttpMethod method = req.method();
        final long nowMs = System.currentTimeMillis();
        if (method.equals(HttpMethod.GET) && p.equals("/system/config")) {
            return json(200, systemConfig());
        }
        if (method.equals(HttpMethod.GET) && p.equals("/system/state")) {
            return json(200, JSON.createObjectNode().put("status", faults.systemState()));
        }
        if (method.equals(HttpMethod.GET) && p.equals("/system/time")) {
            return json(200, JSON.createObjectNode().put("server_time", Long.toString(nowMs)));
        }
        if (method.equals(HttpMethod.GET) && p.equals("/markets")) {
            return json(200, markets(q.parameters().containsKey("market") ? q.parameters().get("market").get(0) : null));
        }
        if (method.equals(HttpMethod.POST) && (p.equals("/auth") || p.startsWith("/auth/"))) {
            return json(200, JSON.createObjectNode().put("jwt_token", auth(req, nowMs)));
        }
        if (method.equals(HttpMethod.POST) && p.equals("/onboarding")) {
            onboard(req);
            return json(200, JSON.createObjectNode());
        }
        final String account = jwt.validate(req.headers().get(HttpHeaderNames.AUTHORIZATION), nowMs / 1000);
        if (account == null) {
            throw new SimExchange.VenueError(401, "INVALID_TOKEN", "missing, invalid or expired bearer token");
        }
        if (method.equals(HttpMethod.POST) && p.equals("/orders")) {
            final String rejectCode = faults.takeOrderRejection();
            if (rejectCode != null) {
                throw new SimExchange.VenueError(400, rejectCode, "injected rejection");
            }
            final JsonNode body;
            try {
                body = JSON.readTree(req.content().toString(StandardCharsets.UTF_8));
            } catch (final Exception e) {
                throw new SimExchange.VenueError(400, "BINDING_ERROR", "body is not JSON");
            }
            if (body == null || !body.isObject()) {
                throw new SimExchange.VenueError(400, "BINDING_ERROR", "body is not a JSON object");
            }
            return json(201, exchange.placeOrder(account, body, nowMs));
        }
        final String marketParam = q.parameters().containsKey("market") ? q.parameters().get("market").get(0) : null;
        if (method.equals(HttpMethod.GET) && p.equals("/orders")) {
            return json(200, exchange.openOrders(account, marketParam));
        }
        if (method.equals(HttpMethod.GET) && p.equals("/fills")) {
            final long startAt = q.parameters().containsKey("start_at") ? Long.parseLong(q.parameters().get("start_at").get(0)) : 0;
            return json(200, exchange.fills(account, marketParam, startAt));
        }
        if (method.equals(HttpMethod.DELETE) && p.startsWith("/orders/by_client_id/")) {
            exchange.cancelByClientId(account, p.substring("/orders/by_client_id/".length()), nowMs);
            return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
        }
        if (method.equals(HttpMethod.GET) && p.startsWith("/orders/by_client_id/")) {
            return json(200, exchange.orderByClientId(account, q.path().substring("/v1/orders/by_client_id/".length())));
        }
        if (method.equals(HttpMethod.GET) && p.startsWith("/orders/")) {
            return json(200, exchange.order(account, p.substring("/orders/".length())));
        }
        if (method.equals(HttpMethod.DELETE) && p.startsWith("/orders/")) {
            exchange.cancel(account, p.substring("/orders/".length()), nowMs);
            return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
        }
        if (method.equals(HttpMethod.GET) && p.equals("/account")) {
            return json(200, exchange.accountSummary(account, nowMs, "ACTIVE"));
        }
        if (method.equals(HttpMethod.GET) && p.equals("/positions")) {
            return json(200, exchange.positions(account, nowMs));
        }
        throw new SimExchange.VenueError(404, "NOT_FOUND", "no such endpoint " + method + ' ' + path);
    }

    private String auth(final FullHttpRequest req, final long nowMs) {
        final String account = req.headers().get("PARADEX-STARKNET-ACCOUNT");
        final String signature = req.headers().get("PARADEX-STARKNET-SIGNATURE");
        final String ts = req.headers().get("PARADEX-TIMESTAMP");
        final String exp = req.headers().get("PARADEX-SIGNATURE-EXPIRATION");
        if (account == null || signature == null || ts == null) {
            throw new SimExchange.VenueError(400, "VALIDATION_ERROR", "PARADEX-* auth headers missing");
        }
        final long timestamp;
        final long expiration;
        try {
            timestamp = Long.parseLong(ts);
            expiration = exp == null ? timestamp + 1800 : Long.parseLong(exp);
        } catch (final NumberFormatException e) {
            throw new SimExchange.VenueError(400, "INVALID_TIMESTAMP", "timestamps must be integer seconds");
        }
        if (expiration * 1000 <= nowMs) {
            throw new SimExchange.VenueError(400, "INVALID_SIGNATURE_EXPIRATION", "signature expired");
        }
        final String normalised;
        try {
            normalised = SimExchange.normalise(account);
        } catch (final RuntimeException e) {
            throw new SimExchange.VenueError(400, "INVALID_STARKNET_ADDRESS", "account is not hex");
        }
        final String pub = exchange.publicKey(normalised);
        if (pub == null) {
            throw new SimExchange.VenueError(400, "NOT_ONBOARDED", "User has never called /onboarding endpoint");
        }
        final BigInteger r;
        final BigInteger s;
        try {
            final JsonNode rs = JSON.readTree(signature);
            r = new BigInteger(rs.get(0).asText());
            s = new BigInteger(rs.get(1).asText());
        } catch (final Exception e) {
            throw new SimExchange.VenueError(400, "INVALID_STARKNET_SIGNATURE", "signature unreadable");
        }
        final String hash = ParadexSignedMessages.authMessageHash(options.chainId(), normalised, timestamp, expiration).hexString();
        if (!ParadexSigner.verify(pub, hash, r, s)) {
            throw new SimExchange.VenueError(400, "INVALID_STARKNET_SIGNATURE", "auth signature does not verify");
        }
        return jwt.issue(normalised, nowMs / 1000, options.jwtLifetimeSeconds());
    }

    /**
     * {@code POST /v1/onboarding} (protocol reference §4.1): the STARK signature of {@code Constant{action:
     * "Onboarding"}} for the account must verify with the body's {@code public_key}; the account is then
     * registered with that key (idempotent).
     */
    private void onboard(final FullHttpRequest req) {
        final String account = req.headers().get("PARADEX-STARKNET-ACCOUNT");
        final String signature = req.headers().get("PARADEX-STARKNET-SIGNATURE");
        if (account == null || signature == null || req.headers().get("PARADEX-ETHEREUM-ACCOUNT") == null) {
            throw new SimExchange.VenueError(400, "VALIDATION_ERROR", "PARADEX-* onboarding headers missing");
        }
        final String publicKey;
        final BigInteger r;
        final BigInteger s;
        try {
            publicKey = JSON.readTree(req.content().toString(StandardCharsets.UTF_8)).path("public_key").asText("");
            final JsonNode rs = JSON.readTree(signature);
            r = new BigInteger(rs.get(0).asText());
            s = new BigInteger(rs.get(1).asText());
        } catch (final Exception e) {
            throw new SimExchange.VenueError(400, "INVALID_STARKNET_SIGNATURE", "body or signature unreadable");
        }
        final String normalised = SimExchange.normalise(account);
        final String hash = dev.arb.paradex.ParadexOnboarding.onboardingMessageHash(options.chainId(), normalised);
        if (publicKey.isEmpty() || !ParadexSigner.verify(publicKey, hash, r, s)) {
            throw new SimExchange.VenueError(400, "INVALID_STARKNET_SIGNATURE", "onboarding signature does not verify");
        }
        exchange.register(normalised, publicKey);
    }

    private ObjectNode systemConfig() {
        final ObjectNode n = JSON.createObjectNode();
        n.put("starknet_chain_id", options.chainId());
        n.put("paraclear_decimals", 8);
        n.put("paraclear_address", "0x1");
        n.put("paraclear_account_proxy_hash", "0x3530cc4759d78042f1b543bf797f5f3d647cde0388c33734cf91b7f7b9314a9");
        n.put("paraclear_account_hash", "0x41cb0280ebadaa75f996d8d92c6f265f6d040bb3ba442e5f86a554f1765244e");
        n.put("l1_chain_id", "11155111");
        n.put("liquidation_fee", "0.2");
        return n;
    }

    private ObjectNode markets(final String only) {
        final ObjectNode out = JSON.createObjectNode();
        final ArrayNode results = out.putArray("results");
        for (final ParadexSimulator.Market m : exchange.markets().values()) {
            if (only != null && !only.equals(m.symbol())) {
                continue;
            }
            final ObjectNode n = results.addObject();
            n.put("symbol", m.symbol());
            n.put("base_currency", m.symbol().substring(0, m.symbol().indexOf('-')));
            n.put("quote_currency", "USD");
            n.put("settlement_currency", "USDC");
            n.put("order_size_increment", m.orderSizeIncrement().toPlainString());
            n.put("price_tick_size", m.tickSize().toPlainString());
            n.put("min_notional", m.minNotional().toPlainString());
            n.put("asset_kind", "PERP");
            n.put("max_order_size", "100");
            n.put("position_limit", "300");
            n.put("max_open_orders", 100);
            n.put("funding_period_hours", exchange.fundingPeriodHours());
            final ObjectNode apiFee = n.putObject("fee_config").putObject("api_fee");
            apiFee.putObject("maker_fee").put("fee", m.makerFee().toPlainString());
            apiFee.putObject("taker_fee").put("fee", m.takerFee().toPlainString());
        }
        return out;
    }

    private static FullHttpResponse json(final int status, final JsonNode body) {
        final FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
            Unpooled.copiedBuffer(body.toString(), StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        return r;
    }

    private static FullHttpResponse error(final int status, final String code, final String message) {
        return json(status, JSON.createObjectNode().put("error", code).put("message", message).putNull("data"));
    }
}
