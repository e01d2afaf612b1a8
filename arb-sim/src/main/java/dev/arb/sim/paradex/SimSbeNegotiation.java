package dev.arb.sim.paradex;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the SBE opt-in of a WebSocket upgrade ({@code /v1?sbeSchemaId=1&sbeSchemaVersion=N},
 * paradex-sbe reference §2): a supported schema (id 1, version 0..2) marks the connection as SBE and the
 * query is removed so the upgrade reaches the WebSocket handler at {@code /v1}; an unsupported one is
 * answered with HTTP 400 at connect ("There is no silent fallback to JSON").
 *
 * <p><b>Note:</b> one instance per connection.
 */
final class SimSbeNegotiation extends ChannelInboundHandlerAdapter {
    /** Set on connections that negotiated SBE. */
    static final AttributeKey<Boolean> SBE = AttributeKey.valueOf("paradex-sim-sbe");

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (msg instanceof FullHttpRequest req && req.headers().containsValue(HttpHeaderNames.UPGRADE,
            HttpHeaderValues.WEBSOCKET, true)) {
            final QueryStringDecoder q = new QueryStringDecoder(req.uri());
            if (q.path().equals("/v1") && !q.parameters().isEmpty()) {
                final List<String> id = q.parameters().get("sbeSchemaId");
                final List<String> version = q.parameters().get("sbeSchemaVersion");
                if (id != null) {
                    if (!"1".equals(id.get(0)) || version == null || !version.get(0).matches("[0-2]")) {
                        req.release();
                        final DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            HttpResponseStatus.BAD_REQUEST, Unpooled.copiedBuffer("unsupported SBE schema",
                                StandardCharsets.US_ASCII));
                        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
                        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
                        return;
                    }
                    ctx.channel().attr(SBE).set(Boolean.TRUE);
                }
                req.setUri("/v1");
            }
        }
        ctx.fireChannelRead(msg);
    }
}
