package dev.arb.examples;

import dev.arb.api.ExchangeAdapter;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.LiquidationGuard;
import dev.arb.executor.LiquidationSettings;
import dev.arb.executor.LiquidationStatus;
import dev.arb.executor.MarginPoller;
import dev.arb.executor.alert.AlertSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One {@link LiquidationGuard} per bot, each fed both of its venues' margin by a {@link MarginPoller} on one shared
 * daemon thread ({@code liquidation} section of the YAML; none when {@code liquidation.enabled: false}).
 *
 * <p><b>Note:</b> thread-safe for {@link #statuses()}; {@link #watch} and {@link #close()} are called by the session's
 * starting and stopping thread.
 */
final class LiquidationGuards implements AutoCloseable {
    private final LiquidationSettings settings;
    private final AlertSink alerts;
    private final Map<String, LiquidationGuard> guards = new LinkedHashMap<>();
    private final List<MarginPoller> pollers = new ArrayList<>();
    private ScheduledExecutorService scheduler;

    /**
     * @param settings thresholds, or null for no guard
     * @param alerts   where the guards' alerts go
     */
    LiquidationGuards(final LiquidationSettings settings, final AlertSink alerts) {
        this.settings = settings;
        this.alerts = alerts;
    }

    /**
     * Starts guarding one bot (nothing when disabled).
     *
     * @param botId    the bot
     * @param executor its executor (started)
     * @param a        its venue A
     * @param b        its venue B
     */
    synchronized void watch(final String botId, final DeltaNeutralExecutor executor, final ExchangeAdapter a,
        final ExchangeAdapter b) {
        if (settings == null) {
            return;
        }
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                final Thread t = new Thread(r, "liquidation-guard");
                t.setDaemon(true);
                return t;
            });
        }
        final LiquidationGuard guard = new LiquidationGuard(settings, LiquidationGuard.Target.of(executor), alerts,
            botId);
        guards.put(botId, guard);
        pollers.add(new MarginPoller(guard, List.of(a, b), scheduler));
    }

    /** @return each guarded bot's latest status, in start order (empty when disabled) */
    synchronized Map<String, LiquidationStatus> statuses() {
        final Map<String, LiquidationStatus> out = new LinkedHashMap<>();
        guards.forEach((id, g) -> out.put(id, g.status()));
        return out;
    }

    /** Stops reading margins (before the final flatten: no reduction may race it). */
    @Override
    public synchronized void close() {
        pollers.forEach(MarginPoller::close);
        pollers.clear();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
