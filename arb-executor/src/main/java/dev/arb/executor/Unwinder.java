package dev.arb.executor;

import dev.arb.api.FixedPoint;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.concurrent.CompletableFuture;

/**
 * Removes one-sided exposure: brings both venues down to the hedged size with reduce-only IOC orders,
 * each attempt with a wider bound (slippage × 2<sup>attempt−1</sup>), and none priced worse than
 * {@code unwind_loss_bound_usd} below the leg's entry. The last attempt is an IOC LIMIT at the loss
 * bound itself (on every venue: a Paradex MARKET order carries no price, so it could not enforce the
 * bound); only when no bound can be computed (entry price unknown) is it a MARKET order. Hitting the
 * bound, or exposure left after the last attempt, halts the executor.
 *
 * <p>Flattening uses the same escalation without the loss bound (the operator asked to be flat).
 *
 * <p><b>Note:</b> confined to the executor's state thread.
 */
final class Unwinder {
    private final ExecutorCore core;
    private final OrderGateway gateway;
    private final HedgeState hedge;

    Unwinder(final ExecutorCore core, final OrderGateway gateway, final HedgeState hedge) {
        this.core = core;
        this.gateway = gateway;
        this.hedge = hedge;
    }

    /**
     * Brings both venues down to the hedged size (the smaller position on the common step; zero if
     * both are on the same side) with reduce-only orders, then runs {@code then}.
     */
    void rebalance(final String cause, final Runnable then) {
        final Leg legA = core.legA;
        final Leg legB = core.legB;
        final BigDecimal posA = legA.ledger.position();
        final BigDecimal posB = legB.ledger.position();
        final BigDecimal target = posA.signum() != 0 && posA.signum() == posB.signum()
            ? BigDecimal.ZERO : core.sizing.floor(posA.abs().min(posB.abs()));
        final BigDecimal excessA = posA.abs().subtract(target);
        final BigDecimal excessB = posB.abs().subtract(target);
        if (excessA.signum() <= 0 && excessB.signum() <= 0) {
            then.run();
            return;
        }
        core.oneSidedFills++;
        final boolean dustA = excessA.signum() > 0 && excessA.compareTo(hedge.minTradeable(legA)) < 0;
        final boolean dustB = excessB.signum() > 0 && excessB.compareTo(hedge.minTradeable(legB)) < 0;
        if (dustA || dustB) {
            core.alert(AlertKind.ONE_SIDED_FILL, false, "excess below the venues' minimum order left within tolerance "
                + core.sizes.format(hedge.dustTolerance()) + ": " + (dustA ? legA.name + " " + core.sizes.format(excessA) + " "
                : "") + (dustB ? legB.name + " " + core.sizes.format(excessB) : "") + " (" + cause + ")");
        }
        if ((excessA.signum() <= 0 || dustA) && (excessB.signum() <= 0 || dustB)) {
            core.publish();
            then.run();
            return;
        }
        core.state = ExecutorCore.State.UNWINDING;
        if (excessA.signum() > 0) {
            core.listener.onOneSidedFill(legA.name, excessA, cause);
            core.alert(AlertKind.ONE_SIDED_FILL, false, legA.name + " excess " + core.sizes.format(excessA) + ": " + cause);
        }
        if (excessB.signum() > 0) {
            core.listener.onOneSidedFill(legB.name, excessB, cause);
            core.alert(AlertKind.ONE_SIDED_FILL, false, legB.name + " excess " + core.sizes.format(excessB) + ": " + cause);
        }
        core.publish();
        final CompletableFuture<String> ua = excessA.signum() > 0 && !dustA ? unwind(legA, target, cause)
            : CompletableFuture.completedFuture(null);
        final CompletableFuture<String> ub = excessB.signum() > 0 && !dustB ? unwind(legB, target, cause)
            : CompletableFuture.completedFuture(null);
        ua.thenAcceptBothAsync(ub, (failA, failB) -> {
            if (failA != null || failB != null) {
                final String why = "unwind failed on " + (failA != null ? legA.name + ": " + failA
                    : legB.name + ": " + failB) + " — exposure left (" + cause + ")";
                core.alert(AlertKind.UNWIND_FAILED, true, why);
                core.halt(why);
            } else {
                core.alert(AlertKind.UNWIND_DONE, false, "unwound to " + core.sizes.format(target) + " (" + cause + ")");
            }
            then.run();
        }, core.stateThread).exceptionally(core::internalError);
    }

    /** @return completes with null on success, else the failure */
    private CompletableFuture<String> unwind(final Leg leg, final BigDecimal target, final String cause) {
        core.unwinds++;
        final CompletableFuture<String> done = new CompletableFuture<>();
        // one price bound for the whole sequence, from the excess at its start: every attempt fills at or
        // inside it, so what all attempts realize together stays within the bound (a bound recomputed on
        // what is left after a partial fill would allow the bound again on every attempt)
        final BigDecimal position = leg.ledger.position();
        final BigDecimal entryPrice = leg.ledger.avgEntryPrice();
        final long lossLimit = lossBoundPrice(leg, position.signum() > 0 ? Side.SELL : Side.BUY,
            position.abs().subtract(target), entryPrice);
        unwindAttempt(leg, target, cause, 1, entryPrice, lossLimit, done);
        return done;
    }

