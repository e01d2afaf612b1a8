package dev.arb.sim.vest;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What a step of the simulated Vest market settles into the accounts: at a funding hour every open position
 * pays {@code size × mark × rate} USD (longs pay a positive rate, shorts receive; Vest API docs
 * {@code oneHrFundingRate}, protocol reference §4), and every account whose value fell below its maintenance
 * margin ({@link VestSimMargin}) is liquidated: every position closed at the mid, the loss realized.
 *
 * <p><b>Note:</b> not thread-safe: called on the simulator's event loop, once per step (the accounts
 * synchronise themselves).
 */
final class VestSimSettlement {
    private final VestSimAccounts accounts;
    private final Map<String, VestSimLadder> ladders;

    /**
     * @param accounts every account
     * @param ladders  the quoted ladders by symbol (read only)
     */
    VestSimSettlement(final VestSimAccounts accounts, final Map<String, VestSimLadder> ladders) {
        this.accounts = accounts;
        this.ladders = ladders;
    }

    /**
     * Pays the funding of one funding hour: every open position pays {@code size × perUnit} USD
     * (longs pay a positive rate).
     *
     * @param perUnit per symbol the funding per base unit of this hour, USD ({@link VestSimTickers#onStep})
     */
    void payFunding(final Map<String, BigDecimal> perUnit) {
        for (final Map.Entry<String, BigDecimal> e : perUnit.entrySet()) {
            final VestSimLadder l = ladders.get(e.getKey());
            for (final VestSimAccount account : accounts.all()) {
                final long position = account.position(e.getKey());
                if (position != 0) {
                    account.receiveFunding(e.getKey(), BigDecimal.valueOf(position, l.symbol.sizeDecimals())
                        .multiply(e.getValue()).negate());
                }
            }
        }
    }

    /** Liquidates every account whose value fell below its maintenance margin. */
    void liquidate() {
        for (final VestSimAccount account : accounts.all()) {
            final VestSimMargin m = VestSimMargin.of(account, ladders);
            if (!m.liquidatable()) {
                continue;
            }
            for (final VestSimMargin.Leg leg : m.positions()) {
                final long size = leg.size().movePointRight(leg.ladder().symbol.sizeDecimals()).longValueExact();
                account.addPosition(leg.ladder().symbol.symbol(), -size, leg.size().abs().multiply(leg.mark()));
            }
            account.countLiquidation();
        }
    }
}
