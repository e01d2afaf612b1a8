package dev.arb.paradex;

import dev.arb.api.TransportException;
import dev.arb.paradex.internal.ParadexErrors;
import dev.arb.paradex.internal.ParadexRestClient;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Paradex adapter's connection lifecycle: {@link #connect()} loads {@code GET /v1/markets},
 * authenticates when an account is configured ({@code POST /v1/auth}), opens the WebSocket and starts
 * polling {@code GET /v1/system/state}; {@link #disconnect()} lets the WebSocket close; {@link #close()}
 * stops everything for good and shuts the event-loop group down when the adapter created it. Sources:
 * protocol reference §1 (endpoints), §3 (REST), §4 (auth).
 *
 * <p><b>Note:</b> thread-safe: the connection in progress is guarded by this object's lock, the closed
 * flag is volatile; futures complete on the HTTP client's threads or the event loop.
 */
final class ParadexConnection {
    private static final String VENUE = ParadexErrors.VENUE;

    private final ParadexRestClient rest;
    private final ParadexMarkets markets;
    private final ParadexMarketDataFeed feed;
    private final ParadexAccountStream account;
    private final ParadexVenueStatus status;
    /** The event-loop group the adapter created, shut down on close; null when the configuration gave one. */
    private final EventLoopGroup ownedGroup;
    private volatile boolean closed;
    private CompletableFuture<Void> connecting;

    ParadexConnection(final ParadexRestClient rest, final ParadexMarkets markets, final ParadexMarketDataFeed feed,
        final ParadexAccountStream account, final ParadexVenueStatus status, final EventLoopGroup ownedGroup) {
        this.rest = rest;
        this.markets = markets;
        this.feed = feed;
        this.account = account;
        this.status = status;
        this.ownedGroup = ownedGroup;
    }

    /** {@link ParadexAdapter#connect()}: idempotent; fails at once once closed. */
    synchronized CompletableFuture<Void> connect() {
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException(VENUE, null, "adapter closed"));
        }
        if (connecting != null && !connecting.isCompletedExceptionally()) {
            return connecting;
        }
        feed.keepOpen();
        connecting = rest.getPublic("/markets")
            .thenAccept(markets::load)
            .thenCompose(v -> account.login())
            .thenCompose(v -> feed.open())
            .thenRun(status::startPolling)
            .exceptionallyCompose(e -> CompletableFuture.failedFuture(ParadexRestClient.asExchangeException(e)));
        return connecting;
    }

    /** {@link ParadexAdapter#disconnect()}: the WebSocket closes and stays closed until the next connect. */
    CompletableFuture<Void> disconnect() {
        feed.letClose();
        synchronized (this) {
            connecting = null;
        }
        return feed.disconnect();
    }

    /** {@link ParadexAdapter#close()}: stops the status poll, the account stream and the feed for good. */
    void close() {
        closed = true;
        status.close();
        account.close();
        feed.close();
        if (ownedGroup != null) {
            ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        } else {
            feed.invalidateBooksLater();
        }
    }
}
