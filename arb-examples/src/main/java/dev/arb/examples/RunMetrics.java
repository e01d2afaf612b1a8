package dev.arb.examples;

import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.strategy.api.Direction;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.PnlBreakdown;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the latencies the summary reports (tick-to-decision and decision-to-ack, ns, in
 * HdrHistograms with 3 significant digits) and logs every trading event of one bot.
 *
 * <p><b>Note:</b> not thread-safe: the executor calls it on its state thread only; read the
 * histograms on that thread (see {@link TradingSession}).
 */
final class RunMetrics implements ExecutionListener {
    private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);
    private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String botId;
    final Histogram tickToDecisionNanos = new Histogram(MAX_NANOS, 3);
    final Histogram decisionToAckNanos = new Histogram(MAX_NANOS, 3);

    RunMetrics(final String botId) {
        this.botId = botId;
    }

    @Override
    public void onDecision(final long tickToDecisionNanos) {
        this.tickToDecisionNanos.recordValue(clamp(tickToDecisionNanos));
    }

    @Override
    public void onOrderAck(final OrderUpdate update, final long decisionToAckNanos) {
        this.decisionToAckNanos.recordValue(clamp(decisionToAckNanos));
        if (update.status() == OrderStatus.REJECTED) {
            LOG.warn("[{}] order rejected: {}", botId, update);
        } else {
            LOG.debug("[{}] order done: {}", botId, update);
        }
    }

    @Override
    public void onOpportunity(final Direction direction, final double spreadPct) {
        LOG.info("[{}] opportunity {} spread {}%", botId, direction, String.format("%.4f", spreadPct));
    }

    @Override
    public void onEntry(final Direction direction, final BigDecimal sizeBase) {
        LOG.info("[{}] entered {} size {}", botId, direction, sizeBase.toPlainString());
    }

    @Override
    public void onExit(final Direction direction, final BigDecimal sizeBase, final BigDecimal realizedPnlUsd) {
        LOG.info("[{}] exited {} size {}", botId, direction, sizeBase.toPlainString());
    }

    @Override
    public void onOneSidedFill(final String venue, final BigDecimal excessBase, final String reason) {
        LOG.warn("[{}] one-sided fill on {}: excess {} ({})", botId, venue, excessBase.toPlainString(), reason);
    }

    @Override
    public void onUnwind(final String venue, final BigDecimal sizeBase, final boolean success, final String reason) {
        LOG.warn("[{}] unwind on {} size {} {} ({})", botId, venue, sizeBase.toPlainString(),
            success ? "done" : "FAILED", reason);
    }

    @Override
    public void onHalt(final String reason) {
        LOG.error("[{}] HALTED: {}", botId, reason);
    }

    @Override
    public void onRoundClosed(final PnlBreakdown round) {
        LOG.info("[{}] round closed: {}", botId, round.describe());
    }

    @Override
    public void onStrategyEvent(final String event) {
        LOG.info("[{}] {}", botId, event);
    }

    private static long clamp(final long nanos) {
        return Math.max(0, Math.min(MAX_NANOS, nanos));
    }
}
