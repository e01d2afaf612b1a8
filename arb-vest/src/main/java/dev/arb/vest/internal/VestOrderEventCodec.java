package dev.arb.vest.internal;

import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.TimeInForce;
import java.math.BigDecimal;

/**
 * A streamed ORDER event ({@link VestOrderEvent}) of an order this adapter placed → {@link OrderUpdate}, with exactly
 * the mapping, defaults and typed errors of {@link VestOrderCodec#update} on the event's tree (the tests compare the
 * two on every frame they have), but with sizes and prices read as fixed-point longs from the event's characters
 * ({@link VestDecimals}). Allocates the {@code OrderUpdate}, the order id string, the fee {@link BigDecimal} when the
 * event carries fees, and the reject code and message of a rejection.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class VestOrderEventCodec {
    private VestOrderEventCodec() {
    }

    /**
     * @param e     the event (its fields absent where the venue omitted them: a {@code CANCELLED} event carries only id,
     *              status, time and nonce; the rest comes from {@code req})
     * @param spec  the market
     * @param req   the request it answers
     * @param nowMs local time, ms (used when the venue gives none)
     * @return the update; {@code REJECTED} is returned as an update with its code, not thrown
     * @throws MalformedMessageException if a number cannot be read at the market's scale
     */
    public static OrderUpdate update(final VestOrderEvent e, final MarketSpec spec, final OrderRequest req,
        final long nowMs) {
        final String id = e.idOrNull();
        final long ts = e.lastFilledTime.asLong(e.postTime.asLong(nowMs));
        final boolean statusGiven = e.status.isNonNull();
        if (statusGiven && e.status.textEquals("REJECTED")) {
            return new OrderUpdate(VestErrors.VENUE, req.market(), req.clientOrderId(), id, req.side(),
                OrderStatus.REJECTED, req.size(), 0, 0, BigDecimal.ZERO, e.code.asText(null), e.msg.asText(null), ts);
        }
        final boolean hasFilled = e.lastFilledSize.isNonNull();
        long filled = hasFilled ? VestDecimals.size(e.lastFilledSize.textChars(), e.lastFilledSize.length(), spec) : 0;
        final OrderStatus status;
        final boolean immediate = req.type() == OrderType.MARKET || req.timeInForce() == TimeInForce.IOC;
        if (statusGiven && e.status.textEquals("FILLED")) {
            if (!hasFilled) {
                filled = req.size();
            }
            status = filled >= req.size() ? OrderStatus.FILLED
                : immediate ? OrderStatus.CANCELED : OrderStatus.PARTIALLY_FILLED;
        } else if (statusGiven && (e.status.textEquals("CANCELLED") || e.status.textEquals("CANCELED"))) {
            status = OrderStatus.CANCELED;
        } else if (!statusGiven || e.status.textEquals("NEW")) {
            status = filled > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
        } else {
            status = OrderStatus.UNKNOWN;
        }
        final long avg = filled > 0 && e.avgFilledPrice.isNonNull()
            ? VestDecimals.price(e.avgFilledPrice.textChars(), e.avgFilledPrice.length(), spec) : 0;
        final BigDecimal fee = e.fees.isNonNull() ? VestDecimals.decimal(e.fees.textChars(), e.fees.length())
            : BigDecimal.ZERO;
        return new OrderUpdate(VestErrors.VENUE, req.market(), req.clientOrderId(), id, req.side(), status, req.size(),
            filled, avg, fee, null, null, ts);
    }
}
