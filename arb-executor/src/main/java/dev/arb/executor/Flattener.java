package dev.arb.executor;

import dev.arb.api.OrderRequest;
import dev.arb.api.Position;
import dev.arb.api.Side;
import dev.arb.executor.alert.AlertKind;
import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Closes both venues' positions, as the venues report them (this bot's own parts of them when other bots of
 * the process trade the same markets), with reduce-only orders escalating like an
 * unwind (without the loss bound: the operator asked to be flat), until both report flat (dust below
 * the venues' minimum order tolerated) or the attempts run out (then it alerts and halts). Waits for a
 * round in flight to finish first.
 *
 * <p><b>Note:</b> confined to the executor's state thread.
 */
final class Flattener {
    private static final int MAX_QUERY_RETRIES = 10;

    private final ExecutorCore core;
    private final OrderGateway gateway;
    private final HedgeState hedge;
    private final Unwinder unwinder;
    private static final long CLAIM_RETRY_MS = 20;
    private int queryRetries;
    private boolean claimRetryScheduled;

    Flattener(final ExecutorCore core, final OrderGateway gateway, final HedgeState hedge, final Unwinder unwinder) {
        this.core = core;
        this.gateway = gateway;
        this.hedge = hedge;
        this.unwinder = unwinder;
    }

    /**
     * Starts the flattens asked for, unless a round is in flight (then they start when it ends) or, on a
     * market shared with other bots, another bot has one in flight there (then it retries shortly): the
     * venue shows this bot's own part only between rounds.
     */
    void runPending() {
        if (core.pendingFlattens.isEmpty() || core.inFlight()) {
            return;
        }
        if (core.sharesMarkets() && !core.claimMarkets()) {
            if (!claimRetryScheduled) {
                claimRetryScheduled = true;
                OrderGateway.delay(CLAIM_RETRY_MS).thenRunAsync(() -> {
                    claimRetryScheduled = false;
                    runPending();
                }, core.stateThread);
            }
            return;
        }
        final List<CompletableFuture<Void>> waiters = new ArrayList<>(core.pendingFlattens);
        core.pendingFlattens.clear();
        final Direction direction = core.openDirection;
        final BigDecimal openBefore = core.state == ExecutorCore.State.OPEN ? core.legA.ledger.position().abs()
            : BigDecimal.ZERO;
        final BigDecimal pnlBefore = core.realizedPnlUsd();
        core.state = ExecutorCore.State.FLATTENING;
        core.publish();
        attempt(1, waiters, direction, openBefore, pnlBefore);
    }

    private void attempt(final int attempt, final List<CompletableFuture<Void>> waiters,
        final Direction direction, final BigDecimal openBefore, final BigDecimal pnlBefore) {
        final Leg legA = core.legA;
        final Leg legB = core.legB;
        final CompletableFuture<Position> qa = gateway.queryPosition(legA);
        final CompletableFuture<Position> qb = gateway.queryPosition(legB);
        qa.thenAcceptBothAsync(qb, (pa, pb) -> {
            if ((pa == null || pb == null) && queryRetries < MAX_QUERY_RETRIES) {
                queryRetries++;
                OrderGateway.delay(OrderGateway.LOOKUP_DELAY_MS * queryRetries).thenRunAsync(() -> attempt(attempt,
                    waiters, direction, openBefore, pnlBefore), core.stateThread);
                return;
            }
            queryRetries = 0;
            final boolean flatA = pa != null && (pa.isFlat()
                || pa.sizeDecimal().abs().compareTo(hedge.minTradeable(legA)) < 0);
            final boolean flatB = pb != null && (pb.isFlat()
                || pb.sizeDecimal().abs().compareTo(hedge.minTradeable(legB)) < 0);
            if (flatA && flatB) {
                done(pa, pb, waiters, direction, openBefore, pnlBefore);
                return;
            }
            if (attempt > core.config.unwindMaxAttempts()) {
                final String reason = "flatten failed after " + core.config.unwindMaxAttempts() + " attempts: "
                    + describe(legA, pa) + ", " + describe(legB, pb);
                core.alert(AlertKind.UNWIND_FAILED, true, reason);
                core.halt(reason);
                hedge.settle();
                core.releaseMarkets();
                core.publish();
                final IllegalStateException failure = new IllegalStateException(reason);
                waiters.forEach(w -> w.completeExceptionally(failure));
                return;
            }
            final CompletableFuture<Void> ca = closePosition(legA, pa, attempt);
            final CompletableFuture<Void> cb = closePosition(legB, pb, attempt);
            ca.runAfterBothAsync(cb, () -> attempt(attempt + 1, waiters, direction, openBefore, pnlBefore),
                core.stateThread).exceptionally(core::internalError);
        }, core.stateThread).exceptionally(t -> {
            core.releaseMarkets();
            core.internalError(t);
            waiters.forEach(w -> w.completeExceptionally(t));
            return null;
        });
    }

    private void done(final Position pa, final Position pb, final List<CompletableFuture<Void>> waiters,
        final Direction direction, final BigDecimal openBefore, final BigDecimal pnlBefore) {
        final Leg legA = core.legA;
        final Leg legB = core.legB;
        if (!pa.isFlat() || !pb.isFlat()) {
            core.alert(AlertKind.UNWIND_DONE, false, "flat except dust below the venues' minimum order: "
                + describe(legA, pa) + ", " + describe(legB, pb));
        }
        legA.ledger.adopt(pa.sizeDecimal(), legA.ledger.avgEntryPrice());
        legB.ledger.adopt(pb.sizeDecimal(), legB.ledger.avgEntryPrice());
        hedge.baseline(legA, pa.size(), "flat after flatten");
        hedge.baseline(legB, pb.size(), "flat after flatten");
        core.state = ExecutorCore.State.FLAT;
        core.openDirection = null;
        core.pnl.onSettled();
        final BigDecimal realized = core.realizedPnlUsd().subtract(pnlBefore);
        if (openBefore.signum() > 0) {
            core.exits++;
            core.listener.onExit(direction, openBefore, realized);
        }
        if (realized.signum() != 0) {
            core.risk.recordRealized(realized);
        }
        core.releaseMarkets();
        core.publish();
        waiters.forEach(w -> w.complete(null));
    }

    private String describe(final Leg leg, final Position p) {
        return leg.name + " " + (p == null ? "position unknown" : core.sizes.format(p.sizeDecimal()));
    }

    /** Sends a reduce-only order for the whole reported position; completes (never fails) when answered. */
    private CompletableFuture<Void> closePosition(final Leg leg, final Position p, final int attempt) {
        if (p == null || p.isFlat()) {
            return CompletableFuture.completedFuture(null);
        }
        final long size = leg.sizeDown(p.sizeDecimal().abs());
        if (size <= 0 || p.sizeDecimal().abs().compareTo(hedge.minTradeable(leg)) < 0) {
            return CompletableFuture.completedFuture(null);
        }
        final Side side = p.size() > 0 ? Side.SELL : Side.BUY;
        final OrderRequest request = unwinder.escalatingRequest(leg, side, size, attempt, 0);
        core.pnl.expect(request.clientOrderId(), LegPricing.referencePrice(leg, side));
        unwinder.journal(leg, "flatten attempt " + attempt + " " + request);
        return gateway.send(leg, request, core.clock.nanoTime()).thenAcceptAsync(outcome -> {
            gateway.applyFill(leg, outcome);
            final boolean filled = outcome.filled() > 0;
            core.listener.onFlatten(leg.name, leg.size(outcome.filled()), filled, "attempt " + attempt + ": "
                + (filled ? "filled" : outcome.failed() ? outcome.describeFailure() : "nothing filled"));
        }, core.stateThread).exceptionally(t -> {
            core.internalError(t);
            return null;
        });
    }
}
