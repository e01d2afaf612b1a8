package dev.arb.sim.vest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated Vest stream's requests: {@code SUBSCRIBE}/{@code UNSUBSCRIBE} (answered
 * {@code {"result":null,"id":N}}; a new depth subscription immediately gets the current snapshot)
 * and the JSON {@code PING} (answered {@code {"data":"PONG"}} unless a test silenced it). A connection
 * opened with {@code &listenKey=} is bound to that key's account (unknown key: close code 4004,
 * expired: 4005) and may subscribe {@code account_private}; without a key that subscription is
 * refused. Source: Vest API docs "WebSocket", "Private channels" (protocol reference §5).
 *
 * <p><b>Note:</b> not thread-safe: one instance per connection, on the simulator's event loop.
 */
final class VestSimStreamHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    /** The answer to a JSON {@code PING}. */
    static final String PONG = "{\"data\":\"PONG\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VestSimStreams streams;
    private final VestSimListenKeys listenKeys;
    private final VestSimMarket market;
    private final VestSimFaults faults;

    /**
     * @param streams    the open connections (this one joins at handshake)
     * @param listenKeys the listen keys a private stream is opened with
     * @param market     the depth snapshot a new subscription gets
     * @param faults     the fault switches (unanswered {@code PING})
     */
    VestSimStreamHandler(final VestSimStreams streams, final VestSimListenKeys listenKeys, final VestSimMarket market,
        final VestSimFaults faults) {
        this.streams = streams;
        this.listenKeys = listenKeys;
        this.market = market;
        this.faults = faults;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
            final Set<String> subs = ConcurrentHashMap.newKeySet();
            ctx.channel().attr(VestSimStreams.SUBSCRIPTIONS).set(subs);
            streams.add(ctx.channel());
            final java.util.List<String> keys = new QueryStringDecoder(hs.requestUri()).parameters().get("listenKey");
            if (keys != null && !keys.isEmpty()) {
                final String key = keys.get(0);
                final int refusal = listenKeys.check(key);
                if (refusal != 0) {
                    VestSimStreams.closeWithCode(ctx.channel(), refusal, refusal == 4005 ? "listen key expired"
                        : "listen key not found");
                } else {
                    ctx.channel().attr(VestSimStreams.LISTEN_KEY).set(key);
                    ctx.channel().attr(VestSimStreams.ACCOUNT).set(listenKeys.account(key));
                }
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame) {
        final JsonNode req;
        try {
            req = JSON.readTree(frame.text());
        } catch (java.io.IOException e) {
            ctx.writeAndFlush(new TextWebSocketFrame("{\"error\":{\"code\":1130,\"msg\":\"invalid JSON\"}}"));
            return;
        }
        final String method = req.path("method").asText("");
        final long id = req.path("id").asLong(0);
        final Set<String> subs = ctx.channel().attr(VestSimStreams.SUBSCRIPTIONS).get();
        switch (method) {
            case "PING" -> {
                streams.countPing();
                if (!faults.ignorePing) {
                    ctx.writeAndFlush(new TextWebSocketFrame(PONG));
                }
            }
            case "SUBSCRIBE" -> {
                ctx.write(new TextWebSocketFrame(ack(id)));
                for (final JsonNode p : req.path("params")) {
                    final String channel = p.asText();
                    if ("account_private".equals(channel) && ctx.channel().attr(VestSimStreams.ACCOUNT).get() == null) {
                        ctx.write(new TextWebSocketFrame("{\"error\":{\"code\":4003,\"msg\":\"listen key required\"},"
                            + "\"id\":" + id + "}"));
                        continue;
                    }
                    if (subs.add(channel) && channel.endsWith("@depth")) {
                        final String symbol = channel.substring(0, channel.length() - "@depth".length());
                        if (market.ladder(symbol) != null) {
                            ctx.write(new TextWebSocketFrame(market.depthMessage(symbol)));
                        }
                    }
                }
                ctx.flush();
            }
            case "UNSUBSCRIBE" -> {
                req.path("params").forEach(p -> subs.remove(p.asText()));
                ctx.writeAndFlush(new TextWebSocketFrame(ack(id)));
            }
            default -> ctx.writeAndFlush(new TextWebSocketFrame(
                "{\"error\":{\"code\":1130,\"msg\":\"unknown method\"},\"id\":" + id + "}"));
        }
    }

    /**
     * @param id the request's id
     * @return the answer to a {@code SUBSCRIBE} or {@code UNSUBSCRIBE}: {@code {"result":null,"id":N}}
     */
    static String ack(final long id) {
        return "{\"result\":null,\"id\":" + id + "}";
    }
}
