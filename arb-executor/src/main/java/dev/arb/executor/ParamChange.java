package dev.arb.executor;

/**
 * One parameter change applied while a bot ran.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param timeMs   when it applied, ms since the epoch
 * @param bot      the bot's id
 * @param param    the parameter's name ({@code spread_entry})
 * @param oldValue the value before, as text
 * @param newValue the value after, as text
 */
public record ParamChange(long timeMs, String bot, String param, String oldValue, String newValue) {
}
