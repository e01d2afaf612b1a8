package dev.arb.sim.paradex;

import dev.arb.sim.MarketModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The positions of the simulated Paradex, one per account and market, and their funding accrual (Paradex's
 * continuous model, docs "Funding Mechanism"): every step each open position accrues
 * {@code −size × mark × model.fundingRatePerHour(VENUE_B, step) × stepMillis / fundingHourMs} USD, the mark being
 * the book's mid at the new step.
 *
 * <p><b>Note:</b> not thread-safe: guarded by the monitor of the owning {@link SimExchange}; call only while
 * holding it.
 */
final class SimPositions {
    private final MarketModel model;
    private final ParadexSimulator.Options options;
    private final SimQuotes quotes;
    private final Map<String, SimPosition> positions = new HashMap<>();

    /**
     * @param model   the shared model (funding rate of {@link MarketModel#VENUE_B}, step length)
     * @param options {@link ParadexSimulator.Options#fundingHourMs()}
     * @param quotes  the book (marks and the current step)
     */
    SimPositions(final MarketModel model, final ParadexSimulator.Options options, final SimQuotes quotes) {
        this.model = model;
        this.options = options;
        this.quotes = quotes;
    }

    /**
     * @param account normalised account address
     * @param market  market symbol
     * @return the account's position in the market, created flat if it had none
     */
    SimPosition open(final String account, final String market) {
        return positions.computeIfAbsent(account + '|' + market, k -> new SimPosition(market));
    }

    /**
     * @param account normalised account address
     * @param market  market symbol
     * @return the account's position in the market, or null if it never had one
     */
    SimPosition find(final String account, final String market) {
        return positions.get(account + '|' + market);
    }

    /**
     * @param account normalised account address
     * @return the account's positions (flat ones included)
     */
    List<SimPosition> of(final String account) {
        final List<SimPosition> out = new ArrayList<>();
        for (final Map.Entry<String, SimPosition> e : positions.entrySet()) {
            if (e.getKey().startsWith(account + '|')) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** @return the accounts with an open (non-zero) position */
    Set<String> accountsWithOpenPositions() {
        final Set<String> accounts = new LinkedHashSet<>();
        for (final Map.Entry<String, SimPosition> e : positions.entrySet()) {
            if (e.getValue().size != 0) {
                accounts.add(e.getKey().substring(0, e.getKey().indexOf('|')));
            }
        }
        return accounts;
    }

    /** Accrues one step of funding on every open position, at the current step's rate and mark. */
    void accrueFunding() {
        final BigDecimal rate = BigDecimal.valueOf(model.fundingRatePerHour(MarketModel.VENUE_B, quotes.step())
            * model.config().stepMillis() / options.fundingHourMs());
        if (rate.signum() == 0) {
            return;
        }
        for (final SimPosition p : positions.values()) {
            if (p.size != 0) {
                p.accrueFunding(quotes.mid(p.market), rate);
            }
        }
    }
}
