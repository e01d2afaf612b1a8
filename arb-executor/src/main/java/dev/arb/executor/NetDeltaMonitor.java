package dev.arb.executor;

import dev.arb.api.TimeSource;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Checks periodically ({@code delta_check_interval_ms}) that {@code posA + posB} as the venues report
 * them (this bot's own parts of them when other bots of the process trade the same markets) matches the
 * tracked, hedged state; a drift beyond {@code delta_tolerance_base} alerts and, by
 * {@code drift_action}, re-hedges (adopts the venues' positions and unwinds the excess) or halts.
 *
 * <p>The period runs on the engine's clock ({@link TimeSource#schedule}): a timer thread live, the virtual clock
 * in a backtest.
 *
 * <p><b>Note:</b> {@link #check()} may be called from any thread; the work runs on the state thread.
 */
final class NetDeltaMonitor {
    private final ExecutorCore core;
    private final OrderGateway gateway;
    private final HedgeState hedge;
    private final Unwinder unwinder;
    private final Flattener flattener;
    private volatile TimeSource.Cancellable timer;
    private volatile boolean stopped;

    NetDeltaMonitor(final ExecutorCore core, final OrderGateway gateway, final HedgeState hedge,
        final Unwinder unwinder, final Flattener flattener) {
        this.core = core;
        this.gateway = gateway;
        this.hedge = hedge;
        this.unwinder = unwinder;
        this.flattener = flattener;
    }

    /** Starts the periodic check when an interval is configured. */
    void start() {
        final long interval = core.config.deltaCheckIntervalMs();
        if (interval > 0 && !stopped) {
            timer = core.clock.schedule(TimeUnit.MILLISECONDS.toNanos(interval), () -> {
                if (!stopped) {
                    check();
                    start();
                }
            });
        }
    }

    void stop() {
        stopped = true;
        final TimeSource.Cancellable t = timer;
        if (t != null) {
            t.cancel();
        }
    }

    /**
     * @return completes with the net delta found (base units), or null when skipped (round in flight here
     *     or, on a shared market, in another bot; a position unreadable)
     */
    CompletableFuture<BigDecimal> check() {
        final CompletableFuture<BigDecimal> result = new CompletableFuture<>();
        core.stateThread.execute(() -> {
            if (!(core.state == ExecutorCore.State.FLAT || core.state == ExecutorCore.State.OPEN) || core.sizing == null) {
                result.complete(null);
                return;
            }
            // with a market shared by several bots, the venue shows this bot's part only while no other
            // bot has a round in flight there: skip the check if one was in flight before or during the reading
            // (without claiming the markets, which would hold the other bots' entries up for a slow reading)
            final long epoch = core.sharesMarkets() ? core.claimEpoch() : 0;
            if (epoch < 0) {
                result.complete(null);
                return;
            }
            final long seq = core.roundSeq;
            final ExecutorCore.State before = core.state;
            gateway.queryPosition(core.legA).thenAcceptBothAsync(gateway.queryPosition(core.legB), (pa, pb) -> {
                if (pa == null || pb == null || seq != core.roundSeq || core.state != before
                    || (core.sharesMarkets() && core.claimEpoch() != epoch)) {
                    result.complete(null);
                    return;
                }
                final Leg legA = core.legA;
                final Leg legB = core.legB;
                final BigDecimal net = pa.sizeDecimal().add(pb.sizeDecimal());
                final BigDecimal driftA = pa.sizeDecimal().subtract(legA.ledger.position()).abs();
                final BigDecimal driftB = pb.sizeDecimal().subtract(legB.ledger.position()).abs();
                final BigDecimal tol = core.config.deltaToleranceBase();
                if (net.abs().compareTo(tol) > 0 || driftA.compareTo(tol) > 0 || driftB.compareTo(tol) > 0) {
                    final String what = "net delta " + net.toPlainString() + " (" + legA.name + " "
                        + pa.sizeDecimal().toPlainString() + " vs tracked " + legA.ledger.position().toPlainString()
                        + ", " + legB.name + " " + pb.sizeDecimal().toPlainString() + " vs tracked "
                        + legB.ledger.position().toPlainString() + ") beyond tolerance " + tol.toPlainString();
                    core.alert(AlertKind.DELTA_DRIFT, true, what);
                    core.journal.append(JournalEvent.note(core.journal.runId(), JournalEventType.RECONCILE,
                        "drift: " + what));
                    if (core.config.driftAction() == DriftAction.REHEDGE && !core.stopped) {
                        hedge.adoptVenuePositions(pa, pb, "re-hedge after drift");
                        core.roundSeq++;
                        unwinder.rebalance("net-delta drift", () -> {
                            hedge.settle();
                            core.publish();
                            flattener.runPending();
                        });
                        result.complete(net);
                        return;
                    } else {
                        core.halt("net-delta drift: " + what);
                    }
                }
                result.complete(net);
            }, core.stateThread).exceptionally(t -> {
                core.internalError(t);
                result.complete(null);
                return null;
            });
        });
        return result;
    }
}
