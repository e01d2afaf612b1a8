package dev.arb.vest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One keep-alive HTTP/1.1 connection of a {@link VestOrderChannel}: its pipeline (TLS when {@code https},
 * {@code HttpResponseDecoder}, {@code HttpObjectAggregator}, an {@code IdleStateHandler}, this handler), the one
 * request in flight on it, and whether it is warming up. Requests are written as raw head + body bytes, so only the
 * response half of {@code HttpClientCodec} is in the pipeline. Answers, closes and idle events are reported to the
 * channel, which owns the pool.
 *
 * <p><b>Note:</b> not thread-safe: confined to its channel's event loop.
 */
final class VestOrderConnection extends SimpleChannelInboundHandler<FullHttpResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(VestOrderConnection.class);

    /** One order call: its path, body writer, future and timeout, and the connection carrying it. */
    static final class Request {
        final String path;
        final VestOrderChannel.Body body;
        final CompletableFuture<JsonNode> future = new CompletableFuture<>();
        ScheduledFuture<?> timeout;
        VestOrderConnection conn;

        Request(final String path, final VestOrderChannel.Body body) {
            this.path = path;
            this.body = body;
        }
    }

    private final VestOrderChannel owner;
    /** Still counted by {@link VestOrderChannel#start()}'s future. */
    boolean initial;
    /** Whether any answer arrived on it (a connection closed before its first answer counts as a failed attempt). */
    boolean answered;
    private Channel channel;
    private Request inFlight;
    private boolean warming;

    VestOrderConnection(final VestOrderChannel owner, final boolean initial) {
        this.owner = owner;
        this.initial = initial;
    }

    ChannelInitializer<SocketChannel> initializer(final SslContext ssl, final String host, final int port,
        final long keepAliveIdleMs) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(final SocketChannel ch) {
                channel = ch;
                final ChannelPipeline p = ch.pipeline();
                if (ssl != null) {
                    p.addLast(ssl.newHandler(ch.alloc(), host, port));
                }
                p.addLast(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20),
                    new IdleStateHandler(0, 0, keepAliveIdleMs, TimeUnit.MILLISECONDS), VestOrderConnection.this);
            }
        };
    }

    boolean isActive() {
        return channel != null && channel.isActive();
    }

    ByteBufAllocator alloc() {
        return channel.alloc();
    }

    /** Writes a request's bytes; the buffer is released by the transport. */
    void write(final Request r, final ByteBuf bytes) {
        inFlight = r;
        r.conn = this;
        channel.writeAndFlush(bytes, channel.voidPromise());
    }

    /** Sends the warm-up {@code GET}. */
    void warm(final byte[] head) {
        warming = true;
        channel.writeAndFlush(Unpooled.wrappedBuffer(head), channel.voidPromise());
    }

    /** The request timed out: the connection is closed (and replaced), as its answer may still arrive. */
    void abandon(final Request r) {
        if (inFlight == r) {
            inFlight = null;
            channel.close();
        }
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse resp) {
        answered = true;
        if (warming) {
            warming = false;
            owner.warmed(this);
        } else if (inFlight != null) {
            final Request r = inFlight;
            inFlight = null;
            owner.answered(r, resp);
        }
        if (HttpUtil.isKeepAlive(resp)) {
            owner.released(this);
        } else {
            ctx.close(); // RFC 9112 §9.6: "Connection: close" (or HTTP/1.0 without keep-alive) ends the connection
        }
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) {
        if (evt instanceof IdleStateEvent && inFlight == null && !warming) {
            owner.idleTimeout(this);
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) {
        final Request r = inFlight;
        inFlight = null;
        warming = false;
        owner.lost(this, r);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        LOG.debug("Vest order connection failed: {}", cause.toString());
        ctx.close();
    }

    /**
     * @param b an answer body
     * @return whether it is empty or only whitespace (then it is no JSON, as for the HttpClient)
     */
    static boolean isBlank(final ByteBuf b) {
        for (int i = b.readerIndex(); i < b.writerIndex(); i++) {
            final byte c = b.getByte(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }
}
