package dev.arb.executor;

import dev.arb.api.Fill;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import dev.arb.executor.journal.JournalState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Start-up reconciliation: compares both venues with the journal before a bot trades. Resolves orders
 * the journal left unresolved by looking them up by client order id, reads positions, open orders
 * (cancelling them) and recent fills, and reports every difference (each also an alert and a journal
 * note). Then, by {@link ReconcilePolicy}: adopts the venues' positions (unwinding an unhedged
 * excess), flattens, or refuses (halts and fails).
 *
 * <p><b>Note:</b> {@link #reconcile} may be called from any thread; its work completes on the state
 * thread.
 */
final class StartupReconciler {
    private static final String NOT_FOUND = OrderGateway.NOT_FOUND;

    private final ExecutorCore core;
    private final HedgeState hedge;
    private final Unwinder unwinder;
    private final Flattener flattener;
    private volatile ReconciliationReport published;

    StartupReconciler(final ExecutorCore core, final HedgeState hedge, final Unwinder unwinder,
        final Flattener flattener) {
        this.core = core;
        this.hedge = hedge;
        this.unwinder = unwinder;
        this.flattener = flattener;
    }

    /** @return the last reconciliation's report, or null if none ran */
    ReconciliationReport report() {
        return published;
    }

    /**
     * @param policy what to do on a difference
     * @return the report; fails with {@link ReconciliationException} when refused
     */
    CompletableFuture<ReconciliationReport> reconcile(final ReconcilePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        final JournalState before = core.journal.replay();
        final List<String> differences = new ArrayList<>();
        final List<CompletableFuture<Boolean>> lookups = new ArrayList<>();
        for (JournalEvent intent : before.unresolvedOrders()) {
            final Leg leg = legFor(intent.venue(), intent.market());
            if (leg != null) {
                lookups.add(resolveJournaledOrder(leg, intent, differences));
            }
        }
        final CompletableFuture<ReconciliationReport> result = new CompletableFuture<>();
        CompletableFuture.allOf(lookups.toArray(new CompletableFuture<?>[0]))
            .thenCompose(x -> core.journal.flush())
            .thenCompose(x -> readVenue(core.legA, before, differences))
            .thenCompose(pa -> readVenue(core.legB, before, differences).thenApply(pb -> new Position[] {pa, pb}))
            .thenAcceptAsync(p -> finishReconcile(policy, p[0], p[1], differences, count(lookups), result), core.stateThread)
            .exceptionally(t -> {
                result.completeExceptionally(new ReconciliationException("reconciliation could not read the venues: "
                    + LegOutcome.unwrap(t), null));
                return null;
            });
        return result;
    }

    private static int count(final List<CompletableFuture<Boolean>> lookups) {
        int n = 0;
        for (CompletableFuture<Boolean> f : lookups) {
            if (Boolean.TRUE.equals(f.getNow(Boolean.FALSE))) {
                n++;
            }
        }
        return n;
    }

    private Leg legFor(final String venue, final String market) {
        if (core.legA.name.equals(venue) && core.legA.market.equals(market)) {
            return core.legA;
        }
        if (core.legB.name.equals(venue) && core.legB.market.equals(market)) {
            return core.legB;
        }
        return null;
    }

    /** Looks up one order the journal never saw finish; journals what the venue says. */
    private CompletableFuture<Boolean> resolveJournaledOrder(final Leg leg, final JournalEvent intent,
        final List<String> differences) {
        CompletableFuture<OrderUpdate> f;
        try {
            f = leg.adapter.orderStatus(leg.market, intent.clientOrderId()).copy();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(core.config.lookupTimeoutMs(), TimeUnit.MILLISECONDS).handle((u, e) -> {
            final Throwable err = LegOutcome.unwrap(e);
            synchronized (differences) {
                if (u != null) {
                    core.journal.append(intent.followUp(core.clock.currentTimeMillis(), core.journal.runId(), u.status(),
                        u.size(), u.filledSize(), u.avgFillPrice(), "resolved at start-up"));
                    differences.add("order " + intent.clientOrderId() + " on " + leg.name + " left unresolved by the "
                        + "journal: venue reports " + u.status() + " filled " + core.sizes.format(leg.size(u.filledSize())));
                    return Boolean.TRUE;
                }
                if (err instanceof OrderRejectedException r && NOT_FOUND.equals(r.venueCode())) {
                    core.journal.append(intent.followUp(core.clock.currentTimeMillis(), core.journal.runId(),
                        OrderStatus.REJECTED, intent.size(), 0, 0, "never reached the venue"));
                    return Boolean.TRUE;
                }
                differences.add("order " + intent.clientOrderId() + " on " + leg.name + " left unresolved by the "
                    + "journal and could not be looked up (" + err + "): its fills show only in the position");
                return Boolean.FALSE;
            }
        });
    }

    /** Reads a venue's position, open orders and recent fills; records differences. */
    private CompletableFuture<Position> readVenue(final Leg leg, final JournalState before,
        final List<String> differences) {
        final CompletableFuture<List<OrderUpdate>> open = optional(() -> leg.adapter.openOrders(leg.market));
        final CompletableFuture<List<Fill>> fills = optional(() -> leg.adapter.recentFills(leg.market,
            core.clock.currentTimeMillis() - TimeUnit.DAYS.toMillis(1)));
        final CompletableFuture<Position> position = leg.adapter.position(leg.market).copy()
            .orTimeout(core.config.orderTimeoutMs(), TimeUnit.MILLISECONDS);
        return CompletableFuture.allOf(open, fills, position).thenApply(x -> {
            final Position p = position.join();
            final List<OrderUpdate> working = open.join();
            final List<Fill> recent = fills.join();
            synchronized (differences) {
                if (working != null) {
                    for (OrderUpdate u : working) {
                        differences.add("open order on " + leg.name + ": " + u + " (cancelled)");
                        if (u.clientOrderId() != null) {
                            leg.adapter.cancelOrderByClientId(leg.market, u.clientOrderId());
                        } else if (u.venueOrderId() != null) {
                            leg.adapter.cancelOrder(leg.market, u.venueOrderId());
                        }
                    }
                }
                if (recent != null) {
                    final Set<String> known = new HashSet<>();
                    for (JournalEvent e : core.journal.events()) {
                        if (e.clientOrderId() != null) {
                            known.add(e.clientOrderId());
                        }
                    }
                    for (Fill f : recent) {
                        if (f.clientOrderId() == null || !known.contains(f.clientOrderId())) {
                            differences.add("fill on " + leg.name + " unknown to the journal: " + f.side() + " "
                                + core.sizes.format(leg.size(f.size())) + " at " + leg.price(f.price()).toPlainString()
                                + ", client id " + f.clientOrderId() + ", venue id " + f.venueOrderId());
                        }
                    }
                }
            }
            return p;
        });
    }

    private <T> CompletableFuture<T> optional(final java.util.function.Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> f;
        try {
            f = call.get().copy();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(core.config.orderTimeoutMs(), TimeUnit.MILLISECONDS).handle((v, e) -> e == null ? v : null);
    }

    private void finishReconcile(final ReconcilePolicy policy, final Position pa, final Position pb,
        final List<String> differences, final int resolved, final CompletableFuture<ReconciliationReport> result) {
        final JournalState after = core.journal.replay();
        final long expectedA = after.expectedPosition(core.legA.name, core.legA.market);
        final long expectedB = after.expectedPosition(core.legB.name, core.legB.market);
        if (pa.size() != expectedA) {
            differences.add(core.legA.name + " " + core.legA.market + " position " + core.sizes.format(pa.sizeDecimal())
                + ", journal expects " + core.sizes.format(core.legA.size(expectedA)));
        }
        if (pb.size() != expectedB) {
            differences.add(core.legB.name + " " + core.legB.market + " position " + core.sizes.format(pb.sizeDecimal())
                + ", journal expects " + core.sizes.format(core.legB.size(expectedB)));
        }
        // the journal and the venue hold every bot's orders; what this bot adopts is its own part (the
        // venue's position less what the other bots of the process already track on the same market)
        final Position ownA = core.ownShare(core.legA, pa);
        final Position ownB = core.ownShare(core.legB, pb);
        finishOwn(policy, ownA, ownB, differences, resolved, result);
    }

    private void finishOwn(final ReconcilePolicy policy, final Position pa, final Position pb,
        final List<String> differences, final int resolved, final CompletableFuture<ReconciliationReport> result) {
        final BigDecimal net = pa.sizeDecimal().add(pb.sizeDecimal());
        if (net.signum() != 0) {
            differences.add("not hedged: " + core.legA.name + " " + core.sizes.format(pa.sizeDecimal()) + " + "
                + core.legB.name + " " + core.sizes.format(pb.sizeDecimal()) + " = " + core.sizes.format(net));
        }
        for (String d : differences) {
            core.alert(AlertKind.RECONCILIATION_DIFFERENCE, true, d);
            core.journal.append(JournalEvent.note(core.journal.runId(), JournalEventType.RECONCILE, d));
        }
        if (differences.isEmpty()) {
            hedge.adoptVenuePositions(pa, pb, "reconciled clean");
            hedge.settleQuietly(true);
            finishReport("CLEAN", differences, resolved, result);
            return;
        }
        switch (policy) {
            case REFUSE: {
                final ReconciliationReport report = report("REFUSED", differences, resolved, pa.sizeDecimal(),
                    pb.sizeDecimal());
                published = report;
                core.journal.append(JournalEvent.note(core.journal.runId(), JournalEventType.RECONCILE, "REFUSED"));
                core.halt("reconciliation refused the start: " + differences.size() + " difference(s)");
                result.completeExceptionally(new ReconciliationException("reconciliation found "
                    + differences.size() + " difference(s): " + String.join("; ", differences), report));
                return;
            }
            case ADOPT:
                hedge.adoptVenuePositions(pa, pb, "adopted at start-up");
                hedge.settleQuietly(false);
                unwinder.rebalance("adopted unhedged position at start-up", () -> {
                    hedge.settleQuietly(true);
                    finishReport("ADOPTED", differences, resolved, result);
                });
                return;
            case FLATTEN:
            default: {
                hedge.adoptVenuePositions(pa, pb, "before start-up flatten");
                final CompletableFuture<Void> flat = new CompletableFuture<>();
                core.pendingFlattens.add(flat);
                hedge.settleQuietly(false);
                flattener.runPending();
                flat.whenCompleteAsync((v, e) -> {
                    if (e != null) {
                        final ReconciliationReport report = report("REFUSED", differences, resolved,
                            core.legA.ledger.position(), core.legB.ledger.position());
                        published = report;
                        result.completeExceptionally(new ReconciliationException("start-up flatten failed: "
                            + e.getMessage(), report));
                        return;
                    }
                    finishReport("FLATTENED", differences, resolved, result);
                }, core.stateThread);
            }
        }
    }

    private void finishReport(final String outcome, final List<String> differences, final int resolved,
        final CompletableFuture<ReconciliationReport> result) {
        final ReconciliationReport report = report(outcome, differences, resolved, core.legA.ledger.position(),
            core.legB.ledger.position());
        published = report;
        core.journal.append(JournalEvent.note(core.journal.runId(), JournalEventType.RECONCILE, outcome + " "
            + core.legA.name + " " + core.sizes.format(report.positionA()) + ", " + core.legB.name + " "
            + core.sizes.format(report.positionB())));
        result.complete(report);
    }

    private static ReconciliationReport report(final String outcome, final List<String> differences,
        final int resolved, final BigDecimal a, final BigDecimal b) {
        synchronized (differences) {
            return new ReconciliationReport(outcome, differences, resolved, a, b);
        }
    }
}
