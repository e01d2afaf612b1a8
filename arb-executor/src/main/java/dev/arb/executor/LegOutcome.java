package dev.arb.executor;

import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.TransportException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * What became of one order: the venue's answer or the error, and when it arrived.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param request      the order sent
 * @param update       the venue's answer, or null on error
 * @param error        the error (unwrapped), or null
 * @param arrivedNanos {@link System#nanoTime()} when the answer or error arrived
 * @param lostAck      {@code true} if the first answer was lost and {@code update} comes from a lookup
 * @param resolvedBy   how a lost ack was resolved ({@code lookup}, {@code position}), or null
 */
record LegOutcome(OrderRequest request, OrderUpdate update, Throwable error, long arrivedNanos, boolean lostAck,
    String resolvedBy) {
    static LegOutcome of(final OrderRequest request, final OrderUpdate update, final Throwable error,
        final long arrivedNanos) {
        return new LegOutcome(request, update, unwrap(error), arrivedNanos, false, null);
    }

    /** @return a copy marked as resolved after a lost ack */
    LegOutcome resolved(final OrderUpdate resolvedUpdate, final String by) {
        return new LegOutcome(request, resolvedUpdate, null, arrivedNanos, true, by);
    }

    /** @return a copy marked as a lost ack that is still unresolved */
    LegOutcome lost() {
        return new LegOutcome(request, update, error, arrivedNanos, true, resolvedBy);
    }

    /** @return filled size at the market's size scale (0 on error or when nothing filled) */
    long filled() {
        return update == null ? 0 : update.filledSize();
    }

    /** @return {@code true} if the venue refused the order, the call failed or the outcome is unknown */
    boolean failed() {
        return error != null || update.status() == OrderStatus.REJECTED || update.status() == OrderStatus.UNKNOWN;
    }

    /** @return {@code true} if the order may or may not have executed (timeout, transport error after sending) */
    boolean outcomeUnknown() {
        return error instanceof TimeoutException || error instanceof ExchangeTimeoutException
            || error instanceof TransportException
            || (update != null && update.status() == OrderStatus.UNKNOWN);
    }

    /** @return the venue's message or the error's, for reports */
    String describeFailure() {
        if (error != null) {
            return error.getClass().getSimpleName() + ": " + error.getMessage();
        }
        if (update != null && update.status() == OrderStatus.REJECTED) {
            return "rejected [" + update.rejectCode() + "] " + update.rejectReason();
        }
        if (update != null && update.status() == OrderStatus.UNKNOWN) {
            return "outcome unknown (the venue did not confirm the order's state)";
        }
        return "not failed (" + (update == null ? "no answer" : update.status()) + ")";
    }

    static Throwable unwrap(final Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
