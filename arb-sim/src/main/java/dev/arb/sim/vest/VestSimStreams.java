package dev.arb.sim.vest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The simulated Vest venue's open WebSocket connections and what it pushes to them: each step's
 * {@code {symbol}@depth} snapshots and {@code tickers}, the {@code account_private} ORDER events of an account
 * (after {@link VestSimulator#delayOrderEvents} if set), our fills on {@code {symbol}@trades}, and the close
 * frames of refused or expired listen keys (protocol reference §5). Each connection carries its subscriptions,
 * and, when opened with a listen key, that key and its account, as channel attributes.
 *
 * <p><b>Note:</b> thread-safe: the writes run on the simulator's event loop; the publishing methods may be
 * called from any thread.
 */
final class VestSimStreams {
    /** The channels a connection subscribed. */
    static final AttributeKey<Set<String>> SUBSCRIPTIONS = AttributeKey.valueOf("vestSimSubscriptions");
    /** The account of a connection opened with a live listen key. */
    static final AttributeKey<VestSimAccount> ACCOUNT = AttributeKey.valueOf("vestSimAccount");
    /** The listen key a connection was opened with. */
    static final AttributeKey<String> LISTEN_KEY = AttributeKey.valueOf("vestSimListenKey");
    private static final String TICKERS = "tickers";
    private static final String ACCOUNT_PRIVATE = "account_private";

    private final EventLoop loop;
    private final ChannelGroup streams;
    private final VestSimFaults faults;
    private final SecureRandom random;
    private final AtomicLong pingsReceived = new AtomicLong();

    /**
     * @param loop    the simulator's event loop
     * @param streams the open WebSocket connections
     * @param faults  the fault switches (order-event delay)
     * @param random  source of the trade ids
     */
    VestSimStreams(final EventLoop loop, final ChannelGroup streams, final VestSimFaults faults,
        final SecureRandom random) {
        this.loop = loop;
        this.streams = streams;
        this.faults = faults;
        this.random = random;
    }

    /** @param ch a connection whose WebSocket handshake completed */
    void add(final Channel ch) {
        streams.add(ch);
    }

    /** @return the number of open WebSocket connections */
    int size() {
        return streams.size();
    }

    /** Counts a JSON {@code PING} (answered or not). */
    void countPing() {
        pingsReceived.incrementAndGet();
    }

    /** @return JSON {@code PING}s received on all streams */
    long pingsReceived() {
        return pingsReceived.get();
    }

    /**
     * Writes one step to the subscribers (event loop): the depth messages of the subscribed channels, then
     * {@code tickers} to its subscribers (encoded once, when the first one is found).
     *
     * @param channels the depth channels, e.g. {@code BTC-PERP@depth}
     * @param messages their messages, same order
     * @param tickers  the {@code tickers} message
     * @return {@link System#nanoTime()} just before the first frame is written
     */
    long publishStep(final List<String> channels, final List<String> messages, final Supplier<String> tickers) {
        String tickersText = null;
        final long sendNanos = System.nanoTime();
        for (final Channel ch : streams) {
            final Set<String> subs = ch.attr(SUBSCRIPTIONS).get();
            if (subs == null || subs.isEmpty()) {
                continue;
            }
            for (int i = 0; i < channels.size(); i++) {
                if (subs.contains(channels.get(i))) {
                    ch.write(new TextWebSocketFrame(Unpooled.copiedBuffer(messages.get(i), StandardCharsets.UTF_8)));
                }
            }
            if (subs.contains(TICKERS)) {
                if (tickersText == null) {
                    tickersText = tickers.get();
                }
                ch.write(new TextWebSocketFrame(tickersText));
            }
            ch.flush();
        }
        return sendNanos;
    }

    /**
     * Publishes an {@code account_private} ORDER event to the account's subscribed private streams,
     * after {@link VestSimulator#delayOrderEvents} if set.
     *
     * @param account the account
     * @param args    the event's {@code args}
     */
    void publishOrderEvent(final VestSimAccount account, final ObjectNode args) {
        final String msg = "{\"channel\":\"account_private\",\"data\":{\"event\":\"ORDER\",\"args\":" + args
            + "}}";
        final long delay = faults.orderEventDelayMs;
        final Runnable send = () -> {
            for (final Channel ch : streams) {
                final Set<String> subs = ch.attr(SUBSCRIPTIONS).get();
                if (ch.attr(ACCOUNT).get() == account && subs != null && subs.contains(ACCOUNT_PRIVATE)) {
                    ch.writeAndFlush(new TextWebSocketFrame(msg));
                }
            }
        };
        if (delay > 0) {
            loop.schedule(send, delay, TimeUnit.MILLISECONDS);
        } else {
            loop.execute(send);
        }
    }

    /**
     * Publishes one of our fills on {@code {symbol}@trades}.
     *
     * @param symbol market
     * @param price  price text
     * @param qty    size text
     * @param isBuy  taker side
     */
    void publishTrade(final String symbol, final String price, final String qty, final boolean isBuy) {
        final String channel = symbol + "@trades";
        final String msg = "{\"channel\":\"" + channel + "\",\"data\":{\"id\":\"" + Long.toHexString(random.nextLong())
            + "\",\"price\":\"" + price + "\",\"qty\":\"" + qty + "\",\"side\":\"" + (isBuy ? "buy" : "sell")
            + "\",\"time\":" + System.currentTimeMillis() + "}}";
        loop.execute(() -> {
            for (final Channel ch : streams) {
                final Set<String> subs = ch.attr(SUBSCRIPTIONS).get();
                if (subs != null && subs.contains(channel)) {
                    ch.writeAndFlush(new TextWebSocketFrame(msg));
                }
            }
        });
    }

    /** Closes every stream opened with a listen key with code 4005 (LISTEN_KEY_EXPIRED), on the event loop. */
    void closePrivateStreams() {
        loop.execute(() -> {
            for (final Channel ch : streams) {
                if (ch.attr(LISTEN_KEY).get() != null) {
                    closeWithCode(ch, 4005, "listen key expired");
                }
            }
        });
    }

    /** Closes every WebSocket connection, waiting up to 5 s. */
    void closeAll() {
        streams.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * Sends a close frame, then closes the connection.
     *
     * @param ch     the connection
     * @param code   WebSocket close code, e.g. 4004
     * @param reason close reason
     */
    static void closeWithCode(final Channel ch, final int code, final String reason) {
        ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(f -> ch.close());
    }
}
