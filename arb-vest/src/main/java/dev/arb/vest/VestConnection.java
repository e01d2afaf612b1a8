package dev.arb.vest;

import dev.arb.api.MarketSpec;
import dev.arb.api.VenueStatus;
import dev.arb.vest.internal.VestOrderChannel;
import dev.arb.vest.internal.VestRestClient;
import dev.arb.vest.internal.VestWsClient;
import io.netty.channel.EventLoopGroup;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vest adapter's connection lifecycle: {@link #connect()} loads {@code GET /exchangeInfo}, seeds the
 * nonce sequence from {@code GET /account/nonce} (best effort), opens the market-data stream and, when
 * configured, the {@code account_private} stream, and opens and warms the order channel's connections (kept
 * until {@link #close()}); {@link #disconnect()} closes both and invalidates the
 * books; {@link #close()} also shuts the event-loop group down when the adapter created it. Sources:
 * protocol reference §4 (REST, listen key), §5 (streams).
 *
 * <p><b>Note:</b> thread-safe: connect and the connection swap of disconnect synchronise on this object;
 * futures complete on the JDK HTTP client's threads or the event loop.
 */
final class VestConnection {
    private static final Logger LOG = LoggerFactory.getLogger(VestAdapter.class);

    private final VestConfig config;
    private final VestRestClient rest;
    private final VestMarkets markets;
    private final VestNonces nonces;
    private final VestMarketDataFeed feed;
    private final VestAccountStream accountStream;
    private final VestOrderChannel orderChannel;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private CompletableFuture<Void> connecting;

    /**
     * @param accountStream the private stream, or null without an API key or when not configured
     * @param orderChannel  the Netty order transport, or null (HttpClient orders)
     * @param ownsGroup     whether {@link #close()} shuts {@code group} down (the adapter created it)
     */
    VestConnection(final VestConfig config, final VestRestClient rest, final VestMarkets markets,
        final VestNonces nonces, final VestMarketDataFeed feed, final VestAccountStream accountStream,
        final VestOrderChannel orderChannel, final EventLoopGroup group, final boolean ownsGroup) {
        this.config = config;
        this.rest = rest;
        this.markets = markets;
        this.nonces = nonces;
        this.feed = feed;
        this.accountStream = accountStream;
        this.orderChannel = orderChannel;
        this.group = group;
        this.ownsGroup = ownsGroup;
    }

    /** {@link VestAdapter#connect()}: a connection in progress or up is returned, a failed one retried. */
    synchronized CompletableFuture<Void> connect() {
        if (connecting != null && !connecting.isCompletedExceptionally() && (!connecting.isDone() || feed.isConnected())) {
            return connecting;
        }
        feed.keepConnected();
        final CompletableFuture<Void> orderConnections = orderChannel == null ? CompletableFuture.completedFuture(null)
            : orderChannel.start(); // opened and warmed beside the rest; never fails (orders fall back to REST)
        connecting = loadMarketsInternal().thenCompose(v -> seedNonce()).thenCompose(v -> feed.open())
            .thenCompose(v -> accountStream == null || accountStream.isOpen() ? CompletableFuture.completedFuture(null)
                : accountStream.start()).thenCombine(orderConnections, (a, b) -> (Void) null);
        return connecting;
    }

    /** {@link VestAdapter#loadMarkets()}: the markets, without opening a stream. */
    CompletableFuture<Collection<MarketSpec>> loadMarkets() {
        return loadMarketsInternal().thenApply(v -> markets.loadedOrNull().values());
    }

    private CompletableFuture<Void> loadMarketsInternal() {
        return markets.load().thenAccept(feed::onMarketsLoaded);
    }

    /** Best effort: see {@link VestNonces#seed}; nothing to seed from without an API key. */
    private CompletableFuture<Void> seedNonce() {
        return config.apiKey() == null ? CompletableFuture.completedFuture(null) : nonces.seed(rest);
    }

    /** {@link VestAdapter#disconnect()}: closes both streams, then invalidates every book on the event loop. */
    CompletableFuture<Void> disconnect() {
        final VestWsClient current;
        synchronized (this) {
            connecting = null;
            current = feed.detach();
        }
        final CompletableFuture<Void> closed = accountStream == null ? CompletableFuture.completedFuture(null)
            : accountStream.stop();
        if (current == null) {
            return closed;
        }
        return current.close().thenCombine(closed, (a, b) -> (Void) null).thenCompose(v -> feed.invalidateAllOnLoop());
    }

    /** {@link VestAdapter#venueStatus()}: UNKNOWN before the markets, MAINTENANCE after a 1012 close, else OK. */
    VenueStatus status() {
        if (markets.loadedOrNull() == null) {
            return VenueStatus.UNKNOWN;
        }
        return feed.inMaintenance() ? VenueStatus.MAINTENANCE : VenueStatus.OK;
    }

    /**
     * {@link VestAdapter#close()}: disconnects (waiting up to the request timeout), closes the order channel and its
     * thread, then frees an own event loop.
     */
    void close() {
        try {
            disconnect().get(config.transport().requestTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("Vest disconnect on close failed", e);
        }
        if (orderChannel != null) {
            orderChannel.close();
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
