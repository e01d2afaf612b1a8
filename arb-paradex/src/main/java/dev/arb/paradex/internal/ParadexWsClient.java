package dev.arb.paradex.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Netty WebSocket client of the Paradex JSON-RPC stream ({@code ws://} and {@code wss://}). WebSocket
 * protocol pings are answered with pongs by Netty's {@link WebSocketClientProtocolHandler} (the
 * server pings every 55 s and drops clients that do not pong within 5 s: protocol reference §2.4).
 * Text frames are handed over as bytes (copied into one reused array; no String per frame), binary
 * frames (SBE) as the Netty buffer itself. A
 * connection silent for longer than the idle timeout is closed, so the owner reconnects. A connection
 * that never completed its handshake is reported through the {@link #connect()} future only, not
 * through {@link Listener#onClosed()}.
 *
 * <p><b>Note:</b> thread-safe; every callback runs on the given event loop.
 */
public final class ParadexWsClient {
    /** Receives frames and connection events on the event loop. */
    public interface Listener {
        /**
         * @param bytes         frame bytes (valid during the call only)
         * @param offset        first byte
         * @param length        length
         * @param receivedNanos {@link System#nanoTime()} at receipt
         */
        void onText(byte[] bytes, int offset, int length, long receivedNanos);

        /**
         * A binary frame (SBE market data).
         *
         * @param content       the frame's payload (valid during the call only; indexes must not be changed)
         * @param receivedNanos {@link System#nanoTime()} at receipt
         */
        default void onBinary(ByteBuf content, long receivedNanos) {
        }

        /** The handshake completed: the stream is open. */
        void onOpen();

        /** A connection that had opened ({@link #onOpen()}) closed, for any reason. */
        void onClosed();
    }

    private static final int MAX_FRAME_BYTES = 1 << 22;

    private final URI uri;
    private final EventLoop loop;
    private final Listener listener;
    private final int connectTimeoutMs;
    private final long idleTimeoutMs;
    private volatile Channel channel;
    private byte[] scratch = new byte[16 * 1024];

    /**
     * @param uri              {@code ws://} or {@code wss://} URL
     * @param loop             event loop that owns the connection and runs callbacks
     * @param listener         callbacks
     * @param connectTimeoutMs TCP connect and handshake timeout, ms
     * @param idleTimeoutMs    close the connection after this many ms without an inbound frame
     */
    public ParadexWsClient(final URI uri, final EventLoop loop, final Listener listener, final int connectTimeoutMs,
        final long idleTimeoutMs) {
        this.idleTimeoutMs = idleTimeoutMs;
        this.uri = uri;
        this.loop = loop;
        this.listener = listener;
        this.connectTimeoutMs = connectTimeoutMs;
    }

    /**
     * Opens a new connection (closing none: call {@link #close()} first).
     *
     * @return completes when the WebSocket handshake is done; fails on connect or handshake error
     */
    public CompletableFuture<Void> connect() {
        final CompletableFuture<Void> opened = new CompletableFuture<>();
        final boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        final int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        final SslContext ssl;
        try {
            ssl = tls ? SslContextBuilder.forClient().build() : null;
        } catch (final SSLException e) {
            opened.completeExceptionally(e);
            return opened;
        }
        final WebSocketClientProtocolConfig wsConfig = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri).version(WebSocketVersion.V13).customHeaders(new DefaultHttpHeaders())
            .maxFramePayloadLength(MAX_FRAME_BYTES).handshakeTimeoutMillis(connectTimeoutMs)
            .dropPongFrames(true).handleCloseFrames(true).build();
        final Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    final ChannelPipeline p = ch.pipeline();
                    if (ssl != null) {
                        p.addLast(ssl.newHandler(ch.alloc(), uri.getHost(), port));
                    }
                    p.addLast(new IdleStateHandler(idleTimeoutMs, 0, 0, TimeUnit.MILLISECONDS));
                    p.addLast(new HttpClientCodec());
                    p.addLast(new HttpObjectAggregator(65536));
                    p.addLast(new WebSocketClientProtocolHandler(wsConfig));
                    p.addLast(new WebSocketFrameAggregator(MAX_FRAME_BYTES));
                    p.addLast(new FrameHandler(opened));
                }
            });
        b.connect(uri.getHost(), port).addListener(f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }

    /** @return {@code true} while the handshake is done and the channel open */
    public boolean isOpen() {
        final Channel c = channel;
        return c != null && c.isActive();
    }

    /**
     * Sends a text frame (from any thread).
     *
     * @param text JSON-RPC request
     * @return {@code false} if not connected
     */
    public boolean send(final String text) {
        final Channel c = channel;
        if (c == null || !c.isActive()) {
            return false;
        }
        c.writeAndFlush(new TextWebSocketFrame(text));
        return true;
    }

    /**
     * Sends a text frame written straight into a buffer from the channel's (pooled) allocator (from any thread).
     *
     * @param writer writes the frame's UTF-8 text into the buffer
     * @return {@code false} if not connected (then {@code writer} is not called)
     */
    public boolean send(final Consumer<ByteBuf> writer) {
        final Channel c = channel;
        if (c == null || !c.isActive()) {
            return false;
        }
        final ByteBuf buf = c.alloc().buffer(512);
        try {
            writer.accept(buf);
        } catch (final RuntimeException e) {
            buf.release();
            throw e;
        }
        c.writeAndFlush(new TextWebSocketFrame(buf));
        return true;
    }

    /**
     * Closes the connection if open.
     *
     * @return completes when closed
     */
    public CompletableFuture<Void> close() {
        final Channel c = channel;
        channel = null;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        if (c == null) {
            done.complete(null);
            return done;
        }
        c.close().addListener(f -> done.complete(null));
        return done;
    }

    private final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final CompletableFuture<Void> opened;

        FrameHandler(final CompletableFuture<Void> opened) {
            this.opened = opened;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                channel = ctx.channel();
                opened.complete(null);
                listener.onOpen();
            } else if (evt instanceof IdleStateEvent) {
                // no frame (not even the venue's ping) for idleTimeoutMs: presume the connection dead
                ctx.close();
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new java.util.concurrent.TimeoutException("WebSocket handshake timed out"));
                ctx.close();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame) {
            final long now = System.nanoTime();
            final ByteBuf content = frame.content();
            if (frame instanceof BinaryWebSocketFrame) {
                listener.onBinary(content, now);
                return;
            }
            if (!(frame instanceof TextWebSocketFrame)) {
                return;
            }
            final int length = content.readableBytes();
            if (content.hasArray()) {
                listener.onText(content.array(), content.arrayOffset() + content.readerIndex(), length, now);
                return;
            }
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            content.getBytes(content.readerIndex(), scratch, 0, length);
            listener.onText(scratch, 0, length, now);
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception {
            if (!opened.isDone()) {
                opened.completeExceptionally(new java.io.IOException("connection closed before the handshake"));
            }
            final boolean wasOpen = channel == ctx.channel();
            if (wasOpen) {
                channel = null;
                // only a connection that opened is reported closed: a failed attempt is reported once, by the
                // connect() future (reporting it here too made the owner start a second reconnect chain)
                listener.onClosed();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            if (!opened.isDone()) {
                opened.completeExceptionally(cause);
            }
            ctx.close();
        }
    }
}
