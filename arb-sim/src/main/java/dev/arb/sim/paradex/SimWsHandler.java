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

/**
 * The JSON-RPC side of the simulated Paradex WebSocket: {@code subscribe}/{@code unsubscribe} of
 * {@code order_book.{market}.…} channels answered with the ack shape
 * {@code {"jsonrpc":"2.0","result":{"channel":…},"usIn":…,"usDiff":…,"id":…}} and errors with
 * {@code {"jsonrpc":"2.0","error":{"code":…,"message":…},"usIn":…,"usOut":…,"usDiff":…,"id":…}}
 * (protocol reference §2.1, §2.3). Counts WebSocket pongs.
 *
 * <p><b>Note:</b> one instance per connection; runs on the simulator's event loop.
 */
final class SimWsHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ParadexSimulator sim;

    SimWsHandler(final ParadexSimulator sim) {
        this.sim = sim;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            sim.clientConnected(ctx.channel());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame) {
        if (frame instanceof PongWebSocketFrame) {
            sim.pongReceived();
            return;
        }
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        final long usIn = System.currentTimeMillis() * 1000;
        final JsonNode req;
        try {
            req = JSON.readTree(text.text());
        } catch (final Exception e) {
            ctx.writeAndFlush(new TextWebSocketFrame(error(-32700, "parse error", null, usIn)));
            return;
        }
        final JsonNode id = req.get("id");
        final String method = req.path("method").asText("");
        final String channel = req.path("params").path("channel").asText("");
        switch (method) {
            case "subscribe" -> {
                final String market = ParadexSimulator.bookChannelMarket(channel);
                if (market == null || !sim.hasMarket(market)) {
                    ctx.writeAndFlush(new TextWebSocketFrame(error(-32602, "invalid channel " + channel, id, usIn)));
                } else if (!sim.subscribe(ctx.channel(), channel)) {
                    ctx.writeAndFlush(new TextWebSocketFrame(error(-32600, "already subscribed to " + channel, id, usIn)));
                } else {
                    ctx.writeAndFlush(new TextWebSocketFrame(ack(channel, id, usIn)));
                    ctx.writeAndFlush(new TextWebSocketFrame(sim.snapshotMessage(channel, market)));
                }
            }
            case "unsubscribe" -> {
                if (!sim.unsubscribe(ctx.channel(), channel)) {
                    ctx.writeAndFlush(new TextWebSocketFrame(error(-32600, "not subscribed to " + channel, id, usIn)));
                } else {
                    ctx.writeAndFlush(new TextWebSocketFrame(ack(channel, id, usIn)));
                }
            }
            default -> ctx.writeAndFlush(new TextWebSocketFrame(error(-32601, "method does not exist", id, usIn)));
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception {
        sim.clientDisconnected(ctx.channel());
        super.channelInactive(ctx);
    }

    static String ack(final String channel, final JsonNode id, final long usIn) {
        final ObjectNode n = JSON.createObjectNode().put("jsonrpc", "2.0");
        n.putObject("result").put("channel", channel);
        n.put("usIn", usIn);
        n.put("usDiff", System.currentTimeMillis() * 1000 - usIn);
        n.set("id", id);
        return n.toString();
    }

    static String error(final int code, final String message, final JsonNode id, final long usIn) {
        final ObjectNode n = JSON.createObjectNode().put("jsonrpc", "2.0");
        n.putObject("error").put("code", code).put("message", message);
        final long usOut = System.currentTimeMillis() * 1000;
        n.put("usIn", usIn);
        n.put("usOut", usOut);
        n.put("usDiff", usOut - usIn);
        n.set("id", id);
        return n.toString();
    }
}
