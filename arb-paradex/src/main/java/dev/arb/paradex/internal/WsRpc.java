package dev.arb.paradex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.TransportException;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC 2.0 requests over the Paradex WebSocket and their replies, matched by {@code id} (protocol
 * reference §2.1, §2.3): {@code {"jsonrpc":"2.0","method":…,"params":…,"id":…}} → a {@code result} or an
 * {@code error} mapped by {@link ParadexErrors#fromRpcError}. A request not answered in time fails with
 * {@link ExchangeTimeoutException}; pending requests fail with {@link TransportException} when the
 * connection closes (for orders: outcome unknown, look up by client order id).
 *
 * <p><b>Note:</b> thread-safe. Futures complete on the event loop.
 */
public final class WsRpc {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final EventLoop loop;
    private final long timeoutMs;

    /**
     * @param loop      the connection's event loop (timeouts run there)
     * @param timeoutMs how long a request may wait for its reply, ms
     */
    public WsRpc(final EventLoop loop, final long timeoutMs) {
        this.loop = loop;
        this.timeoutMs = timeoutMs;
    }

    /** @return a fresh request id (also for fire-and-forget requests such as {@code subscribe}) */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /**
     * @param method JSON-RPC method
     * @param params params object
     * @return the request text with a fresh id, and that id
     */
    public Request request(final String method, final JsonNode params) {
        final long id = nextId();
        final ObjectNode n = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        n.set("params", params);
        n.put("id", id);
        return new Request(id, n.toString());
    }

    /**
     * Sends a request and awaits its reply.
     *
     * @param ws     the connection
     * @param method JSON-RPC method
     * @param params params object
     * @return the {@code result}; fails with the mapped venue error, {@link ExchangeTimeoutException} or
     *     {@link TransportException}
     */
    public CompletableFuture<JsonNode> call(final ParadexWsClient ws, final String method, final JsonNode params) {
        final Request r = request(method, params);
        final CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(r.id(), f);
        return sent(r.id(), method, f, ws.send(r.text()));
    }

    /**
     * Sends a signed order as a JSON-RPC request written straight into a pooled buffer of the connection
     * ({@link ParadexOrderJsonWriter#writeRequest}, the same bytes as {@link #call} with the order's tree), and awaits
     * its reply, matched by id as {@link #call}.
     *
     * @param ws     the connection
     * @param method JSON-RPC method, e.g. {@code order.create}
     * @param order  the params
     * @return the {@code result}; fails as {@link #call}
     */
    public CompletableFuture<JsonNode> callOrder(final ParadexWsClient ws, final String method,
        final ParadexSignedOrder order) {
        final long id = nextId();
        final CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        return sent(id, method, f, ws.send(buf -> ParadexOrderJsonWriter.writeRequest(buf, method, id, order)));
    }

    /** After the send of pending request {@code id}: schedules its timeout, or fails it when it was not sent. */
    private CompletableFuture<JsonNode> sent(final long id, final String method, final CompletableFuture<JsonNode> f,
        final boolean sent) {
        if (!sent) {
            pending.remove(id);
            f.completeExceptionally(new TransportException(ParadexErrors.VENUE, null, method + ": WebSocket not open"));
            return f;
        }
        loop.schedule(() -> {
            if (pending.remove(id, f)) {
                f.completeExceptionally(new ExchangeTimeoutException(ParadexErrors.VENUE, null, method + " not answered in "
                    + timeoutMs + " ms; outcome unknown"));
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        return f;
    }

    /**
     * @param node a JSON frame from the server
     * @return {@code true} if it answered a pending request (which is now complete)
     */
    public boolean onReply(final JsonNode node) {
        final JsonNode id = node.get("id");
        if (id == null || !id.canConvertToLong()) {
            return false;
        }
        final CompletableFuture<JsonNode> f = pending.remove(id.asLong());
        if (f == null) {
            return false;
        }
        final JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            f.completeExceptionally(ParadexErrors.fromRpcError(error));
        } else {
            f.complete(node.path("result"));
        }
        return true;
    }

    /**
     * Fails every pending request (the connection closed).
     *
     * @param why reason for the message
     */
    public void failAll(final String why) {
        for (final Long id : pending.keySet()) {
            final CompletableFuture<JsonNode> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(new TransportException(ParadexErrors.VENUE, null, why + "; outcome unknown"));
            }
        }
    }

    /**
     * A serialised request.
     *
     * @param id   its id
     * @param text its JSON text
     */
    public record Request(long id, String text) {
    }
}
