package dev.arb.sim.paradex;

import dev.arb.sim.PeerResetHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Netty server of the simulated Paradex: bound on {@code 127.0.0.1} and an ephemeral port, one pipeline per
 * connection (HTTP codec and aggregator, SBE negotiation at the upgrade, the WebSocket at {@code /v1}, a new
 * WebSocket handler, the shared REST handler, peer resets swallowed), all on one daemon event-loop thread
 * ({@code paradex-sim}) that also runs the simulator's timers.
 *
 * <p><b>Note:</b> thread-safe: its methods may be called from any thread; I/O, timers and submitted tasks run on
 * the event loop.
 */
final class SimServer {
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel channel;

    /**
     * Binds the server.
     *
     * @param rest       the REST handler (sharable)
     * @param websockets makes the WebSocket handler of a new connection
     * @throws InterruptedException if interrupted while binding
     */
    SimServer(final ChannelHandler rest, final Supplier<ChannelHandler> websockets) throws InterruptedException {
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("paradex-sim", true));
        this.loop = group.next();
        final WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder().websocketPath("/v1")
            .checkStartsWith(false).dropPongFrames(false).maxFramePayloadLength(1 << 20).build();
        this.channel = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                        new SimSbeNegotiation(), new WebSocketServerProtocolHandler(wsConfig),
                        websockets.get(), rest, PeerResetHandler.INSTANCE);
                }
            }).bind("127.0.0.1", 0).sync().channel();
    }

    /** @return the event loop (I/O and timers) */
    EventLoop loop() {
        return loop;
    }

    /** @return the bound port */
    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Runs {@code task} on the event loop every {@code periodMs}, the first time after one period.
     *
     * @param periodMs period, ms
     * @param task     the task
     */
    void every(final long periodMs, final Runnable task) {
        loop.scheduleAtFixedRate(task, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code step} on the event loop (directly if already on it) and waits at most 5 s for it.
     *
     * @param step the task
     * @return its result
     * @throws IllegalStateException if interrupted, the server is closed, or the task failed or timed out
     */
    long step(final LongSupplier step) {
        if (loop.inEventLoop()) {
            return step.getAsLong();
        }
        try {
            return loop.submit(step::getAsLong).get(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final ExecutionException | TimeoutException | RejectedExecutionException e) {
            throw new IllegalStateException("Paradex simulator step failed", e);
        }
    }

    /** @param task runs on the event loop, later */
    void execute(final Runnable task) {
        loop.execute(task);
    }

    /** Closes the server socket and stops the event loop. Idempotent. */
    void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
