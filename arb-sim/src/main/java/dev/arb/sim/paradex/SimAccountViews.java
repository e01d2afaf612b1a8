package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * The JSON views of a simulated Paradex account: the {@code AccountSummaryResponse} ({@code GET /account} and the
 * {@code account} channel) and the positions ({@code GET /positions} and the {@code positions} channel), with
 * money as plain decimal strings at scale 8.
 *
 * <p><b>Note:</b> not thread-safe: reads state guarded by the monitor of the owning {@link SimExchange}; call only
 * while holding it.
 */
final class SimAccountViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimQuotes quotes;
    private final SimPositions positions;
    private final SimMargin margin;

    /**
     * @param quotes    the book (mids, the step as {@code seq_no})
     * @param positions the positions
     * @param margin    account values and margin requirements
     */
    SimAccountViews(final SimQuotes quotes, final SimPositions positions, final SimMargin margin) {
        this.quotes = quotes;
        this.positions = positions;
        this.margin = margin;
    }

    /**
     * @param account normalised account address
     * @param nowMs   {@code updated_at}
     * @param status  {@code ACTIVE} or {@code LIQUIDATION}
     * @return the {@code AccountSummaryResponse}
     */
    ObjectNode accountSummary(final String account, final long nowMs, final String status) {
        final BigDecimal value = margin.accountValue(account);
        final BigDecimal initial = margin.requirement(account, margin.initialRate());
        final BigDecimal maintenance = margin.requirement(account, margin.maintenanceRate());
        final ObjectNode n = JSON.createObjectNode();
        n.put("account", account);
        n.put("account_value", SimExchange.money(value));
        n.put("free_collateral", SimExchange.money(value.subtract(initial)));
        n.put("initial_margin_requirement", SimExchange.money(initial));
        n.put("maintenance_margin_requirement", SimExchange.money(maintenance));
        n.put("margin_cushion", SimExchange.money(value.subtract(maintenance)));
        n.put("settlement_asset", "USDC");
        n.put("status", status);
        n.put("seq_no", quotes.step());
        n.put("updated_at", nowMs);
        return n;
    }

    /**
     * @param account normalised account address
     * @param nowMs   {@code last_updated_at}
     * @return {@code {"results":[position…]}}, flat positions included (status {@code CLOSED})
     */
    ObjectNode positions(final String account, final long nowMs) {
        final ObjectNode out = JSON.createObjectNode();
        final ArrayNode results = out.putArray("results");
        for (final SimPosition p : positions.of(account)) {
            final long mid = quotes.mid(p.market);
            final BigDecimal size = BigDecimal.valueOf(p.size, SimExchange.SCALE);
            final ObjectNode n = results.addObject();
            n.put("id", account + '-' + p.market);
            n.put("account", account);
            n.put("market", p.market);
            n.put("status", p.size == 0 ? "CLOSED" : "OPEN");
            n.put("side", p.size >= 0 ? "LONG" : "SHORT");
            n.put("size", size.stripTrailingZeros().toPlainString());
            n.put("average_entry_price", p.size == 0 ? "" : SimExchange.text(p.entryPrice));
            n.put("unrealized_pnl", SimExchange.money(p.unrealizedPnl(mid)));
            n.put("unrealized_funding_pnl", SimExchange.money(p.unrealizedFunding));
            n.put("realized_positional_funding_pnl", SimExchange.money(p.realizedFunding));
            n.put("liquidation_price", margin.liquidationPrice(account, p));
            n.put("last_updated_at", Long.toString(nowMs));
            n.put("seq_no", Long.toString(quotes.step()));
        }
        return out;
    }
}
