package dev.arb.executor;

import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Rounds asked for by an operator, a test or the {@link LiquidationGuard} rather than by the strategy
 * ({@link DeltaNeutralExecutor#tryEnter}, {@link DeltaNeutralExecutor#tryExit()},
 * {@link DeltaNeutralExecutor#reduce}): checks the state and the gates, then hands the round to the
 * {@link RoundRunner}, answering why nothing was sent otherwise.
 *
 * <p><b>Note:</b> {@link #enter}, {@link #exit()} and {@link #reduce} may be called from any thread;
 * they hop to the executor's state thread, to which everything else here is confined.
 */
final class OperatorRounds {
    private final ExecutorCore core;
    private final RoundRunner rounds;
    private final RoundPricing pricing;
    private final HedgeState hedge;

    OperatorRounds(final ExecutorCore core, final RoundRunner rounds, final RoundPricing pricing,
        final HedgeState hedge) {
        this.core = core;
        this.rounds = rounds;
        this.pricing = pricing;
        this.hedge = hedge;
    }

    /** {@link DeltaNeutralExecutor#tryEnter}; any thread. */
    CompletableFuture<RoundResult> enter(final Direction direction) {
        return onStateThread(result -> tryEnter(direction, result));
    }

    /** {@link DeltaNeutralExecutor#tryExit()}; any thread. */
    CompletableFuture<RoundResult> exit() {
        return onStateThread(this::tryExit);
    }

    /** {@link DeltaNeutralExecutor#reduce}, the fraction checked by the caller; any thread. */
    CompletableFuture<RoundResult> reduce(final BigDecimal fraction) {
        return onStateThread(result -> tryReduce(fraction, result));
    }

    private CompletableFuture<RoundResult> onStateThread(final Consumer<CompletableFuture<RoundResult>> round) {
        final CompletableFuture<RoundResult> result = new CompletableFuture<>();
        core.stateThread.execute(() -> round.accept(result));
        return result;
    }

    /** The same gates as a strategy's entry, whatever the spread. */
    private void tryEnter(final Direction direction, final CompletableFuture<RoundResult> result) {
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
            if (!pricing.computeSnapshot(now)) {
                core.staleQuoteSkips++;
                result.complete(RoundResult.BLOCKED_STALE);
                return;
            }
            final RoundResult refused = rounds.gateEntry(core.settings.entrySize, direction);
            if (refused != null) {
                core.publish();
                result.complete(refused);
                return;
            }
            rounds.enterGated(direction, now, result);
        } catch (RuntimeException e) {
            core.internalError(e);
            result.completeExceptionally(e);
        }
    }

    /** Closes the open position whatever the spread. */
    private void tryExit(final CompletableFuture<RoundResult> result) {
        try {
            if (!isOpen(result)) {
                return;
            }
            final long now = core.clock.nanoTime();
            if (freshAndClaimed(now, result)) {
                rounds.exitNow(now, result);
            }
        } catch (RuntimeException e) {
            core.internalError(e);
            result.completeExceptionally(e);
        }
    }

    /**
     * Closes {@code fraction} of the hedged position on both legs in one exit round (reduce-only IOC,
     * journaled, unwinding any one-sided fill like every round), whatever the spread and the breaker. The
     * size is the fraction of the smaller leg rounded down to both venues' steps, at least the larger venue
     * minimum order, and the whole position when less than a minimum order would remain.
     */
    private void tryReduce(final BigDecimal fraction, final CompletableFuture<RoundResult> result) {
        try {
            if (!isOpen(result)) {
                return;
            }
            final long now = core.clock.nanoTime();
            if (!freshAndClaimed(now, result)) {
                return;
            }
            final BigDecimal open = core.legA.ledger.position().abs().min(core.legB.ledger.position().abs());
            final BigDecimal minimum = hedge.dustTolerance();
            final BigDecimal step = core.sizing.commonStep();
            final BigDecimal minimumOrder = minimum.divide(step, 0, RoundingMode.CEILING).multiply(step);
            final BigDecimal size = core.sizing.floor(open.multiply(fraction)).max(minimumOrder);
            if (size.compareTo(open) >= 0 || open.subtract(size).compareTo(minimum) < 0) {
                rounds.exitNow(now, result);
                return;
            }
            rounds.reduceNow(now, size, result);
        } catch (RuntimeException e) {
            core.internalError(e);
            result.completeExceptionally(e);
        }
    }

    /** @return {@code true} if a position is open; else {@code result} is completed with why nothing is sent */
    private boolean isOpen(final CompletableFuture<RoundResult> result) {
        if (core.state != ExecutorCore.State.OPEN) {
            result.complete(core.inFlight() ? RoundResult.DROPPED_IN_FLIGHT : RoundResult.NOTHING_TO_DO);
            return false;
        }
        return true;
    }

    /**
     * The remaining gates of an exit or a reduction: fresh quotes, both markets claimed.
     *
     * @return {@code true} if the round may go; else {@code result} is completed with why not
     */
    private boolean freshAndClaimed(final long now, final CompletableFuture<RoundResult> result) {
        if (!pricing.computeSnapshot(now)) {
            core.staleQuoteSkips++;
            result.complete(RoundResult.BLOCKED_STALE);
            return false;
        }
        if (!core.claimMarkets()) {
            core.droppedInFlight++;
            result.complete(RoundResult.DROPPED_IN_FLIGHT);
            return false;
        }
        return true;
    }
}
