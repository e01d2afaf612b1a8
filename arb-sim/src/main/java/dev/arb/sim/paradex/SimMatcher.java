package dev.arb.sim.paradex;

import dev.arb.api.OrderType;
import dev.arb.api.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches a checked order of the simulated Paradex against the book of the current step: a reduce-only order that
 * would increase the position is closed with {@code REDUCE_ONLY_WILL_INCREASE}, a crossing {@code POST_ONLY} order
 * with {@code POST_ONLY_WOULD_CROSS}; otherwise the order takes the book's levels up to its limit (a MARKET order
 * any), at most the size the fill limiter allows ({@link #limitNextFills}). A fully filled order is closed; an IOC or
 * MARKET remainder is cancelled ({@code REMAINING_IOC_CANCEL}, {@code EMPTY_MARKET} for an unfilled MARKET order); a
 * GTC remainder rests without further matching.
 *
 * <p><b>Note:</b> not thread-safe: guarded by the monitor of the owning {@link SimExchange}; call only while
 * holding it.
 */
final class SimMatcher {
    /**
     * The outcome of matching one order.
     *
     * @param status         {@code CLOSED} or {@code OPEN}
     * @param cancelReason   why it was closed unfilled or partly filled, empty if not
     * @param levelFills     the fills, one per book level taken: {@code [price, size]}, scale 8
     * @param filled         total filled size, scale 8
     * @param filledNotional total filled notional, USD at scale 8
     */
    record Match(String status, String cancelReason, List<long[]> levelFills, long filled, long filledNotional) {
        /** @return the average fill price, scale 8 (0 if nothing filled) */
        long avgPrice() {
            if (filled == 0) {
                return 0;
            }
            return BigDecimal.valueOf(filledNotional, SimExchange.SCALE).divide(BigDecimal.valueOf(filled,
                SimExchange.SCALE), SimExchange.SCALE, RoundingMode.HALF_EVEN).movePointRight(SimExchange.SCALE)
                .longValueExact();
        }
    }

    private int limitedFills;
    private long maxFill;

    /**
     * The next {@code n} orders that would fill fill at most {@code maxFillBase}.
     *
     * @param n           number of orders
     * @param maxFillBase maximum filled size per order, scale 8
     */
    void limitNextFills(final int n, final long maxFillBase) {
        limitedFills = n;
        maxFill = maxFillBase;
    }

    /**
     * @param o        the checked order (with the book it matches against)
     * @param position the account's position in the order's market
     * @return the outcome (the position is not changed)
     */
    Match match(final SimOrderCheck.Checked o, final SimPosition position) {
        final Side side = o.side();
        final long size = o.size();
        if (o.reduceOnly() && (position.size == 0 || Long.signum(position.size) == side.sign()
            || size > Math.abs(position.size))) {
            return new Match("CLOSED", "REDUCE_ONLY_WILL_INCREASE", List.of(), 0, 0);
        }
        final SimExchange.Book book = o.book();
        final long[] prices = side == Side.BUY ? book.askPrices() : book.bidPrices();
        final long[] sizes = side == Side.BUY ? book.askSizes() : book.bidSizes();
        final boolean market = o.type() == OrderType.MARKET;
        final boolean crosses = market || (side == Side.BUY ? o.limit() >= prices[0] : o.limit() <= prices[0]);
        if (o.instruction().equals("POST_ONLY") && crosses) {
            return new Match("CLOSED", "POST_ONLY_WOULD_CROSS", List.of(), 0, 0);
        }
        long fillable = size;
        if (limitedFills > 0) {
            limitedFills--;
            fillable = Math.min(size, maxFill);
        }
        final List<long[]> levelFills = new ArrayList<>();
        long filled = 0;
        long filledNotional = 0;
        for (int i = 0; i < prices.length && filled < fillable; i++) {
            if (!market && (side == Side.BUY ? prices[i] > o.limit() : prices[i] < o.limit())) {
                break;
            }
            final long q = Math.min(fillable - filled, sizes[i]);
            levelFills.add(new long[] {prices[i], q});
            filled += q;
            filledNotional = Math.addExact(filledNotional, BigDecimal.valueOf(q, SimExchange.SCALE)
                .multiply(BigDecimal.valueOf(prices[i], SimExchange.SCALE)).movePointRight(SimExchange.SCALE)
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact());
        }
        if (filled == size) {
            return new Match("CLOSED", "", levelFills, filled, filledNotional);
        }
        if (market || o.instruction().equals("IOC")) {
            return new Match("CLOSED", filled == 0 && market ? "EMPTY_MARKET" : "REMAINING_IOC_CANCEL", levelFills,
                filled, filledNotional);
        }
        return new Match("OPEN", "", levelFills, filled, filledNotional);
    }
}
