package dev.arb.sim.paradex;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * The margin of the simulated Paradex's accounts: an account's {@code account_value} is its collateral
 * ({@link SimExchange#ACCOUNT_COLLATERAL_USD} unless set) less fees, plus funding (settled and accrued), realized and
 * unrealized PnL at the book's mid (Paradex: "account value = total collateral + unrealized PnL"); its margin
 * requirement is {@code Σ |size| × mid × rate} (initial 0.1, i.e. 10× leverage, and maintenance 0.05 by default);
 * an account below its maintenance margin is liquidated: every position closed at the mid, the loss realized.
 *
 * <p><b>Note:</b> not thread-safe: guarded by the monitor of the owning {@link SimExchange}; call only while
 * holding it.
 */
final class SimMargin {
    private final SimPositions positions;
    private final SimQuotes quotes;
    private final Map<String, BigDecimal> collateral = new HashMap<>();
    private final Map<String, Integer> liquidations = new HashMap<>();
    private BigDecimal initialMarginRate = new BigDecimal("0.1");
    private BigDecimal maintenanceMarginRate = new BigDecimal("0.05");

    /**
     * @param positions the positions
     * @param quotes    the book (mids)
     */
    SimMargin(final SimPositions positions, final SimQuotes quotes) {
        this.positions = positions;
        this.quotes = quotes;
    }

    /**
     * @param account normalised account address
     * @param usd     its collateral, USD
     */
    void collateral(final String account, final BigDecimal usd) {
        collateral.put(account, usd);
    }

    /**
     * @param initial     initial margin rate, fraction
     * @param maintenance maintenance margin rate, fraction
     */
    void rates(final BigDecimal initial, final BigDecimal maintenance) {
        initialMarginRate = initial;
        maintenanceMarginRate = maintenance;
    }

    /** @return the initial margin rate, fraction */
    BigDecimal initialRate() {
        return initialMarginRate;
    }

    /** @return the maintenance margin rate, fraction */
    BigDecimal maintenanceRate() {
        return maintenanceMarginRate;
    }

    /**
     * @param account normalised account address
     * @return how many times the account was liquidated
     */
    int liquidations(final String account) {
        return liquidations.getOrDefault(account, 0);
    }

    /**
     * @param account normalised account address
     * @return its {@code account_value}, USD
     */
    BigDecimal accountValue(final String account) {
        BigDecimal v = collateral.getOrDefault(account, SimExchange.ACCOUNT_COLLATERAL_USD);
        for (final SimPosition p : positions.of(account)) {
            v = v.subtract(p.fees).add(p.realizedFunding).add(p.unrealizedFunding).add(p.realizedPnl);
            if (p.size != 0) {
                v = v.add(p.unrealizedPnl(quotes.mid(p.market)));
            }
        }
        return v;
    }

    /**
     * @param account normalised account address
     * @param rate    a margin rate, fraction
     * @return {@code Σ |size| × mid × rate} over the account's positions, USD
     */
    BigDecimal requirement(final String account, final BigDecimal rate) {
        BigDecimal m = BigDecimal.ZERO;
        for (final SimPosition p : positions.of(account)) {
            m = m.add(BigDecimal.valueOf(Math.abs(p.size), SimExchange.SCALE)
                .multiply(BigDecimal.valueOf(quotes.mid(p.market), SimExchange.SCALE)).multiply(rate));
        }
        return m;
    }

    /**
     * The mark at which the account's value meets its maintenance margin with the other positions held:
     * {@code (MM_others − value + size × mid) / (size − |size| × mmr)}.
     *
     * @param account normalised account address
     * @param p       one of its positions
     * @return the position's {@code liquidation_price}, USD; empty when flat or never (≤ 0)
     */
    String liquidationPrice(final String account, final SimPosition p) {
        if (p.size == 0) {
            return "";
        }
        final BigDecimal size = BigDecimal.valueOf(p.size, SimExchange.SCALE);
        final BigDecimal mid = BigDecimal.valueOf(quotes.mid(p.market), SimExchange.SCALE);
        final BigDecimal others = requirement(account, maintenanceMarginRate)
            .subtract(size.abs().multiply(mid).multiply(maintenanceMarginRate));
        final BigDecimal denominator = size.subtract(size.abs().multiply(maintenanceMarginRate));
        final BigDecimal liq = others.subtract(accountValue(account)).add(size.multiply(mid))
            .divide(denominator, SimExchange.SCALE, RoundingMode.HALF_EVEN);
        return liq.signum() <= 0 ? "" : SimExchange.money(liq);
    }

    /**
     * Liquidates the account if its value fell below its maintenance margin: every open position closed at the
     * mid, the loss realized, the account's liquidation count incremented.
     *
     * @param account normalised account address
     * @return {@code true} if it was liquidated
     */
    boolean liquidateIfBelowMaintenance(final String account) {
        if (accountValue(account).compareTo(requirement(account, maintenanceMarginRate)) >= 0) {
            return false;
        }
        for (final SimPosition p : positions.of(account)) {
            if (p.size != 0) {
                p.closeAt(quotes.mid(p.market));
            }
        }
        liquidations.merge(account, 1, Integer::sum);
        return true;
    }
}
