package dev.arb.strategy.api;

/**
 * A strategy's answer to one callback: hold, enter the pair in a direction, or exit the open position.
 * The engine owns one {@code Intent}, resets it to {@link Action#HOLD} before every callback and reads
 * it after; a strategy writes it with {@link #hold()}, {@link #enter} or {@link #exit(double)}. The
 * last call wins.
 *
 * <p><b>What the engine does with each intent.</b>
 * <ul>
 *   <li>{@link Action#HOLD}: nothing.</li>
 *   <li>{@link Action#ENTER} when {@link PositionState#FLAT}: counts an opportunity, then sends both
 *       legs at once as IOC LIMIT orders only if every gate passes: not halted or stopped (kill
 *       switch), both quotes fresh ({@code max_quote_age_ms}, {@code max_skew_ms}), no round in flight
 *       on either market, and the risk guard admits the size (position, notional, daily loss, breaker).
 *       A strategy cannot bypass any of them. The size is rounded down to both venues' step sizes; a
 *       limit price of 0 lets the engine price the leg ({@code slippage_bps} beyond the deepest level
 *       the size needs); an explicit limit is snapped to the tick on the safe side.</li>
 *   <li>{@link Action#ENTER} when {@link PositionState#BUSY}: counted as an opportunity dropped in
 *       flight. When {@link PositionState#OPEN}: ignored (no scaling in).</li>
 *   <li>{@link Action#EXIT} when {@link PositionState#OPEN}: closes both legs with reduce-only IOC
 *       orders priced {@code slippage_bps} beyond the book, unless the breaker is cooling down after
 *       errors or another round holds a market. Otherwise ignored.</li>
 * </ul>
 *
 * <p>Sizes are fixed-point base units at {@link StrategyContext#sizeScale()}; prices are fixed-point
 * at each leg's {@code spec().priceScale()}; edges are percent.
 *
 * <p><b>Note:</b> not thread-safe; written and read on the engine's thread only. Allocation-free.
 */
public final class Intent {
    /** What the strategy asks for. */
    public enum Action {
        /** Do nothing. */
        HOLD,
        /** Open a hedged position in {@link Intent#direction()}. */
        ENTER,
        /** Close the open position. */
        EXIT
    }

    private Action action = Action.HOLD;
    private Direction direction;
    private double edgePct;
    private long size;
    private long limitA;
    private long limitB;

    /** Resets to {@link Action#HOLD} (the engine calls this before every callback). */
    public void hold() {
        action = Action.HOLD;
        direction = null;
        edgePct = 0;
        size = 0;
        limitA = 0;
        limitB = 0;
    }

    /**
     * Enter with the engine's default size ({@code position_size}) and limit prices.
     *
     * @param d       which venue to buy
     * @param edgePct the net edge the strategy expects, percent (reported to listeners and the journal)
     * @throws NullPointerException if {@code d} is null
     */
    public void enter(final Direction d, final double edgePct) {
        enter(d, edgePct, 0, 0, 0);
    }

    /**
     * Enter with an explicit size and limit prices.
     *
     * @param d       which venue to buy
     * @param edgePct the net edge the strategy expects, percent
     * @param size    leg size, base units at {@link StrategyContext#sizeScale()}; 0 = {@code position_size}
     * @param limitA  worst price for leg A at A's price scale; 0 = the engine's slippage bound
     * @param limitB  worst price for leg B at B's price scale; 0 = the engine's slippage bound
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if a size or price is negative
     */
    public void enter(final Direction d, final double edgePct, final long size, final long limitA, final long limitB) {
        if (d == null) {
            throw new NullPointerException("direction");
        }
        if (size < 0 || limitA < 0 || limitB < 0) {
            throw new IllegalArgumentException("size and limit prices must be ≥ 0");
        }
        action = Action.ENTER;
        direction = d;
        this.edgePct = edgePct;
        this.size = size;
        this.limitA = limitA;
        this.limitB = limitB;
    }

    /**
     * Exit the open position (both legs, reduce-only).
     *
     * @param edgePct the closing spread the strategy measured, percent (reported)
     */
    public void exit(final double edgePct) {
        action = Action.EXIT;
        direction = null;
        this.edgePct = edgePct;
        size = 0;
        limitA = 0;
        limitB = 0;
    }

    /** @return what the strategy asked for */
    public Action action() {
        return action;
    }

    /** @return the entry direction, or null unless {@link Action#ENTER} */
    public Direction direction() {
        return direction;
    }

    /** @return the edge the strategy reported, percent */
    public double edgePct() {
        return edgePct;
    }

    /** @return the entry size at {@link StrategyContext#sizeScale()}, 0 = the engine's default */
    public long size() {
        return size;
    }

    /** @return leg A's limit price at its price scale, 0 = the engine's slippage bound */
    public long limitA() {
        return limitA;
    }

    /** @return leg B's limit price at its price scale, 0 = the engine's slippage bound */
    public long limitB() {
        return limitB;
    }

    @Override
    public String toString() {
        return action == Action.ENTER ? "ENTER " + direction + " edge " + edgePct + "%" + (size != 0 ? " size " + size : "")
            : action == Action.EXIT ? "EXIT edge " + edgePct + "%" : "HOLD";
    }
}
