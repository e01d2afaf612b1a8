package dev.arb.sim.chaos;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One relayed connection: the client's socket and the proxy's socket to the server, and the faults of
 * the {@link ChaosProxy} applied to each chunk on its way.
 *
 * <p><b>Note:</b> not thread-safe; every method runs on the proxy's event-loop thread.
 */
final class Relay {
    private final ChaosProxy proxy;
    private final Channel client;
    private Channel upstream;
    private final Direction up = new Direction(false);
    private final Direction down = new Direction(true);
    private boolean halfClosed;
    private boolean closed;

    Relay(final ChaosProxy proxy, final Channel client) {
        this.proxy = proxy;
        this.client = client;
    }

    /** Closes a channel with a TCP RST (SO_LINGER 0). */
    static void resetChannel(final Channel ch) {
        if (ch.isOpen()) {
            try {
                ch.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException ignored) {
                // already closing: a plain close is as good
            }
            ch.close();
        }
    }

    ChannelInboundHandlerAdapter clientHandler() {
        return new Side(false);
    }

    void connect(final String host, final int port) {
        new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
            .handler(new Side(true)).connect(host, port).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    resetChannel(client);
                    proxy.removed(this);
                    return;
                }
                upstream = f.channel();
                if (closed) {
                    closeBoth();
                    return;
                }
                client.config().setAutoRead(true);
                client.read();
            });
    }

    /** The stall ended: delivers what was held, in order. */
    void release() {
        up.release();
        down.release();
    }

    void halfClose() {
        if (!closed && client.isActive() && client instanceof SocketChannel s) {
            halfClosed = true;
            s.shutdownOutput();
        }
    }

    void reset() {
        closed = true;
        resetChannel(client);
        if (upstream != null) {
            resetChannel(upstream);
        }
        up.drop();
        down.drop();
        proxy.removed(this);
    }

    void closeBoth() {
        closed = true;
        client.close();
        if (upstream != null) {
            upstream.close();
        }
        up.drop();
        down.drop();
        proxy.removed(this);
    }

    /** The inbound handler of one side: the client's socket or the socket to the server. */
    private final class Side extends ChannelInboundHandlerAdapter {
        private final boolean fromServer;

        Side(final boolean fromServer) {
            this.fromServer = fromServer;
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
            if (msg instanceof ByteBuf buf && !closed) {
                (fromServer ? down : up).accept(buf);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) {
            // the other side closes after what is still on its way (delayed or held) was delivered
            (fromServer ? down : up).accept(null);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            ctx.close();
        }
    }

    /** One direction: delays, rate, stall and the faults on the server's bytes. A null chunk means end-of-stream. */
    private final class Direction {
        private final boolean fromServer;
        private final ArrayDeque<Object> held = new ArrayDeque<>();
        /** When the previous chunk is delivered; nanoTime values compare by difference only (they may be negative). */
        private long lastDeliveryNanos = System.nanoTime();

        Direction(final boolean fromServer) {
            this.fromServer = fromServer;
        }

        private Channel target() {
            return fromServer ? client : upstream;
        }

        void accept(final ByteBuf buf) {
            if (proxy.stalled()) {
                held.add(buf == null ? EOF : buf);
                return;
            }
            schedule(buf);
        }

        void release() {
            while (!held.isEmpty() && !proxy.stalled()) {
                final Object o = held.poll();
                schedule(o == EOF ? null : (ByteBuf) o);
            }
        }

        void drop() {
            held.forEach(ReferenceCountUtil::release);
            held.clear();
        }

        private void schedule(final ByteBuf buf) {
            final long now = System.nanoTime();
            long at = now + proxy.delayNanos();
            if (lastDeliveryNanos - at > 0) {
                at = lastDeliveryNanos; // never overtake an earlier chunk
            }
            final long rate = proxy.bytesPerSecond();
            if (rate > 0 && buf != null) {
                at += buf.readableBytes() * 1_000_000_000L / rate;
            }
            lastDeliveryNanos = at;
            if (at - now <= 0) {
                deliver(buf);
            } else {
                client.eventLoop().schedule(() -> deliver(buf), at - now, TimeUnit.NANOSECONDS);
            }
        }

        private void deliver(final ByteBuf buf) {
            final Channel target = target();
            if (buf == null) {
                if (!closed) {
                    closeBoth();
                }
                return;
            }
            if (closed || target == null || !target.isActive() || fromServer && halfClosed) {
                buf.release();
                return;
            }
            if (fromServer && buf.readableBytes() >= 2 && proxy.takeReset()) {
                final int half = buf.readableBytes() / 2;
                target.writeAndFlush(buf.retainedSlice(buf.readerIndex(), half)).addListener(f -> reset());
                buf.release();
                return;
            }
            if (fromServer && proxy.tiny()) {
                final int end = buf.writerIndex();
                for (int i = buf.readerIndex(); i < end; i++) {
                    target.writeAndFlush(buf.retainedSlice(i, 1));
                }
                buf.release();
                return;
            }
            target.writeAndFlush(buf);
        }
    }

    private static final Object EOF = new Object();
}
