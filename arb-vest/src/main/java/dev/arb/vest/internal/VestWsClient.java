package dev.arb.vest.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * One Netty WebSocket connection to the Vest stream ({@code ws://} or {@code wss://}, JDK TLS).
 *
 * <p>Sends the JSON application ping {@code {"method":"PING","params":[],"id":N}} every
 * {@code pingIntervalMs} (the server answers {@code {"data":"PONG"}}, which the owner reports with
 * {@link #pongReceived()}); hands every text or binary frame's content to the {@link Handler} on the
 * event-loop thread, stamped with {@link System#nanoTime()} at receipt. A watchdog closes the
 * connection (so that the owner reconnects) when a PING stays unanswered for {@code pongTimeoutMs}
 * or no frame at all arrived for {@code idleTimeoutMs}; {@link #closedAsStale()} tells. A close
 * frame's status code (Vest: 4004 LISTEN_KEY_NOT_FOUND, 4005 LISTEN_KEY_EXPIRED, 1012
 * SERVICE_RESTART…) is kept in {@link #closeCode()}. Source: Vest API docs "WebSocket" (protocol
 * reference §5; ping cadence and the 5 s PONG bound follow the RUST bot, the docs give none).
 *
 * <p><b>Note:</b> thread-safe: {@link #open}, {@link #close} and {@link #send} may be called from any
 * thread; handler callbacks run on the connection's event-loop thread.
 */
public final class VestWsClient {
    /** Receives the stream's events on the event-loop thread. */
    public interface Handler {
        /**
         * @param content       the frame payload (valid only during the call)
         * @param receivedNanos {@link System#nanoTime()} at receipt
         */
        void onFrame(ByteBuf content, long receivedNanos);

        /** Called once the WebSocket handshake completed. */
        void onOpen();

        /** Called when the connection closed (after {@link #onOpen} or a failed handshake). */
        void onClose();
    }

    private final EventLoopGroup group;
    private final URI uri;
    private final Handler handler;
    private final long pingIntervalMs;
    private final long handshakeTimeoutMs;
    private final SslContext sslContext;
    private final AtomicLong requestIds = new AtomicLong();
    private final long pongTimeoutMs;
    private final long idleTimeoutMs;
    private volatile Channel channel;
    private volatile long lastFrameNanos;
    private volatile long pingSentNanos;
    private volatile boolean awaitingPong;
    private volatile int closeCode = -1;
    private volatile boolean staleClosed;

    /**
     * @param group              event loop group the connection runs on
     * @param uri                full stream URI including query
     * @param handler            frame and lifecycle callbacks
     * @param pingIntervalMs     JSON ping interval, ms
     * @param handshakeTimeoutMs connect + handshake timeout, ms
     * @throws IllegalArgumentException if the scheme is not ws/wss or TLS cannot be set up
     */
    public VestWsClient(final EventLoopGroup group, final URI uri, final Handler handler, final long pingIntervalMs,
        final long handshakeTimeoutMs) {
        this(group, uri, handler, pingIntervalMs, handshakeTimeoutMs, Long.MAX_VALUE / 4, Long.MAX_VALUE / 4);
    }

    /**
     * @param group              event loop group the connection runs on
     * @param uri                full stream URI including query
     * @param handler            frame and lifecycle callbacks
     * @param pingIntervalMs     JSON ping interval, ms
     * @param handshakeTimeoutMs connect + handshake timeout, ms
     * @param pongTimeoutMs      a PING unanswered this long closes the connection, ms
     * @param idleTimeoutMs      no frame for this long closes the connection, ms
     * @throws IllegalArgumentException if the scheme is not ws/wss or TLS cannot be set up
     */
    public VestWsClient(final EventLoopGroup group, final URI uri, final Handler handler, final long pingIntervalMs,
        final long handshakeTimeoutMs, final long pongTimeoutMs, final long idleTimeoutMs) {
        this.pongTimeoutMs = pongTimeoutMs;
        this.idleTimeoutMs = idleTimeoutMs;
        this.group = group;
        this.uri = uri;
        this.handler = handler;
        this.pingIntervalMs = pingIntervalMs;
        this.handshakeTimeoutMs = handshakeTimeoutMs;
        final String scheme = uri.getScheme();
        if ("wss".equalsIgnoreCase(scheme)) {
            try {
                sslContext = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
            } catch (SSLException e) {
                throw new IllegalArgumentException("cannot create TLS context", e);
            }
        } else if ("ws".equalsIgnoreCase(scheme)) {
            sslContext = null;
        } else {
            throw new IllegalArgumentException("not a ws/wss URI: " + uri);
        }
    }

    /** @return the stream URI (contains the listen key of a private stream: never log it) */
    public URI uri() {
        return uri;
    }

    /** Reports a {@code {"data":"PONG"}} answer: the outstanding PING is answered. Any thread. */
    public void pongReceived() {
        awaitingPong = false;
    }

    /** @return the status code of the close frame received, or -1 if none */
    public int closeCode() {
        return closeCode;
    }

    /** @return {@code true} if the watchdog closed this connection (PONG timeout or idle) */
    public boolean closedAsStale() {
        return staleClosed;
    }

    /** @return the next unique request id for SUBSCRIBE/PING */
    public long nextRequestId() {
        return requestIds.incrementAndGet();
    }

    /** @return {@code true} while the handshake is complete and the channel is open */
    public boolean isOpen() {
        final Channel ch = channel;
        return ch != null && ch.isActive() && ch.hasAttr(OPEN) && Boolean.TRUE.equals(ch.attr(OPEN).get());
    }

    private static final io.netty.util.AttributeKey<Boolean> OPEN = io.netty.util.AttributeKey.valueOf("vestWsOpen");

    /**
     * Connects and performs the WebSocket handshake.
     *
     * @return completes when the handshake is done; fails with the connect or handshake error
     */
    public CompletableFuture<Void> open() {
        final CompletableFuture<Void> opened = new CompletableFuture<>();
        final int port = uri.getPort() > 0 ? uri.getPort() : (sslContext != null ? 443 : 80);
        final String host = uri.getHost();
        final Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, handshakeTimeoutMs))
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    final ChannelPipeline p = ch.pipeline();
                    if (sslContext != null) {
                        p.addLast(sslContext.newHandler(ch.alloc(), host, port));
                    }
                    p.addLast(new HttpClientCodec());
                    p.addLast(new HttpObjectAggregator(65536));
                    p.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(uri).version(WebSocketVersion.V13).allowExtensions(false)
                        .maxFramePayloadLength(1 << 22).handshakeTimeoutMillis(handshakeTimeoutMs)
                        .handleCloseFrames(false).dropPongFrames(true).build()));
                    p.addLast(new WebSocketFrameAggregator(1 << 22));
                    p.addLast(new FrameHandler(opened));
                }
            });
        b.connect(host, port).addListener(f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }

    /**
     * Sends a text frame (no-op when not open).
     *
     * @param text JSON text
     */
    public void send(final String text) {
        final Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    /**
     * Closes the connection.
     *
     * @return completes when the channel is closed
     */
    public CompletableFuture<Void> close() {
        final Channel ch = channel;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        if (ch == null) {
            done.complete(null);
            return done;
        }
        ch.close().addListener(f -> done.complete(null));
        return done;
    }

    private final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final CompletableFuture<Void> opened;
        private boolean announcedOpen;
        private io.netty.util.concurrent.ScheduledFuture<?> pinger;
        private io.netty.util.concurrent.ScheduledFuture<?> watchdog;

        FrameHandler(final CompletableFuture<Void> opened) {
            this.opened = opened;
        }

        @Override
        public void channelActive(final ChannelHandlerContext ctx) throws Exception {
            channel = ctx.channel();
            super.channelActive(ctx);
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.channel().attr(OPEN).set(Boolean.TRUE);
                announcedOpen = true;
                lastFrameNanos = System.nanoTime();
                pinger = ctx.executor().scheduleAtFixedRate(() -> {
                    if (ctx.channel().isActive()) {
                        if (!awaitingPong) {
                            pingSentNanos = System.nanoTime();
                            awaitingPong = true;
                        }
                        ctx.writeAndFlush(new TextWebSocketFrame(
                            "{\"method\":\"PING\",\"params\":[],\"id\":" + nextRequestId() + "}"));
                    }
                }, pingIntervalMs, pingIntervalMs, TimeUnit.MILLISECONDS);
                final long checkMs = Math.max(10, Math.min(Math.min(pongTimeoutMs, idleTimeoutMs), pingIntervalMs) / 4);
                watchdog = ctx.executor().scheduleAtFixedRate(() -> checkAlive(ctx), checkMs, checkMs,
                    TimeUnit.MILLISECONDS);
                handler.onOpen();
                opened.complete(null);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new java.util.concurrent.TimeoutException("WebSocket handshake timeout"));
                ctx.close();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame) {
            final long now = System.nanoTime();
            lastFrameNanos = now;
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                handler.onFrame(frame.content(), now);
            } else if (frame instanceof CloseWebSocketFrame close) {
                closeCode = close.statusCode();
                ctx.close();
            }
        }

        private void checkAlive(final ChannelHandlerContext ctx) {
            final long now = System.nanoTime();
            final boolean pongLate = awaitingPong && now - pingSentNanos > pongTimeoutMs * 1_000_000L;
            final boolean idle = now - lastFrameNanos > idleTimeoutMs * 1_000_000L;
            if ((pongLate || idle) && ctx.channel().isActive()) {
                staleClosed = true;
                ctx.close();
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception {
            ctx.channel().attr(OPEN).set(Boolean.FALSE);
            if (pinger != null) {
                pinger.cancel(false);
            }
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            opened.completeExceptionally(new java.io.IOException("connection closed before the handshake"));
            if (announcedOpen) {
                handler.onClose();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            opened.completeExceptionally(cause);
            ctx.close();
        }
    }
}
