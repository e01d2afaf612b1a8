package dev.arb.vest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.TimeInForce;
import java.math.BigDecimal;

/**
 * Vest order JSON: request bodies of {@code POST /orders} and {@code POST /orders/cancel}, and the
 * mapping of order and account answers to {@link OrderUpdate} and {@link Position}.
 *
 * <p>Order types sent: {@link OrderType#MARKET} → {@code "MARKET"} (no {@code timeInForce};
 * {@code limitPrice} is the slippage guard); {@link OrderType#LIMIT} with {@link TimeInForce#IOC}
 * → {@code "LIMIT"} + {@code "timeInForce":"IOC"} (what the RUST bot traded with on v2; the docs list
 * only GTC/FOK, open question §9.5); LIMIT + GTC → {@code "GTC"}. Status mapping: {@code FILLED} with
 * {@code lastFilledSize} below the size is, for IOC and MARKET orders, reported as
 * {@link OrderStatus#CANCELED} with the partial {@code filledSize} (the remainder cannot fill any
 * more); {@code CANCELLED} → CANCELED (with any partial fill); {@code REJECTED} → an
 * {@link OrderRejectedException} with the venue code; {@code NEW} → NEW or PARTIALLY_FILLED.
 * Source: Vest API docs "POST /orders", "GET /orders", "GET /account" (protocol reference §4).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class VestOrderCodec {
    /** Longest decimal text accepted from the venue. */
    static final int MAX_DECIMAL_CHARS = 64;
    /** Largest decimal exponent (either sign) accepted from the venue. */
    static final int MAX_EXPONENT = 64;
    private final ObjectMapper json;

    /** @param json shared mapper */
    public VestOrderCodec(final ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param type order type
     * @return the Vest {@code orderType} string
     */
    public static String orderType(final OrderType type) {
        return type == OrderType.MARKET ? "MARKET" : "LIMIT";
    }

    /**
     * Builds the {@code POST /orders} body.
     *
     * @param req          the order
     * @param timeMs       order time, ms
     * @param nonce        nonce
     * @param size         size text as signed
     * @param limitPrice   limit price text as signed
     * @param recvWindowMs recvWindow, ms
     * @param signatureHex signature
     * @return JSON text
     */
    public String orderBody(final OrderRequest req, final long timeMs, final long nonce, final String size,
        final String limitPrice, final long recvWindowMs, final String signatureHex) {
        return orderBody(req, timeMs, nonce, size, limitPrice, recvWindowMs, signatureHex, "IOC");
    }

    /**
     * Builds the {@code POST /orders} body.
     *
     * @param req          the order
     * @param timeMs       order time, ms
     * @param nonce        nonce
     * @param size         size text as signed
     * @param limitPrice   limit price text as signed
     * @param recvWindowMs recvWindow, ms
     * @param signatureHex signature
     * @param iocTimeInForce {@code timeInForce} sent for an IOC LIMIT order ({@code "IOC"} or {@code "FOK"})
     * @return JSON text
     */
    public String orderBody(final OrderRequest req, final long timeMs, final long nonce, final String size,
        final String limitPrice, final long recvWindowMs, final String signatureHex, final String iocTimeInForce) {
        final ObjectNode root = json.createObjectNode();
        final ObjectNode order = root.putObject("order");
        order.put("time", timeMs);
        order.put("nonce", nonce);
        order.put("symbol", req.market());
        order.put("isBuy", req.side() == dev.arb.api.Side.BUY);
        order.put("size", size);
        order.put("orderType", orderType(req.type()));
        order.put("limitPrice", limitPrice);
        order.put("reduceOnly", req.reduceOnly());
        if (req.type() == OrderType.LIMIT) {
            order.put("timeInForce", req.timeInForce() == TimeInForce.GTC ? "GTC" : iocTimeInForce);
        }
        root.put("recvWindow", recvWindowMs);
        root.put("signature", signatureHex);
        return root.toString();
    }

    /**
     * Builds the {@code POST /orders/cancel} body.
     *
     * @param timeMs       time, ms
     * @param nonce        nonce
     * @param orderId      venue order id
     * @param recvWindowMs recvWindow, ms
     * @param signatureHex signature
     * @return JSON text
     */
    public String cancelBody(final long timeMs, final long nonce, final String orderId, final long recvWindowMs,
        final String signatureHex) {
        final ObjectNode root = json.createObjectNode();
        final ObjectNode order = root.putObject("order");
        order.put("time", timeMs);
        order.put("nonce", nonce);
        order.put("id", orderId);
        root.put("recvWindow", recvWindowMs);
        root.put("signature", signatureHex);
        return root.toString();
    }

    /**
     * @param answer a {@code POST /orders} answer or a {@code GET /orders} answer (array or object)
     * @param id     the order id to pick from an array (null: the first element)
     * @return the order object
     * @throws MalformedMessageException if no order object is found
     */
    public static JsonNode orderNode(final JsonNode answer, final String id) {
        if (answer != null && answer.isArray()) {
            for (final JsonNode n : answer) {
                if (id == null || id.equals(n.path("id").asText(null))) {
                    return n;
                }
            }
            throw new MalformedMessageException(VestErrors.VENUE, null, "order " + id + " not in GET /orders answer");
        }
        if (answer == null || !answer.isObject() || !answer.hasNonNull("id")) {
            throw new MalformedMessageException(VestErrors.VENUE, null, "order answer without id");
        }
        return answer;
    }

    /**
     * @param order  the venue's order object
     * @param spec   the market
     * @param req    the request it answers
     * @param nowMs  local time, ms (used when the venue gives none)
     * @return the update
     * @throws OrderRejectedException if the venue reports {@code REJECTED}
     * @throws MalformedMessageException if a number cannot be read at the market's scale
     */
    public OrderUpdate toUpdate(final JsonNode order, final MarketSpec spec, final OrderRequest req, final long nowMs) {
        final OrderUpdate u = update(order, spec, req, nowMs);
        if (u.status() == OrderStatus.REJECTED) {
            throw rejected(u);
        }
        return u;
    }

    /**
     * @param u a {@link OrderStatus#REJECTED} update
     * @return the typed exception carrying the venue code
     */
    public static OrderRejectedException rejected(final OrderUpdate u) {
        return new OrderRejectedException(VestErrors.VENUE, u.rejectCode(), "Vest rejected order " + u.venueOrderId()
            + " (" + u.clientOrderId() + ") code " + u.rejectCode());
    }

    /**
     * Like {@link #toUpdate} but a {@code REJECTED} order is returned as an update with
     * {@link OrderStatus#REJECTED} and its {@code code}, for listeners. Fields the venue omits (a
     * {@code CANCELLED} event carries only id, status, time and nonce) come from {@code req}.
     *
     * @param order  the venue's order object or ORDER event {@code args}
     * @param spec   the market
     * @param req    the request it answers
     * @param nowMs  local time, ms (used when the venue gives none)
     * @return the update
     * @throws MalformedMessageException if a number cannot be read at the market's scale
     */
    public OrderUpdate update(final JsonNode order, final MarketSpec spec, final OrderRequest req, final long nowMs) {
        final String id = order.path("id").asText(null);
        final String vestStatus = order.path("status").asText("NEW");
        final long ts = order.path("lastFilledTime").asLong(order.path("postTime").asLong(nowMs));
        if ("REJECTED".equals(vestStatus)) {
            final String code = order.path("code").asText(null);
            return new OrderUpdate(VestErrors.VENUE, req.market(), req.clientOrderId(), id, req.side(),
                OrderStatus.REJECTED, req.size(), 0, 0, BigDecimal.ZERO, code, order.path("msg").asText(null), ts);
        }
        final boolean hasFilled = order.hasNonNull("lastFilledSize");
        long filled = hasFilled ? size(order.get("lastFilledSize").asText(), spec) : 0;
        final OrderStatus status;
        final boolean immediate = req.type() == OrderType.MARKET || req.timeInForce() == TimeInForce.IOC;
        switch (vestStatus) {
            case "FILLED" -> {
                if (!hasFilled) {
                    filled = req.size();
                }
                status = filled >= req.size() ? OrderStatus.FILLED
                    : immediate ? OrderStatus.CANCELED : OrderStatus.PARTIALLY_FILLED;
            }
            case "CANCELLED", "CANCELED" -> status = OrderStatus.CANCELED;
            case "NEW" -> status = filled > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            default -> status = OrderStatus.UNKNOWN;
        }
        final long avg = filled > 0 && order.hasNonNull("avgFilledPrice")
            ? price(order.get("avgFilledPrice").asText(), spec) : 0;
        final BigDecimal fee = order.hasNonNull("fees") ? decimal(order.get("fees").asText()) : BigDecimal.ZERO;
        return new OrderUpdate(VestErrors.VENUE, req.market(), req.clientOrderId(), id, req.side(), status, req.size(),
            filled, avg, fee, null, null, ts);
    }

    /**
     * Maps an order the adapter did not place in this process (a {@code GET /orders} element with
     * {@code symbol}, {@code isBuy}, {@code size}, {@code orderType}) to an update.
     *
     * @param order         the venue's order object
     * @param spec          its market
     * @param clientOrderId the client order id if known, else null
     * @param nowMs         local time, ms
     * @return the update
     * @throws MalformedMessageException if a field is missing or not at the market's scale
     */
    public OrderUpdate fromVenue(final JsonNode order, final MarketSpec spec, final String clientOrderId,
        final long nowMs) {
        if (!order.hasNonNull("size") || !order.hasNonNull("isBuy")) {
            throw new MalformedMessageException(VestErrors.VENUE, null, "order without size or isBuy");
        }
        final OrderRequest.Builder b = OrderRequest.builder().market(spec.symbol())
            .side(order.get("isBuy").asBoolean() ? dev.arb.api.Side.BUY : dev.arb.api.Side.SELL)
            .size(size(order.get("size").asText(), spec))
            .reduceOnly(order.path("reduceOnly").asBoolean(false))
            .clientOrderId(clientOrderId != null ? clientOrderId : "vest-" + order.path("nonce").asText("0"));
        final long limit = order.hasNonNull("limitPrice") ? price(order.get("limitPrice").asText(), spec) : 0;
        if ("MARKET".equals(order.path("orderType").asText())) {
            b.type(OrderType.MARKET).timeInForce(TimeInForce.IOC).limitPrice(limit);
        } else {
            b.type(OrderType.LIMIT).timeInForce(order.path("timeInForce").asText("GTC").equals("GTC")
                ? TimeInForce.GTC : TimeInForce.IOC).limitPrice(limit > 0 ? limit : 1);
        }
        final OrderRequest request;
        try {
            request = b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // e.g. "size":"000" (found by fuzzing, RELIABILITY.md)
            throw new MalformedMessageException(VestErrors.VENUE, null, "order " + order.path("id").asText()
                + " is not a valid order: " + e.getMessage(), e);
        }
        final OrderUpdate u = update(order, spec, request, nowMs);
        return clientOrderId != null ? u : new OrderUpdate(u.venue(), u.market(), null, u.venueOrderId(), u.side(),
            u.status(), u.size(), u.filledSize(), u.avgFillPrice(), u.feeUsd(), u.rejectCode(), u.rejectReason(),
            u.timestampMs());
    }

    /**
     * @param account {@code GET /account} answer
     * @param spec    the market
     * @return the position in {@code spec}'s market, flat if absent (size is signed: {@code isLong} → +)
     */
    public static Position position(final JsonNode account, final MarketSpec spec) {
        final JsonNode positions = account.path("positions");
        for (final JsonNode p : positions) {
            if (!spec.symbol().equals(p.path("symbol").asText())) {
                continue;
            }
            final long size = size(p.path("size").asText("0"), spec);
            if (size == 0) {
                continue;
            }
            final boolean isLong = p.path("isLong").asBoolean(true);
            final long entry = p.hasNonNull("entryPrice") ? price(p.get("entryPrice").asText(), spec) : 0;
            final BigDecimal pnl = p.hasNonNull("unrealizedPnl") ? decimal(p.get("unrealizedPnl").asText())
                : BigDecimal.ZERO;
            return new Position(VestErrors.VENUE, spec.symbol(), isLong ? size : -size, spec.sizeScale(), entry,
                spec.priceScale(), pnl);
        }
        return Position.flat(VestErrors.VENUE, spec.symbol(), spec.sizeScale(), spec.priceScale());
    }

    /**
     * @param account {@code GET /account} answer
     * @param specs   known markets by symbol
     * @return every non-flat position in a known market (signed: {@code isLong} → +); zero-size entries
     *     are skipped (protocol reference §4 GET /account)
     */
    public static java.util.List<Position> positions(final JsonNode account, final java.util.Map<String, MarketSpec> specs) {
        final java.util.List<Position> out = new java.util.ArrayList<>();
        for (final JsonNode p : account.path("positions")) {
            final MarketSpec spec = specs.get(p.path("symbol").asText());
            if (spec != null) {
                final Position pos = position(account, spec);
                if (!pos.isFlat() && out.stream().noneMatch(o -> o.market().equals(pos.market()))) {
                    out.add(pos);
                }
            }
        }
        return out;
    }

    private static long size(final String text, final MarketSpec spec) {
        return VestDecimals.size(text, spec);
    }

    private static long price(final String text, final MarketSpec spec) {
        return VestDecimals.price(text, spec);
    }

    private static BigDecimal decimal(final String text) {
        return VestDecimals.decimal(text);
    }
}
