package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.concurrent.TimeUnit;

/**
 * The JSON-RPC side of the simulated Paradex WebSocket (protocol reference §2; paradex-sbe reference §2):
 * <ul>
 *   <li>{@code subscribe}/{@code unsubscribe} answered {@code {"jsonrpc":"2.0","result":{"channel":…},"usIn":…,
 *   "usDiff":…,"id":…}}; errors {@code {"jsonrpc":"2.0","error":{"code":…,"message":…,"data":…},…}}. Public
 *   channels {@code order_book.{m}.snapshot@…}, {@code order_book.{m}.deltas}, {@code bbo.{m}},
 *   {@code markets_summary.{m}} (every step) and {@code trades.{m}} (our fills); on an SBE
 *   session a suffixed deltas channel is refused with -32600 "no parameters expected for deltas topic" and a
 *   second book channel of a market with -32600 (FBC 0074); on a JSON session {@code deltas@15@50ms} is
 *   accepted too. A book subscription opens with a snapshot.</li>
 *   <li>{@code auth} ({@code params.bearer}, answered {@code {"node_id":…}}; 40111 for an invalid JWT); private
 *   channels {@code orders[.ALL|.{m}]}, {@code fills[.ALL|.{m}]}, {@code positions}, {@code account} (40300
 *   before {@code auth}), pushed as JSON.</li>
 *   <li>{@code order.create} (answered {@code {order, created_at, received_at}}), {@code order.cancel}
 *   ({@code {id}} or {@code {client_id, market}} → {@code {order_id, status:"QUEUED_FOR_CANCELLATION"}}),
 *   {@code order.create_batch} ({@code {orders:[…]}} → {@code {orders:[ack or {error, message}]}}, the per-order
 *   error shape being this simulator's choice), {@code order.cancel_batch} ({@code {order_ids}}),
 *   {@code order.cancel_all}, {@code order.cancel_on_disconnect} ({@code {enabled}}). Venue errors are
 *   JSON-RPC errors with code 100 and the REST error code in {@code data}; an injected 429 is code 42901.
 *   The simulator's order fault switches apply.</li>
 * </ul>
 * Counts WebSocket pongs.
 *
 * <p><b>Note:</b> one instance per connection; runs on the simulator's event loop.
 */
