package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.AuthenticationException;
import dev.arb.api.ExchangeException;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.RateLimitedException;
import dev.arb.api.TimeInForce;
import dev.arb.api.TransportConfig;
import dev.arb.api.VenueStatus;
import dev.arb.paradex.internal.OrderResponses;
import dev.arb.paradex.internal.ParadexErrors;
import dev.arb.paradex.internal.ParadexOrderJsonWriter;
import dev.arb.paradex.internal.ParadexRestClient;
import dev.arb.paradex.internal.ParadexSignedOrder;
import dev.arb.paradex.internal.RestDecoders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Paradex order entry: sends orders signed by {@link ParadexOrderEncoder} and cancels, over the authenticated
 * WebSocket ({@code order.create}, {@code order.cancel}, {@code order.create_batch}, {@code order.cancel_batch},
 * protocol reference §2.6) when {@link ParadexConfig#wsOrderEntry()}, else over REST ({@code POST /v1/orders},
 * {@code DELETE /v1/orders/{id}}); reads orders back ({@code GET /v1/orders}, {@code /v1/orders/by_client_id}).
 * Client-side rate limits (per second and per minute, §3.9) apply to both paths; a 429 blocks orders for its
 * {@code Retry-After}. Venue statuses {@code cancel_only} and {@code maintenance} refuse new orders.
 *
 * <p>IOC and MARKET orders complete when the venue reports them {@code CLOSED}: from the private {@code orders}
 * channel when subscribed (falling back to polling after a short wait), else by polling {@code GET /v1/orders/{id}}
 * up to {@link TransportConfig#orderPollAttempts()} times, then failing with {@link ExchangeTimeoutException}
 * (outcome unknown). The signed request is kept per client order id while its outcome is unknown, so that a retry
 * re-sends it; a {@code DUPLICATED_CLIENT_ID} answer is resolved with {@code GET /v1/orders/by_client_id/{id}}.
 * An order closed by the venue's risk checks with nothing filled fails with {@link OrderRejectedException}.
 *
 * <p><b>Note:</b> thread-safe: pending orders are in a concurrent map; futures complete on the HTTP client's or the
 * event-loop thread.
 */
final class ParadexOrderEntry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENUE = ParadexErrors.VENUE;
    private static final int SCALE = RestDecoders.SCALE;

    private final ParadexConfig config;
    private final boolean hasAccount;
    private final ParadexRestClient rest;
    private final ParadexChannels channels;
    private final ParadexAccountStream account;
    private final ParadexMarkets markets;
    private final ParadexOrderEncoder encoder;
    private final ParadexVenueStatus status;
    private final Map<String, PendingOrder> pending = new ConcurrentHashMap<>();
    private volatile boolean treeOrderJson;

    /**
     * @param config     settings (WS order entry, order polling)
     * @param hasAccount whether an account and key are configured (else orders fail with
     *                   {@link AuthenticationException})
     * @param rest       the REST client, with the rate limits of both paths
     * @param channels   the stream's JSON-RPC side
     * @param account    whether the stream is authenticated; terminal states pushed
     * @param markets    market rules and fee rates
     * @param encoder    validates and signs orders
     * @param status     the venue status
     */
    ParadexOrderEntry(final ParadexConfig config, final boolean hasAccount, final ParadexRestClient rest,
        final ParadexChannels channels, final ParadexAccountStream account, final ParadexMarkets markets,
        final ParadexOrderEncoder encoder, final ParadexVenueStatus status) {
        this.config = config;
        this.hasAccount = hasAccount;
        this.rest = rest;
        this.channels = channels;
        this.account = account;
        this.markets = markets;
        this.encoder = encoder;
        this.status = status;
    }

    /**
     * @param request the order
     * @return its outcome, as {@link ParadexAdapter#placeOrder}
     */
    CompletableFuture<OrderUpdate> placeOrder(final OrderRequest request) {
        final MarketSpec spec;
        try {
            spec = markets.spec(request.market());
            encoder.validate(request, spec);
        } catch (final IllegalStateException e) {
            return CompletableFuture.failedFuture(new InvalidOrderException(VENUE, null, e.getMessage()));
        } catch (final ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!hasAccount) {
            return CompletableFuture.failedFuture(new AuthenticationException(VENUE, null,
                "no account and private key configured"));
        }
        final PendingOrder order = pending.computeIfAbsent(request.clientOrderId(), id -> new PendingOrder(
            encoder.signOrder(request, spec)));
        final VenueStatus venueStatus = status.current();
        if (venueStatus == VenueStatus.CANCEL_ONLY || venueStatus == VenueStatus.MAINTENANCE) {
            pending.remove(request.clientOrderId(), order);
            return CompletableFuture.failedFuture(new OrderRejectedException(VENUE, venueStatus == VenueStatus.CANCEL_ONLY
                ? "SYSTEM_STATUS_CANCEL_ONLY" : "SYSTEM_STATUS_MAINTENANCE", "venue status " + venueStatus
                + " (GET /v1/system/state): no new orders"));
        }
        return submit(order, spec).whenComplete((u, e) -> {
            final Throwable cause = e == null ? null : ParadexRestClient.unwrap(e);
            if (cause == null || cause instanceof OrderRejectedException || cause instanceof InvalidOrderException) {
                pending.remove(request.clientOrderId(), order);
            }
        });
    }

    private CompletableFuture<OrderUpdate> submit(final PendingOrder order, final MarketSpec spec) {
        final OrderRequest r = order.signed.request();
        final BigDecimal feeRate = r.timeInForce() == TimeInForce.POST_ONLY ? spec.makerFeeRate() : spec.takerFeeRate();
        return sendOrder(order)
            .thenApply(node -> toUpdate(node, r, feeRate))
            .exceptionallyCompose(e -> {
                final Throwable cause = ParadexRestClient.unwrap(e);
                if (cause instanceof OrderRejectedException x && "DUPLICATED_CLIENT_ID".equals(x.venueCode())) {
                    return rest.sendPrivate("GET", "/orders/by_client_id/" + enc(r.clientOrderId()) + "?market="
                        + enc(r.market()), null, ParadexRestClient.Limit.PRIVATE_GET).thenApply(n -> toUpdate(n, r, feeRate));
                }
                return CompletableFuture.failedFuture(ParadexRestClient.asExchangeException(cause));
            })
            .thenCompose(u -> mustWaitForClose(r, u) ? awaitClose(u.venueOrderId(), r, feeRate)
                : CompletableFuture.completedFuture(u))
            .thenApply(ParadexOrderEntry::rejectIfRefused);
    }

    /** @return {@code true} when orders go over the WebSocket ({@code order.create}, §2.6) */
    private boolean useWsOrders() {
        return config.wsOrderEntry() && account.isAuthenticated() && channels.isOpen();
    }

    /** Sends the signed order over the authenticated WebSocket when configured and open, else REST. */
    private CompletableFuture<JsonNode> sendOrder(final PendingOrder order) {
        if (!useWsOrders()) {
            return rest.sendPrivate("POST", "/orders", order.body(), ParadexRestClient.Limit.ORDERS);
        }
        final RateLimitedException refused = rest.acquire(ParadexRestClient.Limit.ORDERS);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        final CompletableFuture<JsonNode> sent = treeOrderJson
            ? channels.call("order.create", ParadexOrderEncoder.tree(order.signed))
            : channels.callOrder("order.create", order.signed);
        return sent.thenApply(r -> r.path("order"))
            .exceptionallyCompose(e -> {
                final Throwable cause = ParadexRestClient.unwrap(e);
                if (cause instanceof RateLimitedException rl) {
                    rest.onRateLimited(rl);
                }
                return CompletableFuture.failedFuture(cause);
            });
    }

    /**
     * Waits for the order's terminal state: from the private {@code orders} channel when subscribed (falling
     * back to polling after a short wait), else by polling {@code GET /v1/orders/{id}}.
     */
    private CompletableFuture<OrderUpdate> awaitClose(final String id, final OrderRequest r, final BigDecimal feeRate) {
        if (!(account.isAuthenticated() && channels.isOpen())) {
            return poll(id, r, feeRate, config.transport().orderPollAttempts());
        }
        final long waitMs = Math.max(100, 2 * config.transport().orderPollIntervalMs());
        return account.awaitClosed(id, waitMs).thenCompose(u -> u == null
            ? poll(id, r, feeRate, config.transport().orderPollAttempts()) : CompletableFuture.completedFuture(u));
    }

    private static OrderUpdate rejectIfRefused(final OrderUpdate u) {
        if (u.status() == OrderStatus.REJECTED) {
            throw new OrderRejectedException(VENUE, u.rejectCode(), "order " + u.venueOrderId() + " closed by the venue: "
                + u.rejectReason());
        }
        return u;
    }

    private static boolean mustWaitForClose(final OrderRequest r, final OrderUpdate u) {
        return (r.type() == OrderType.MARKET || r.timeInForce() == TimeInForce.IOC) && !u.status().isTerminal()
            && u.venueOrderId() != null;
    }

    private CompletableFuture<OrderUpdate> poll(final String id, final OrderRequest r, final BigDecimal feeRate,
        final int attemptsLeft) {
        if (attemptsLeft <= 0) {
            return CompletableFuture.failedFuture(new ExchangeTimeoutException(VENUE, null, "order " + id
                + " not closed after " + config.transport().orderPollAttempts() + " polls; outcome unknown"));
        }
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(config.transport().orderPollIntervalMs(), TimeUnit.MILLISECONDS))
            .thenCompose(v -> rest.sendPrivate("GET", "/orders/" + enc(id), null, ParadexRestClient.Limit.PRIVATE_GET))
            .thenApply(n -> toUpdate(n, r, feeRate))
            .thenCompose(u -> u.status().isTerminal() ? CompletableFuture.completedFuture(u)
                : poll(id, r, feeRate, attemptsLeft - 1));
    }

    private static OrderUpdate toUpdate(final JsonNode node, final OrderRequest r, final BigDecimal feeRate) {
        return OrderResponses.toUpdate(node, r.market(), SCALE, feeRate, System.currentTimeMillis());
    }

    private static String enc(final String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * @param venueOrderId the venue's order id
     * @return completes when the venue accepted the cancel request
     */
    CompletableFuture<Void> cancelOrder(final String venueOrderId) {
        if (useWsOrders()) {
            return wsCancel(JSON.createObjectNode().put("id", venueOrderId));
        }
        return rest.sendPrivate("DELETE", "/orders/" + enc(venueOrderId), null, ParadexRestClient.Limit.ORDERS)
            .thenAccept(n -> { });
    }

    /**
     * @param market        venue symbol
     * @param clientOrderId the id the order was sent with
     * @return completes when the venue accepted the cancel request
     */
    CompletableFuture<Void> cancelOrderByClientId(final String market, final String clientOrderId) {
        if (useWsOrders()) {
            return wsCancel(JSON.createObjectNode().put("client_id", clientOrderId).put("market", market));
        }
        return rest.sendPrivate("DELETE", "/orders/by_client_id/" + enc(clientOrderId) + "?market=" + enc(market), null,
            ParadexRestClient.Limit.ORDERS).thenAccept(n -> { });
    }

    private CompletableFuture<Void> wsCancel(final ObjectNode params) {
        return wsCall("order.cancel", params).thenAccept(r -> { });
    }

    /** A JSON-RPC order call under the order rate limit. */
    private CompletableFuture<JsonNode> wsCall(final String method, final ObjectNode params) {
        final RateLimitedException refused = rest.acquire(ParadexRestClient.Limit.ORDERS);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return channels.call(method, params);
    }

    /**
     * @param requests the orders (at most 10)
     * @return the acknowledgements in request order, as {@link ParadexAdapter#placeOrders}
     * @throws IllegalArgumentException if more than 10 orders are given
     */
    CompletableFuture<List<OrderUpdate>> placeOrders(final List<OrderRequest> requests) {
        if (requests.size() > 10) {
            throw new IllegalArgumentException("at most 10 orders per batch");
        }
        if (!useWsOrders()) {
            final List<CompletableFuture<OrderUpdate>> each = new ArrayList<>();
            for (final OrderRequest r : requests) {
                each.add(placeOrder(r));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
        }
        final ArrayNode orders = JSON.createArrayNode();
        for (final OrderRequest r : requests) {
            final MarketSpec spec;
            try {
                spec = markets.spec(r.market());
                encoder.validate(r, spec);
            } catch (final ExchangeException | IllegalStateException e) {
                return CompletableFuture.failedFuture(e);
            }
            orders.add(encoder.sign(r, spec));
        }
        return wsCall("order.create_batch", JSON.createObjectNode().set("orders", orders)).thenApply(result -> {
            final List<OrderUpdate> out = new ArrayList<>();
            final JsonNode acks = result.has("orders") ? result.get("orders") : result;
            final long now = System.currentTimeMillis();
            for (int i = 0; i < requests.size(); i++) {
                final OrderRequest r = requests.get(i);
                final JsonNode ack = acks.path(i);
                if (ack.hasNonNull("error") || ack.isMissingNode()) {
                    // a refused order of the batch: REJECTED with the venue's code
                    out.add(new OrderUpdate(VENUE, r.market(), r.clientOrderId(), null, r.side(), OrderStatus.REJECTED,
                        r.size(), 0, 0, BigDecimal.ZERO, ack.path("error").asText("MISSING"),
                        ack.path("message").asText("no acknowledgement in the batch answer"), now));
                } else {
                    out.add(toUpdate(ack, r, markets.takerFee(r.market())));
                }
            }
            return out;
        });
    }

    /**
     * @param venueOrderIds the venue's order ids
     * @return completes when the venue accepted the cancels
     */
    CompletableFuture<Void> cancelOrders(final List<String> venueOrderIds) {
        if (!useWsOrders()) {
            return CompletableFuture.allOf(venueOrderIds.stream().map(this::cancelOrder)
                .toArray(CompletableFuture[]::new));
        }
        final ArrayNode ids = JSON.createArrayNode();
        venueOrderIds.forEach(ids::add);
        return wsCall("order.cancel_batch", JSON.createObjectNode().set("order_ids", ids)).thenAccept(r -> { });
    }

    /**
     * @param market venue symbol, or null for every market
     * @return our open orders ({@code GET /v1/orders[?market=]})
     */
    CompletableFuture<List<OrderUpdate>> openOrders(final String market) {
        return rest.sendPrivate("GET", "/orders" + (market == null ? "" : "?market=" + enc(market)), null,
            ParadexRestClient.Limit.PRIVATE_GET).thenApply(body -> {
                final List<OrderUpdate> out = new ArrayList<>();
                final long now = System.currentTimeMillis();
                for (final JsonNode o : RestDecoders.results(body, "GET /orders")) {
                    final String m = OrderResponses.text(o, "market");
                    out.add(OrderResponses.toUpdate(o, m == null ? market : m, SCALE, markets.takerFee(m), now));
                }
                return out;
            });
    }

    /**
     * @param market        venue symbol
     * @param clientOrderId the id the order was sent with
     * @return the venue's state; fails with {@link OrderRejectedException} code {@code NOT_FOUND} if unknown
     */
    CompletableFuture<OrderUpdate> orderStatus(final String market, final String clientOrderId) {
        return rest.sendPrivate("GET", "/orders/by_client_id/" + enc(clientOrderId) + "?market=" + enc(market), null,
                ParadexRestClient.Limit.PRIVATE_GET)
            .thenApply(n -> OrderResponses.toUpdate(n, market, SCALE, markets.takerFee(market), System.currentTimeMillis()))
            .exceptionallyCompose(e -> CompletableFuture.failedFuture(notFound(e)));
    }

    private static ExchangeException notFound(final Throwable e) {
        final ExchangeException x = ParadexRestClient.asExchangeException(e);
        if (x instanceof OrderRejectedException && x.venueCode() != null && x.venueCode().endsWith("NOT_FOUND")) {
            return new OrderRejectedException(VENUE, "NOT_FOUND", x.getMessage(), x);
        }
        return x;
    }

    /**
     * Selects how order JSON is built, for measurement: {@code true} builds a Jackson tree per order (the old path),
     * {@code false} (the default) writes the bytes straight into the frame or body ({@link ParadexOrderJsonWriter}).
     *
     * @param tree whether to build a tree
     */
    void treeOrderJson(final boolean tree) {
        this.treeOrderJson = tree;
    }

    /** A signed order kept per client order id so that a retry re-sends the same request. */
    private final class PendingOrder {
        final ParadexSignedOrder signed;

        PendingOrder(final ParadexSignedOrder signed) {
            this.signed = signed;
        }

        /** @return the {@code POST /v1/orders} body, the same bytes as the {@code order.create} params */
        String body() {
            if (treeOrderJson) {
                return ParadexOrderEncoder.tree(signed).toString();
            }
            final ByteBuf buf = Unpooled.buffer(384);
            ParadexOrderJsonWriter.writeOrder(buf, signed);
            return buf.toString(StandardCharsets.UTF_8);
        }
    }
}
