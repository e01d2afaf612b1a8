package dev.arb.api;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;

/**
 * A venue-neutral snapshot of one venue account's margin: its value (equity), its maintenance margin, and the
 * margin view of each open position. Each venue margins its leg of a delta-neutral pair on its own, so a pair can be
 * liquidated on one venue while the other leg profits; this is what a liquidation guard watches.
 *
 * <p>Amounts are USD (the venues settle in USDC, counted 1:1) as exact decimals. The distance to liquidation
 * ({@link #distanceToLiquidationPct()}) is a percentage of price, not money, and is a {@code double}.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param venue                venue name, lower case
 * @param accountValueUsd      account value (collateral plus unrealized PnL), USD, or null when unknown
 * @param maintenanceMarginUsd the maintenance margin requirement of the whole account, USD, or null when unknown;
 *                             the venue liquidates when the account value falls below it
 * @param positions            the open positions' margin views (flat ones may be left out)
 * @param timestampMs          when the venue computed it (or when it was received if the venue gives no time), ms
 *                             since the epoch; 0 when unknown
 */
public record MarginState(String venue, BigDecimal accountValueUsd, BigDecimal maintenanceMarginUsd,
    List<PositionMargin> positions, long timestampMs) {
    /**
     * Validates and copies the list.
     *
     * @param venue                venue name
     * @param accountValueUsd      account value, USD, or null
     * @param maintenanceMarginUsd maintenance margin, USD, or null
     * @param positions            positions (null becomes empty)
     * @param timestampMs          ms since the epoch, 0 when unknown
     * @throws NullPointerException if venue is null
     */
    public MarginState {
        Objects.requireNonNull(venue, "venue");
        positions = positions == null ? List.of() : List.copyOf(positions);
    }

    /**
     * @param venue venue name
     * @return the state of an adapter that cannot report margin: {@link #isKnown()} is false
     */
    public static MarginState unknown(final String venue) {
        return new MarginState(venue, null, null, List.of(), 0);
    }

    /** @return {@code true} when the account value and the maintenance margin are both known */
    public boolean isKnown() {
        return accountValueUsd != null && maintenanceMarginUsd != null;
    }

    /** @return {@code true} when some position is not flat */
    public boolean hasPosition() {
        for (final PositionMargin p : positions) {
            if (p.size().signum() != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * How far the price may move against the account before the venue liquidates, in percent of the mark price
     * (smaller is closer; 0 = liquidatable now).
     *
     * <p>Per position, from the venue's own liquidation price where it gives one
     * ({@link PositionMargin#distanceToLiquidationPct()}); for a position without one, the account-level estimate
     * {@code (accountValue − maintenanceMargin) / Σ|size × mark| × 100}: the adverse move of every position at once
     * that uses up the margin cushion (ignoring that the maintenance margin moves with the price). The smallest of
     * these.
     *
     * @return the distance in percent (≥ 0); {@link Double#POSITIVE_INFINITY} when no position is open;
     *     {@link Double#NaN} when it cannot be told (state unknown, or a position without a liquidation price whose
     *     mark is unknown)
     */
    public double distanceToLiquidationPct() {
        if (!hasPosition()) {
            return isKnown() || !positions.isEmpty() ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        double min = Double.POSITIVE_INFINITY;
        boolean needsAccountEstimate = false;
        for (final PositionMargin p : positions) {
            if (p.size().signum() == 0) {
                continue;
            }
            final double d = p.distanceToLiquidationPct();
            if (Double.isNaN(d)) {
                needsAccountEstimate = true;
            } else {
                min = Math.min(min, d);
            }
        }
        if (needsAccountEstimate) {
            final double estimate = accountEstimatePct();
            if (Double.isNaN(estimate)) {
                return Double.NaN;
            }
            min = Math.min(min, estimate);
        }
        return min;
    }

    /** @return the account-level distance estimate in percent, or NaN when an input is unknown */
    private double accountEstimatePct() {
        if (!isKnown()) {
            return Double.NaN;
        }
        BigDecimal gross = BigDecimal.ZERO;
        for (final PositionMargin p : positions) {
            final BigDecimal n = p.notionalUsd();
            if (p.size().signum() != 0 && n == null) {
                return Double.NaN;
            }
            gross = n == null ? gross : gross.add(n);
        }
        if (gross.signum() == 0) {
            return Double.POSITIVE_INFINITY;
        }
        final BigDecimal cushion = accountValueUsd.subtract(maintenanceMarginUsd);
        return Math.max(0.0, cushion.divide(gross, MathContext.DECIMAL64).doubleValue() * 100.0);
    }

    /**
     * @return the margin cushion {@code accountValue − maintenanceMargin}, USD, or null when unknown (negative means
     *     the venue may liquidate now)
     */
    public BigDecimal cushionUsd() {
        return isKnown() ? accountValueUsd.subtract(maintenanceMarginUsd) : null;
    }
}
