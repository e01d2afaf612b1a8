package dev.arb.operator.metrics;

import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutorStats;
import dev.arb.executor.MarketSnapshot;
import dev.arb.executor.PnlBreakdown;
import dev.arb.executor.StrategyStatus;

/**
 * What the meters of one bot read at a scrape: the executor's published stats, PnL and strategy status
 * (read once per scrape, so that every meter of the bot shows the same instant), and a copy of its last
 * captured {@link MarketSnapshot}.
 *
 * <p><b>Note:</b> {@link #snapshot} is written on the engine's thread; everything else is confined to
 * the scraping thread (under the {@link OperatorMetrics} lock).
 */
final class BotView {
    private static final int COPY_ATTEMPTS = 8;

    final String id;
    final DeltaNeutralExecutor executor;
    /** Written by {@link DeltaNeutralExecutor#captureMarket} on the engine's thread, read under its version. */
    final MarketSnapshot snapshot = new MarketSnapshot();

    ExecutorStats stats;
    PnlBreakdown pnl = PnlBreakdown.ZERO;
    StrategyStatus strategy;
    /** Capture time of the copied market data, ms since the epoch; -1 before the first capture. */
    long capturedAtMs = -1;
    final long[] bookAgeMs = {-1, -1};
    final double[] fundingRatePerHour = {Double.NaN, Double.NaN};
    double buyASellBNetPct = Double.NaN;
    double buyBSellANetPct = Double.NaN;
    final String[] venue = new String[2];
    final String[] market = new String[2];
    /** {@code true} once the per-leg meters are registered. */
    boolean legsBound;

    BotView(final String id, final DeltaNeutralExecutor executor) {
        this.id = id;
        this.executor = executor;
        this.stats = executor.stats();
        this.strategy = executor.strategyStatus();
    }

    /** Reads the executor's published stats, PnL and strategy status (thread-safe accessors). */
    void refresh() {
        stats = executor.stats();
        pnl = executor.pnl();
        strategy = executor.strategyStatus();
    }

    /**
     * Copies the snapshot's fields under its version counter.
     *
     * @return {@code true} if a consistent, captured copy was taken
     */
    boolean copyMarket() {
        final MarketSnapshot s = snapshot;
        for (int attempt = 0; attempt < COPY_ATTEMPTS; attempt++) {
            final long v = s.version();
            if (v == 0) {
                return false; // never captured
            }
            if ((v & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            final long at = s.capturedAtMs;
            final long age0 = s.bookAgeMs[0];
            final long age1 = s.bookAgeMs[1];
            final double f0 = s.fundingRatePerHour[0];
            final double f1 = s.fundingRatePerHour[1];
            final double entry = s.buyASellBNetPct;
            final double exit = s.buyBSellANetPct;
            final String v0 = LegNames.venue(s, 0);
            final String v1 = LegNames.venue(s, 1);
            final String m0 = LegNames.market(s, 0);
            final String m1 = LegNames.market(s, 1);
            if (s.version() == v) {
                capturedAtMs = at;
                bookAgeMs[0] = age0;
                bookAgeMs[1] = age1;
                fundingRatePerHour[0] = f0;
                fundingRatePerHour[1] = f1;
                buyASellBNetPct = entry;
                buyBSellANetPct = exit;
                venue[0] = v0;
                venue[1] = v1;
                market[0] = m0;
                market[1] = m1;
                return true;
            }
        }
        return false;
    }

    /** @return {@code true} when both legs' venue and market are known (the per-leg meters can be registered) */
    boolean legsKnown() {
        return venue[0] != null && venue[1] != null && market[0] != null && market[1] != null;
    }

    /**
     * @param leg 0 for leg A, 1 for leg B
     * @return the leg's book age now, seconds: its age at capture plus the time since; NaN before a book
     */
    double bookAgeSeconds(final int leg) {
        if (capturedAtMs < 0 || bookAgeMs[leg] < 0) {
            return Double.NaN;
        }
        return (bookAgeMs[leg] + Math.max(0, System.currentTimeMillis() - capturedAtMs)) / 1000.0;
    }

    /** @return seconds since the market data was captured on the engine's thread; NaN before the first capture */
    double captureAgeSeconds() {
        return capturedAtMs < 0 ? Double.NaN : Math.max(0, System.currentTimeMillis() - capturedAtMs) / 1000.0;
    }

    /**
     * @param leg 0 for leg A, 1 for leg B
     * @return the leg's position from fills, base units
     */
    double position(final int leg) {
        return (leg == 0 ? stats.positionA() : stats.positionB()).doubleValue();
    }
}
