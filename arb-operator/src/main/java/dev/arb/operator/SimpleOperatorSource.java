package dev.arb.operator;

import dev.arb.api.ExchangeAdapter;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ParamChange;
import dev.arb.executor.RiskGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link OperatorSource} over executors you run yourself (the SDK without the bundled bot): parameter
 * changes go straight to {@link DeltaNeutralExecutor#setParameter}, {@code flattenAll} flattens every
 * executor, and no latency histograms are reported.
 *
 * <p><b>Note:</b> thread-safe if the maps given are not changed afterwards (they are read, not copied, so
 * that executors started later may be added by the caller before {@code attach}).
 */
public final class SimpleOperatorSource implements OperatorSource {
    private final String mode;
    private final Map<String, DeltaNeutralExecutor> bots;
    private final RiskGuard risk;
    private final Map<String, ExchangeAdapter> venues;
    private final Executor engineThread;

    /**
     * @param mode         {@code sim}, {@code live} or any label for the status
     * @param bots         executors by bot id
     * @param risk         their shared risk guard
     * @param venues       adapters by venue name
     * @param engineThread the thread the executors' state lives on
     */
    public SimpleOperatorSource(final String mode, final Map<String, DeltaNeutralExecutor> bots, final RiskGuard risk,
        final Map<String, ExchangeAdapter> venues, final Executor engineThread) {
        this.mode = mode;
        this.bots = bots;
        this.risk = risk;
        this.venues = venues;
        this.engineThread = engineThread;
    }

    @Override
    public String mode() {
        return mode;
    }

    @Override
    public Map<String, DeltaNeutralExecutor> bots() {
        return bots;
    }

    @Override
    public RiskGuard risk() {
        return risk;
    }

    @Override
    public Map<String, ExchangeAdapter> venues() {
        return venues;
    }

    @Override
    public Executor engineThread() {
        return engineThread;
    }

    /** Applies the change to one bot or ({@code *}) to all; waits at most 10 s for each engine's answer. */
    @Override
    public List<String> set(final String bot, final String param, final String value) {
        final List<String> out = new ArrayList<>();
        final List<String> ids = "*".equals(bot) ? List.copyOf(bots.keySet()) : List.of(bot);
        for (String id : ids) {
            final DeltaNeutralExecutor e = bots.get(id);
            if (e == null) {
                out.add("error: no bot '" + id + "'");
                continue;
            }
            try {
                final ParamChange c = e.setParameter(param, value).get(10, TimeUnit.SECONDS);
                out.add(id + ": " + c.param() + " " + c.oldValue() + " -> " + c.newValue());
            } catch (ExecutionException ex) {
                out.add("error: " + id + ": " + ex.getCause().getMessage());
            } catch (TimeoutException ex) {
                out.add("error: " + id + ": the engine did not answer in 10 s");
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                out.add("error: interrupted");
            }
        }
        return out;
    }

    @Override
    public void flattenAll() {
        bots.values().forEach(DeltaNeutralExecutor::flatten);
    }

    @Override
    public Map<String, double[]> latencyMicros(final String bot) {
        return Map.of();
    }
}
