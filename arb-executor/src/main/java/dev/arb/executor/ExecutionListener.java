package dev.arb.executor;

import dev.arb.api.OrderUpdate;
import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;

/**
 * Observer of a {@link DeltaNeutralExecutor}: opportunities, entries, exits, recovery steps,
 * latencies and halts. Every method has an empty default.
 *
 * <p><b>Note:</b> called on the executor's state thread (the venues' event loop): implementations
 * must return quickly and must not block. An exception thrown is logged and ignored.
 */
public interface ExecutionListener {
    /**
     * A tick whose net spread reached the entry threshold while the executor could enter.
     *
     * @param d         direction of the opportunity
     * @param spreadPct its net spread (after both taker fees), percent
     */
    default void onOpportunity(final Direction d, final double spreadPct) {
    }

    /**
     * An entry round left a hedged position open.
     *
     * @param d        direction of the position
     * @param sizeBase hedged size on each venue, base units
     */
    default void onEntry(final Direction d, final BigDecimal sizeBase) {
    }

    /**
     * One order of a flatten (asked by the operator, at the end of a run, or by a start-up
     * reconciliation): a reduce-only order closing a venue's reported position. Not an unwind: nothing
     * was one-sided, so it is reported apart from {@link #onUnwind} and not counted as one.
     *
     * @param venue    venue name as the adapter reports it
     * @param sizeBase size this order closed, base units (0 when nothing filled)
     * @param closed   {@code true} if the order filled, wholly or partly
     * @param detail   the attempt and the venue's answer or the error, one line
     */
    default void onFlatten(final String venue, final BigDecimal sizeBase, final boolean closed, final String detail) {
    }

    /**
     * An exit round closed some or all of the position.
     *
     * @param d               direction of the position that was (partly) closed
     * @param sizeBase        size closed on each venue, base units
     * @param realizedPnlUsd  PnL realized during the round (fills and unwinds, fees subtracted), USD
     */
    default void onExit(final Direction d, final BigDecimal sizeBase, final BigDecimal realizedPnlUsd) {
    }

    /**
     * One venue filled more than the other; the excess is about to be unwound.
     *
     * @param venue      venue name as the adapter reports it
     * @param excessBase size filled beyond the hedged size, base units
     * @param reason     why (leg rejected, partial fill ...)
     */
    default void onOneSidedFill(final String venue, final BigDecimal excessBase, final String reason) {
    }

    /**
     * One step of an unwind: a reduce-only order's outcome, or the final failure.
     *
     * @param venue    venue name as the adapter reports it
     * @param sizeBase size the step reduced, base units
     * @param success  {@code true} once the excess on that venue is gone
     * @param reason   what is being unwound and which attempt
     */
    default void onUnwind(final String venue, final BigDecimal sizeBase, final boolean success, final String reason) {
    }

    /**
     * A venue answered an order.
     *
     * @param update             the venue's state of the order
     * @param decisionToAckNanos ns from the decision that sent it to the answer's arrival
     */
    default void onOrderAck(final OrderUpdate update, final long decisionToAckNanos) {
    }

    /**
     * A book change was evaluated (called on every tick: keep it allocation-free).
     *
     * @param tickToDecisionNanos ns from the arrival of the frame that changed the book
     *                            ({@link dev.arb.api.OrderBook#receivedNanos()}) to the decision, so it
     *                            includes the adapter's parse and book update
     */
    default void onDecision(final long tickToDecisionNanos) {
    }

    /**
     * The executor halted: no new entries until restarted. Alert the operator.
     *
     * @param reason why
     */
    default void onHalt(final String reason) {
    }

    /**
     * A round (a position from flat back to flat) ended: its realized PnL explained, in cents. The run's
     * PnL total is the sum of these lines.
     *
     * @param round spread, slippage, fees, funding and total of the round, USD
     */
    default void onRoundClosed(final PnlBreakdown round) {
    }

    /**
     * The strategy changed, a replacement was refused, a parameter changed, or the strategy threw.
     *
     * @param event one line for the operator
     */
    default void onStrategyEvent(final String event) {
    }

    /**
     * An order was handed to the venue's adapter; called on the engine's thread, before its answer.
     *
     * @param venue                venue name as the adapter reports it
     * @param decisionToSendNanos  ns from the decision to the hand-over: by default (intent written ahead) to
     *                             the adapter's {@code placeOrder} returning, which includes its signing and
     *                             the hand-over to its I/O thread; with {@link ExecutorConfig#journalBeforeSend()}
     *                             to the call of {@code placeOrder}, after the commit
     * @param journalCommitNanos   with {@link ExecutorConfig#journalBeforeSend()}, ns from appending the intent to
     *                             its commit being seen; −1 by default, as the commit is still under way (see
     *                             {@link #onIntentCommitted})
     */
    default void onOrderSent(final String venue, final long decisionToSendNanos, final long journalCommitNanos) {
    }

    /**
     * An order's intent was committed to the journal; called once per order on the engine's thread, before or
     * after the order's answer (by default the commit runs in parallel with the send).
     *
     * @param venue              venue name as the adapter reports it
     * @param journalCommitNanos ns from appending the intent to the journal to its commit being seen on the
     *                           engine's thread
     */
    default void onIntentCommitted(final String venue, final long journalCommitNanos) {
    }
}
