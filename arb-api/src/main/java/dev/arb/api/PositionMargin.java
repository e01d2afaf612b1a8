package dev.arb.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The margin view of one open position, as a venue reports it in its account or positions message.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param market              venue symbol
 * @param size                signed size, base units (positive long, negative short)
 * @param markPriceUsd        the venue's mark price, USD, or null when the venue did not give one
 * @param liquidationPriceUsd the price at which the venue liquidates this position, USD, or null when the venue
 *                            does not publish one (Paradex leaves it empty for cross margin at times)
 */
public record PositionMargin(String market, BigDecimal size, BigDecimal markPriceUsd, BigDecimal liquidationPriceUsd) {
    /**
     * Validates.
     *
     * @param market              venue symbol
     * @param size                signed size, base units
     * @param markPriceUsd        mark price, USD, or null
     * @param liquidationPriceUsd liquidation price, USD, or null (zero or negative become null: no such price)
     * @throws NullPointerException if market or size is null
     */
    public PositionMargin {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(size, "size");
        markPriceUsd = markPriceUsd == null || markPriceUsd.signum() <= 0 ? null : markPriceUsd;
        liquidationPriceUsd = liquidationPriceUsd == null || liquidationPriceUsd.signum() <= 0 ? null
            : liquidationPriceUsd;
    }

    /**
     * How far the mark price may move against this position before the venue liquidates it, in percent of the
     * mark: {@code (mark − liq) / mark × 100} for a long, {@code (liq − mark) / mark × 100} for a short, never below
     * 0 (0 = at or past the liquidation price).
     *
     * @return the distance in percent, or {@link Double#NaN} when the mark or the liquidation price is unknown or
     *     the position is flat
     */
    public double distanceToLiquidationPct() {
        if (markPriceUsd == null || liquidationPriceUsd == null || size.signum() == 0) {
            return Double.NaN;
        }
        final double mark = markPriceUsd.doubleValue();
        final double liq = liquidationPriceUsd.doubleValue();
        final double d = size.signum() > 0 ? (mark - liq) / mark : (liq - mark) / mark;
        return Math.max(0.0, d * 100.0);
    }

    /** @return {@code |size| × mark}, USD, or null when the mark is unknown */
    public BigDecimal notionalUsd() {
        return markPriceUsd == null ? null : size.abs().multiply(markPriceUsd);
    }
}
