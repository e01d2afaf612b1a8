package dev.arb.vest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.FixedPoint;
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
import java.math.RoundingMode;

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
            order.put("timeInForce", req.timeInForce() == TimeInForce.GTC ? "GTC" : "IOC");
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
        final String id = order.path("id").asText(null);
        final String vestStatus = order.path("status").asText("NEW");
        if ("REJECTED".equals(vestStatus)) {
            final String code = order.path("code").asText(null);
            throw new OrderRejectedException(VestErrors.VENUE, code, "Vest rejected order " + id + " ("
                + req.clientOrderId() + ") code " + code);
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
        final long ts = order.path("lastFilledTime").asLong(order.path("postTime").asLong(nowMs));
        return new OrderUpdate(VestErrors.VENUE, req.market(), req.clientOrderId(), id, req.side(), status, req.size(),
            filled, avg, fee, null, null, ts);
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

    private static long size(final String text, final MarketSpec spec) {
        try {
            return FixedPoint.fromBigDecimal(decimal(text), spec.sizeScale());
        } catch (ArithmeticException e) {
            throw new MalformedMessageException(VestErrors.VENUE, null, "size finer than the market's step: " + text, e);
        }
    }

    /** Prices such as averages may carry more decimals than the tick: rounded half-even to the price scale. */
    private static long price(final String text, final MarketSpec spec) {
        return FixedPoint.fromBigDecimal(decimal(text).setScale(spec.priceScale(), RoundingMode.HALF_EVEN),
            spec.priceScale());
    }

    private static BigDecimal decimal(final String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new MalformedMessageException(VestErrors.VENUE, null, "not a decimal: " + text, e);
        }
    }
}
