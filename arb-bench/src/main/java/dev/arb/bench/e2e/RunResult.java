package dev.arb.bench.e2e;

import dev.arb.sim.process.GcTotals;
import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One rate on one path: the histograms (µs) and counters of the measured window, the client JVM's and the
 * simulator JVM's collections during it.
 *
 * <p><b>Note:</b> immutable after construction (the histograms are copies), thread-safe.
 *
 * @param ratePerSecond   offered ticks per second
 * @param path            the order path
 * @param ticks           ticks offered
 * @param maxLateUs       the latest a tick's frame left after its planned time, µs
 * @param decisions       ticks the strategy acted on (entry or exit)
 * @param skipped         ticks that found a round in flight
 * @param completeRounds  decisions with both legs acknowledged
 * @param extraOrders     orders sent beyond one per leg per decision (unwinds)
 * @param stampMismatches difference between orders sent and arrivals the simulator stamped
 * @param tickToDecision  planned tick time to the engine's decision
 * @param toSendVest      decision to the Vest order's hand-over to its adapter (the executor's own measure)
 * @param toSendParadex   decision to the Paradex order's hand-over
 * @param cpuToSendVest   the deciding thread's CPU time from the decision to the Vest hand-over
 * @param cpuToSendParadex the deciding thread's CPU time from the decision to the Paradex hand-over
 * @param toWireVest      decision to the Vest order's first byte at the simulator
 * @param toWireParadex   decision to the Paradex order's first byte at the simulator
 * @param toLastVest      decision to the Vest order's last byte at the simulator
 * @param toLastParadex   decision to the Paradex order's last byte at the simulator
 * @param toAckVest       decision to the Vest ack on the engine's thread
 * @param toAckParadex    decision to the Paradex ack
 * @param bothAcks        decision to the later of the two acks
 * @param clientGc        this JVM's collections during the window
 * @param simGc           the simulator JVM's collections during the window
 * @param engine          the engine's gates, outcomes and state over the window, and the simulators' steps
 * @param prehashHits     Paradex orders signed from a hash computed ahead (the prehash hit the order)
 * @param prehashMisses   Paradex orders hashed at the decision
 * @param splitVest       Vest orders whose last byte arrived in a later read than their first
 * @param splitParadex    Paradex orders whose last byte arrived in a later read than their first
 * @param allocated       heap bytes this JVM's threads allocated during the window
 */
