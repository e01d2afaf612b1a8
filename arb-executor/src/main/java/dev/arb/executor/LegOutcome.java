package dev.arb.executor;

import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
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
 */
record LegOutcome(OrderRequest request, OrderUpdate update, Throwable error, long arrivedNanos) {
    static LegOutcome of(final OrderRequest request, final OrderUpdate update, final Throwable error) {
        return new LegOutcome(request, update, unwrap(error), System.nanoTime());
    }

    /** @return filled size at the market's size scale (0 on error or when nothing filled) */
    long filled() {
        return update == null ? 0 : update.filledSize();
    }

    /** @return {@code true} if the venue refused the order, the call failed or the outcome is unknown */
    boolean failed() {
        return error != null || update.status() == OrderStatus.REJECTED || update.status() == OrderStatus.UNKNOWN;
    }

    /** @return {@code true} if the order may or may not have executed (timeout) */
    boolean outcomeUnknown() {
        return error instanceof TimeoutException || error instanceof ExchangeTimeoutException
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
        return "ok";
    }

    private static Throwable unwrap(final Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
