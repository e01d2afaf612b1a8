package dev.arb.executor;

import dev.arb.api.OrderBook;
import dev.arb.api.Side;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Explains realized PnL round by round. A round starts with the first fill while both legs are flat
 * and ends when both are flat again; its line ({@link PnlBreakdown}, in cents) is journaled, logged and
 * reported to the listener, and the run's total is the sum of those lines, so the lines, the summary
 * and the journal agree to the cent.
 *
 * <ul>
 *   <li><b>Spread</b>: the gross PnL the fills would have realized at the decision prices (the book's
 *       VWAP for the size when the round was decided; the touch for unwinds and flattens).</li>
 *   <li><b>Slippage</b>: per fill, {@code (decision − fill) × size} for a buy and
 *       {@code (fill − decision) × size} for a sell.</li>
 *   <li><b>Fees</b>: as the venues reported them, all four taker fees of a round.</li>
 *   <li><b>Funding</b>: accrued on the tracked positions from the venues' funding rates
 *       ({@code fundingRatePerHour}, positive = longs pay) at the leg's mid price, each time the
 *       position changes and when a round ends: {@code −position × mid × rate × hours}.</li>
 * </ul>
 *
 * <p><b>Note:</b> confined to the executor's state thread; {@link #total()} may be read from any thread.
 */
final class PnlAttribution {
    private static final double NANOS_PER_HOUR = 3_600e9;

    private final ExecutorCore core;
    private final Map<String, Long> decisionPrices = new HashMap<>();
    private BigDecimal slippageUsd = BigDecimal.ZERO;
    private BigDecimal fundingUsd = BigDecimal.ZERO;
    private long lastAccrualNanos;
    private PnlBreakdown roundStart;
    private PnlBreakdown closed = PnlBreakdown.ZERO;
    private volatile PnlBreakdown published = PnlBreakdown.ZERO;

    PnlAttribution(final ExecutorCore core) {
        this.core = core;
    }

    /** Remembers the price an order was decided at (fixed-point at its leg's price scale). */
    void expect(final String clientOrderId, final long decisionPrice) {
        if (decisionPrice > 0) {
            decisionPrices.put(clientOrderId, decisionPrice);
        }
    }

    /** @return the decision price of an order (forgotten now), or 0 if none was recorded */
    long decisionPrice(final String clientOrderId) {
        final Long p = decisionPrices.remove(clientOrderId);
        return p == null ? 0 : p;
    }

    /** Accrues funding on the positions held since the last accrual, up to now. */
    void accrueFunding() {
        final long now = core.clock.nanoTime();
        if (lastAccrualNanos != 0) {
            final double hours = (now - lastAccrualNanos) / NANOS_PER_HOUR;
            fundingUsd = fundingUsd.add(funding(core.legA, hours)).add(funding(core.legB, hours));
        }
        lastAccrualNanos = now;
    }

    private static BigDecimal funding(final Leg leg, final double hours) {
        final BigDecimal pos = leg.ledger.position();
        final double rate = leg.fundingRatePerHour();
        if (pos.signum() == 0 || Double.isNaN(rate) || rate == 0 || hours <= 0) {
            return BigDecimal.ZERO;
        }
        final BigDecimal price = mid(leg);
        return pos.multiply(price).multiply(BigDecimal.valueOf(rate * hours), MathContext.DECIMAL64).negate();
    }

    private static BigDecimal mid(final Leg leg) {
        final OrderBook b = leg.book;
        if (b != null && b.isValid() && b.bestBid() != OrderBook.NO_PRICE && b.bestAsk() != OrderBook.NO_PRICE) {
            return leg.price((b.bestBid() + b.bestAsk()) / 2);
        }
        return leg.ledger.lastFillPrice();
    }

    /**
     * Called just before a fill is applied to a ledger: accrues funding up to now and, when both legs
     * are flat, starts a round.
     */
    void beforeFill() {
        accrueFunding();
        if (roundStart == null && core.state != ExecutorCore.State.OPEN && core.state != ExecutorCore.State.IMBALANCED) {
            roundStart = cumulative();
        }
    }

    /** A fill was applied to {@code leg}'s ledger ({@link #beforeFill()} was called before). */
    void onFill(final Leg leg, final Side side, final long size, final long price, final long decisionPrice) {
        if (size > 0 && decisionPrice > 0) {
            final BigDecimal diff = leg.price(side == Side.BUY ? decisionPrice - price : price - decisionPrice);
            slippageUsd = slippageUsd.add(diff.multiply(leg.size(size)));
        }
        publish();
    }

    /**
     * The pair is flat again (within the venues' minimum order): ends the round, journals and logs its
     * line and adds it to the total.
     */
    void onSettled() {
        if (roundStart == null) {
            publish();
            return;
        }
        accrueFunding();
        final PnlBreakdown line = cumulative().since(roundStart).toCents();
        roundStart = null;
        closed = closed.plus(line);
        ExecutorCore.LOG.debug("executor {} round closed: {}", core.botId, line.describe());
        core.journal.append(JournalEvent.note(core.journal.runId(), JournalEventType.ROUND, core.botId + " "
            + "spread=" + line.spreadUsd().toPlainString() + " slippage=" + line.slippageUsd().toPlainString()
            + " fees=" + line.feesUsd().toPlainString() + " funding=" + line.fundingUsd().toPlainString()
            + " total=" + line.totalUsd().toPlainString()));
        core.listener.onRoundClosed(line);
        publish();
    }

    /** @return the sum of the closed rounds' lines (cents) plus the open round so far (exact) */
    PnlBreakdown total() {
        return published;
    }

    private void publish() {
        final PnlBreakdown open = roundStart == null ? PnlBreakdown.ZERO : cumulative().since(roundStart);
        published = roundStart == null ? closed : closed.plus(open);
    }

    /** Cumulative since start: spread = gross − slippage, fees negative, funding. */
    private PnlBreakdown cumulative() {
        final BigDecimal fees = core.legA.ledger.feesUsd().add(core.legB.ledger.feesUsd());
        final BigDecimal gross = core.realizedPnlUsd().add(fees);
        return PnlBreakdown.of(0, gross.subtract(slippageUsd), slippageUsd, fees.negate(), fundingUsd);
    }
}
