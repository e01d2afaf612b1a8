package dev.arb.executor;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Realized PnL explained, in USD: what the spread captured at the decision prices, what slippage
 * (fill price against decision price) cost, what fees cost, and what funding paid or received while
 * a position was open. {@code totalUsd = spreadUsd + slippageUsd + feesUsd + fundingUsd} exactly;
 * costs are negative.
 *
 * <p>Used for one round (a position from flat back to flat: the entry, any unwinds and the exit, with
 * all four taker fees) and for the sum of rounds.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param rounds      rounds included (0 or 1 for one round's line; the count for a sum)
 * @param spreadUsd   PnL the fills would have realized at the decision prices, USD
 * @param slippageUsd fill prices against decision prices, USD (negative = paid worse)
 * @param feesUsd     fees, USD (negative = paid; positive = rebates)
 * @param fundingUsd  funding, USD (negative = paid, positive = received)
 * @param totalUsd    the sum of the four, USD
 */
public record PnlBreakdown(long rounds, BigDecimal spreadUsd, BigDecimal slippageUsd, BigDecimal feesUsd,
    BigDecimal fundingUsd, BigDecimal totalUsd) {
    /** Nothing yet. */
    public static final PnlBreakdown ZERO = of(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /**
     * @param rounds   rounds included
     * @param spread   spread captured at decision prices, USD
     * @param slippage slippage, USD
     * @param fees     fees, USD (negative = paid)
     * @param funding  funding, USD
     * @return the breakdown, with the total computed exactly
     */
    public static PnlBreakdown of(final long rounds, final BigDecimal spread, final BigDecimal slippage,
        final BigDecimal fees, final BigDecimal funding) {
        return new PnlBreakdown(rounds, spread, slippage, fees, funding, spread.add(slippage).add(fees).add(funding));
    }

    /**
     * @param other another breakdown
     * @return the sum of both
     */
    public PnlBreakdown plus(final PnlBreakdown other) {
        return of(rounds + other.rounds, spreadUsd.add(other.spreadUsd), slippageUsd.add(other.slippageUsd),
            feesUsd.add(other.feesUsd), fundingUsd.add(other.fundingUsd));
    }

    /**
     * @param other an earlier cumulative breakdown
     * @return this minus {@code other}, with {@code rounds} set to 1 (one round's line)
     */
    PnlBreakdown since(final PnlBreakdown other) {
        return of(1, spreadUsd.subtract(other.spreadUsd), slippageUsd.subtract(other.slippageUsd),
            feesUsd.subtract(other.feesUsd), fundingUsd.subtract(other.fundingUsd));
    }

    /**
     * The breakdown rounded to the cent, each part half-up, the total re-summed from the rounded parts
     * so that what a person reads adds up.
     *
     * @return the rounded breakdown
     */
    public PnlBreakdown toCents() {
        return of(rounds, cents(spreadUsd), cents(slippageUsd), cents(feesUsd), cents(fundingUsd));
    }

    private static BigDecimal cents(final BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    /** @return {@code spread … slippage … fees … funding … = total …} in cents, USD */
    public String describe() {
        final PnlBreakdown c = toCents();
        return "spread " + c.spreadUsd.toPlainString() + " + slippage " + c.slippageUsd.toPlainString() + " + fees "
            + c.feesUsd.toPlainString() + " + funding " + c.fundingUsd.toPlainString() + " = " + c.totalUsd.toPlainString()
            + " USD";
    }
}