    private void unwindAttempt(final Leg leg, final BigDecimal target, final String cause, final int attempt,
        final BigDecimal entryPrice, final long lossLimit, final CompletableFuture<String> done) {
        final BigDecimal position = leg.ledger.position();
        final BigDecimal excess = position.abs().subtract(target);
        if (excess.signum() <= 0 || excess.compareTo(hedge.minTradeable(leg)) < 0) {
            done.complete(null);
            return;
        }
        final int max = core.config.unwindMaxAttempts();
        if (attempt > max) {
            giveUp(leg, "gave up after " + max + " attempts, " + core.sizes.format(excess) + " left: " + cause, done);
            return;
        }
        final long size = leg.sizeDown(excess);
        if (size <= 0) {
            giveUp(leg, "excess " + core.sizes.format(excess) + " is below the size scale: " + cause, done);
            return;
        }
        final Side side = position.signum() > 0 ? Side.SELL : Side.BUY;
        final long reference = LegPricing.referencePrice(leg, side);
        if (lossLimit > 0 && reference > 0 && (side == Side.SELL ? reference < lossLimit : reference > lossLimit)) {
            final String why = "loss bound " + core.settings.unwindLossBoundUsd.toPlainString() + " USD hit: book at "
                + leg.price(reference).toPlainString() + ", bound " + leg.price(lossLimit).toPlainString()
                + ", entry " + entryPrice.toPlainString() + " (" + cause + ")";
            journal(leg, why);
            giveUp(leg, why, done);
            return;
        }
        final OrderRequest request = escalatingRequest(leg, side, size, attempt, lossLimit);
        core.pnl.expect(request.clientOrderId(), reference);
        final String step = " (unwind attempt " + attempt + "/" + max + ", " + request.type() + "): " + cause;
        journal(leg, "attempt " + attempt + " " + request + step);
        gateway.send(leg, request, core.clock.nanoTime()).thenAcceptAsync(resolved -> {
            gateway.applyFill(leg, resolved);
            final boolean reduced = leg.ledger.position().abs().compareTo(target) <= 0;
            core.listener.onUnwind(leg.name, leg.size(resolved.filled()), reduced, resolved.failed()
                ? resolved.describeFailure() + step : "filled" + step);
            if (resolved.outcomeUnknown()) {
                done.complete("order outcome unknown" + step);
            } else {
                unwindAttempt(leg, target, cause, attempt + 1, entryPrice, lossLimit, done);
            }
        }, core.stateThread).exceptionally(t -> {
            core.internalError(t);
            done.complete("internal error " + t);
            return null;
        });
    }

    private void giveUp(final Leg leg, final String why, final CompletableFuture<String> done) {
        core.listener.onUnwind(leg.name, BigDecimal.ZERO, false, why);
        done.complete(why);
    }

    void journal(final Leg leg, final String detail) {
        core.journal.append(JournalEvent.position(core.clock.currentTimeMillis(), core.journal.runId(),
            JournalEventType.UNWIND, leg.name, leg.market, 0, detail));
    }

    /**
     * @return the worst price (price scale) at which closing {@code excess} loses no more than the
     *     unwind loss bound against {@code entryPrice}; 0 when the entry price is unknown. Computed once
     *     per unwind, for the excess at its start.
     */
    private long lossBoundPrice(final Leg leg, final Side side, final BigDecimal excess, final BigDecimal entryPrice) {
        if (entryPrice.signum() <= 0 || excess.signum() <= 0) {
            return 0;
        }
        final BigDecimal perUnit = core.settings.unwindLossBoundUsd.divide(excess, MathContext.DECIMAL64);
        final BigDecimal bound = side == Side.SELL ? entryPrice.subtract(perUnit) : entryPrice.add(perUnit);
        if (bound.signum() <= 0) {
            return leg.spec.tickSize();
        }
        // round toward the entry: never beyond the bound
        final BigDecimal scaled = bound.setScale(leg.spec.priceScale(),
            side == Side.SELL ? RoundingMode.CEILING : RoundingMode.FLOOR);
        return leg.spec.snapPriceToTick(FixedPoint.fromBigDecimal(scaled, leg.spec.priceScale()), side.opposite());
    }

    /**
     * A reduce-only IOC order whose bound widens with each attempt (slippage × 2^(attempt−1), at least
     * 1 bp), never beyond {@code lossLimit}. The last attempt goes to {@code lossLimit} itself as an
     * IOC LIMIT; it is a MARKET order only when there is no loss limit (flatten, unknown entry).
     *
     * @param lossLimit the loss bound's price at the leg's price scale, or 0 for none
     */
    OrderRequest escalatingRequest(final Leg leg, final Side side, final long size, final int attempt,
        final long lossLimit) {
        final boolean last = attempt >= core.config.unwindMaxAttempts();
        final double bps = Math.max(core.settings.slippageBps, 1.0) * (1L << Math.min(attempt - 1, 20));
        final long reference = LegPricing.referencePrice(leg, side);
        long bound = reference > 0 ? LegPricing.boundedLimit(leg, side, reference, bps) : 0;
        if (lossLimit > 0) {
            bound = bound <= 0 || last ? lossLimit
                : side == Side.SELL ? Math.max(bound, lossLimit) : Math.min(bound, lossLimit);
            return gateway.request(leg, side, OrderType.LIMIT, size, bound, true);
        }
        final boolean market = last || bound <= 0;
        return gateway.request(leg, side, market ? OrderType.MARKET : OrderType.LIMIT, size, bound, true);
    }
}
