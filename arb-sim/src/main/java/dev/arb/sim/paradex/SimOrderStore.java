package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The orders and fills of the simulated Paradex (their REST JSON records, by id, in placement order), the client
 * ids in use and received, and how much history they keep: unbounded by default; with a history limit {@code n},
 * the latest {@code n} closed orders (with their client ids, so an older client id can be used again), the latest
 * {@code n} fills and received client ids per account; open orders always.
 *
 * <p><b>Note:</b> not thread-safe: guarded by the monitor of the owning {@link SimExchange}; call only while
 * holding it.
 */
final class SimOrderStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final Map<String, String> clientIds = new HashMap<>();
    private final List<ObjectNode> fills = new ArrayList<>();
    private final AtomicLong orderIds = new AtomicLong(1_700_000_000_000_000L);
    private final Map<String, List<String>> receivedClientIds = new HashMap<>();
    private int historyLimit = Integer.MAX_VALUE;

    /** @return a new order id */
    String nextId() {
        return Long.toString(orderIds.incrementAndGet());
    }

    /**
     * Records a client id received with an order placement (accepted or not).
     *
     * @param account  the account
     * @param clientId the non-empty client id
     */
    void received(final String account, final String clientId) {
        receivedClientIds.computeIfAbsent(account, k -> new ArrayList<>()).add(clientId);
    }

    /**
     * @param account normalised account address
     * @return its received client ids, in arrival order (a copy)
     */
    List<String> receivedClientIds(final String account) {
        final List<String> ids = receivedClientIds.get(account);
        return ids == null ? List.of() : List.copyOf(ids);
    }

    /**
     * @param account  the account
     * @param clientId a client id
     * @return {@code true} if a remembered order of the account has it
     */
    boolean clientIdUsed(final String account, final String clientId) {
        return clientIds.containsKey(account + '|' + clientId);
    }

    /**
     * Stores a placed order and its fills.
     *
     * @param order      the order record (fields {@code id}, {@code account}, {@code client_id})
     * @param orderFills its fill records
     */
    void add(final ObjectNode order, final List<ObjectNode> orderFills) {
        orders.put(order.path("id").asText(), order);
        fills.addAll(orderFills);
        final String clientId = order.path("client_id").asText("");
        if (!clientId.isEmpty()) {
            clientIds.put(order.path("account").asText() + '|' + clientId, order.path("id").asText());
        }
    }

    /**
     * @param account the account
     * @param id      an order id
     * @return the account's order record (the stored one, not a copy)
     * @throws SimExchange.VenueError 404 {@code ORDER_ID_NOT_FOUND} if the account has no such order
     */
    ObjectNode find(final String account, final String id) {
        final ObjectNode o = orders.get(id);
        if (o == null || !o.path("account").asText().equals(account)) {
            throw new SimExchange.VenueError(404, "ORDER_ID_NOT_FOUND", "order " + id + " not found");
        }
        return o;
    }

    /**
     * @param account  the account
     * @param clientId a client id
     * @return the id of the account's order with that client id
     * @throws SimExchange.VenueError 404 {@code CLIENT_ORDER_ID_NOT_FOUND} if there is none
     */
    String idByClientId(final String account, final String clientId) {
        final String id = clientIds.get(account + '|' + clientId);
        if (id == null) {
            throw new SimExchange.VenueError(404, "CLIENT_ORDER_ID_NOT_FOUND", "client id " + clientId + " not found");
        }
        return id;
    }

    /**
     * @param account the account
     * @param market  a market, or null for all
     * @return the account's open order records (the stored ones), in placement order
     */
    List<ObjectNode> open(final String account, final String market) {
        final List<ObjectNode> out = new ArrayList<>();
        for (final ObjectNode o : orders.values()) {
            if (o.path("account").asText().equals(account) && "OPEN".equals(o.path("status").asText())
                && (market == null || market.equals(o.path("market").asText()))) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * @param account   the account
     * @param market    a market, or null for all
     * @param startAtMs the earliest {@code created_at}, ms
     * @return {@code GET /fills}: {@code {"results":[…newest first…],"next":null,"prev":null}} (copies)
     */
    ObjectNode fills(final String account, final String market, final long startAtMs) {
        final ObjectNode out = JSON.createObjectNode();
        final ArrayNode results = out.putArray("results");
        for (int i = fills.size() - 1; i >= 0; i--) {
            final ObjectNode f = fills.get(i);
            if (f.path("account").asText().equals(account) && f.path("created_at").asLong() >= startAtMs
                && (market == null || market.equals(f.path("market").asText()))) {
                results.add(f.deepCopy());
            }
        }
        out.putNull("next");
        out.putNull("prev");
        return out;
    }

    /**
     * Bounds the history and forgets what lies beyond it now.
     *
     * @param n entries kept, ≥ 1
     */
    void historyLimit(final int n) {
        historyLimit = n;
        forgetOldest();
    }

    /** Forgets the oldest closed orders, fills and received client ids beyond the history limit. */
    void forgetOldest() {
        final Iterator<ObjectNode> it = orders.values().iterator();
        while (orders.size() > historyLimit && it.hasNext()) {
            final ObjectNode o = it.next();
            if ("CLOSED".equals(o.path("status").asText())) {
                it.remove();
                final String clientId = o.path("client_id").asText("");
                if (!clientId.isEmpty()) {
                    clientIds.remove(o.path("account").asText() + '|' + clientId);
                }
            }
        }
        trimHead(fills, historyLimit);
        for (final List<String> ids : receivedClientIds.values()) {
            trimHead(ids, historyLimit);
        }
    }

    /**
     * Drops the oldest entries beyond the limit (an array copy of at most the limit's references per entry: exact,
     * so that the heap a long run holds is flat rather than a saw-tooth between the limit and twice it).
     */
    private static void trimHead(final List<?> list, final int limit) {
        if (list.size() > limit) {
            list.subList(0, list.size() - limit).clear();
        }
    }
}
