package dev.arb.strategy.api;

/**
 * What a strategy sees when it is called: both legs (books, positions, rules, funding), the engine's
 * position state in the pair, the time, and the current parameter values.
 *
 * <p>Leg A is {@code dex_a} of the bot's configuration, leg B {@code dex_b};
 * {@link Direction#BUY_A_SELL_B} buys on A and sells on B.
 *
 * <p>The object is owned by the engine and reused: read it during the callback it is passed to, do
 * not keep it. Every method is allocation-free.
 *
 * <p><b>Note:</b> not thread-safe; read it only on the engine's thread, inside a {@link Strategy}
 * callback.
 */
public interface StrategyContext {
    /** @return the bot's id from the configuration ({@code bots[].id}) */
    String botId();

    /** @return leg A ({@code dex_a}) */
    LegView legA();

    /** @return leg B ({@code dex_b}) */
    LegView legB();

    /** @return the engine's position state in this pair */
    PositionState state();

    /** @return the direction of the open position when {@link #state()} is {@link PositionState#OPEN}, else null */
    Direction openDirection();

    /**
     * @return the scale of the sizes in an {@link Intent}: the finer of the two legs' size scales, so
     *     that a size is exact on both venues before the engine rounds it down to both step sizes
     */
    int sizeScale();

    /**
     * @return the engine's default leg size ({@code position_size}), base units at {@link #sizeScale()},
     *     already rounded down to a multiple of both venues' step sizes
     */
    long positionSize();

    /** @return the engine's clock, {@link System#nanoTime()} live, the capture's time in a backtest; ns */
    long nowNanos();

    /**
     * @return the current values of every parameter, the engine's and the strategy's (immutable;
     *     a new object after each accepted change, so a strategy may keep it until the next
     *     {@link Strategy#configure})
     */
    Parameters parameters();
}
