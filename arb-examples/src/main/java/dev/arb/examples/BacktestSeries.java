package dev.arb.examples;

import dev.arb.api.Fill;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a backtest run records for its report: the net spreads of both directions after every frame, the
 * entries and exits, the equity after each round, and the fills. Times are the captures' clock, ns.
 *
 * <p><b>Note:</b> written by the run's single thread, read after it.
 */
final class BacktestSeries {
    private long[] times = new long[1024];
    private double[] entryNet = new double[1024];
    private double[] exitNet = new double[1024];
    private int size;
    final List<Long> entryTimes = new ArrayList<>();
    final List<Long> exitTimes = new ArrayList<>();
    final List<Long> equityTimes = new ArrayList<>();
    final List<BigDecimal> equity = new ArrayList<>();
    final List<Fill> fills = new ArrayList<>();
    double entryThresholdPct = Double.NaN;
    double exitThresholdPct = Double.NaN;

    void spread(final long tNs, final double buyASellBNetPct, final double buyBSellANetPct) {
        if (size == times.length) {
            times = java.util.Arrays.copyOf(times, size * 2);
            entryNet = java.util.Arrays.copyOf(entryNet, size * 2);
            exitNet = java.util.Arrays.copyOf(exitNet, size * 2);
        }
        times[size] = tNs;
        entryNet[size] = buyASellBNetPct;
        exitNet[size] = buyBSellANetPct;
        size++;
    }

    int size() {
        return size;
    }

    long time(final int i) {
        return times[i];
    }

    double entryNet(final int i) {
        return entryNet[i];
    }

    double exitNet(final int i) {
        return exitNet[i];
    }
}
