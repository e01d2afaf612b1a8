package dev.arb.sim.vest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulated Vest margin of one account at the quoted mids: per position the initial margin
 * {@code |size| × mark / leverage} and the maintenance margin, half of it (Vest: "Maintenance margin = ½ initial
 * margin; per-market initMarginRatio", protocol reference §6), the leverage being the account's
 * ({@code POST /account/leverage}) or {@value #DEFAULT_LEVERAGE}; the account value
 * {@code balance − fees + Σ unrealized PnL}; and each position's liquidation price, the mark at which the account
 * value meets the maintenance margin with the other positions held. What {@code GET /account} reports and what
 * liquidates an account.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param accountValue     {@code totalAccountValue}, USD
 * @param totalMaintMargin {@code totalMaintMargin}, USD
 * @param positions        the open positions
 */
record VestSimMargin(BigDecimal accountValue, BigDecimal totalMaintMargin, List<Leg> positions) {
    /** Leverage of a symbol the account never set, as {@code initMarginRatio} 0.1 in {@code exchangeInfo}. */
    static final int DEFAULT_LEVERAGE = 10;

    /**
     * One open position.
     *
     * @param ladder        its symbol's ladder
     * @param size          signed size, base units
     * @param entry         average entry price, USD at the price decimals
     * @param mark          quoted mid, USD at the price decimals
     * @param unrealizedPnl {@code size × (mark − entry)}, USD
     * @param initMargin    {@code |size| × mark / leverage}, USD
     * @param maintMargin   half the initial margin, USD
     * @param ratio         the initial margin ratio, {@code 1 / leverage}
     */
    record Leg(VestSimLadder ladder, BigDecimal size, BigDecimal entry, BigDecimal mark, BigDecimal unrealizedPnl,
        BigDecimal initMargin, BigDecimal maintMargin, BigDecimal ratio) {
    }

    /**
     * @param account the account
     * @param ladders quoted ladders by symbol
     * @return its margin now
     */
    static VestSimMargin of(final VestSimAccount account, final Map<String, VestSimLadder> ladders) {
        final List<Leg> legs = new ArrayList<>();
        BigDecimal value = account.balance().subtract(account.fees());
        BigDecimal maint = BigDecimal.ZERO;
        for (final Map.Entry<String, Long> e : account.positions().entrySet()) {
            final VestSimLadder l = ladders.get(e.getKey());
            if (l == null || e.getValue() == 0) {
                continue;
            }
            final int pd = l.symbol.priceDecimals();
            final BigDecimal abs = BigDecimal.valueOf(Math.abs(e.getValue()), l.symbol.sizeDecimals());
            final BigDecimal size = e.getValue() > 0 ? abs : abs.negate();
            final BigDecimal entry = account.entryNotional(e.getKey()).divide(abs, pd, RoundingMode.HALF_EVEN);
            final BigDecimal mark = BigDecimal.valueOf(l.bidPrices[0] + l.askPrices[0], pd)
                .divide(BigDecimal.valueOf(2), pd, RoundingMode.HALF_EVEN);
            final BigDecimal pnl = mark.subtract(entry).multiply(size).setScale(6, RoundingMode.HALF_EVEN);
            final Integer leverage = account.leverage(e.getKey());
            final BigDecimal ratio = BigDecimal.ONE.divide(BigDecimal.valueOf(leverage == null ? DEFAULT_LEVERAGE
                : leverage), 8, RoundingMode.HALF_EVEN);
            final BigDecimal initial = abs.multiply(mark).multiply(ratio).setScale(6, RoundingMode.HALF_EVEN);
            final BigDecimal maintenance = initial.divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_EVEN);
            legs.add(new Leg(l, size, entry, mark, pnl, initial, maintenance, ratio));
            value = value.add(pnl);
            maint = maint.add(maintenance);
        }
        return new VestSimMargin(value.setScale(6, RoundingMode.HALF_EVEN), maint, List.copyOf(legs));
    }

    /** @return {@code true} when the account value is below the maintenance margin (liquidated at the next step) */
    boolean liquidatable() {
        return !positions.isEmpty() && accountValue.compareTo(totalMaintMargin) < 0;
    }

    /**
     * {@code (MM_others − value + size × mark) / (size − |size| × mmr)}, mmr = ratio / 2.
     *
     * @param leg one of {@link #positions()}
     * @return its liquidation price at the symbol's price decimals, or null when none (≤ 0)
     */
    BigDecimal liquidationPrice(final Leg leg) {
        final BigDecimal mmr = leg.ratio().divide(BigDecimal.valueOf(2), 10, RoundingMode.HALF_EVEN);
        final BigDecimal others = totalMaintMargin.subtract(leg.maintMargin());
        final BigDecimal denominator = leg.size().subtract(leg.size().abs().multiply(mmr));
        final BigDecimal liq = others.subtract(accountValue).add(leg.size().multiply(leg.mark()))
            .divide(denominator, leg.ladder().symbol.priceDecimals(), RoundingMode.HALF_EVEN);
        return liq.signum() <= 0 ? null : liq;
    }
}
