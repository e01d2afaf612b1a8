package dev.arb.vest;

import io.netty.bootstrap.ServerBootstrap;
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
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A scripted WebSocket server on 127.0.0.1 for adapter stream tests: records requests, pushes frames. */
final class TestStreamServer implements AutoCloseable {
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> handshakeUris = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final ChannelGroup clients = new DefaultChannelGroup(group.next());
    private final Channel server;

    TestStreamServer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                        new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                            .websocketPath("/ws-api").checkStartsWith(true).build()),
                        new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                            @Override
                            public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) {
                                if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hc) {
                                    handshakeUris.add(hc.requestUri());
                                    clients.add(ctx.channel());
                                }
                                ctx.fireUserEventTriggered(evt);
                            }

                            @Override
                            protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame f) {
                                final String text = f.text();
                                received.add(text);
                                if (text.contains("\"PING\"")) {
                                    ctx.writeAndFlush(new TextWebSocketFrame("{\"data\":\"PONG\"}"));
                                }
                            }
                        });
                }
            }).bind("127.0.0.1", 0).sync().channel();
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/ws-api?version=1.0";
    }

    int clients() {
        return clients.size();
    }

    void push(final String text) {
        clients.writeAndFlush(new TextWebSocketFrame(text)).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    void dropClients() {
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
