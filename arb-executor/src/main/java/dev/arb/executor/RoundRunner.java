package dev.arb.executor;

import dev.arb.api.FixedPoint;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;

/**
 * Acts on a strategy's intents: applies the entry gates (kill switch, quote age and skew, in-flight
 * dedup, risk guard) a strategy cannot bypass, prices and sends both legs of an entry or an exit at
 * once as IOC orders, and after the round applies the fills, unwinds any one-sided excess and settles
 * the state. Prices come from the {@link RoundPricing}; rounds an operator asks for arrive through the
 * {@link OperatorRounds}.
 *
 * <p>Hot path: {@link #act} on a {@code HOLD} only refreshes the {@link OrderHints} (the pricing snapshot and a few
 * comparisons; a venue is called only when a leg's likely order changed); an {@code ENTER} below the gates
 * allocates nothing.
 *
 * <p><b>Note:</b> confined to the executor's state thread.
 */
final class RoundRunner {
    private enum Round { ENTRY, EXIT }

    private final ExecutorCore core;
    private final OrderGateway gateway;
    private final HedgeState hedge;
    private final Unwinder unwinder;
    private final Flattener flattener;
    private final RoundPricing pricing;
    private final OrderHints hints;
    private CompletableFuture<RoundResult> roundWaiter;

    RoundRunner(final ExecutorCore core, final OrderGateway gateway, final HedgeState hedge, final Unwinder unwinder,
        final Flattener flattener, final RoundPricing pricing) {
        this.core = core;
        this.pricing = pricing;
        this.hints = new OrderHints(core, pricing);
        this.gateway = gateway;
        this.hedge = hedge;
        this.unwinder = unwinder;
        this.flattener = flattener;
    }

    /** (Re)builds the engine's order pricing for the current leg size and quote age (at start and on a change). */
    void configurePricing() {
        pricing.configure();
    }

    /**
     * Acts on the strategy's answer to one event, then hints both legs' likely next orders to their venues
     * ({@link OrderHints}).
     */
    void act(final Intent intent, final long t0) {
        decide(intent, t0);
        hints.refresh(t0);
    }

    private void decide(final Intent intent, final long t0) {
        switch (intent.action()) {
            case ENTER:
                if (core.state == ExecutorCore.State.FLAT) {
                    gateAndEnter(intent, t0);
                } else if (core.state != ExecutorCore.State.OPEN) {
                    if (entriesRefused()) {
                        core.opportunitiesRefused++;
                    } else {
                        core.opportunities++; // dropped: a round is in flight
                        core.droppedInFlight++;
                    }
                }
                return;
            case EXIT:
                if (core.state == ExecutorCore.State.OPEN
                    && (core.consecutiveErrors < core.config.maxConsecutiveErrors() || !core.risk.coolingDown())
                    && core.claimMarkets()) {
                    if (pricing.priceSnapshot(t0)) {
                        exit(t0);
                    } else {
                        core.releaseMarkets();
                    }
                }
                return;
            case HOLD:
            default:
        }
    }

    /**
     * @return whether entries are refused wholesale: this bot or the run halted, paused, stopping, or held by the
     *     liquidation guard (a venue's margin within its alert distance)
     */
    private boolean entriesRefused() {
        return core.haltedFlag.get() || core.stopped || core.paused || core.marginHold || core.risk.isHalted();
    }

    private void gateAndEnter(final Intent intent, final long t0) {
        if (entriesRefused()) {
            core.opportunitiesRefused++;
            return;
        }
        core.opportunities++;
        if (!pricing.quotesFresh(t0) || !pricing.priceSnapshot(t0)) {
            core.staleQuoteSkips++;
            core.publish();
            return;
        }
        final BigDecimal size = intent.size() == 0 ? core.settings.entrySize : core.sizing.floor(
            FixedPoint.toBigDecimal(intent.size(), Math.max(core.legA.spec.sizeScale(), core.legB.spec.sizeScale())));
        final long sizeA = intent.size() == 0 ? core.settings.entrySizeA : FixedPoint.fromBigDecimal(size, core.legA.spec.sizeScale());
        final long sizeB = intent.size() == 0 ? core.settings.entrySizeB : FixedPoint.fromBigDecimal(size, core.legB.spec.sizeScale());
        if (sizeA < Math.max(1, core.legA.spec.minSize()) || sizeB < Math.max(1, core.legB.spec.minSize())) {
            core.riskBlocked++;
            core.publish();
            return;
        }
        if (gateEntry(size, intent.direction()) != null) {
            return;
        }
        core.listener.onOpportunity(intent.direction(), intent.edgePct());
        enter(intent.direction(), t0, sizeA, sizeB, intent.limitA(), intent.limitB());
    }

