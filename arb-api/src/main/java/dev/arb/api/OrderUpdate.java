package dev.arb.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * State of an order as last reported by its venue: the acknowledgement of a placement or cancel,
 * or a later update.
 *
 * <p>{@code filledSize} is cumulative, base units at the market's size scale; {@code avgFillPrice}
 * is the size-weighted average fill price at the price scale (0 when nothing filled). Fees are USD,
 * positive when paid.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class OrderUpdate {
    private final String venue;
    private final String market;
    private final String clientOrderId;
    private final String venueOrderId;
    private final Side side;
    private final OrderStatus status;
    private final long size;
    private final long filledSize;
    private final long avgFillPrice;
    private final BigDecimal feeUsd;
    private final String rejectCode;
    private final String rejectReason;
    private final long timestampMs;

    /**
     * @param venue         venue name
     * @param market        market symbol
     * @param clientOrderId client order id (may be null if the venue did not echo it)
     * @param venueOrderId  the venue's order id (null if never acknowledged)
     * @param side          side
     * @param status        state
     * @param size          ordered size, size scale
     * @param filledSize    cumulative filled size, size scale
     * @param avgFillPrice  average fill price, price scale (0 if none)
     * @param feeUsd        fees paid, USD (never null)
     * @param rejectCode    venue code when rejected, else null
     * @param rejectReason  venue message when rejected, else null
     * @param timestampMs   venue or local time of this state, ms since the epoch
     */
    public OrderUpdate(final String venue, final String market, final String clientOrderId, final String venueOrderId,
        final Side side, final OrderStatus status, final long size, final long filledSize, final long avgFillPrice,
        final BigDecimal feeUsd, final String rejectCode, final String rejectReason, final long timestampMs) {
        this.venue = Objects.requireNonNull(venue);
        this.market = Objects.requireNonNull(market);
        this.clientOrderId = clientOrderId;
        this.venueOrderId = venueOrderId;
        this.side = Objects.requireNonNull(side);
        this.status = Objects.requireNonNull(status);
        this.size = size;
        this.filledSize = filledSize;
        this.avgFillPrice = avgFillPrice;
        this.feeUsd = feeUsd == null ? BigDecimal.ZERO : feeUsd;
        this.rejectCode = rejectCode;
        this.rejectReason = rejectReason;
        this.timestampMs = timestampMs;
    }

    /** @return venue name */
    public String venue() {
        return venue;
    }

    /** @return market symbol */
    public String market() {
        return market;
    }

    /** @return client order id, or null */
    public String clientOrderId() {
        return clientOrderId;
    }

    /** @return venue order id, or null */
    public String venueOrderId() {
        return venueOrderId;
    }

    /** @return side */
    public Side side() {
        return side;
    }

    /** @return state */
    public OrderStatus status() {
        return status;
    }

    /** @return ordered size, size scale */
    public long size() {
        return size;
    }

    /** @return cumulative filled size, size scale */
    public long filledSize() {
        return filledSize;
    }

    /** @return average fill price, price scale; 0 when nothing filled */
    public long avgFillPrice() {
        return avgFillPrice;
    }

    /** @return fees paid in USD (negative = rebate) */
    public BigDecimal feeUsd() {
        return feeUsd;
    }

    /** @return the venue's rejection code, or null */
    public String rejectCode() {
        return rejectCode;
    }

    /** @return the venue's rejection message, or null */
    public String rejectReason() {
        return rejectReason;
    }

    /** @return time of this state, ms since the epoch */
    public long timestampMs() {
        return timestampMs;
    }

    @Override
    public String toString() {
        return "OrderUpdate{" + venue + ':' + market + " cid=" + clientOrderId + " id=" + venueOrderId + ' ' + side + ' '
            + status + " size=" + size + " filled=" + filledSize + " avgPx=" + avgFillPrice + " fee=" + feeUsd
            + (rejectCode != null ? " reject=" + rejectCode + ' ' + rejectReason : "") + '}';
    }
}