final class SimWsHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimFaults faults;
    private final SimSessions sessions;
    private final SimMarketData marketData;
    private final SimExchange exchange;
    private final SimJwt jwt;
    private SimSession session;

    SimWsHandler(final SimFaults faults, final SimSessions sessions, final SimMarketData marketData,
        final SimExchange exchange, final SimJwt jwt) {
        this.faults = faults;
        this.sessions = sessions;
        this.marketData = marketData;
        this.exchange = exchange;
        this.jwt = jwt;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            session = new SimSession(ctx.channel(), Boolean.TRUE.equals(ctx.channel().attr(SimSbeNegotiation.SBE).get()));
            sessions.connected(session);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame) {
        if (frame instanceof PongWebSocketFrame) {
            faults.pongReceived();
            return;
        }
        if (!(frame instanceof TextWebSocketFrame text) || session == null) {
            return;
        }
        final long usIn = System.currentTimeMillis() * 1000;
        final JsonNode req;
        try {
            req = JSON.readTree(text.text());
        } catch (final Exception e) {
            ctx.writeAndFlush(new TextWebSocketFrame(error(-32700, "parse error", null, null, usIn)));
            return;
        }
        final JsonNode id = req.get("id");
        final String method = req.path("method").asText("");
        final JsonNode params = req.path("params");
        final String channel = params.path("channel").asText("");
        switch (method) {
            case "subscribe" -> subscribe(ctx, channel, id, usIn);
            case "unsubscribe" -> {
                if (!session.remove(channel)) {
                    reply(ctx, error(-32600, "not subscribed to " + channel, null, id, usIn));
                } else {
                    reply(ctx, ack(channel, id, usIn));
                }
            }
            case "auth" -> {
                final String account = jwt.validate("Bearer " + params.path("bearer").asText(""),
                    System.currentTimeMillis() / 1000);
                if (account == null) {
                    reply(ctx, error(40111, "Invalid Bearer Token", null, id, usIn));
                } else {
                    session.account(account);
                    final ObjectNode r = JSON.createObjectNode();
                    r.put("node_id", "sim" + Integer.toHexString(ctx.channel().hashCode()));
                    reply(ctx, result(r, id, usIn));
                }
            }
            default -> {
                if (method.startsWith("order.")) {
                    order(ctx, method, params, id, usIn);
                } else {
                    reply(ctx, error(-32601, "method does not exist", null, id, usIn));
                }
            }
        }
    }

    private void subscribe(final ChannelHandlerContext ctx, final String channel, final JsonNode id, final long usIn) {
        final String bookMarket = SimChannels.bookChannelMarket(channel);
        final String bboMarket = SimChannels.bboChannelMarket(channel);
        if (isPrivate(channel)) {
            if (session.account() == null) {
                reply(ctx, error(40300, "permission denied: auth required", null, id, usIn));
                return;
            }
        } else if (bookMarket != null) {
            if (!hasMarket(bookMarket) || !(channel.startsWith("order_book." + bookMarket + ".snapshot@")
                || channel.startsWith("order_book." + bookMarket + ".deltas"))) {
                reply(ctx, error(-32602, "invalid channel " + channel, null, id, usIn));
                return;
            }
            if (session.sbe() && SimChannels.isDeltaChannel(channel)
                && !channel.equals("order_book." + bookMarket + ".deltas")) {
                reply(ctx, error(-32600, "invalid subscribe request", "no parameters expected for deltas topic", id, usIn));
                return;
            }
            final String other = session.bookChannelOf(bookMarket);
            if (session.sbe() && other != null && !other.equals(channel)) {
                reply(ctx, error(-32600, "invalid subscribe request", "channel '" + channel
                    + "' cannot share an SBE session with '" + other + "'", id, usIn));
                return;
            }
        } else if (SimChannels.summaryChannelMarket(channel) != null
            || SimChannels.tradesChannelMarket(channel) != null) {
            final String m = SimChannels.summaryChannelMarket(channel) != null
                ? SimChannels.summaryChannelMarket(channel) : SimChannels.tradesChannelMarket(channel);
            if (!hasMarket(m)) {
                reply(ctx, error(-32602, "invalid channel " + channel, null, id, usIn));
                return;
            }
        } else if (bboMarket == null || !hasMarket(bboMarket)) {
            reply(ctx, error(-32602, "invalid channel " + channel, null, id, usIn));
            return;
        }
        if (!session.add(channel)) {
            reply(ctx, error(-32600, "already subscribed to " + channel, null, id, usIn));
            return;
        }
        reply(ctx, ack(channel, id, usIn));
        marketData.sendInitial(session, channel);
    }

    private boolean hasMarket(final String market) {
        return exchange.markets().containsKey(market);
    }

    private static boolean isPrivate(final String channel) {
        return channel.equals("orders") || channel.startsWith("orders.") || channel.equals("fills")
            || channel.startsWith("fills.") || channel.equals("positions") || channel.equals("account");
    }

    private void order(final ChannelHandlerContext ctx, final String method, final JsonNode params, final JsonNode id,
        final long usIn) {
        final String account = session.account();
        if (account == null) {
            reply(ctx, error(40300, "permission denied: auth required", null, id, usIn));
            return;
        }
        final long nowMs = System.currentTimeMillis();
        final String answer;
        boolean drop = false;
        try {
            switch (method) {
                case "order.create" -> {
                    faults.countRequest("WS", "order.create");
                    final int injected = faults.takeInjectedStatus();
                    if (injected == 429) {
                        answer = error(42901, "rate limit exceeded", "RATE_LIMIT_EXCEEDED", id, usIn);
                        break;
                    } else if (injected > 0) {
                        answer = error(100, "injected fault", injected >= 500 ? "SERVICE_UNAVAILABLE" : "VALIDATION_ERROR",
                            id, usIn);
                        break;
                    }
                    final String rejectCode = faults.takeOrderRejection();
                    if (rejectCode != null) {
                        answer = error(100, "injected rejection", rejectCode, id, usIn);
                        break;
                    }
                    if (!params.isObject()) {
                        answer = error(-32602, "params must be an order object", null, id, usIn);
                        break;
                    }
                    final ObjectNode ack = exchange.placeOrder(account, params, nowMs);
                    final ObjectNode r = JSON.createObjectNode();
                    r.set("order", ack);
                    r.put("created_at", nowMs);
                    r.put("received_at", System.nanoTime());
                    answer = result(r, id, usIn);
                    drop = faults.takeDroppedOrderResponse();
                }
                case "order.cancel" -> {
                    faults.countRequest("WS", "order.cancel");
                    final String orderId;
                    if (params.hasNonNull("id")) {
                        orderId = params.get("id").asText();
                        exchange.cancel(account, orderId, nowMs);
                    } else {
                        final String clientId = params.path("client_id").asText("");
                        exchange.cancelByClientId(account, clientId, nowMs);
                        orderId = exchange.orderByClientId(account, clientId).path("id").asText();
                    }
                    answer = result(JSON.createObjectNode().put("order_id", orderId).put("status", "QUEUED_FOR_CANCELLATION"),
                        id, usIn);
                }
                case "order.create_batch" -> {
                    faults.countRequest("WS", "order.create_batch");
                    final ObjectNode r = JSON.createObjectNode();
                    final com.fasterxml.jackson.databind.node.ArrayNode out = r.putArray("orders");
                    for (final JsonNode o : params.path("orders")) {
                        try {
                            out.add(exchange.placeOrder(account, o, nowMs));
                        } catch (final SimExchange.VenueError e) {
                            out.addObject().put("error", e.code).put("message", e.getMessage());
                        }
                    }
                    answer = result(r, id, usIn);
                }
                case "order.cancel_batch" -> {
                    faults.countRequest("WS", "order.cancel_batch");
                    for (final JsonNode orderId : params.path("order_ids")) {
                        exchange.cancel(account, orderId.asText(), nowMs);
                    }
                    answer = result(JSON.createObjectNode(), id, usIn);
                }
                case "order.cancel_all" -> {
                    exchange.cancelAll(account, params.hasNonNull("market") ? params.get("market").asText() : null, nowMs);
                    answer = result(JSON.createObjectNode(), id, usIn);
                }
                case "order.cancel_on_disconnect" -> {
                    session.cancelOnDisconnect(params.path("enabled").asBoolean(false));
                    answer = result(JSON.createObjectNode().put("enabled", session.cancelOnDisconnect()), id, usIn);
                }
                default -> answer = error(-32601, "method does not exist", null, id, usIn);
            }
        } catch (final SimExchange.VenueError e) {
            reply(ctx, error(100, e.getMessage(), e.code, id, usIn));
            return;
        }
        if (drop) {
            ctx.close();
            return;
        }
        reply(ctx, answer);
    }

    private void reply(final ChannelHandlerContext ctx, final String text) {
        final long delay = faults.responseDelayMs();
        if (delay > 0) {
            ctx.executor().schedule(() -> ctx.writeAndFlush(new TextWebSocketFrame(text)), delay, TimeUnit.MILLISECONDS);
        } else {
            ctx.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception {
        sessions.disconnected(ctx.channel());
        super.channelInactive(ctx);
    }

    static String ack(final String channel, final JsonNode id, final long usIn) {
        return result(JSON.createObjectNode().put("channel", channel), id, usIn);
    }

    /**
     * @param channel the subscribed channel
     * @param id      the request's id
     * @param usIn    when the request arrived (and the answer left), µs since the epoch
     * @return the subscription acknowledgement, answered at once ({@code usDiff} 0)
     */
    static String ackAt(final String channel, final JsonNode id, final long usIn) {
        return result(JSON.createObjectNode().put("channel", channel), id, usIn, usIn);
    }

    static String result(final JsonNode result, final JsonNode id, final long usIn) {
        return result(result, id, usIn, System.currentTimeMillis() * 1000);
    }

    /**
     * @param result the result
     * @param id     the request's id
     * @param usIn   when the request arrived, µs since the epoch
     * @param usOut  when the answer leaves, µs since the epoch
     * @return the JSON-RPC answer {@code {"jsonrpc":"2.0","result":…,"usIn":…,"usDiff":…,"id":…}}
     */
    static String result(final JsonNode result, final JsonNode id, final long usIn, final long usOut) {
        final ObjectNode n = JSON.createObjectNode().put("jsonrpc", "2.0");
        n.set("result", result);
        n.put("usIn", usIn);
        n.put("usDiff", usOut - usIn);
        n.set("id", id);
        return n.toString();
    }

    static String error(final int code, final String message, final String data, final JsonNode id, final long usIn) {
        final ObjectNode n = JSON.createObjectNode().put("jsonrpc", "2.0");
        final ObjectNode e = n.putObject("error").put("code", code).put("message", message);
        if (data != null) {
            e.put("data", data);
        }
        final long usOut = System.currentTimeMillis() * 1000;
        n.put("usIn", usIn);
        n.put("usOut", usOut);
        n.put("usDiff", usOut - usIn);
        n.set("id", id);
        return n.toString();
    }
}
