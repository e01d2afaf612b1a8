package dev.arb.examples;

import dev.arb.api.MarketSpec;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.UntrustedText;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.PnlBreakdown;
import dev.arb.executor.SizeFormat;
import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the latencies the summary reports (tick-to-decision and decision-to-ack, ns, in
 * HdrHistograms with 3 significant digits) and logs every trading event of one bot: sizes the same way
 * on both venues ({@link SizeFormat}, the finer of the two markets' steps), prices and sizes of order
 * answers as decimals (not the venues' fixed-point integers), venue text escaped and cut.
 *
 * <p><b>Note:</b> not thread-safe: the executor calls it on its state thread only; read the
 * histograms on that thread (see {@link TradingSession}).
 */
final class RunMetrics implements ExecutionListener {
    private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);
    private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String botId;
    private final SizeFormat sizes;
    private final Map<String, MarketSpec> markets;
    final Histogram tickToDecisionNanos = new Histogram(MAX_NANOS, 3);
    final Histogram decisionToAckNanos = new Histogram(MAX_NANOS, 3);

    /**
     * @param botId   the bot's id, prefixed to each line
     * @param markets the bot's two markets keyed {@code venue:symbol} (see {@link #key}), for decimal prices
     * @param sizes   how the bot's sizes print
     */
    RunMetrics(final String botId, final Map<String, MarketSpec> markets, final SizeFormat sizes) {
        this.botId = botId;
        this.markets = Map.copyOf(markets);
        this.sizes = sizes;
    }

    /** @return the key of a market in the map handed to the constructor */
    static String key(final String venue, final String symbol) {
        return venue + ":" + symbol;
    }

    /** @return the order answer with decimal size, filled size and average price; venue text escaped */
    String describe(final OrderUpdate u) {
        final MarketSpec spec = markets.get(key(u.venue(), u.market()));
        final String size = spec == null ? u.size() + " (units)" : sizes.format(u.size(), spec.sizeScale());
        final String filled = spec == null ? String.valueOf(u.filledSize()) : sizes.format(u.filledSize(), spec.sizeScale());
        final String price = u.avgFillPrice() == 0 ? "-" : spec == null ? u.avgFillPrice() + " (units)"
            : spec.formatPrice(u.avgFillPrice());
        return u.venue() + " " + u.market() + " " + u.side() + " " + u.status() + " size " + size + " filled " + filled
            + " avg price " + price + " fee " + u.feeUsd().toPlainString() + " USD, client id " + u.clientOrderId()
            + ", venue id " + UntrustedText.forLog(u.venueOrderId())
            + (u.rejectCode() != null ? ", reject " + UntrustedText.forLog(u.rejectCode() + " " + u.rejectReason()) : "");
    }

    @Override
    public void onDecision(final long tickToDecisionNanos) {
        this.tickToDecisionNanos.recordValue(clamp(tickToDecisionNanos));
    }

    @Override
    public void onOrderAck(final OrderUpdate update, final long decisionToAckNanos) {
        this.decisionToAckNanos.recordValue(clamp(decisionToAckNanos));
        if (update.status() == OrderStatus.REJECTED) {
            LOG.warn("[{}] order rejected: {}", botId, describe(update));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] order done: {}", botId, describe(update));
        }
    }

    @Override
    public void onOpportunity(final Direction direction, final double spreadPct) {
        LOG.info("[{}] opportunity {} spread {}%", botId, direction, String.format("%.4f", spreadPct));
    }

    @Override
    public void onEntry(final Direction direction, final BigDecimal sizeBase) {
        LOG.info("[{}] entered {} size {}", botId, direction, sizes.format(sizeBase));
    }

    @Override
    public void onExit(final Direction direction, final BigDecimal sizeBase, final BigDecimal realizedPnlUsd) {
        LOG.info("[{}] exited {} size {}", botId, direction, sizes.format(sizeBase));
    }

    @Override
    public void onOneSidedFill(final String venue, final BigDecimal excessBase, final String reason) {
        LOG.warn("[{}] one-sided fill on {}: excess {} ({})", botId, venue, sizes.format(excessBase), reason);
    }

    @Override
    public void onUnwind(final String venue, final BigDecimal sizeBase, final boolean success, final String reason) {
        LOG.warn("[{}] unwind on {} size {} {} ({})", botId, venue, sizes.format(sizeBase),
            success ? "done" : "FAILED", reason);
    }

    @Override
    public void onFlatten(final String venue, final BigDecimal sizeBase, final boolean closed, final String detail) {
        if (closed) {
            LOG.info("[{}] flatten on {}: closed {} ({})", botId, venue, sizes.format(sizeBase), detail);
        } else {
            LOG.warn("[{}] flatten on {}: nothing closed ({})", botId, venue, detail);
        }
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
