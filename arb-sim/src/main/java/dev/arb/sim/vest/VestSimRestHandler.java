package dev.arb.sim.vest;

import static dev.arb.sim.vest.VestSimJson.JSON;
import static dev.arb.sim.vest.VestSimJson.readTree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The simulated Vest REST API under {@code /v2}. Request and answer shapes follow the Vest API docs
 * (protocol reference §4); signature checks follow §3. Records every request, routes it (market data here, the
 * order endpoints to {@link VestSimOrderDesk}, the account endpoints to {@link VestSimAccountApi}; every path but
 * {@code exchangeInfo}, {@code ticker/latest} and {@code register} needs a known {@code X-API-KEY}), and writes
 * the answer: a {@link VestSimVenueError} in the error shape a test chose, forced statuses, dropped and delayed
 * answers as the fault switches say.
 *
 * <p><b>Note:</b> sharable; runs only on the simulator's single event-loop thread.
 */
@ChannelHandler.Sharable
final class VestSimRestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final VestSimFaults faults;
    private final VestRequestLog requests;
    private final VestSimAccounts accounts;
    private final VestSimMarket market;
    private final VestSimOrderDesk orders;
    private final VestSimAccountApi accountApi;

    /**
     * @param faults     the fault switches (forced statuses, error shape, dropped and delayed answers)
     * @param requests   where every request's arrival is recorded
     * @param accounts   the accounts by API key ({@code X-API-KEY})
     * @param market     the quoted market
     * @param orders     the order endpoints
     * @param accountApi the account endpoints
     */
    VestSimRestHandler(final VestSimFaults faults, final VestRequestLog requests, final VestSimAccounts accounts,
        final VestSimMarket market, final VestSimOrderDesk orders, final VestSimAccountApi accountApi) {
        this.faults = faults;
        this.requests = requests;
        this.accounts = accounts;
        this.market = market;
        this.orders = orders;
        this.accountApi = accountApi;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest req) {
        final QueryStringDecoder qs = new QueryStringDecoder(req.uri());
        final String path = qs.path();
        requests.record(req.method().name(), path, System.currentTimeMillis());
        int status = 200;
        String body;
        boolean drop = false;
        try {
            if (faults.forcedStatus.take()) {
                final int forced = faults.forcedStatusCode;
                throw new VestSimVenueError(forced, forced == 429 ? 1003 : forced, "simulated HTTP " + forced);
            }
            body = route(req, path, qs.parameters()).toString();
            drop = req.method().equals(HttpMethod.POST) && (path.equals("/v2/orders") || path.equals("/v2/orders/cancel"))
                && faults.dropResponses.take();
        } catch (VestSimVenueError e) {
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
            return JSON.createObjectNode().set("tickers", readTree(market.tickersMessage()).get("data"));
        }
        if (method.equals(HttpMethod.POST) && path.equals("/v2/register")) {
            return accountApi.register(readTree(req.content().toString(StandardCharsets.UTF_8)));
        }
        final String apiKey = req.headers().get("X-API-KEY");
        final VestSimAccount account = apiKey == null ? null : accounts.get(apiKey);
        if (!path.startsWith("/v2/")) {
            throw new VestSimVenueError(404, 1130, "unknown path");
        }
        if (account == null) {
            throw new VestSimVenueError(401, 1002, "unauthorized");
        }
        if (path.equals("/v2/account/listenKey")) {
            return accountApi.listenKey(method, apiKey, query);
        }
        if (method.equals(HttpMethod.GET)) {
            if (!query.containsKey("time")) {
                throw new VestSimVenueError(400, 1130, "time is required");
            }
            if (path.equals("/v2/account")) {
                return accountApi.accountAnswer(account);
            }
            if (path.equals("/v2/account/nonce")) {
                return JSON.createObjectNode().put("lastNonce", account.lastNonce());
            }
            if (path.equals("/v2/orders")) {
                return accountApi.ordersAnswer(account, query);
            }
        } else if (method.equals(HttpMethod.POST)) {
            final JsonNode body = readTree(req.content().toString(StandardCharsets.UTF_8));
            if (path.equals("/v2/orders")) {
                return orders.placeOrder(account, body);
            }
            if (path.equals("/v2/orders/cancel")) {
                return orders.cancelOrder(account, body);
            }
            if (path.equals("/v2/account/leverage")) {
                return accountApi.leverage(account, body);
            }
        }
        throw new VestSimVenueError(404, 1130, "unknown endpoint " + method + " " + path);
    }

    /** @return {@code GET /exchangeInfo}: every quoted symbol's decimals, margin ratios and fee */
    private JsonNode exchangeInfo() {
        final ObjectNode root = JSON.createObjectNode();
        final ArrayNode symbols = root.putArray("symbols");
        for (final VestSimLadder l : market.ladders()) {
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
}
