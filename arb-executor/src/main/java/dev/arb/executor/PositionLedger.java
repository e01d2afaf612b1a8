package dev.arb.executor;

import dev.arb.api.Side;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One venue's position as tracked from our own fills: signed size, average entry price, realized
 * PnL and fees, all exact decimals.
 *
 * <p>Realized PnL on a reducing fill is {@code (fillPrice − avgEntry) × closedSize × sign(position)}
 * (USD per base unit × base units); fees are subtracted as reported by the venue.
 *
 * <p><b>Note:</b> not thread-safe; confined to the executor's state thread.
 */
final class PositionLedger {
    private static final MathContext PRICE_CONTEXT = MathContext.DECIMAL64;

    private BigDecimal position = BigDecimal.ZERO;
    private BigDecimal avgEntryPrice = BigDecimal.ZERO;
    private BigDecimal realizedPnlUsd = BigDecimal.ZERO;
    private BigDecimal feesUsd = BigDecimal.ZERO;
    private BigDecimal lastFillPrice = BigDecimal.ZERO;

    /**
     * @param side     side of our order
     * @param size     filled size, base units (positive)
     * @param price    fill price, USD per base unit
     * @param feeUsd   fee paid, USD
     */
    void apply(final Side side, final BigDecimal size, final BigDecimal price, final BigDecimal feeUsd) {
        feesUsd = feesUsd.add(feeUsd);
        realizedPnlUsd = realizedPnlUsd.subtract(feeUsd);
        if (size.signum() <= 0) {
            return;
        }
        lastFillPrice = price;
        final BigDecimal signed = side == Side.BUY ? size : size.negate();
        if (position.signum() == 0 || position.signum() == signed.signum()) {
            final BigDecimal abs = position.abs();
            avgEntryPrice = avgEntryPrice.multiply(abs).add(price.multiply(size))
                .divide(abs.add(size), PRICE_CONTEXT);
            position = position.add(signed);
            return;
        }
        final BigDecimal closed = size.min(position.abs());
        realizedPnlUsd = realizedPnlUsd.add(price.subtract(avgEntryPrice).multiply(closed)
            .multiply(BigDecimal.valueOf(position.signum())));
        position = position.add(signed);
        if (position.signum() == 0) {
            avgEntryPrice = BigDecimal.ZERO;
        } else if (position.signum() == signed.signum()) {
            avgEntryPrice = price; // flipped through zero: the rest opened at this price
        }
    }

    /** @return signed position, base units */
    BigDecimal position() {
        return position;
    }

    /** @return average entry price of the open position, USD per base unit (0 when flat) */
    BigDecimal avgEntryPrice() {
        return avgEntryPrice;
    }

    /**
     * Takes a venue-reported position as the truth (adoption or drift re-hedge).
     *
     * @param size       signed size, base units
     * @param entryPrice average entry price, USD per base unit (0 if unknown)
     */
    void adopt(final BigDecimal size, final BigDecimal entryPrice) {
        position = size;
        avgEntryPrice = size.signum() == 0 ? BigDecimal.ZERO : entryPrice;
        if (entryPrice.signum() > 0) {
            lastFillPrice = entryPrice;
        }
    }

    /** @return realized PnL so far, USD, fees subtracted */
    BigDecimal realizedPnlUsd() {
        return realizedPnlUsd;
    }

    /** @return fees paid so far, USD */
    BigDecimal feesUsd() {
        return feesUsd;
    }

    /** @return price of the last fill, USD per base unit (0 before any) */
    BigDecimal lastFillPrice() {
        return lastFillPrice;
    }
}
