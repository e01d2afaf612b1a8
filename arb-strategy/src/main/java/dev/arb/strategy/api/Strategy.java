package dev.arb.strategy.api;

import dev.arb.api.Side;
import java.util.List;

/**
 * The decision half of a bot: called by the engine on every book change of either leg (and, if it
 * asks, on a timer and on its own fills), it reads a {@link StrategyContext} and answers with an
 * {@link Intent}. The engine owns everything else: orders, positions, risk gates, unwinds, the kill
 * switch and the journal. A strategy never sends an order and cannot bypass a gate.
 *
 * <p><b>Threading.</b> Every method is called on the engine's single thread (the venues' event loop),
 * one call at a time; a strategy needs no locks. It must return quickly and must not block: it runs
 * between two market-data events. {@link #onBook} is on the market-data path and should allocate
 * nothing.
 *
 * <p><b>Parameters.</b> {@link #parameters()} declares the strategy's own parameters (name, unit, type,
 * bounds, default). The engine validates every value against them, at start and on a live change
 * ({@code set <bot> <param> <value>}, a watched YAML edit), then calls {@link #configure} between two
 * events with the complete new set (the engine's parameters such as {@code position_size} and
 * {@code slippage_bps} included). Cache what {@link #onBook} needs in fields there.
 *
 * <p><b>Errors.</b> A strategy that throws from a callback has that call's intent discarded; the throw
 * is counted and alerted, and after {@code strategy_max_errors} consecutive throws the engine replaces
 * it with one that holds (no entries; the engine's own exits and unwinds go on). A strategy whose
 * constructor, {@link #parameters()} or {@link #configure} throws, or that throws on a dry run against
 * the current books, is refused before it takes over.
 *
 * <p><b>Loading.</b> The built-in strategy is compiled into the bot. Another is named by class
 * ({@code strategy: {class: com.example.MyStrategy}}, public no-argument constructor) or given as one
 * Java source file ({@code --strategy MyStrategy.java}) that the bot compiles at run time against this
 * SPI and recompiles when the file is saved; the new instance takes over between two events with the
 * positions and rounds in flight untouched.
 *
 * <p><b>Note:</b> implementations are confined to the engine's thread.
 */
public interface Strategy {
    /** @return a short name for logs and the summary (e.g. {@code threshold-spread}) */
    String name();

    /**
     * @return the strategy's own parameters (not the engine's), in display order; names are
     *     {@code snake_case} and must not repeat an engine parameter's name
     */
    List<ParamSpec> parameters();

    /**
     * Takes a complete, validated set of parameter values: once before the first event, and after
     * every accepted change.
     *
     * @param context the context, whose {@link StrategyContext#parameters()} holds the new values and whose
     *                legs' market rules are known
     */
    void configure(StrategyContext context);

    /**
     * A book of either leg changed (every update, both venues). Allocation-free on the hot path.
     *
     * @param context both books, positions, state, parameters
     * @param out     the answer, reset to hold before the call
     */
    void onBook(StrategyContext context, Intent out);

    /**
     * @return the period of {@link #onTimer}, ms; 0 (default) = no timer. Read once when the strategy
     *     takes over.
     */
    default long timerIntervalMs() {
        return 0;
    }

    /**
     * The timer fired ({@link #timerIntervalMs()}); answered like {@link #onBook}.
     *
     * @param context both books, positions, state, parameters
     * @param out     the answer, reset to hold before the call
     */
    default void onTimer(final StrategyContext context, final Intent out) {
    }

    /**
     * One of the engine's orders on {@code leg} filled (fully or partly), after the engine updated the
     * position; answered like {@link #onBook} (an intent is acted on once the round has finished).
     *
     * @param context both books, positions, state, parameters
     * @param leg     the leg that filled ({@code context.legA()} or {@code context.legB()})
     * @param side    the order's side
     * @param size    filled size, base units at the leg's size scale
     * @param price   average fill price at the leg's price scale
     * @param out     the answer, reset to hold before the call
     */
    default void onFill(final StrategyContext context, final LegView leg, final Side side, final long size,
        final long price, final Intent out) {
    }
}
