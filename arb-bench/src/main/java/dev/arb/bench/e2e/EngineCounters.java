package dev.arb.bench.e2e;

import dev.arb.executor.BreakerStatus;
import dev.arb.executor.ExecutorStats;
import dev.arb.sim.MarketModel;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Why the engine did or did not hand a window's decisions over, from the executor's own counters
 * ({@link ExecutorStats}, the change over the window) and its state at the window's end, with the simulators'
 * model steps: a decision the strategy took but the engine declined shows up here as a gate's count (risk guard
 * or breaker, stale quotes, a round in flight, entries refused wholesale) rather than as a missing latency.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param declined           decisions with no order handed over (the strategy decided, the engine sent nothing)
 * @param riskBlocked        entries refused by the risk guard: a limit, the daily loss, the breaker open
 * @param marketLimitBlocked of which by a market's position limit across bots
 * @param staleQuoteSkips    entries refused by the quote-age or skew gate
 * @param droppedInFlight    entries dropped because a round was in flight
 * @param refused            entries refused wholesale: halted, paused, stopping
 * @param oneSidedFills      rounds whose legs filled unequally
 * @param unwinds            unwinds started
 * @param ordersRejected     orders a venue refused
 * @param lostAcks           orders whose acknowledgement was lost (looked up on the venue)
 * @param state              the executor's state at the end
 * @param haltReason         why it halted, or null
 * @param breaker            the risk guard's breaker at the end
 * @param positionVest       Vest position at the end, as tracked from fills
 * @param positionParadex    Paradex position at the end
 * @param vestStep           the model step the Vest book is quoted at, at the end
 * @param paradexStep        the model step the Paradex book is quoted at, at the end
 */
record EngineCounters(long declined, long riskBlocked, long marketLimitBlocked, long staleQuoteSkips,
    long droppedInFlight, long refused, long oneSidedFills, long unwinds, long ordersRejected, long lostAcks,
    String state, String haltReason, BreakerStatus breaker, BigDecimal positionVest, BigDecimal positionParadex,
    long vestStep, long paradexStep) {

    /**
     * @param declined decisions with no hand-over
     * @param before   the executor's counters at the window's start
     * @param after    at its end
     * @param breaker  the breaker at the end
     * @param sim      the simulators' steps at the end
     * @return the window's counters
     */
    static EngineCounters of(final long declined, final ExecutorStats before, final ExecutorStats after,
        final BreakerStatus breaker, final SimProcessHandle.Paced sim) {
        return new EngineCounters(declined, after.riskBlocked() - before.riskBlocked(),
            after.marketLimitBlocked() - before.marketLimitBlocked(),
            after.staleQuoteSkips() - before.staleQuoteSkips(), after.droppedInFlight() - before.droppedInFlight(),
            after.opportunitiesRefused() - before.opportunitiesRefused(),
            after.oneSidedFills() - before.oneSidedFills(), after.unwinds() - before.unwinds(),
            after.ordersRejected() - before.ordersRejected(), after.lostAcks() - before.lostAcks(), after.state(),
            after.haltReason(), breaker, after.positionA(), after.positionB(), sim.vestStep(), sim.paradexStep());
    }

    /**
     * Prints two lines: the engine's gates and outcomes, then its state and the simulators' steps (and a warning
     * when the two venues' books are half the model's memory apart).
     *
     * @param decisions the window's decisions
     * @param out       where to print
     */
    void print(final long decisions, final PrintStream out) {
        out.printf(Locale.ROOT, "  engine: %d of %d decisions declined (no hand-over): risk/breaker %d (market limit %d),"
                + " stale quotes %d, in flight %d, halted/paused %d; %d one-sided, %d unwinds, %d rejected, %d lost acks%n",
            declined, decisions, riskBlocked, marketLimitBlocked, staleQuoteSkips, droppedInFlight, refused,
            oneSidedFills, unwinds, ordersRejected, lostAcks);
        out.printf(Locale.ROOT, "  engine at end: %s, %s; breaker %s (%d trips%s), day PnL %s USD; positions Vest %s,"
                + " Paradex %s; simulators' model steps: Vest %d, Paradex %d%n", state,
            haltReason == null ? "not halted" : "halted: " + haltReason, breaker.state(), breaker.trips(),
            breaker.lastReason() == null ? "" : ", last: " + breaker.lastReason(), breaker.dailyPnlUsd().toPlainString(),
            positionVest.toPlainString(), positionParadex.toPlainString(), vestStep, paradexStep);
        if (2 * Math.abs(vestStep - paradexStep) > MarketModel.RETAINED_STEPS) {
            out.printf(Locale.ROOT, "  WARNING: the venues' books are %d model steps apart and the model keeps %d:"
                + " the venue behind stops quoting (its orders and position queries fail) past that%n",
                Math.abs(vestStep - paradexStep), MarketModel.RETAINED_STEPS);
        }
    }
}
