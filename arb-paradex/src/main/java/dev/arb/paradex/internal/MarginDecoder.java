package dev.arb.paradex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarginState;
import dev.arb.api.PositionMargin;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link MarginState} from Paradex's account summary and positions, pushed on the private {@code account}
 * and {@code positions} WebSocket channels or answered by {@code GET /v1/account} and {@code GET /v1/positions}
 * (the same shapes, protocol reference §2.5, §3.6, §3.7).
 *
 * <p>Fields: {@code account_value} and {@code maintenance_margin_requirement} of {@code AccountSummaryResponse}
 * (OAS {@code responses.AccountSummaryResponse}), {@code updated_at} (ms); per {@code PositionResp}: {@code market},
 * {@code size} (signed, negative when short), {@code status} ({@code CLOSED} skipped), {@code liquidation_price}
 * (empty when the venue gives none), {@code average_entry_price} and {@code unrealized_pnl}. {@code PositionResp}
 * carries no mark price; it is derived as {@code average_entry_price + unrealized_pnl / size} (the unrealized PnL
 * of a linear perp is {@code size × (mark − entry)}; funding is a separate field, {@code unrealized_funding_pnl}).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class MarginDecoder {
    private MarginDecoder() {
    }

    /**
     * @param account    the account summary (push {@code data} or {@code GET /account} body)
     * @param positions  position objects (push {@code data} each, or {@code GET /positions} {@code results[]})
     * @param receivedMs when received, ms since the epoch (used when {@code updated_at} is absent)
     * @return the account's margin
     * @throws MalformedMessageException if a number present is not a decimal
     */
    public static MarginState margin(final JsonNode account, final Iterable<JsonNode> positions, final long receivedMs) {
        final List<PositionMargin> out = new ArrayList<>();
        for (final JsonNode p : positions) {
            final PositionMargin m = position(p);
            if (m != null) {
                out.add(m);
            }
        }
        final long updated = account.path("updated_at").asLong(0);
        return new MarginState(ParadexErrors.VENUE, decimal(account, "account_value"),
            decimal(account, "maintenance_margin_requirement"), out, updated > 0 ? updated : receivedMs);
    }

    /**
     * @param p one {@code PositionResp}
     * @return its margin view, or null when closed or flat
     * @throws MalformedMessageException if a number present is not a decimal
     */
    public static PositionMargin position(final JsonNode p) {
        final BigDecimal size = decimal(p, "size");
        final String market = OrderResponses.text(p, "market");
        if (market == null || size == null || size.signum() == 0 || "CLOSED".equals(OrderResponses.text(p, "status"))) {
            return null;
        }
        final BigDecimal entry = decimal(p, "average_entry_price");
        final BigDecimal pnl = decimal(p, "unrealized_pnl");
        final BigDecimal mark = entry == null || pnl == null ? null
            : entry.add(pnl.divide(size, MathContext.DECIMAL64));
        return new PositionMargin(market, size, mark, decimal(p, "liquidation_price"));
    }

    /** @return the field as a decimal, or null when absent, null or empty */
    private static BigDecimal decimal(final JsonNode n, final String field) {
        final String v = OrderResponses.text(n, field);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new MalformedMessageException(ParadexErrors.VENUE, null, field + " is not a number: '" + v + "'", e);
        }
    }
}