    /** Claims both markets and asks the risk guard. @return null if admitted, else why not */
    RoundResult gateEntry(final BigDecimal size, final Direction direction) {
        if (!core.claimMarkets()) {
            core.droppedInFlight++;
            core.publish();
            return RoundResult.DROPPED_IN_FLIGHT;
        }
        final String refusal = core.risk.admitEntry(core.botId, core.legA.ledger.position().abs()
            .max(core.legB.ledger.position().abs()), size, core.midPriceA(), core.shareA,
            direction == Direction.BUY_A_SELL_B ? 1 : -1, core.shareB);
        if (refusal != null) {
            core.releaseMarkets();
            core.riskBlocked++;
            final boolean marketLimit = refusal.startsWith(RiskGuard.MARKET_LIMIT_PREFIX);
            if (marketLimit) {
                core.marketLimitBlocked++;
            }
            core.publish();
            if (core.riskBlocked == 1 || core.riskBlocked % 1000 == 0) {
                ExecutorCore.LOG.warn("executor {}: entry refused ({} so far): {}", core.botId, core.riskBlocked, refusal);
            }
            if (marketLimit) {
                return RoundResult.BLOCKED_MARKET_LIMIT;
            }
            return refusal.startsWith("breaker") || refusal.startsWith("halted") ? RoundResult.BLOCKED_HALTED
                : RoundResult.BLOCKED_RISK;
        }
        return null;
    }

    /** Starts an entry round the caller has gated; {@code waiter} completes when it is done. */
    void enterGated(final Direction d, final long t0, final CompletableFuture<RoundResult> waiter) {
        roundWaiter = waiter;
        enter(d, t0, core.settings.entrySizeA, core.settings.entrySizeB, 0, 0);
    }

    /** Starts an exit round the caller has checked; {@code waiter} completes when it is done. */
    void exitNow(final long t0, final CompletableFuture<RoundResult> waiter) {
        roundWaiter = waiter;
        exit(t0);
    }

    private void enter(final Direction d, final long decisionNanos, final long sizeA, final long sizeB,
        final long limitA, final long limitB) {
        core.state = ExecutorCore.State.ENTERING;
        final Side sideA = d == Direction.BUY_A_SELL_B ? Side.BUY : Side.SELL;
        final Side sideB = sideA.opposite();
        final OrderRequest ra = gateway.request(core.legA, sideA, OrderType.LIMIT, sizeA,
            pricing.entryLimit(core.legA, sideA, limitA, sizeA, true), false);
        final OrderRequest rb = gateway.request(core.legB, sideB, OrderType.LIMIT, sizeB,
            pricing.entryLimit(core.legB, sideB, limitB, sizeB, false), false);
        expectAndRun(Round.ENTRY, d, sideA, ra, sideB, rb, decisionNanos);
    }

    /** Starts a reduction round of {@code size} on both legs the caller has checked; {@code waiter} completes when done. */
    void reduceNow(final long t0, final BigDecimal size, final CompletableFuture<RoundResult> waiter) {
        roundWaiter = waiter;
        exit(t0, size, size);
    }

    private void exit(final long decisionNanos) {
        exit(decisionNanos, core.legA.ledger.position().abs(), core.legB.ledger.position().abs());
    }

    /** Sends both legs' reduce-only IOC orders at once for these sizes (the whole position on an exit). */
    private void exit(final long decisionNanos, final BigDecimal sizeA, final BigDecimal sizeB) {
        core.state = ExecutorCore.State.EXITING;
        final BigDecimal posA = core.legA.ledger.position();
        final BigDecimal posB = core.legB.ledger.position();
        final Side sideA = posA.signum() > 0 ? Side.SELL : Side.BUY;
        final Side sideB = posB.signum() > 0 ? Side.SELL : Side.BUY;
        final long a = core.legA.sizeDown(sizeA);
        final long b = core.legB.sizeDown(sizeB);
        final boolean whole = sizeA.compareTo(posA.abs()) >= 0;
        final OrderRequest ra = gateway.request(core.legA, sideA, OrderType.LIMIT, a,
            pricing.exitLimit(core.legA, true, sideA, a, whole), true);
        final OrderRequest rb = gateway.request(core.legB, sideB, OrderType.LIMIT, b,
            pricing.exitLimit(core.legB, false, sideB, b, whole), true);
        expectAndRun(Round.EXIT, core.openDirection, sideA, ra, sideB, rb, decisionNanos);
    }

