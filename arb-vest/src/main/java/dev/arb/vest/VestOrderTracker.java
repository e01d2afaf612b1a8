package dev.arb.vest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.vest.internal.VestOrderEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The orders this adapter placed, by nonce (Vest has no client order id; the nonce we signed is our
 * handle, echoed in every ORDER event and queryable with {@code GET /orders?nonce=}) and by venue id
 * once known. Each carries a future completed by its first terminal ORDER event, so that a placement
 * whose acknowledgement lacks fill data learns its fill from the private stream, whichever of the
 * acknowledgement and the event arrives first. Bounded like {@link VestSentOrders}: an order is
 * forgotten {@link VestSentOrders#RETENTION_MS} after it was signed, or when more than 4096 are younger
 * (an IOC order is terminal within seconds; the 1 h soak found the count bound alone kept 4,096
 * terminal events per adapter).
 *
 * <p><b>Note:</b> thread-safe (synchronised maps; {@link Tracked} fields are volatile).
 */
final class VestOrderTracker {
    private static final int CAPACITY = 4096;

    /** One of our orders. */
    static final class Tracked {
        final OrderRequest request;
        final MarketSpec spec;
        final long nonce;
        final long timeMs;
        final CompletableFuture<JsonNode> terminal = new CompletableFuture<>();
        volatile String venueId;
        volatile long lastFilled;
        volatile boolean fillReported;

        Tracked(final OrderRequest request, final MarketSpec spec, final long nonce, final long timeMs) {
            this.request = request;
            this.spec = spec;
            this.nonce = nonce;
            this.timeMs = timeMs;
        }
    }

    private final Map<Long, Tracked> byNonce = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<Long, Tracked> eldest) {
            final boolean drop = size() > CAPACITY;
            if (drop && eldest.getValue().venueId != null) {
                byId.remove(eldest.getValue().venueId);
            }
            return drop;
        }
    };
    private final Map<String, Tracked> byId = new java.util.HashMap<>();

    /**
     * @param request the order
     * @param spec    its market
     * @param nonce   the nonce signed
     * @param timeMs  the {@code time} signed, ms
     * @return the tracked order (the existing one if this nonce is already tracked)
     */
    synchronized Tracked track(final OrderRequest request, final MarketSpec spec, final long nonce, final long timeMs) {
        VestSentOrders.forgetSignedBefore(byNonce.values().iterator(), t -> t.timeMs,
            timeMs - VestSentOrders.RETENTION_MS, t -> {
                if (t.venueId != null) {
                    byId.remove(t.venueId);
                }
            });
        return byNonce.computeIfAbsent(nonce, n -> new Tracked(request, spec, nonce, timeMs));
    }

    synchronized void attachId(final Tracked t, final String venueId) {
        if (venueId != null && t.venueId == null) {
            t.venueId = venueId;
            byId.put(venueId, t);
        }
    }

    synchronized Tracked byNonce(final long nonce) {
        return byNonce.get(nonce);
    }

    /** @return orders tracked */
    synchronized int size() {
        return byNonce.size();
    }

    synchronized Tracked byId(final String venueId) {
        return venueId == null ? null : byId.get(venueId);
    }

    /**
     * @param args a {@code GET /orders} element
     * @return our order it refers to (by id, else nonce), or null; attaches the id when matched by nonce
     */
    synchronized Tracked match(final JsonNode args) {
        return match(args.path("id").asText(null), args.hasNonNull("nonce") ? args.get("nonce").asLong() : null,
            args.hasNonNull("symbol") ? args.get("symbol").asText() : null);
    }

    /**
     * @param event a streamed ORDER event
     * @return our order it refers to (by id, else nonce), or null; attaches the id when matched by nonce
     */
    synchronized Tracked match(final VestOrderEvent event) {
        return match(event.idOrNull(), event.nonce.isNonNull() ? event.nonce.asLong(0) : null,
            event.symbol.isNonNull() ? event.symbol : null);
    }

    /** By id, else by nonce (if given) when the symbol (if given) is the order's market. */
    private Tracked match(final String id, final Long nonce, final CharSequence symbol) {
        Tracked t = id == null ? null : byId.get(id);
        if (t == null && nonce != null) {
            t = byNonce.get(nonce);
            if (t != null && (id != null && t.venueId != null && !t.venueId.equals(id)
                || symbol != null && !t.request.market().contentEquals(symbol))) {
                return null; // same nonce, another order (e.g. another process on the account)
            }
            if (t != null && id != null && t.venueId == null) {
                t.venueId = id;
                byId.put(id, t);
            }
        }
        return t;
    }
}
