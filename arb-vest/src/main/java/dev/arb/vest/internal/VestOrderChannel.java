package dev.arb.vest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.ExchangeException;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.Secret;
import dev.arb.api.TransportException;
import io.github.resilience4j.core.IntervalFunction;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Vest order transport on Netty: {@code POST /orders} and {@code POST /orders/cancel} written on a few pre-opened,
 * warmed HTTP/1.1 keep-alive connections owned by the adapter's event loop (the bot's shared loop, where the engine
 * decides, so an order is written in the deciding call, with no thread hand-off) or, without one, by a thread of its
 * own ({@code vest-order-io}, daemon), the body encoded into a reused buffer (issue 14 §3). GETs stay on
 * {@link VestRestClient}.
 *
 * <p><b>Connections.</b> {@link #start()} opens {@code connections} to the REST host, each warmed with {@code GET
 * /ticker/latest} (any answer proves TCP, TLS and keep-alive), and warmed again after {@code keepAliveIdleMs} idle.
 * Persistence: RFC 9112 §9.3 (an HTTP/1.1 connection persists unless a response says {@code Connection: close}, then
 * it is closed here, §9.6); Vest's docs say nothing on keep-alive (protocol reference §4). One request in flight per
 * connection, no pipelining (§9.3.2: a pipelining client must retry, a signed order must not be retried blindly). A
 * request takes the most recently used idle connection, else waits for the first freed while one more is opened (at
 * most 2 × {@code connections}). A closed one is replaced in the background: at once while others work; after a
 * failure (refused, closed unanswered) by one probe per reconnect-backoff step, the rest once it answers.
 *
 * <p><b>Requests.</b> The head holds {@link VestRestClient#postOrder}'s headers ({@code Host}, the JDK client's
 * {@code User-Agent}, {@code xrestservermm}, {@code Accept}, {@code X-API-KEY}, {@code Content-Type},
 * {@code Content-Length}), precomputed per path; a {@link Body} writes the body into a scratch buffer the I/O thread
 * reuses; head and body go out as one pooled buffer. Answers are read by {@code HttpResponseDecoder} +
 * {@code HttpObjectAggregator} and mapped by {@link VestRestClient#checkAnswer}, under the same order limit
 * ({@link VestRestClient#throttleOrder}); no answer within the request timeout is an
 * {@link ExchangeTimeoutException} (the connection is replaced: its answer may still come), a connection lost before
 * the answer a {@link TransportException}. The API key is in the head bytes only, never in a log or an exception.
 *
 * <p><b>Note:</b> thread-safe: {@link #post} may be called from any thread (on the loop it runs inline); connection
 * state is confined to the loop, where the returned futures complete (do not block in their callbacks).
 */
public final class VestOrderChannel implements AutoCloseable {
    /** Writes a request's JSON body into a buffer, on the channel's loop. */
    @FunctionalInterface
    public interface Body {
        /** @param out the reused scratch buffer, cleared; write the body from its writer index */
        void writeTo(ByteBuf out);
    }

    static final String WARM_PATH = "/ticker/latest";

    private final VestRestClient rest;
    private final ObjectMapper json;
    private final String host;
    private final int port;
    private final String basePath;
    private final SslContext ssl;
    private final long timeoutMs;
    private final long keepAliveIdleMs;
    private final int connections;
    private final IntervalFunction backoff;
    private final EventLoopGroup ownGroup;
    private final EventLoop loop;
    private final ChannelGroup channels;
    private final AtomicInteger opened = new AtomicInteger();
    private final CompletableFuture<Void> warm = new CompletableFuture<>();
    private volatile boolean started;
    private volatile boolean closed;
    // confined to the loop
    private final ArrayDeque<VestOrderConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<VestOrderConnection.Request> pending = new ArrayDeque<>();
    private final VestRequestHeads heads;
    private ByteBuf scratch;
    private int live;
    private int opening;
    private int initialLeft;
    private int failures;
    private boolean probeScheduled;

    /**
     * @param restBaseUrl     REST base URL as configured ({@code http(s)://host[:port]/v2})
     * @param accountGroup    account group for {@code xrestservermm}
     * @param apiKey          API key sent as {@code X-API-KEY}, not null
     * @param timeoutMs       per-request timeout (also the connect timeout), ms
     * @param connections     connections kept open, &ge; 1
     * @param keepAliveIdleMs an idle connection is warmed again after this long, ms
     * @param backoff         delay before re-opening after failed attempts (attempt number to ms)
     * @param rest            the order limit's owner
     * @param json            parses answers
     * @param sharedLoop      the loop to own the connections, or null for a {@code vest-order-io} thread of its own
     * @throws IllegalStateException if the TLS context cannot be built
     * @throws NullPointerException if the API key is null
     */
    public VestOrderChannel(final String restBaseUrl, final int accountGroup, final Secret apiKey,
        final long timeoutMs, final int connections, final long keepAliveIdleMs, final IntervalFunction backoff,
        final VestRestClient rest, final ObjectMapper json, final EventLoop sharedLoop) {
        ownGroup = sharedLoop == null ? new NioEventLoopGroup(1, new DefaultThreadFactory("vest-order-io", true)) : null;
        loop = sharedLoop != null ? sharedLoop : ownGroup.next();
        channels = new DefaultChannelGroup("vest-orders", loop);
        final URI uri = URI.create(restBaseUrl);
        final boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        this.basePath = uri.getRawPath() == null ? "" : uri.getRawPath();
        try {
            this.ssl = tls ? SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build() : null;
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context of the Vest order channel", e);
        }
        this.timeoutMs = timeoutMs;
        this.keepAliveIdleMs = keepAliveIdleMs;
        this.connections = Math.max(1, connections);
        this.backoff = backoff;
        this.rest = rest;
        this.json = json;
        this.heads = new VestRequestHeads(uri, basePath, accountGroup, Objects.requireNonNull(apiKey, "apiKey"),
            WARM_PATH);
    }

    /**
     * Opens and warms the connections (once; later calls return the same future).
     *
     * @return completes when every first connection answered its warm-up or failed; never exceptionally
     */
    public synchronized CompletableFuture<Void> start() {
        if (!started && !closed) {
            started = true;
            execute(() -> {
                scratch = PooledByteBufAllocator.DEFAULT.directBuffer(1024);
                initialLeft = connections;
                for (int i = 0; i < connections; i++) {
                    open(true);
                }
            });
        }
        return warm;
    }

    /** @return whether {@link #start()} ran and {@link #close()} did not: orders then go through this channel */
    public boolean isStarted() {
        return started && !closed;
    }

    /** @return connections opened so far (initial, replacements and extra ones) */
    public int connectionsOpened() {
        return opened.get();
    }

    /**
     * Sends an order call.
     *
     * @param path {@code /orders} or {@code /orders/cancel}
     * @param body writes the JSON body (called once per attempt, on the I/O thread)
     * @return the parsed answer; fails with an {@link ExchangeException} as {@link VestRestClient#postOrder} does
     */
    public CompletableFuture<JsonNode> post(final String path, final Body body) {
        return rest.throttleOrder(() -> {
            final VestOrderConnection.Request r = new VestOrderConnection.Request(path, body);
            if (closed || !execute(() -> enqueue(r))) {
                r.future.completeExceptionally(new TransportException(VestErrors.VENUE, null,
                    "Vest order channel closed"));
            }
            return r.future;
        });
    }

    private boolean execute(final Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            return false;
        }
        return true;
    }

    private void enqueue(final VestOrderConnection.Request r) {
        if (closed) {
            fail(r, new TransportException(VestErrors.VENUE, null, "Vest order channel closed"));
            return;
        }
        r.timeout = loop.schedule(() -> timedOut(r), timeoutMs, TimeUnit.MILLISECONDS);
        pending.addLast(r);
        drain();
    }

    /** Hands pending requests to idle connections, most recently used first; opens one more if none is idle. */
    private void drain() {
        while (!pending.isEmpty()) {
            final VestOrderConnection c = idle.pollFirst();
            if (c == null) {
                if (opening < pending.size() && live < 2 * connections && !closed) {
                    open(false);
                }
                return;
            }
            if (c.isActive()) {
                send(c, pending.pollFirst());
            }
        }
    }

    private void send(final VestOrderConnection c, final VestOrderConnection.Request r) {
        scratch.clear();
        try {
            r.body.writeTo(scratch);
        } catch (RuntimeException e) {
            fail(r, e instanceof ExchangeException ee ? ee : new TransportException(VestErrors.VENUE, null,
                "cannot encode POST " + basePath + r.path + ": " + e, e));
            idle.addFirst(c);
            return;
        }
        c.write(r, heads.frame(c.alloc(), r.path, scratch));
    }

    /** The first warm-up answer or failure of each initial connection counts down to {@link #start()}'s future. */
    void warmed(final VestOrderConnection c) {
        if (c.initial) {
            c.initial = false;
            if (--initialLeft == 0) {
                warm.complete(null);
            }
        }
    }

    /** A connection answered and stays open: it takes the next pending request or waits at the front. */
    void released(final VestOrderConnection c) {
        idle.addFirst(c);
        if (failures > 0) {
            failures = 0;
            replace();
        }
        drain();
    }

    /** A connection idle for {@code keepAliveIdleMs}: warmed again if nothing is in flight on it. */
    void idleTimeout(final VestOrderConnection c) {
        if (idle.remove(c)) {
            c.warm(heads.head(WARM_PATH));
        }
    }

    /** An answer to a request: mapped as {@link VestRestClient} maps it. */
    void answered(final VestOrderConnection.Request r, final FullHttpResponse resp) {
        r.timeout.cancel(false);
        JsonNode body = null;
        final ByteBuf content = resp.content();
        if (!VestOrderConnection.isBlank(content)) {
            try (InputStream in = new ByteBufInputStream(content)) {
                body = json.readTree(in);
            } catch (IOException e) {
                body = null;
            }
        }
        try {
            r.future.complete(VestRestClient.checkAnswer(resp.status().code(), body,
                resp.headers().get("Retry-After"), true));
        } catch (ExchangeException e) {
            r.future.completeExceptionally(e);
        }
    }

    /** A connection closed (by either side): its request fails, it is replaced while short of the target. */
    void lost(final VestOrderConnection c, final VestOrderConnection.Request inFlight) {
        idle.remove(c);
        live--;
        if (!c.answered) {
            failures++; // accepted, then closed unanswered: the host is not serving (e.g. a proxy while restarting)
        }
        if (inFlight != null) {
            fail(inFlight, new TransportException(VestErrors.VENUE, null, "transport failure on POST " + basePath
                + inFlight.path + ": connection closed before the answer"));
        }
        warmed(c);
        replace();
    }

    /** Tops the pool up to {@code connections} (see the class note: an outage costs one attempt per backoff step). */
    private void replace() {
        if (closed || live >= connections) {
            return;
        }
        if (failures == 0) {
            while (live < connections) {
                open(false);
            }
        } else if (!probeScheduled && opening == 0) {
            probeScheduled = true;
            loop.schedule(() -> {
                probeScheduled = false;
                if (!closed && live < connections && opening == 0) {
                    open(false);
                }
            }, backoff.apply(failures), TimeUnit.MILLISECONDS);
        }
    }

    private void open(final boolean initial) {
        live++;
        opening++;
        final VestOrderConnection c = new VestOrderConnection(this, initial);
        new Bootstrap().group(loop).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMs))
            .handler(c.initializer(ssl, host, port, keepAliveIdleMs)).connect(host, port).addListener(f -> {
                opening--;
                if (f.isSuccess()) {
                    opened.incrementAndGet();
                    channels.add(((ChannelFuture) f).channel()); // removed when it closes
                    if (closed) {
                        channels.close();
                        return;
                    }
                    c.warm(heads.head(WARM_PATH));
                    return;
                }
                live--;
                failures++;
                warmed(c);
                if (live == 0) {
                    failPending(new TransportException(VestErrors.VENUE, null, "transport failure on POST: cannot"
                        + " connect to " + host + ":" + port + ": " + f.cause(), f.cause()));
                }
                replace();
            });
    }

    private void timedOut(final VestOrderConnection.Request r) {
        if (r.future.isDone()) {
            return;
        }
        pending.remove(r);
        r.future.completeExceptionally(new ExchangeTimeoutException(VestErrors.VENUE, null, "timeout on POST "
            + basePath + r.path));
        if (r.conn != null) {
            r.conn.abandon(r); // its answer may still come: the connection cannot carry another request first
        }
    }

    private void failPending(final ExchangeException e) {
        VestOrderConnection.Request r;
        while ((r = pending.pollFirst()) != null) {
            fail(r, e);
        }
    }

    private static void fail(final VestOrderConnection.Request r, final ExchangeException e) {
        if (r.timeout != null) {
            r.timeout.cancel(false);
        }
        r.future.completeExceptionally(e);
    }

    /** Fails what is pending, closes every connection and stops a {@code vest-order-io} thread (not waiting). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        execute(() -> {
            failPending(new TransportException(VestErrors.VENUE, null, "Vest order channel closed"));
            if (scratch != null) {
                scratch.release();
                scratch = null;
            }
            warm.complete(null);
            channels.close();
        });
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
