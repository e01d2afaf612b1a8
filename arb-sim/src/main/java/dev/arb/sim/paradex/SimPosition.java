package dev.arb.sim.paradex;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One account's position in one market of the simulated Paradex: a signed size with its average entry price (both
 * at scale 8), its fees, its funding (Paradex's continuous model, docs "Funding Mechanism": accrued, then settled
 * "whenever the position is modified") and the PnL realized by reductions and liquidations, all USD, positive =
 * received.
 *
 * <p><b>Note:</b> not thread-safe: guarded by the monitor of the owning {@link SimExchange}; use only while holding
 * it.
 */
final class SimPosition {
    /** Decimals kept for accrued funding (a step's accrual is far below a cent). */
    private static final int FUNDING_SCALE = 18;

    final String market;
    long size;
    long entryPrice;
    BigDecimal fees = BigDecimal.ZERO;
    BigDecimal unrealizedFunding = BigDecimal.ZERO;
    BigDecimal realizedFunding = BigDecimal.ZERO;
    /** PnL realized by reductions and liquidations, USD. */
    BigDecimal realizedPnl = BigDecimal.ZERO;

    /** @param market the market's symbol */
    SimPosition(final String market) {
        this.market = market;
    }

    /** Settles the accrued funding (the position is modified) and returns the amount settled. */
    BigDecimal settleFunding() {
        final BigDecimal settled = unrealizedFunding;
        realizedFunding = realizedFunding.add(settled);
        unrealizedFunding = BigDecimal.ZERO;
        return settled;
    }

    /**
     * A taker fill on the position: settles the accrued funding, moves size and entry price, adds the fee.
     *
     * @param signedFill     filled size, scale 8, positive for a buy
     * @param avgPrice       average fill price, scale 8
     * @param filledNotional filled notional, USD at scale 8
     * @param takerFee       taker fee rate
     * @return the funding the fill settled, USD
     */
    BigDecimal fill(final long signedFill, final long avgPrice, final long filledNotional, final BigDecimal takerFee) {
        final BigDecimal settled = settleFunding();
        apply(signedFill, avgPrice);
        fees = fees.add(BigDecimal.valueOf(filledNotional, SimExchange.SCALE).multiply(takerFee));
        return settled;
    }

    /**
     * Accrues one step of funding: {@code −size × mark × rate} USD into the unrealized funding PnL.
     *
     * @param mark the book's mid at the new step, scale 8
     * @param rate the model's rate per hour × stepMillis / fundingHourMs
     */
    void accrueFunding(final long mark, final BigDecimal rate) {
        unrealizedFunding = unrealizedFunding.add(BigDecimal.valueOf(size, SimExchange.SCALE)
            .multiply(BigDecimal.valueOf(mark, SimExchange.SCALE)).multiply(rate).negate()).setScale(FUNDING_SCALE,
                RoundingMode.HALF_EVEN);
    }

    /**
     * @param mid the book's mid, scale 8
     * @return the PnL of the open size at that mid, USD
     */
    BigDecimal unrealizedPnl(final long mid) {
        return BigDecimal.valueOf(size, SimExchange.SCALE).multiply(BigDecimal.valueOf(mid - entryPrice,
            SimExchange.SCALE));
    }

    /**
     * Liquidation: closes the position at the mid, realizing its PnL and settling its funding.
     *
     * @param mid the book's mid, scale 8
     */
    void closeAt(final long mid) {
        realizedPnl = realizedPnl.add(unrealizedPnl(mid));
        settleFunding();
        size = 0;
        entryPrice = 0;
    }

    private void apply(final long signedFill, final long price) {
        final int scale = SimExchange.SCALE;
        final long next = size + signedFill;
        if (size != 0 && Long.signum(size) != Long.signum(signedFill)) {
            final long closed = Math.min(Math.abs(size), Math.abs(signedFill));
            realizedPnl = realizedPnl.add(BigDecimal.valueOf(Long.signum(size) * closed, scale)
                .multiply(BigDecimal.valueOf(price - entryPrice, scale)));
        }
        if (size == 0 || Long.signum(size) == Long.signum(signedFill)) {
            entryPrice = BigDecimal.valueOf(size, scale).abs().multiply(BigDecimal.valueOf(entryPrice, scale))
                .add(BigDecimal.valueOf(signedFill, scale).abs().multiply(BigDecimal.valueOf(price, scale)))
                .divide(BigDecimal.valueOf(next, scale).abs(), scale, RoundingMode.HALF_EVEN).movePointRight(scale)
                .longValueExact();
        } else if (Long.signum(next) != Long.signum(size) && next != 0) {
            entryPrice = price;
        } else if (next == 0) {
            entryPrice = 0;
        }
        size = next;
    }
}
