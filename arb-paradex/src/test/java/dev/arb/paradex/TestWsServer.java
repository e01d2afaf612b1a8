package dev.arb.paradex;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Minimal WebSocket server on 127.0.0.1 for adapter tests: records text frames, pushes frames, pings. */
final class TestWsServer implements AutoCloseable {
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> requestUris = new CopyOnWriteArrayList<>();
    final AtomicInteger pongs = new AtomicInteger();
    final AtomicInteger handshakes = new AtomicInteger();

    TestWsServer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                        new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder().websocketPath("/v1")
                            .checkStartsWith(true).dropPongFrames(false).build()),
                        new SimpleChannelInboundHandler<WebSocketFrame>() {
                            @Override
                            public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
                                if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete h) {
                                    requestUris.add(h.requestUri());
                                    clients.add(ctx.channel());
                                    handshakes.incrementAndGet();
                                }
                                super.userEventTriggered(ctx, evt);
                            }

                            @Override
                            protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame) {
                                if (frame instanceof TextWebSocketFrame t) {
                                    received.add(t.text());
                                } else if (frame instanceof PongWebSocketFrame) {
                                    pongs.incrementAndGet();
                                }
                            }
                        });
                }
            }).bind("127.0.0.1", 0).sync().channel();
    }

    String url() {
        return "ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/v1";
    }

    int clientCount() {
        return clients.size();
    }

    void push(final String text) {
        clients.writeAndFlush(new TextWebSocketFrame(text));
    }

    void pushBinary(final byte[] frame) {
        clients.writeAndFlush(new io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)));
    }

    void ping() {
        clients.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer("hb", StandardCharsets.US_ASCII)));
    }

    void dropClients() {
        clients.close();
    }

    @Override
    public void close() {
        clients.close().awaitUninterruptibly();
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
