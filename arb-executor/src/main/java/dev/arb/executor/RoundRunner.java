package dev.arb.executor;

import dev.arb.api.FixedPoint;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.spread.SpreadCalculator;
import dev.arb.spread.SpreadConfig;
import dev.arb.spread.SpreadSnapshot;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;

/**
 * Acts on a strategy's intents: applies the entry gates (kill switch, quote age and skew, in-flight
 * dedup, risk guard) a strategy cannot bypass, prices and sends both legs of an entry or an exit at
 * once as IOC orders, and after the round applies the fills, unwinds any one-sided excess and settles
 * the state.
 *
 * <p>Hot path: {@link #act} on a {@code HOLD} returns at once; an {@code ENTER} below the gates
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
    private final SpreadSnapshot snapshot = new SpreadSnapshot();
    private SpreadCalculator pricing;
    private CompletableFuture<RoundResult> roundWaiter;

    RoundRunner(final ExecutorCore core, final OrderGateway gateway, final HedgeState hedge, final Unwinder unwinder,
        final Flattener flattener) {
        this.core = core;
        this.gateway = gateway;
        this.hedge = hedge;
        this.unwinder = unwinder;
        this.flattener = flattener;
    }

    /** (Re)builds the engine's order pricing for the current leg size (at start and on a size change). */
    void configurePricing() {
        pricing = new SpreadCalculator(SpreadConfig.builder()
            .takerFeeBpsA(core.legA.spec.takerFeeBps())
            .takerFeeBpsB(core.legB.spec.takerFeeBps())
            .sizeBase(core.config.useVwap() ? core.settings.entrySize : BigDecimal.ZERO)
            .maxBookAgeMs(core.config.maxBookAgeMs())
            .build());
    }

    /** Acts on the strategy's answer to one event. */
    void act(final Intent intent, final long t0) {
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
                    if (priceSnapshot(t0)) {
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
        if (!quotesFresh(t0) || !priceSnapshot(t0)) {
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

    /** Computes the engine's pricing snapshot on the live books. @return usable and fresh */
    boolean computeSnapshot(final long nowNanos) {
        return priceSnapshot(nowNanos) && quotesFresh(nowNanos);
    }

    /** Computes the engine's pricing snapshot on the live books. @return usable (books valid, deep enough) */
    private boolean priceSnapshot(final long nowNanos) {
        if (core.legA.book == null) {
            core.legA.book = core.legA.adapter.orderBook(core.legA.market);
        }
        if (core.legB.book == null) {
            core.legB.book = core.legB.adapter.orderBook(core.legB.market);
        }
        if (core.legA.book == null || core.legB.book == null) {
            return false;
        }
        pricing.compute(core.legA.book, core.legB.book, nowNanos, snapshot);
        return snapshot.usable();
    }

    /** Quote-age gate: both books recent and their venue timestamps close. */
    boolean quotesFresh(final long nowNanos) {
        final long maxAge = core.settings.maxQuoteAgeMs;
        if (core.legA.book == null || core.legB.book == null
            || core.legA.book.ageMs(nowNanos) > maxAge || core.legB.book.ageMs(nowNanos) > maxAge) {
            return false;
        }
        final long ta = core.legA.book.venueTimestampMs();
        final long tb = core.legB.book.venueTimestampMs();
        return ta <= 0 || tb <= 0 || Math.abs(ta - tb) <= core.settings.maxSkewMs;
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
            limit(core.legA, sideA, limitA, sizeA, true), false);
        final OrderRequest rb = gateway.request(core.legB, sideB, OrderType.LIMIT, sizeB,
            limit(core.legB, sideB, limitB, sizeB, false), false);
        core.pnl.expect(ra.clientOrderId(), sideA == Side.BUY ? snapshot.askA() : snapshot.bidA());
        core.pnl.expect(rb.clientOrderId(), sideB == Side.BUY ? snapshot.askB() : snapshot.bidB());
        runRound(Round.ENTRY, d, ra, rb, decisionNanos);
    }

    /** An explicit limit snapped on the safe side, else {@code slippage_bps} beyond the depth the size needs. */
    private long limit(final Leg leg, final Side side, final long explicit, final long size, final boolean legA) {
        if (explicit > 0) {
            return Math.max(leg.spec.tickSize(), leg.spec.snapPriceToTick(explicit, side));
        }
        final long ref = size == (legA ? core.settings.entrySizeA : core.settings.entrySizeB)
            ? worst(legA, side) : LegPricing.depthPrice(leg, side, size);
        return LegPricing.boundedLimit(leg, side, ref, core.settings.slippageBps);
    }

    private long worst(final boolean legA, final Side side) {
        if (legA) {
            return side == Side.BUY ? snapshot.worstAskA() : snapshot.worstBidA();
        }
        return side == Side.BUY ? snapshot.worstAskB() : snapshot.worstBidB();
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
        final OrderRequest ra = gateway.request(core.legA, sideA, OrderType.LIMIT, a, LegPricing.boundedLimit(core.legA,
            sideA, whole ? worst(true, sideA) : LegPricing.depthPrice(core.legA, sideA, a), core.settings.slippageBps),
            true);
        final OrderRequest rb = gateway.request(core.legB, sideB, OrderType.LIMIT, b, LegPricing.boundedLimit(core.legB,
            sideB, whole ? worst(false, sideB) : LegPricing.depthPrice(core.legB, sideB, b), core.settings.slippageBps),
            true);
        core.pnl.expect(ra.clientOrderId(), sideA == Side.BUY ? snapshot.askA() : snapshot.bidA());
        core.pnl.expect(rb.clientOrderId(), sideB == Side.BUY ? snapshot.askB() : snapshot.bidB());
        runRound(Round.EXIT, core.openDirection, ra, rb, decisionNanos);
    }

    private void runRound(final Round round, final Direction d, final OrderRequest ra, final OrderRequest rb,
        final long decisionNanos) {
        core.roundSeq++;
        final BigDecimal pnlBefore = core.realizedPnlUsd();
        final BigDecimal openBefore = core.state == ExecutorCore.State.EXITING ? core.legA.ledger.position().abs()
            : BigDecimal.ZERO;
        core.publish();
        final CompletableFuture<LegOutcome> fa = gateway.send(core.legA, ra, decisionNanos);
        final CompletableFuture<LegOutcome> fb = gateway.send(core.legB, rb, decisionNanos);
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

    /** {@link DeltaNeutralExecutor#tryEnter}: the same gates as a strategy's entry, whatever the spread. */
    void tryEnter(final Direction direction, final CompletableFuture<RoundResult> result) {
        try {
            core.opportunities++;
            if (core.state != ExecutorCore.State.FLAT) {
                if (core.inFlight()) {
                    core.droppedInFlight++;
                    result.complete(RoundResult.DROPPED_IN_FLIGHT);
                } else {
                    result.complete(RoundResult.NOTHING_TO_DO);
                }
                return;
            }
            if (core.haltedFlag.get() || core.stopped || core.paused || core.marginHold) {
                result.complete(RoundResult.BLOCKED_HALTED);
                return;
            }
            final long now = core.clock.nanoTime();
            if (!computeSnapshot(now)) {
                core.staleQuoteSkips++;
                result.complete(RoundResult.BLOCKED_STALE);
                return;
            }
            final RoundResult refused = gateEntry(core.settings.entrySize, direction);
            if (refused != null) {
                core.publish();
                result.complete(refused);
                return;
            }
            enterGated(direction, now, result);
        } catch (RuntimeException e) {
            core.internalError(e);
            result.completeExceptionally(e);
        }
    }

    /** {@link DeltaNeutralExecutor#tryExit()}: closes the open position whatever the spread. */
    void tryExit(final CompletableFuture<RoundResult> result) {
        try {
            if (core.state != ExecutorCore.State.OPEN) {
                result.complete(core.inFlight() ? RoundResult.DROPPED_IN_FLIGHT : RoundResult.NOTHING_TO_DO);
                return;
            }
            final long now = core.clock.nanoTime();
            if (!computeSnapshot(now)) {
                core.staleQuoteSkips++;
                result.complete(RoundResult.BLOCKED_STALE);
                return;
            }
            if (!core.claimMarkets()) {
                core.droppedInFlight++;
                result.complete(RoundResult.DROPPED_IN_FLIGHT);
                return;
            }
            exitNow(now, result);
        } catch (RuntimeException e) {
            core.internalError(e);
            result.completeExceptionally(e);
        }
    }

    /**
     * {@link DeltaNeutralExecutor#reduce}: closes {@code fraction} of the hedged position on both legs in one exit
     * round (reduce-only IOC, journaled, unwinding any one-sided fill like every round), whatever the spread and the
     * breaker. The size is the fraction of the smaller leg rounded down to both venues' steps, at least the larger
     * venue minimum order, and the whole position when less than a minimum order would remain.
     */
    void tryReduce(final BigDecimal fraction, final CompletableFuture<RoundResult> result) {
        try {
            if (core.state != ExecutorCore.State.OPEN) {
                result.complete(core.inFlight() ? RoundResult.DROPPED_IN_FLIGHT : RoundResult.NOTHING_TO_DO);
                return;
            }
            final long now = core.clock.nanoTime();
            if (!computeSnapshot(now)) {
                core.staleQuoteSkips++;
                result.complete(RoundResult.BLOCKED_STALE);
                return;
            }
            if (!core.claimMarkets()) {
                core.droppedInFlight++;
                result.complete(RoundResult.DROPPED_IN_FLIGHT);
                return;
            }
            final BigDecimal open = core.legA.ledger.position().abs().min(core.legB.ledger.position().abs());
            final BigDecimal minimum = hedge.dustTolerance();
            final BigDecimal step = core.sizing.commonStep();
            final BigDecimal minimumOrder = minimum.divide(step, 0, java.math.RoundingMode.CEILING).multiply(step);
            final BigDecimal size = core.sizing.floor(open.multiply(fraction)).max(minimumOrder);
            if (size.compareTo(open) >= 0 || open.subtract(size).compareTo(minimum) < 0) {
                exitNow(now, result);
                return;
            }
            roundWaiter = result;
            exit(now, size, size);
        } catch (RuntimeException e) {
            core.internalError(e);
            result.completeExceptionally(e);
        }
    }

    /** {@link DeltaNeutralExecutor#captureMarket}: the books' tops and the pricing spreads, allocation-free. */
    void capture(final MarketSnapshot out) {
        out.beginWrite();
        try {
            out.capturedAtMs = core.clock.currentTimeMillis();
            out.entriesPaused = core.paused;
            final long now = core.clock.nanoTime();
            captureLeg(core.legA, 0, now, out);
            captureLeg(core.legB, 1, now, out);
            final boolean usable = pricing != null && core.legA.book != null && core.legB.book != null
                && priceSnapshot(now);
            out.buyASellBPct = usable ? snapshot.buyASellBPct() : Double.NaN;
            out.buyBSellAPct = usable ? snapshot.buyBSellAPct() : Double.NaN;
            out.buyASellBNetPct = usable ? snapshot.buyASellBNetPct() : Double.NaN;
            out.buyBSellANetPct = usable ? snapshot.buyBSellANetPct() : Double.NaN;
        } finally {
            out.endWrite();
        }
    }

    private static void captureLeg(final Leg leg, final int i, final long now, final MarketSnapshot out) {
        final dev.arb.api.OrderBook b = leg.book;
        final boolean ok = b != null && b.isValid();
        out.venue[i] = leg.name;
        out.market[i] = leg.market;
        out.bid[i] = ok ? b.bestBid() : Long.MIN_VALUE;
        out.ask[i] = ok ? b.bestAsk() : Long.MIN_VALUE;
        out.bidSize[i] = ok && b.bidLevels() > 0 ? b.bidSize(0) : 0;
        out.askSize[i] = ok && b.askLevels() > 0 ? b.askSize(0) : 0;
        out.bookAgeMs[i] = b != null ? b.ageMs(now) : -1;
        out.priceScale[i] = leg.spec != null ? leg.spec.priceScale() : 0;
        out.sizeScale[i] = leg.spec != null ? leg.spec.sizeScale() : 0;
        out.position[i] = leg.spec != null ? leg.position() : 0;
        out.fundingRatePerHour[i] = leg.fundingRatePerHour();
    }
}