record RunResult(int ratePerSecond, HarnessPath path, int ticks, long maxLateUs, long decisions, long skipped,
    long completeRounds, long extraOrders, long stampMismatches, Histogram tickToDecision, Histogram toSendVest,
    Histogram toSendParadex, Histogram cpuToSendVest, Histogram cpuToSendParadex, Histogram toWireVest,
    Histogram toWireParadex, Histogram toLastVest, Histogram toLastParadex, Histogram toAckVest,
    Histogram toAckParadex, Histogram bothAcks, GcTotals clientGc, GcTotals simGc, EngineCounters engine,
    long prehashHits, long prehashMisses, long splitVest, long splitParadex, ThreadAllocations allocated) {

    /** Copies the recorder's state (on its thread). */
    static RunResult of(final int rate, final HarnessPath path, final int ticks, final long maxLateUs,
        final RoundRecorder r, final GcTotals clientGc, final GcTotals simGc, final EngineCounters engine,
        final long prehashHits, final long prehashMisses, final ThreadAllocations allocated) {
        return new RunResult(rate, path, ticks, maxLateUs, r.decisions, r.skipped, r.completeRounds, r.extraOrders,
            r.stampMismatches, r.tickToDecision.copy(), r.toSend[RoundRecorder.VEST].copy(),
            r.toSend[RoundRecorder.PARADEX].copy(), r.toSendCpu[RoundRecorder.VEST].copy(),
            r.toSendCpu[RoundRecorder.PARADEX].copy(), r.toFirstByte[RoundRecorder.VEST].copy(),
            r.toFirstByte[RoundRecorder.PARADEX].copy(), r.toLastByte[RoundRecorder.VEST].copy(),
            r.toLastByte[RoundRecorder.PARADEX].copy(), r.toAck[RoundRecorder.VEST].copy(),
            r.toAck[RoundRecorder.PARADEX].copy(), r.bothAcks.copy(), clientGc, simGc, engine, prehashHits,
            prehashMisses, r.splitOrders[RoundRecorder.VEST], r.splitOrders[RoundRecorder.PARADEX], allocated);
    }

    /** @return the rows printed, name and histogram, in order */
    Object[][] rows() {
        return new Object[][] {{"tick-to-decision", tickToDecision}, {"decision-to-send Vest", toSendVest},
            {"decision-to-send Paradex", toSendParadex}, {"  of it CPU, Vest", cpuToSendVest},
            {"  of it CPU, Paradex", cpuToSendParadex}, {"decision-to-first-byte Vest", toWireVest},
            {"decision-to-first-byte Paradex", toWireParadex}, {"decision-to-last-byte Vest", toLastVest},
            {"decision-to-last-byte Paradex", toLastParadex}, {"decision-to-ack Vest", toAckVest},
            {"decision-to-ack Paradex", toAckParadex}, {"decision-to-both-acks", bothAcks}};
    }

    /**
     * Prints this result as a block: counters, the engine's ({@link EngineCounters}), GC, one row per histogram.
     *
     * @param out where to print
     */
    void print(final PrintStream out) {
        out.printf(Locale.ROOT, "rate %d/s path %s: %d ticks (max %d µs late), %d decisions, %d skipped in flight, "
                + "%d both acked, %d extra orders, %d unmatched stamps%n", ratePerSecond, path.name().toLowerCase(
                    Locale.ROOT), ticks, maxLateUs, decisions, skipped, completeRounds, extraOrders, stampMismatches);
        engine.print(decisions, out);
        out.printf(Locale.ROOT, "  GC client: %s; simulators: %s; Paradex orders signed from a hash made ahead: %d of "
            + "%d%n", clientGc, simGc, prehashHits, prehashHits + prehashMisses);
        out.printf(Locale.ROOT, "  allocated in the client: %s%n", allocated.describe(decisions));
        out.printf(Locale.ROOT, "  orders whose last byte came in a later read than their first: Vest %d, Paradex "
            + "%d%n", splitVest, splitParadex);
        out.printf(Locale.ROOT, "  %-32s %9s %9s %9s %9s %7s%n", "µs", "p50", "p99", "p99.9", "max", "count");
        for (final Object[] row : rows()) {
            final Histogram h = (Histogram) row[1];
            out.printf(Locale.ROOT, "  %-32s %9d %9d %9d %9d %7d%n", row[0], h.getValueAtPercentile(50),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), h.getTotalCount());
        }
    }

    /**
     * Prints old ÷ new per row at p50 and p99.
     *
     * @param old    the old path's result at a rate
     * @param fresh  the new path's result at the same rate
     * @param out    where to print
     */
    static void printRatios(final RunResult old, final RunResult fresh, final PrintStream out) {
        out.printf(Locale.ROOT, "rate %d/s old ÷ new (p50 / p99):%n", old.ratePerSecond());
        final Object[][] a = old.rows();
        final Object[][] b = fresh.rows();
        for (int i = 0; i < a.length; i++) {
            final Histogram ho = (Histogram) a[i][1];
            final Histogram hn = (Histogram) b[i][1];
            out.printf(Locale.ROOT, "  %-32s %9s %9s%n", a[i][0], ratio(ho, hn, 50), ratio(ho, hn, 99));
        }
    }

    private static String ratio(final Histogram old, final Histogram fresh, final double percentile) {
        final long n = fresh.getValueAtPercentile(percentile);
        if (old.getTotalCount() == 0 || fresh.getTotalCount() == 0 || n == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f×", (double) old.getValueAtPercentile(percentile) / n);
    }
}
