package dev.arb.examples;

import dev.arb.api.ExchangeAdapter;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.RiskGuard;
import dev.arb.operator.OperatorSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * The running {@link TradingSession} as the operator plane sees it: the same bots, risk guard and
 * venues, and the same actions as the control channel ({@code set} through {@link LiveControl},
 * {@code flatten} ends the run).
 *
 * <p><b>Note:</b> thread-safe (it delegates to thread-safe parts).
 */
final class SessionOperatorSource implements OperatorSource {
    private final String mode;
    private final TradingSession session;
    private volatile LiveControl live;
    private final Map<String, ExchangeAdapter> venues;
    private final CountDownLatch stop;

    SessionOperatorSource(final String mode, final TradingSession session, final LiveControl live,
        final Map<String, ExchangeAdapter> venues, final CountDownLatch stop) {
        this.mode = mode;
        this.session = session;
        this.live = live;
        this.venues = venues;
        this.stop = stop;
    }

    /** @param control the live-parameter control, once the bots run (set before the server is attached) */
    void live(final LiveControl control) {
        this.live = control;
    }

    @Override
    public String mode() {
        return mode;
    }

    @Override
    public Map<String, DeltaNeutralExecutor> bots() {
        return session.executors();
    }

    @Override
    public RiskGuard risk() {
        return session.risk();
    }

    @Override
    public Map<String, ExchangeAdapter> venues() {
        return venues;
    }

    @Override
    public Executor engineThread() {
        return session.loop();
    }

    @Override
    public List<String> set(final String bot, final String param, final String value) {
        final List<String> lines = live.set(bot, param, value);
        lines.forEach(RunCommand::report);
        return lines;
    }

    @Override
    public void flattenAll() {
        RunCommand.report("flattening both legs and stopping (operator API)");
        stop.countDown();
    }

    @Override
    public Map<String, double[]> latencyMicros(final String bot) {
        return session.latencyMicros(bot);
    }
}
