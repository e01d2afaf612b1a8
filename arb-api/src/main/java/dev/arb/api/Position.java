package dev.arb.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A venue's view of our position in one market.
 *
 * <p>{@code size} is signed base units at the market's size scale (positive long, negative short,
 * 0 flat); {@code entryPrice} at its price scale (0 when flat).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param venue            venue name
 * @param market           market symbol
 * @param size             signed size, size scale
 * @param sizeScale        decimal places of {@code size}
 * @param entryPrice       average entry price, price scale
 * @param priceScale       decimal places of {@code entryPrice}
 * @param unrealizedPnlUsd unrealized PnL in USD as the venue reports it (zero if unknown)
 */
public record Position(String venue, String market, long size, int sizeScale, long entryPrice, int priceScale,
    BigDecimal unrealizedPnlUsd) {
    /**
     * Validates the fields.
     *
     * @param venue            venue name
     * @param market           market symbol
     * @param size             signed size, size scale
     * @param sizeScale        decimal places of {@code size}
     * @param entryPrice       average entry price, price scale
     * @param priceScale       decimal places of {@code entryPrice}
     * @param unrealizedPnlUsd unrealized PnL in USD (null becomes zero)
     * @throws NullPointerException if venue or market is null
     */
    public Position {
        Objects.requireNonNull(venue);
        Objects.requireNonNull(market);
        unrealizedPnlUsd = unrealizedPnlUsd == null ? BigDecimal.ZERO : unrealizedPnlUsd;
    }

    /**
     * @param venue  venue
     * @param market market
     * @param sizeScale size scale
     * @param priceScale price scale
     * @return a flat position
     */
    public static Position flat(final String venue, final String market, final int sizeScale, final int priceScale) {
        return new Position(venue, market, 0, sizeScale, 0, priceScale, BigDecimal.ZERO);
    }

    /** @return the signed size as an exact decimal (base units) */
    public BigDecimal sizeDecimal() {
        return BigDecimal.valueOf(size, sizeScale);
    }

    /** @return {@code true} when the size is 0 */
    public boolean isFlat() {
        return size == 0;
    }
}
