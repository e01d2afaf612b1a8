package dev.arb.executor;

import dev.arb.api.OrderUpdate;
import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shields the executor's state machine from a listener that throws: the exception is logged (the
 * first one at WARN with its stack, later ones at DEBUG) and ignored.
 *
 * <p><b>Note:</b> called only on the executor's state thread.
 */
final class GuardedListener implements ExecutionListener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    private final ExecutionListener delegate;
    private boolean warned;

    GuardedListener(final ExecutionListener delegate) {
        this.delegate = Objects.requireNonNull(delegate, "listener");
    }

    private void failed(final String method, final RuntimeException e) {
        if (!warned) {
            warned = true;
            LOG.warn("ExecutionListener.{} threw; ignored (further failures logged at DEBUG)", method, e);
        } else {
            LOG.debug("ExecutionListener.{} threw", method, e);
        }
    }

    @Override
    public void onOpportunity(final Direction d, final double spreadPct) {
        try {
            delegate.onOpportunity(d, spreadPct);
        } catch (RuntimeException e) {
            failed("onOpportunity", e);
        }
    }

    @Override
    public void onEntry(final Direction d, final BigDecimal sizeBase) {
        try {
            delegate.onEntry(d, sizeBase);
        } catch (RuntimeException e) {
            failed("onEntry", e);
        }
    }

    @Override
    public void onExit(final Direction d, final BigDecimal sizeBase, final BigDecimal realizedPnlUsd) {
        try {
            delegate.onExit(d, sizeBase, realizedPnlUsd);
        } catch (RuntimeException e) {
            failed("onExit", e);
        }
    }

    @Override
    public void onOneSidedFill(final String venue, final BigDecimal excessBase, final String reason) {
        try {
            delegate.onOneSidedFill(venue, excessBase, reason);
        } catch (RuntimeException e) {
            failed("onOneSidedFill", e);
        }
    }

    @Override
    public void onUnwind(final String venue, final BigDecimal sizeBase, final boolean success, final String reason) {
        try {
            delegate.onUnwind(venue, sizeBase, success, reason);
        } catch (RuntimeException e) {
            failed("onUnwind", e);
        }
    }

    @Override
    public void onFlatten(final String venue, final BigDecimal sizeBase, final boolean closed, final String detail) {
        try {
            delegate.onFlatten(venue, sizeBase, closed, detail);
        } catch (RuntimeException e) {
            failed("onFlatten", e);
        }
    }

    @Override
    public void onOrderAck(final OrderUpdate update, final long decisionToAckNanos) {
        try {
            delegate.onOrderAck(update, decisionToAckNanos);
        } catch (RuntimeException e) {
            failed("onOrderAck", e);
        }
    }

    @Override
    public void onDecision(final long tickToDecisionNanos) {
        try {
            delegate.onDecision(tickToDecisionNanos);
        } catch (RuntimeException e) {
            failed("onDecision", e);
        }
    }

    @Override
    public void onHalt(final String reason) {
        try {
            delegate.onHalt(reason);
        } catch (RuntimeException e) {
            failed("onHalt", e);
        }
    }

    @Override
    public void onRoundClosed(final PnlBreakdown round) {
        try {
            delegate.onRoundClosed(round);
        } catch (RuntimeException e) {
            failed("onRoundClosed", e);
        }
    }

    @Override
    public void onStrategyEvent(final String event) {
        try {
            delegate.onStrategyEvent(event);
        } catch (RuntimeException e) {
            failed("onStrategyEvent", e);
        }
    }

    @Override
    public void onOrderSent(final String venue, final long decisionToSendNanos, final long journalCommitNanos) {
        try {
            delegate.onOrderSent(venue, decisionToSendNanos, journalCommitNanos);
        } catch (RuntimeException e) {
            failed("onOrderSent", e);
        }
    }

    @Override
    public void onIntentCommitted(final String venue, final long journalCommitNanos) {
        try {
            delegate.onIntentCommitted(venue, journalCommitNanos);
        } catch (RuntimeException e) {
            failed("onIntentCommitted", e);
        }
    }
}
