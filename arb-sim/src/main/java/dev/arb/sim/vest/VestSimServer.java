package dev.arb.sim.vest;

import dev.arb.sim.PeerResetHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The simulated Vest venue's Netty server: one event-loop thread ({@code vest-sim}, daemon), a listening socket
 * on {@code 127.0.0.1} at a free port serving REST (HTTP/1.1 keep-alive: a connection serves request after request
 * until the client asks {@code Connection: close}, RFC 9112 §9.3) and, under {@code /ws-api}, the WebSocket stream,
 * the group of open WebSocket connections and a count of the connections accepted. Created first (its loop runs
 * the rest of the simulator), then
 * {@link #bind bound} once with the handlers.
 *
 * <p><b>Note:</b> thread-safe once bound; all network work runs on its one event-loop thread.
 */
final class VestSimServer {
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("vest-sim", true));
    private final EventLoop loop = group.next();
    private final ChannelGroup streams = new DefaultChannelGroup("vest-sim-streams", loop);
    private final ChannelGroup connections = new DefaultChannelGroup("vest-sim-connections", loop);
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Channel serverChannel;

    /** @return the event loop every network and simulation task runs on */
    EventLoop loop() {
        return loop;
    }

    /** @return the open WebSocket connections (filled by the stream handler at handshake) */
    ChannelGroup streams() {
        return streams;
    }

    /** @return TCP connections accepted so far (REST keep-alive connections and WebSockets) */
    int accepted() {
        return accepted.get();
    }

    /** @return open connections that are not WebSockets (REST keep-alive connections) */
    int openHttpConnections() {
        return (int) connections.stream().filter(ch -> !streams.contains(ch)).count();
    }

    /** Closes every open connection that is not a WebSocket (idle or busy REST keep-alive connections). */
    void closeHttpConnections() {
        connections.close(ch -> !streams.contains(ch));
    }

    /**
     * Binds the listening socket.
     *
     * @param rest          the REST handler (sharable)
     * @param streamHandler a new stream handler per connection
     * @return the port bound
     * @throws InterruptedException if interrupted while binding
     */
    int bind(final ChannelHandler rest, final Supplier<ChannelHandler> streamHandler) throws InterruptedException {
        final ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    accepted.incrementAndGet();
                    connections.add(ch);
                    ch.pipeline().addLast(new HttpServerCodec());
                    ch.pipeline().addLast(new HttpObjectAggregator(1 << 20));
                    ch.pipeline().addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath("/ws-api").checkStartsWith(true).allowExtensions(false).build()));
                    ch.pipeline().addLast(streamHandler.get());
                    ch.pipeline().addLast(rest);
                    ch.pipeline().addLast(PeerResetHandler.INSTANCE);
                }
            });
        serverChannel = b.bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops listening, closes every WebSocket connection and stops the thread (waits up to 5 s for each). */
    void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        streams.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
