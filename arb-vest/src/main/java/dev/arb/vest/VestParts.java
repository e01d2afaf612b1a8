package dev.arb.vest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.vest.internal.VestOrderChannel;
import dev.arb.vest.internal.VestOrderCodec;
import dev.arb.vest.internal.VestRestClient;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Builds the parts of one {@link VestAdapter} from its configuration and holds them: one REST client,
 * one JSON mapper and one event loop (of {@link dev.arb.api.TransportConfig#eventLoopGroup()} when shared, else of a
 * single-thread group of its own, which {@link VestConnection#close()} shuts down) shared by the
 * market-data feed, the account stream, order entry and the account queries; with
 * {@link VestConfig#nettyOrderEntry()} and an API key also the order channel (on the same event loop, so
 * an order decided there is written without a thread hand-off). The adapter delegates every method to one of these parts.
 *
 * <p><b>Note:</b> immutable once built; each part is thread-safe (see its own note).
 */
final class VestParts {
    /**
     * An order connection idle this long is warmed again, ms: below the usual HTTP keep-alive idle timeouts
     * (nginx 75 s, load balancers 60 s); Vest documents none (protocol reference §4).
     */
    static final long ORDER_KEEP_ALIVE_IDLE_MS = 15_000;
    final VestSigner signer;
    final VestCounters counters = new VestCounters();
    final VestNonces nonces = new VestNonces();
    final VestMarkets markets;
    final VestTickerBoard tickers;
    final VestTradeChannel trades;
    final VestMarketDataFeed feed;
    final VestOrderEvents orderEvents;
    final VestAccountStream accountStream;
    final VestOrderEntry orders;
    final VestAccountRest account;
    final VestConnection connection;

    /**
     * @param config endpoints, credentials and limits
     * @throws IllegalArgumentException if the signing key is malformed
     */
    VestParts(final VestConfig config) {
        final ObjectMapper json = new ObjectMapper();
        final VestRestClient rest = new VestRestClient(config.restBaseUrl(), config.accountGroup(), config.apiKey(),
            config.transport().requestTimeoutMs(), config.transport().orderRequestsPerSecond(),
            config.transport().otherRequestsPerSecond(), json, System::currentTimeMillis);
        this.signer = config.signingKey() == null ? null
            : config.presign() ? VestSigner.presigning(config.signingKey()) : VestSigner.fromPrivateKey(config.signingKey());
        final EventLoopGroup group;
        final boolean ownsGroup;
        if (config.transport().eventLoopGroup() != null) {
            group = config.transport().eventLoopGroup(EventLoopGroup.class);
            ownsGroup = false;
        } else {
            group = new NioEventLoopGroup(1, new DefaultThreadFactory("vest-md", true));
            ownsGroup = true;
        }
        final EventLoop loop = group.next();
        markets = new VestMarkets(rest);
        tickers = new VestTickerBoard(json);
        trades = new VestTradeChannel(json, counters);
        feed = new VestMarketDataFeed(config, loop, markets, counters, json, tickers, trades);
        final VestOrderCodec codec = new VestOrderCodec(json);
        final VestOrderTracker tracker = new VestOrderTracker();
        orderEvents = new VestOrderEvents(tracker, codec, markets, counters, feed::wireTap);
        final VestAccountStream stream = config.apiKey() != null && config.accountStream()
            ? new VestAccountStream(config, rest, loop, feed.streamUri().toString(), orderEvents) : null;
        accountStream = stream;
        final VestOrderChannel orderChannel = config.nettyOrderEntry() && config.apiKey() != null
            ? new VestOrderChannel(config.restBaseUrl(), config.accountGroup(), config.apiKey(),
                config.transport().requestTimeoutMs(), config.orderConnections(), ORDER_KEEP_ALIVE_IDLE_MS,
                config.reconnectBackoff(), rest, json, loop) : null;
        orders = new VestOrderEntry(config, rest, orderChannel, json, codec, signer, markets, nonces, tracker, counters,
            () -> stream != null && stream.isOpen());
        account = new VestAccountRest(config, rest, json, codec, signer, markets, nonces, tracker);
        connection = new VestConnection(config, rest, markets, nonces, feed, stream, orderChannel, group, ownsGroup);
    }

    /** Closes the connection, then stops the signer's nonce refill thread (if any). */
    void close() {
        connection.close();
        if (signer != null) {
            signer.close();
        }
    }
}
