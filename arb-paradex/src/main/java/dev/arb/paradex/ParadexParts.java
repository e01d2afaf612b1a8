package dev.arb.paradex;

import dev.arb.paradex.internal.ParadexRestClient;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Builds the parts of one {@link ParadexAdapter} from its configuration and holds them: the signer (null
 * in public-only mode), one REST client and one event loop (of
 * {@link dev.arb.api.TransportConfig#eventLoopGroup()} when shared, else of a single-thread group of its own, which {@link ParadexConnection#close()} shuts down)
 * shared by the market-data feed, the account stream, the venue-status poll and order entry. The adapter
 * delegates every method to one of these parts.
 *
 * <p><b>Note:</b> immutable once built; each part is thread-safe (see its own note).
 */
final class ParadexParts {
    final ParadexConfig config;
    final ParadexSigner signer;
    final ParadexRestClient rest;
    final ParadexCounters counters = new ParadexCounters();
    final ParadexMarkets markets;
    final ParadexBooks books;
    final ParadexMarketDataFeed feed;
    final ParadexAccountStream account;
    final ParadexVenueStatus status;
    final ParadexOrderEntry orders;
    final ParadexConnection connection;

    /**
     * @param config settings
     * @throws IllegalArgumentException if the key, account or URLs are invalid
     */
    ParadexParts(final ParadexConfig config) {
        this.config = config;
        this.signer = config.privateKey() == null ? null
            : config.presign() ? ParadexSigner.presigning(config.chainId(), config.accountAddress(), config.privateKey())
            : new ParadexSigner(config.chainId(), config.accountAddress(), config.privateKey());
        this.rest = new ParadexRestClient(config.restBaseUrl(), config.transport().requestTimeoutMs(), signer,
            config.jwtRefreshBeforeExpiryMs(), config.signatureExpirySeconds(),
            config.transport().orderRequestsPerSecond(), config.transport().otherRequestsPerSecond(),
            System::currentTimeMillis);
        rest.subkey(config.subkeyPublicKey());
        final EventLoop loop;
        final EventLoopGroup ownedGroup;
        if (config.transport().eventLoopGroup() != null) {
            ownedGroup = null;
            loop = config.transport().eventLoopGroup(EventLoopGroup.class).next();
        } else {
            ownedGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("paradex-md", true));
            loop = ownedGroup.next();
        }
        this.markets = new ParadexMarkets(config);
        this.books = new ParadexBooks(markets, config.transport().maxBookAgeMs());
        this.feed = new ParadexMarketDataFeed(config, loop, books, counters);
        this.account = new ParadexAccountStream(config, signer != null, rest, loop, feed.channels(), markets, counters);
        feed.routePrivateFrames(account);
        this.status = new ParadexVenueStatus(rest, loop);
        this.orders = new ParadexOrderEntry(config, signer != null, rest, feed.channels(), account, markets,
            new ParadexOrderEncoder(signer, books::referencePrice), status);
        this.connection = new ParadexConnection(rest, markets, feed, account, status, ownedGroup);
    }
}
