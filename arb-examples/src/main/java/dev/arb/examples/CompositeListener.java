package dev.arb.examples;

import dev.arb.api.OrderUpdate;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.PnlBreakdown;
import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;
import java.util.List;

/**
 * One executor listener that forwards every call to several (the bot's own metrics, the operator
 * plane's events and Prometheus metrics), in order. {@code onDecision} iterates an array: no allocation.
 *
 * <p><b>Note:</b> called on the executor's state thread, like its delegates.
 */
final class CompositeListener implements ExecutionListener {
    private final ExecutionListener[] all;

    CompositeListener(final List<ExecutionListener> listeners) {
        this.all = listeners.toArray(new ExecutionListener[0]);
    }

    @Override
    public void onDecision(final long tickToDecisionNanos) {
        for (ExecutionListener l : all) {
            l.onDecision(tickToDecisionNanos);
        }
    }

    @Override
    public void onOpportunity(final Direction d, final double spreadPct) {
        for (ExecutionListener l : all) {
            l.onOpportunity(d, spreadPct);
        }
    }

    @Override
    public void onEntry(final Direction d, final BigDecimal sizeBase) {
        for (ExecutionListener l : all) {
            l.onEntry(d, sizeBase);
        }
    }

    @Override
    public void onExit(final Direction d, final BigDecimal sizeBase, final BigDecimal realizedPnlUsd) {
        for (ExecutionListener l : all) {
            l.onExit(d, sizeBase, realizedPnlUsd);
        }
    }

    @Override
    public void onOneSidedFill(final String venue, final BigDecimal excessBase, final String reason) {
        for (ExecutionListener l : all) {
            l.onOneSidedFill(venue, excessBase, reason);
        }
    }

    @Override
    public void onUnwind(final String venue, final BigDecimal sizeBase, final boolean success, final String reason) {
        for (ExecutionListener l : all) {
            l.onUnwind(venue, sizeBase, success, reason);
        }
    }

    @Override
    public void onFlatten(final String venue, final BigDecimal sizeBase, final boolean closed, final String detail) {
        for (ExecutionListener l : all) {
            l.onFlatten(venue, sizeBase, closed, detail);
        }
    }

    @Override
    public void onOrderAck(final OrderUpdate update, final long decisionToAckNanos) {
        for (ExecutionListener l : all) {
            l.onOrderAck(update, decisionToAckNanos);
        }
    }

    @Override
    public void onHalt(final String reason) {
        for (ExecutionListener l : all) {
            l.onHalt(reason);
        }
    }

    @Override
    public void onRoundClosed(final PnlBreakdown round) {
        for (ExecutionListener l : all) {
            l.onRoundClosed(round);
        }
    }

    @Override
    public void onStrategyEvent(final String event) {
        for (ExecutionListener l : all) {
            l.onStrategyEvent(event);
        }
    }

    @Override
    public void onOrderSent(final String venue, final long decisionToSendNanos, final long journalCommitNanos) {
        for (ExecutionListener l : all) {
            l.onOrderSent(venue, decisionToSendNanos, journalCommitNanos);
        }
    }

    @Override
    public void onIntentCommitted(final String venue, final long journalCommitNanos) {
        for (ExecutionListener l : all) {
            l.onIntentCommitted(venue, journalCommitNanos);
        }
    }
}
