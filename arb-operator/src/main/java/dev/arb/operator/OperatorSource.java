package dev.arb.operator;

import dev.arb.api.ExchangeAdapter;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.RiskGuard;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What a running bot gives its operator plane: the bots, the shared risk guard, the venues, the engine's
 * thread (where market snapshots are captured), and the control actions, each doing exactly what the
 * matching control-channel command does.
 *
 * <p><b>Note:</b> implementations are thread-safe: the operator plane calls them from its own threads.
 */
public interface OperatorSource {
    /** @return {@code sim} or {@code live} */
    String mode();

    /** @return the running bots by id, in configuration order */
    Map<String, DeltaNeutralExecutor> bots();

    /** @return the run's shared circuit breaker and limits */
    RiskGuard risk();

    /** @return the connected venues by name */
    Map<String, ExchangeAdapter> venues();

    /** @return the engine's thread (the venues' event loop): {@link DeltaNeutralExecutor#captureMarket} runs there */
    Executor engineThread();

    /**
     * @param bot   a bot id, {@code *} for all, or {@code risk}
     * @param param the parameter's name
     * @param value the new value as text
     * @return one line per answer, {@code bot: param old -> new} or {@code error: …} (as {@code set})
     */
    List<String> set(String bot, String param, String value);

    /** Stops the run: no new entries, every bot flattened, summary written (as {@code flatten}). */
    void flattenAll();

    /**
     * @param bot a bot id
     * @return tick-to-decision and decision-to-ack percentiles (p50, p99, p999, max) in µs, read on the
     *     engine's thread, or an empty map
     */
    Map<String, double[]> latencyMicros(String bot);
}
