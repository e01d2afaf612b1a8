package dev.arb.executor;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts one executor ({@link DeltaNeutralExecutor#start()}): loads both markets' rules, sizes the
 * legs, configures the strategy and the pricing, listens for orders, subscribes both books on the state
 * thread, waits for the start-up reconciliation when a policy is set, then marks the engine ready and
 * starts the net-delta monitor.
 *
 * <p><b>Note:</b> {@link #start()} runs once on the caller's thread, never on the state thread (it blocks
 * on the reconciliation, which runs there); what it sets up is handed to the state thread through
 * {@code stateThread.execute}, which publishes it there, and the engine's state stays confined to it.
 */
final class ExecutorStartup {
    private static final long RECONCILE_TIMEOUT_S = 120;

    private final ExecutorCore core;
    private final OrderGateway gateway;
    private final RoundRunner rounds;
    private final StrategyHost host;
    private final StartupReconciler reconciler;
    private final NetDeltaMonitor monitor;
    private final AtomicBoolean started = new AtomicBoolean();

    ExecutorStartup(final ExecutorCore core, final OrderGateway gateway, final RoundRunner rounds,
        final StrategyHost host, final StartupReconciler reconciler, final NetDeltaMonitor monitor) {
        this.core = core;
        this.gateway = gateway;
        this.rounds = rounds;
        this.host = host;
        this.reconciler = reconciler;
        this.monitor = monitor;
    }

    /** {@link DeltaNeutralExecutor#start()}, with its exceptions. */
    void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        final Leg legA = core.legA;
        final Leg legB = core.legB;
        legA.spec = legA.adapter.marketSpec(legA.market);
        legB.spec = legB.adapter.marketSpec(legB.market);
        core.sizing = new HedgeSizing(legA.spec, legB.spec);
        core.sizes = SizeFormat.of(legA.spec, legB.spec);
        // validates the size on both steps and minimums (IllegalArgumentException), configures the strategy;
        // the hand-over through the state thread below publishes all of it there
        host.start();
        rounds.configurePricing();
        ExecutorCore.LOG.info("executor {} {}:{} / {}:{} started, leg size {}, strategy {} ({})", core.botId, legA.name,
            legA.market, legB.name, legB.market, core.sizes.format(core.settings.entrySize), host.status().name(),
            core.config);
        gateway.listenForOrders(legA);
        if (legB.adapter != legA.adapter) {
            gateway.listenForOrders(legB);
        }
        core.stateThread.execute(() -> {
            legA.adapter.subscribeOrderBook(legA.market, book -> host.onBook(legA, book));
            legB.adapter.subscribeOrderBook(legB.market, book -> host.onBook(legB, book));
        });
        if (core.context.reconcilePolicy() != null) {
            awaitReconciliation(legA, legB);
        }
        core.stateThread.execute(() -> core.ready = true);
        monitor.start();
    }

    private void awaitReconciliation(final Leg legA, final Leg legB) {
        final ReconciliationReport report;
        try {
            report = reconciler.reconcile(core.context.reconcilePolicy()).get(RECONCILE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            final Throwable cause = LegOutcome.unwrap(e);
            if (cause instanceof ReconciliationException re) {
                throw re;
            }
            throw new ReconciliationException("reconciliation failed: " + cause, null);
        } catch (TimeoutException e) {
            core.halt("reconciliation did not finish in " + RECONCILE_TIMEOUT_S + " s");
            throw new ReconciliationException("reconciliation timed out", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReconciliationException("interrupted during reconciliation", null);
        }
        ExecutorCore.LOG.info("executor {} reconciliation {}: {} {}, {} {}{}", core.botId, report.outcome(),
            legA.name, core.sizes.format(report.positionA()), legB.name, core.sizes.format(report.positionB()),
            report.differences().isEmpty() ? "" : ", " + report.differences().size() + " difference(s), resolved "
                + report.resolvedOrders() + " order(s): " + String.join("; ", report.differences()));
    }
}