    /**
     * Runs the round, then notes both orders' decision prices (the snapshot's touch, unchanged by the sends) for the
     * PnL attribution: after the sends, so that nothing but the orders themselves sits between the decision and the
     * first byte; their answers are handled in later tasks on this thread.
     */
    private void expectAndRun(final Round round, final Direction d, final Side sideA, final OrderRequest ra,
        final Side sideB, final OrderRequest rb, final long decisionNanos) {
        runRound(round, d, ra, rb, decisionNanos);
        core.pnl.expect(ra.clientOrderId(), pricing.touch(true, sideA));
        core.pnl.expect(rb.clientOrderId(), pricing.touch(false, sideB));
    }

    /** Sends both orders, then (the fills are applied in a later task) notes the round's start and publishes. */
    private void runRound(final Round round, final Direction d, final OrderRequest ra, final OrderRequest rb,
        final long decisionNanos) {
        final CompletableFuture<LegOutcome> fa;
        final CompletableFuture<LegOutcome> fb;
        if (core.config.slowerLegFirst() && core.legB.ackNanos() > core.legA.ackNanos()) {
            fb = gateway.send(core.legB, rb, decisionNanos); // its answer takes longer: it leaves first
            fa = gateway.send(core.legA, ra, decisionNanos);
        } else {
            fa = gateway.send(core.legA, ra, decisionNanos);
            fb = gateway.send(core.legB, rb, decisionNanos);
        }
        core.roundSeq++;
        final BigDecimal pnlBefore = core.realizedPnlUsd();
        final BigDecimal openBefore = core.state == ExecutorCore.State.EXITING ? core.legA.ledger.position().abs()
            : BigDecimal.ZERO;
        core.publish();
        fa.thenAcceptBothAsync(fb, (xa, xb) -> {
            gateway.applyFill(core.legA, xa);
            gateway.applyFill(core.legB, xb);
            if (xa.outcomeUnknown() || xb.outcomeUnknown()) {
                core.halt("order outcome unknown on " + (xa.outcomeUnknown() ? core.legA.name : core.legB.name)
                    + " and neither a lookup nor its position could resolve it: check positions, then flatten()");
                finishRound(round, d, pnlBefore, openBefore);
                return;
            }
            unwinder.rebalance(cause(round, xa, xb), () -> finishRound(round, d, pnlBefore, openBefore));
        }, core.stateThread).exceptionally(core::internalError);
    }

    private String cause(final Round round, final LegOutcome xa, final LegOutcome xb) {
        final String what = round == Round.ENTRY ? "entry" : "exit";
        if (xa.failed()) {
            return what + " leg on " + core.legA.name + " failed: " + xa.describeFailure();
        }
        if (xb.failed()) {
            return what + " leg on " + core.legB.name + " failed: " + xb.describeFailure();
        }
        return what + " legs filled unequally";
    }

    private void finishRound(final Round round, final Direction d, final BigDecimal pnlBefore,
        final BigDecimal openBefore) {
        final BigDecimal openAfter = hedge.settle();
        final BigDecimal realized = core.realizedPnlUsd().subtract(pnlBefore);
        if (round == Round.ENTRY && openAfter.signum() > 0) {
            core.entries++;
            core.listener.onEntry(core.openDirection, openAfter);
        } else if (round == Round.EXIT) {
            final BigDecimal closed = openBefore.subtract(openAfter);
            if (closed.signum() > 0) {
                core.exits++;
                core.listener.onExit(d, closed, realized);
            }
        }
        if (realized.signum() != 0) {
            core.risk.recordRealized(realized);
        }
        core.releaseMarkets();
        core.publish();
        flattener.runPending();
        final CompletableFuture<RoundResult> w = roundWaiter;
        roundWaiter = null;
        if (w != null) {
            w.complete(RoundResult.DONE);
        }
    }
}
