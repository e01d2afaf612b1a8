package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * The JSON records of a placed order of the simulated Paradex (protocol reference §3.4): the order as
 * {@code GET /orders/{id}} shows it, the acknowledgement ({@code NEW}, as the venue answers the POST: matching is
 * asynchronous) and its taker fills (fee = taker rate × notional, USDC).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class SimOrderJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimOrderJson() {
    }

    /**
     * @param id      the order id
     * @param account the account
     * @param o       the checked order
     * @param match   its matching outcome
     * @param nowMs   placement time, ms
     * @param step    the model step ({@code seq_no})
     * @return the order record in its final state
     */
    static ObjectNode order(final String id, final String account, final SimOrderCheck.Checked o,
        final SimMatcher.Match match, final long nowMs, final long step) {
        final ObjectNode order = JSON.createObjectNode();
        order.put("id", id);
        order.put("account", account);
        order.put("market", o.market().symbol());
        order.put("side", o.side().name());
        order.put("type", o.type().name());
        order.put("size", o.sizeText());
        order.put("remaining_size", SimExchange.text(o.size() - match.filled()));
        order.put("price", o.priceText());
        order.put("avg_fill_price", match.filled() > 0 ? SimExchange.text(match.avgPrice()) : "");
        order.put("status", match.status());
        order.put("cancel_reason", match.cancelReason());
        order.put("client_id", o.clientId());
        order.put("instruction", o.instruction());
        final ArrayNode flags = order.putArray("flags");
        if (o.reduceOnly()) {
            flags.add("REDUCE_ONLY");
        }
        order.put("timestamp", o.signatureTs());
        order.put("created_at", nowMs);
        order.put("received_at", nowMs);
        order.put("last_updated_at", nowMs);
        order.put("seq_no", step);
        return order;
    }

    /**
     * @param order the order record
     * @return the acknowledgement: a copy reported {@code NEW}, nothing filled
     */
    static ObjectNode ack(final ObjectNode order) {
        final ObjectNode ack = order.deepCopy();
        ack.put("status", "NEW");
        ack.put("remaining_size", order.path("size").asText());
        ack.put("avg_fill_price", "");
        ack.put("cancel_reason", "");
        return ack;
    }

    /**
     * @param order           the order record
     * @param no              the fill's index within the order, 0-based (fill id {@code {order id}-{no}})
     * @param price           the fill price, scale 8
     * @param size            the filled size, scale 8
     * @param takerFee        the market's taker fee rate
     * @param realizedFunding the accrued funding the fill settled, USD (on the first fill record only, else zero)
     * @return the fill record
     */
    static ObjectNode fill(final ObjectNode order, final int no, final long price, final long size,
        final BigDecimal takerFee, final BigDecimal realizedFunding) {
        final ObjectNode fill = JSON.createObjectNode();
        fill.put("id", order.path("id").asText() + '-' + no);
        fill.put("account", order.path("account").asText());
        fill.put("market", order.path("market").asText());
        fill.put("order_id", order.path("id").asText());
        fill.put("client_id", order.path("client_id").asText());
        fill.put("side", order.path("side").asText());
        fill.put("liquidity", "TAKER");
        fill.put("price", SimExchange.text(price));
        fill.put("size", SimExchange.text(size));
        fill.put("fee", SimExchange.money(BigDecimal.valueOf(price, SimExchange.SCALE)
            .multiply(BigDecimal.valueOf(size, SimExchange.SCALE)).multiply(takerFee)));
        fill.put("fee_currency", "USDC");
        fill.put("created_at", order.path("created_at").asLong());
        fill.put("fill_type", "FILL");
        fill.put("realized_funding", no == 0 ? SimExchange.money(realizedFunding) : "0");
        return fill;
    }
}
