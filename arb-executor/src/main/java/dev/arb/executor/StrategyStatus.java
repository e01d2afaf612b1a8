package dev.arb.executor;

import java.util.List;
import java.util.Map;

/**
 * The strategy a bot runs and what happened to it: its name, where it came from, swaps, refused swaps,
 * throws while deciding, the current parameter values and the changes applied while running.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param name           the strategy's {@code name()}
 * @param sourceSha256   SHA-256 (hex) of the source file it was compiled from, or {@code built-in} / the
 *                       class name for a compiled-in strategy
 * @param swaps          strategies that took over while running
 * @param swapFailures   replacements refused (compile error, throw on construction, configure or dry run)
 * @param errors         throws while deciding
 * @param parameters     current values by name (engine and strategy), as text
 * @param paramChanges   changes applied while running, oldest first
 */
public record StrategyStatus(String name, String sourceSha256, long swaps, long swapFailures, long errors,
    Map<String, String> parameters, List<ParamChange> paramChanges) {
}
