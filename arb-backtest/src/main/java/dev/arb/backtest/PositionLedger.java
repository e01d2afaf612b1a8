package dev.arb.backtest;

import dev.arb.api.Position;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Our position in one market of a backtest venue: signed size, average entry price and realized PnL.
 *
 * <p>Adding to a position moves the average entry to the size-weighted average of the old entry and
 * the fill; reducing keeps it and realizes {@code (fill − entry) × closed size × sign}; a fill that
 * crosses zero closes the old position and opens the rest at the fill price. The entry is kept
 * exactly as a {@link BigDecimal} with {@link #ENTRY_EXTRA_DIGITS} extra decimals and reported
 * rounded HALF_UP to the price scale.
 *
 * <p><b>Note:</b> not thread-safe; confined to the backtest driver's thread.
 */
final class PositionLedger {
    /** Decimals kept beyond the price scale for the running average entry price. */
    static final int ENTRY_EXTRA_DIGITS = 12;

    private final String venue;
    private final String market;
    private final int priceScale;
    private final int sizeScale;
    private long size;
    /** Average entry price in price units (not fixed-point), 0 when flat. */
    private BigDecimal entry = BigDecimal.ZERO;
    private BigDecimal realizedUsd = BigDecimal.ZERO;

    PositionLedger(final String venue, final String market, final int priceScale, final int sizeScale) {
        this.venue = venue;
        this.market = market;
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
    }

    /**
     * Applies one fill.
     *
     * @param signedFill fill size, size scale, positive for a buy, negative for a sell
     * @param price      fill price, price scale
     */
    void apply(final long signedFill, final long price) {
        if (signedFill == 0) {
            return;
        }
        final BigDecimal px = BigDecimal.valueOf(price, priceScale);
        final long next = Math.addExact(size, signedFill);
        if (size == 0 || Long.signum(size) == Long.signum(signedFill)) {
            // open or add: weighted average of |size| at entry and |fill| at px
            final BigDecimal oldQty = BigDecimal.valueOf(Math.abs(size));
            final BigDecimal addQty = BigDecimal.valueOf(Math.abs(signedFill));
            entry = entry.multiply(oldQty).add(px.multiply(addQty))
                .divide(oldQty.add(addQty), priceScale + ENTRY_EXTRA_DIGITS, RoundingMode.HALF_UP);
        } else {
            final long closed = Math.min(Math.abs(size), Math.abs(signedFill));
            realizedUsd = realizedUsd.add(px.subtract(entry).multiply(BigDecimal.valueOf(closed, sizeScale))
                .multiply(BigDecimal.valueOf(Long.signum(size))));
            if (next == 0) {
                entry = BigDecimal.ZERO;
            } else if (Long.signum(next) != Long.signum(size)) {
                entry = px;
            }
        }
        size = next;
    }

    /** @return signed size, size scale */
    long size() {
        return size;
    }

    /** @return average entry price, price scale, HALF_UP; 0 when flat */
    long entryPrice() {
        return entry.setScale(priceScale, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    /** @return realized PnL in USD before fees (exact) */
    BigDecimal realizedPnlUsd() {
        return realizedUsd;
    }

    /** @return the position as the API reports it (unrealized PnL not computed: zero) */
    Position toPosition() {
        return size == 0 ? Position.flat(venue, market, sizeScale, priceScale)
            : new Position(venue, market, size, sizeScale, entryPrice(), priceScale, BigDecimal.ZERO);
    }
}
