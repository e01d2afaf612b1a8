package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.paradex.internal.ParadexSignedOrder;
import dev.arb.paradex.internal.ParadexWsClient;
import dev.arb.paradex.internal.WsRpc;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The WebSocket's JSON-RPC side, shared by the market-data feed, the account stream and order entry: calls with
 * replies ({@link WsRpc}: {@code auth}, {@code order.create}, …; protocol reference §2.2, §2.6) and channel
 * subscriptions, each channel subscribed at most once per connection (§2.3 {@code subscribe}/{@code unsubscribe}).
 *
 * <p><b>Note:</b> {@link #isOpen}, {@link #call} and {@link #onReply} are thread-safe; {@link #subscribeOnce},
 * {@link #send}, {@link #reset} and {@link #failAll} run on the event-loop thread only (the per-connection set of
 * subscribed channels is not synchronised).
 */
final class ParadexChannels {
    private final ParadexWsClient ws;
    private final WsRpc rpc;
    private final Set<String> subscribedOnConnection = new HashSet<>();

    /**
     * @param ws  the stream
     * @param rpc request ids and pending calls of that stream
     */
    ParadexChannels(final ParadexWsClient ws, final WsRpc rpc) {
        this.ws = ws;
        this.rpc = rpc;
    }

    /** @return {@code true} while the handshake is done and the channel open */
    boolean isOpen() {
        return ws.isOpen();
    }

    /**
     * Sends a JSON-RPC call and waits for its reply.
     *
     * @param method the method, e.g. {@code order.create}
     * @param params its params
     * @return the reply's {@code result}; fails with the venue error mapped to a typed exception, or on timeout
     */
    CompletableFuture<JsonNode> call(final String method, final JsonNode params) {
        return rpc.call(ws, method, params);
    }

    /**
     * Sends a signed order as a JSON-RPC call written straight into a pooled buffer, and waits for its reply.
     *
     * @param method the method, {@code order.create}
     * @param order  its params
     * @return as {@link #call}
     */
    CompletableFuture<JsonNode> callOrder(final String method, final ParadexSignedOrder order) {
        return rpc.callOrder(ws, method, order);
    }

    /**
     * @param node a JSON frame
     * @return {@code true} if it was the reply of a pending call (which it completed)
     */
    boolean onReply(final JsonNode node) {
        return rpc.onReply(node);
    }

    /** @param why fails every pending call with this reason (the stream closed) */
    void failAll(final String why) {
        rpc.failAll(why);
    }

    /** Forgets what was subscribed: a new connection subscribes everything again (event-loop thread). */
    void reset() {
        subscribedOnConnection.clear();
    }

    /** @param channel subscribed unless it already was on this connection (event-loop thread) */
    void subscribeOnce(final String channel) {
        if (subscribedOnConnection.add(channel)) {
            send("subscribe", channel);
        }
    }

    /**
     * Sends a fire-and-forget {@code subscribe} or {@code unsubscribe} (event-loop thread).
     *
     * @param method  {@code subscribe} or {@code unsubscribe}
     * @param channel the channel name
     */
    void send(final String method, final String channel) {
        ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":{\"channel\":\"" + channel + "\"},\"id\":"
            + rpc.nextId() + '}');
    }
}
