package dev.arb.sim.chaos;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fault-injecting TCP proxy on 127.0.0.1, to put between a client (a bot's adapter) and a server
 * (a simulator, or any local server) in a test. It relays bytes both ways unchanged until a fault is
 * switched on; every fault applies at once to the open connections and to new ones, until
 * {@link #heal()}:
 *
 * <ul>
 *   <li>{@link #latency(Duration, Duration)}: each chunk is held for a latency plus a uniform random
 *       jitter (order is kept: a chunk never overtakes an earlier one);</li>
 *   <li>{@link #bandwidth(long)}: each direction of each connection is capped to a number of bytes per
 *       second;</li>
 *   <li>{@link #stall(boolean)}: nothing is forwarded either way while the sockets stay open (no FIN, no
 *       RST): a silent connection, as behind a dead NAT entry; what arrived meanwhile is delivered when
 *       the stall ends;</li>
 *   <li>{@link #halfClose()}: the proxy closes its sending half towards each client (FIN) and keeps
 *       the rest open;</li>
 *   <li>{@link #resetNextFrame()}: the next chunk from the server is cut in half, the first half
 *       delivered, then both connections are reset (TCP RST);</li>
 *   <li>{@link #tinyWrites(boolean)}: every byte from the server is written and flushed on its own, so
 *       that the client's decoders see frames split at every byte boundary;</li>
 *   <li>{@link #restart(Duration)}: every connection is reset and new ones are reset on accept for a
 *       while, as when a venue restarts (a test then moves the simulator's book, so the venue comes
 *       back with a different one).</li>
 * </ul>
 *
 * <p>Usage: {@code ChaosProxy p = ChaosProxy.start(sim.wsUrl())} then give the adapter
 * {@code p.proxied(sim.wsUrl())} and {@code p.proxied(sim.restBaseUrl())} (same host and port). Each
 * switch is counted ({@link #injected(ChaosFault)}).
 *
 * <p><b>Note:</b> thread-safe: the switches may be called from any thread; all relaying runs on the
 * proxy's own single event-loop thread. Not for production traffic: it is meant for loopback tests.
 */
public final class ChaosProxy implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
    private final AtomicLongArray counts = new AtomicLongArray(ChaosFault.values().length);
    private final AtomicBoolean resetArmed = new AtomicBoolean();
    private final java.util.concurrent.ConcurrentLinkedDeque<Long> acceptTimes = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile long latencyNanos;
    private volatile long jitterNanos;
    private volatile long bytesPerSecond;
    private volatile boolean stalled;
    private volatile boolean tiny;
    private volatile long refuseUntilNanos = System.nanoTime();

    private ChaosProxy(final String upstreamHost, final int upstreamPort) throws InterruptedException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("chaos-proxy", true));
        try {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false).childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(final SocketChannel ch) {
                        ch.pipeline().addLast(new Accepted());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Starts a proxy on a free port of 127.0.0.1 relaying to {@code host:port}.
     *
     * @param host upstream host, e.g. {@code 127.0.0.1}
     * @param port upstream port
     * @return the running proxy
     * @throws IllegalArgumentException if the port is out of range
     * @throws IllegalStateException    if the proxy cannot bind (or the thread is interrupted)
     */
    public static ChaosProxy start(final String host, final int port) {
        Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException("upstream port out of range: " + port);
        }
        try {
            return new ChaosProxy(host, port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the chaos proxy", e);
        }
    }

    /**
     * Starts a proxy relaying to the host and port of a URL (its path and scheme are kept by
     * {@link #proxied(String)}).
     *
     * @param url e.g. {@code ws://127.0.0.1:41234/v1}; it must name a port
     * @return the running proxy
     * @throws IllegalArgumentException if the URL names no host or port
     * @throws IllegalStateException    if the proxy cannot bind
     */
    public static ChaosProxy start(final String url) {
        final URI uri = URI.create(url);
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("URL names no host and port: " + url);
        }
        return start(uri.getHost(), uri.getPort());
    }

    /** @return the port the proxy listens on, on 127.0.0.1 */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * The same URL pointed at this proxy.
     *
     * @param url a URL of the upstream server, e.g. {@code http://127.0.0.1:41234/v2}
     * @return the URL with its host and port replaced by the proxy's, e.g. {@code http://127.0.0.1:40001/v2}
     * @throws IllegalArgumentException if the URL does not name this proxy's upstream host and port
     */
    public String proxied(final String url) {
        final URI uri = URI.create(url);
        if (!upstreamHost.equals(uri.getHost()) || uri.getPort() != upstreamPort) {
            throw new IllegalArgumentException("not a URL of " + upstreamHost + ":" + upstreamPort + ": " + url);
        }
        return url.replaceFirst("//[^/]*", "//127.0.0.1:" + port());
    }

    /**
     * Holds every chunk (both directions) for {@code base} plus a uniform random jitter in
     * {@code [0, jitter)}; zero and zero switch it off.
     *
     * @param base   fixed delay (≥ 0)
     * @param jitter largest extra random delay (≥ 0)
     * @throws IllegalArgumentException if negative
     */
    public void latency(final Duration base, final Duration jitter) {
        if (base.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("latency and jitter must be >= 0");
        }
        latencyNanos = base.toNanos();
        jitterNanos = jitter.toNanos();
        if (!base.isZero() || !jitter.isZero()) {
            count(ChaosFault.LATENCY);
        }
    }

    /**
     * Caps each direction of each connection.
     *
     * @param bytesPerSecond bytes per second (0 = unlimited)
     * @throws IllegalArgumentException if negative
     */
    public void bandwidth(final long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond must be >= 0");
        }
        this.bytesPerSecond = bytesPerSecond;
        if (bytesPerSecond > 0) {
            count(ChaosFault.BANDWIDTH);
        }
    }

    /**
     * Starts or ends a stall: while on, nothing is forwarded either way and the sockets stay open and
     * silent; when it ends, what arrived meanwhile is delivered in order.
     *
     * @param on {@code true} to stall
     */
    public void stall(final boolean on) {
        if (on && !stalled) {
            count(ChaosFault.STALL);
        }
        stalled = on;
        if (!on) {
            group.execute(() -> relays.forEach(Relay::release));
        }
    }

    /**
     * Closes the proxy's sending half towards every connected client (the client reads end-of-stream)
     * and drops what the server sends afterwards on those connections; new connections are unaffected.
     *
     * @return how many connections were half-closed
     */
    public int halfClose() {
        count(ChaosFault.HALF_CLOSE);
        final int n = relays.size();
        group.execute(() -> relays.forEach(Relay::halfClose));
        return n;
    }

    /** Arms a reset: the next chunk from the server (of 2 bytes or more) is cut in half, then both sides get a TCP RST. */
    public void resetNextFrame() {
        count(ChaosFault.RESET_MID_FRAME);
        resetArmed.set(true);
    }

    /**
     * @return whether a reset armed by {@link #resetNextFrame()} has not fired yet (no chunk of two bytes or more
     *     came from the server since)
     */
    public boolean resetPending() {
        return resetArmed.get();
    }

    /**
     * Switches one-byte writes towards the client on or off.
     *
     * @param on {@code true} to write and flush every byte on its own
     */
    public void tinyWrites(final boolean on) {
        if (on && !tiny) {
            count(ChaosFault.TINY_WRITES);
        }
        tiny = on;
    }

    /**
     * Simulates a venue restart: resets every connection now and resets new ones on accept until
     * {@code downtime} has passed.
     *
     * @param downtime how long new connections are refused (≥ 0)
     * @throws IllegalArgumentException if negative
     */
    public void restart(final Duration downtime) {
        if (downtime.isNegative()) {
            throw new IllegalArgumentException("downtime must be >= 0");
        }
        count(ChaosFault.RESTART);
        refuseUntilNanos = System.nanoTime() + downtime.toNanos();
        group.execute(() -> relays.forEach(Relay::reset));
    }

    /** Switches every fault off (latency, bandwidth, stall, tiny writes, an armed reset, refusal); open connections stay. */
    public void heal() {
        latencyNanos = 0;
        jitterNanos = 0;
        bytesPerSecond = 0;
        tiny = false;
        resetArmed.set(false);
        refuseUntilNanos = System.nanoTime();
        stall(false);
    }

    /**
     * @param fault a fault
     * @return how many times it was switched on since the start
     */
    public long injected(final ChaosFault fault) {
        return counts.get(fault.ordinal());
    }

    /** @return every fault switched on since the start, by kind */
    public Map<ChaosFault, Long> injected() {
        final Map<ChaosFault, Long> m = new EnumMap<>(ChaosFault.class);
        for (ChaosFault f : ChaosFault.values()) {
            m.put(f, counts.get(f.ordinal()));
        }
        return m;
    }

    /** @return faults switched on since the start, all kinds */
    public long faultsInjected() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /**
     * When clients connected (refused ones included), to check a client's reconnect backoff.
     *
     * @return {@link System#nanoTime()} of the last 256 accepted connections, oldest first (a copy)
     */
    public java.util.List<Long> connectTimesNanos() {
        return java.util.List.copyOf(acceptTimes);
    }

    /** @return connections currently relayed */
    public int connections() {
        return relays.size();
    }

    /** Closes the listening socket and every relayed connection; waits up to 5 s. */
    @Override
    public void close() {
        server.close();
        relays.forEach(Relay::closeBoth);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private void count(final ChaosFault f) {
        counts.incrementAndGet(f.ordinal());
    }

    // --- read by Relay on the proxy's thread ---

    boolean stalled() {
        return stalled;
    }

    boolean tiny() {
        return tiny;
    }

    boolean takeReset() {
        return resetArmed.compareAndSet(true, false);
    }

    long delayNanos() {
        final long j = jitterNanos;
        return latencyNanos + (j > 0 ? java.util.concurrent.ThreadLocalRandom.current().nextLong(j) : 0);
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    void removed(final Relay r) {
        relays.remove(r);
    }

    /** A client connection just accepted: refused while restarting, else relayed. */
    private final class Accepted extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(final ChannelHandlerContext ctx) {
            final Channel client = ctx.channel();
            acceptTimes.add(System.nanoTime());
            if (acceptTimes.size() > 256) {
                acceptTimes.poll();
            }
            if (System.nanoTime() - refuseUntilNanos < 0) {
                Relay.resetChannel(client);
                return;
            }
            final Relay relay = new Relay(ChaosProxy.this, client);
            relays.add(relay);
            ctx.pipeline().replace(this, "relay", relay.clientHandler());
            relay.connect(upstreamHost, upstreamPort);
        }
    }
}
