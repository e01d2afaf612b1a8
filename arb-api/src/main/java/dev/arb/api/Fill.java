package dev.arb.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One execution of an order.
 *
 * <p>{@code price} at the market's price scale, {@code size} in base units at its size scale, fee in
 * USD (positive when paid, negative for a rebate).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param venue         venue name
 * @param market        market symbol
 * @param venueOrderId  the venue's order id
 * @param clientOrderId client order id, or null
 * @param side          side of our order
 * @param price         fill price, price scale
 * @param size          filled size, size scale
 * @param feeUsd        fee in USD
 * @param liquidity     maker or taker
 * @param timestampMs   venue time, ms since the epoch
 */
public record Fill(String venue, String market, String venueOrderId, String clientOrderId, Side side, long price,
    long size, BigDecimal feeUsd, Liquidity liquidity, long timestampMs) {
    /**
     * Validates the fields.
     *
     * @param venue         venue name
     * @param market        market symbol
     * @param venueOrderId  the venue's order id
     * @param clientOrderId client order id, or null
     * @param side          side of our order
     * @param price         fill price, price scale
     * @param size          filled size, size scale
     * @param feeUsd        fee in USD (null becomes zero)
     * @param liquidity     maker or taker
     * @param timestampMs   venue time, ms since the epoch
     * @throws NullPointerException if venue, market, side or liquidity is null
     */
    public Fill {
        Objects.requireNonNull(venue);
        Objects.requireNonNull(market);
        Objects.requireNonNull(side);
        Objects.requireNonNull(liquidity);
        feeUsd = feeUsd == null ? BigDecimal.ZERO : feeUsd;
    }
}
