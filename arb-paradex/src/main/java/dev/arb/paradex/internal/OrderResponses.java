package dev.arb.paradex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.FixedPoint;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * Maps a Paradex {@code OrderResp} to an {@link OrderUpdate}: {@code filled = size − remaining_size};
 * {@code NEW}/{@code UNTRIGGERED} → NEW, {@code OPEN} → NEW or PARTIALLY_FILLED, {@code CLOSED} →
 * FILLED when fully filled, else CANCELED (with the filled part) or, when nothing filled and the
 * {@code cancel_reason} is a risk or validation refusal, REJECTED with that reason as code.
 *
 * <p>Source: protocol reference §3.4 ({@code OrderResp} fields, statuses, cancel reasons). Decimal
 * strings may be empty ({@code ""} = 0) and integers may arrive as strings (§3.6 example).
 * Paradex reports fees on fills, not on orders: the fee here is estimated as
 * {@code filled notional × feeRate}.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class OrderResponses {
    /** Cancel reasons that mean the order ended normally without (full) execution: CANCELED, not REJECTED. */
    private static final Set<String> CANCEL_REASONS = Set.of("USER_CANCELED", "REMAINING_IOC_CANCEL", "EXPIRED",
        "POST_ONLY_WOULD_CROSS", "SELF_TRADE", "TIMEOUT", "EMPTY_MARKET");

    /** Longest decimal text, and largest exponent, accepted in a rounded decimal field. */
    private static final int MAX_DECIMAL_CHARS = 64;

    private OrderResponses() {
    }

    /**
     * @param order     the {@code OrderResp} JSON
     * @param market    market symbol (used when the response has none)
     * @param scale     price and size scale (8)
     * @param feeRate   fee rate for the estimate (fraction of notional)
     * @param nowMs     local time, used when the response has no timestamp
     * @return the update
     * @throws MalformedMessageException if a required field is missing or not a decimal
     */
    public static OrderUpdate toUpdate(final JsonNode order, final String market, final int scale,
        final BigDecimal feeRate, final long nowMs) {
        try {
            final String status = text(order, "status");
            final String sideText = text(order, "side");
            if (status == null || sideText == null) {
                throw new MalformedMessageException(ParadexErrors.VENUE, null, "order response without status or side");
            }
            final Side side = Side.valueOf(sideText);
            final long size = decimal(order, "size", scale);
            final String remainingText = text(order, "remaining_size");
            final long remaining = remainingText == null || remainingText.isEmpty() ? size : FixedPoint.parse(remainingText, scale);
            final long filled = Math.max(0, size - remaining);
            final long avgPrice = filled == 0 ? 0 : decimalRounded(order, "avg_fill_price", scale);
            final String cancelReason = text(order, "cancel_reason");
            final OrderStatus mapped = status(status, size, filled, cancelReason);
            final String rejectCode = mapped == OrderStatus.REJECTED ? cancelReason : null;
            final BigDecimal fee = estimatedFee(filled, avgPrice, feeRate, scale);
            final String m = text(order, "market");
            final long ts = longOr(order, "last_updated_at", longOr(order, "created_at", nowMs));
            return new OrderUpdate(ParadexErrors.VENUE, m == null ? market : m, emptyToNull(text(order, "client_id")),
                text(order, "id"), side, mapped, size, filled, avgPrice, fee, rejectCode,
                rejectCode != null ? "cancel_reason " + cancelReason : null, ts);
        } catch (final MalformedMessageException e) {
            throw e;
        } catch (final RuntimeException e) {
            throw new MalformedMessageException(ParadexErrors.VENUE, null, "unreadable order response: " + e.getMessage(), e);
        }
    }

    /**
     * Maps a Paradex order status (protocol reference §3.4) to ours.
     *
     * @param status       {@code NEW}, {@code UNTRIGGERED}, {@code OPEN} or {@code CLOSED}
     * @param size         ordered size, fixed-point
     * @param filled       filled size, same scale
     * @param cancelReason {@code cancel_reason}, or null
     * @return the status; REJECTED (with {@code cancelReason} as its code) for a CLOSED order that filled nothing and
     *     whose reason is a risk or validation refusal
     * @throws MalformedMessageException for another status
     */
    public static OrderStatus status(final String status, final long size, final long filled,
        final String cancelReason) {
        return switch (status) {
            case "NEW", "UNTRIGGERED", "OPEN" -> filled > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            case "CLOSED" -> filled >= size && size > 0 ? OrderStatus.FILLED
                : filled == 0 && cancelReason != null && !cancelReason.isEmpty() && !CANCEL_REASONS.contains(cancelReason)
                    ? OrderStatus.REJECTED : OrderStatus.CANCELED;
            default -> throw new MalformedMessageException(ParadexErrors.VENUE, null, "unknown order status " + status);
        };
    }

    /**
     * @param filled   filled size, fixed-point at {@code scale}
     * @param avgPrice average fill price, fixed-point at {@code scale}
     * @param feeRate  fee rate (fraction of notional)
     * @param scale    scale of both
     * @return the estimated fee in USD, {@code filled × avgPrice × feeRate} rounded half-even to 8 decimals, trailing
     *     zeros stripped; exactly {@link BigDecimal#ZERO} when nothing filled
     */
    public static BigDecimal estimatedFee(final long filled, final long avgPrice, final BigDecimal feeRate,
        final int scale) {
        return filled == 0 ? BigDecimal.ZERO
            : FixedPoint.toBigDecimal(filled, scale).multiply(FixedPoint.toBigDecimal(avgPrice, scale)).multiply(feeRate)
                .setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static String emptyToNull(final String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * @param node object
     * @param field field name
     * @return its text, or null if absent or JSON null
     */
    public static String text(final JsonNode node, final String field) {
        final JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * @param node  object
     * @param field decimal field
     * @param scale scale
     * @return the fixed-point value; 0 when absent or {@code ""}
     */
    public static long decimal(final JsonNode node, final String field, final int scale) {
        final String t = text(node, field);
        return t == null || t.isEmpty() ? 0 : FixedPoint.parse(t, scale);
    }

    /**
     * @param node  object
     * @param field decimal field that may carry more decimals than {@code scale} (averages)
     * @param scale scale
     * @return the value rounded half-even to the scale; 0 when absent or {@code ""}
     * @throws MalformedMessageException if longer than 64 characters or its exponent beyond ±64
     * @throws NumberFormatException     if not a decimal
     * @throws ArithmeticException       if it does not fit a long at {@code scale}
     */
    public static long decimalRounded(final JsonNode node, final String field, final int scale) {
        final String t = text(node, field);
        return t == null || t.isEmpty() ? 0 : rounded(t, field, scale);
    }

    /**
     * @param t     decimal text that may carry more decimals than {@code scale} (averages), not empty
     * @param field its field name, for the error message
     * @param scale scale
     * @return the value rounded half-even to the scale
     * @throws MalformedMessageException if longer than 64 characters or its exponent beyond ±64
     * @throws NumberFormatException     if not a decimal
     * @throws ArithmeticException       if it does not fit a long at {@code scale}
     */
    public static long rounded(final String t, final String field, final int scale) {
        final BigDecimal d = t.length() <= MAX_DECIMAL_CHARS ? new BigDecimal(t) : null;
        // bounded first: setScale of "1e-999999999" computes a billion-digit power of ten (a hung event loop)
        if (d == null || Math.abs(d.scale()) > MAX_DECIMAL_CHARS) {
            throw new MalformedMessageException(ParadexErrors.VENUE, null, "decimal field " + field + " out of range");
        }
        return d.setScale(scale, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    /**
     * @param node     object
     * @param field    integer field, as a JSON number or a string
     * @param fallback value when absent or empty
     * @return the value
     */
    public static long longOr(final JsonNode node, final String field, final long fallback) {
        final String t = text(node, field);
        return t == null || t.isEmpty() ? fallback : Long.parseLong(t);
    }
}
