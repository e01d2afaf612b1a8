package dev.arb.executor;

import dev.arb.api.Fill;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.RateLimitedException;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends orders and resolves their outcome: builds IOC requests with client order ids unique across
 * restarts, writes each intent ahead to the journal's queue before sending, re-sends a rate-limited order with the
 * same id, looks up an order whose ack was lost (falling back to the venue's position), counts errors
 * in the breaker, moves every order through {@link OrderStateMachine}, journals each answer, and
 * applies fills to the legs' ledgers.
 *
 * <p><b>Note:</b> confined to the executor's state thread; the futures it returns complete there.
 */
final class OrderGateway {
    static final String NOT_FOUND = "NOT_FOUND";
    private static final int LOOKUP_ATTEMPTS = 3;
    static final long LOOKUP_DELAY_MS = 200;

    /** Told of every fill applied to a leg's ledger (the strategy's {@code onFill}). */
    interface FillObserver {
        void onFill(Leg leg, Side side, long size, long price);
    }

    private final ExecutorCore core;
    private final Map<String, TrackedOrder> orders = new HashMap<>();
    private FillObserver fillObserver = (leg, side, size, price) -> { };

    OrderGateway(final ExecutorCore core) {
        this.core = core;
    }

    void fillObserver(final FillObserver observer) {
        fillObserver = observer;
    }

    /** @return an IOC request with the next client order id of this executor */
    OrderRequest request(final Leg leg, final Side side, final OrderType type, final long size, final long limitPrice,
        final boolean reduceOnly) {
        return OrderRequest.builder()
            .market(leg.market)
            .side(side)
            .type(type)
            .timeInForce(TimeInForce.IOC)
            .size(size)
            .limitPrice(limitPrice)
            .reduceOnly(reduceOnly)
            .clientOrderId(core.idPrefix + Long.toString(++core.orderCounter, 36) + leg.tag)
            .build();
    }

    /** Journals our orders' updates and fills pushed by a venue's private stream. */
    void listenForOrders(final Leg leg) {
        leg.adapter.addOrderListener(new OrderListener() {
            @Override
            public void onOrderUpdate(final OrderUpdate u) {
                if (u.clientOrderId() != null && u.clientOrderId().startsWith(core.idPrefix)) {
                    core.journal.append(JournalEvent.update(core.clock.currentTimeMillis(), core.journal.runId(), u,
                        "private stream"));
                }
            }

            @Override
            public void onFill(final Fill f) {
                if (f.clientOrderId() != null && f.clientOrderId().startsWith(core.idPrefix)) {
                    core.journal.append(JournalEvent.fill(core.clock.currentTimeMillis(), core.journal.runId(), f));
                }
            }
        });
    }

    /**
     * Sends an order and resolves its outcome: queues the intent to the journal and places the order at once
     * (the commit runs in parallel with the send; with {@link ExecutorConfig#journalBeforeSend()} the order
     * waits for the commit), re-sends on a rate limit with the same client order id, looks it up after a lost
     * ack, falls back to the venue's position; tracks the states and journals the answer. Completes on the
     * state thread and never fails: errors become the outcome. A failed intent commit of an order already
     * sent halts the executor (the order stands; the journal no longer matches the venue).
     */
    CompletableFuture<LegOutcome> send(final Leg leg, final OrderRequest request, final long decisionNanos) {
        core.ordersSent++;
        final TrackedOrder order = new TrackedOrder(request, leg);
        orders.put(request.clientOrderId(), order);
        final long appendNanos = core.clock.nanoTime();
        final CompletableFuture<Throwable> committed = core.journal.append(JournalEvent.intent(
            core.clock.currentTimeMillis(), core.journal.runId(), leg.name, leg.market, request)).handle((v, e) -> e);
        final CompletableFuture<LegOutcome> placed = core.config.journalBeforeSend()
            ? commitThenPlace(order, decisionNanos, appendNanos, committed)
            : placeWhileCommitting(order, decisionNanos, appendNanos, committed);
        return placed.thenCompose(outcome -> outcome.outcomeUnknown() ? lookup(leg, outcome.lost(), 1, false)
                : CompletableFuture.completedFuture(outcome))
            .thenComposeAsync(outcome -> {
                account(leg, outcome, decisionNanos);
                if (outcome.update() != null && order.sentNanos != 0) {
                    leg.recordAckNanos(outcome.arrivedNanos() - order.sentNanos);
                }
                return outcome.outcomeUnknown() ? resolveByPosition(leg, outcome)
                    : CompletableFuture.completedFuture(outcome);
            }, core.stateThread).thenApplyAsync(outcome -> {
                track(order, outcome);
                return outcome;
            }, core.stateThread);
    }

    /** The old path: the order leaves only once its intent is committed. */
    private CompletableFuture<LegOutcome> commitThenPlace(final TrackedOrder order, final long decisionNanos,
        final long appendNanos, final CompletableFuture<Throwable> committed) {
        final Leg leg = order.leg;
        final OrderRequest request = order.request;
        return committed.thenComposeAsync(journalError -> {
            if (journalError != null) {
                return CompletableFuture.completedFuture(
                    LegOutcome.of(request, null, journalError, core.clock.nanoTime()));
            }
            final long now = core.clock.nanoTime();
            core.listener.onIntentCommitted(leg.name, now - appendNanos);
            core.listener.onOrderSent(leg.name, now - decisionNanos, now - appendNanos);
            order.sentNanos = now;
            return place(leg, request, 0);
        }, core.stateThread);
    }

    /**
     * Write-ahead: the intent is already on the journal's queue (ahead of anything this order's answer will
     * append), so the order leaves now and the commit is only observed.
     */
    private CompletableFuture<LegOutcome> placeWhileCommitting(final TrackedOrder order, final long decisionNanos,
        final long appendNanos, final CompletableFuture<Throwable> committed) {
        final Leg leg = order.leg;
        final OrderRequest request = order.request;
        final CompletableFuture<LegOutcome> placed = place(leg, request, 0);
        order.sentNanos = core.clock.nanoTime();
        core.listener.onOrderSent(leg.name, order.sentNanos - decisionNanos, -1);
        committed.thenAcceptAsync(journalError -> {
            if (journalError != null) {
                core.halt("journal failed to commit the intent of " + request.clientOrderId() + " on " + leg.name
                    + " (" + journalError.getMessage() + "); the order was sent: check positions, then flatten()");
                return;
            }
            core.listener.onIntentCommitted(leg.name, core.clock.nanoTime() - appendNanos);
        }, core.stateThread);
        return placed;
    }

    /** Places the order, re-sending it with the same client order id after a rate limit. */
    private CompletableFuture<LegOutcome> place(final Leg leg, final OrderRequest request, final int retry) {
        CompletableFuture<OrderUpdate> f;
        try {
            f = leg.adapter.placeOrder(request).copy();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(core.config.orderTimeoutMs(), TimeUnit.MILLISECONDS)
            .handle((update, error) -> LegOutcome.of(request, update, error, core.clock.nanoTime()))
            .thenCompose(outcome -> {
                if (outcome.error() instanceof RateLimitedException rl && retry < core.config.orderRetries()) {
                    final long waitMs = Math.max(20, Math.min(1_000, rl.retryAfterMs()));
                    ExecutorCore.LOG.info("order {} on {} rate limited; re-sending in {} ms with the same client order id",
                        request.clientOrderId(), leg.name, waitMs);
                    return delay(waitMs).thenCompose(x -> place(leg, request, retry + 1));
                }
                return CompletableFuture.completedFuture(outcome);
            });
    }

    /**
     * Looks up an order whose ack was lost, by client order id: a terminal state resolves it; a
     * working state is polled again; NOT_FOUND (never reached the venue) re-sends it once with the
     * same client order id; an adapter without lookups leaves it unknown (the position decides).
     */
    private CompletableFuture<LegOutcome> lookup(final Leg leg, final LegOutcome lost, final int attempt,
        final boolean resent) {
        final OrderRequest r = lost.request();
        CompletableFuture<OrderUpdate> f;
        try {
            f = leg.adapter.orderStatus(leg.market, r.clientOrderId()).copy();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(core.config.lookupTimeoutMs(), TimeUnit.MILLISECONDS).handle((u, e) -> {
            final Throwable err = LegOutcome.unwrap(e);
            return new Object[] {u, err};
        }).thenCompose(pair -> {
            final OrderUpdate u = (OrderUpdate) pair[0];
            final Throwable err = (Throwable) pair[1];
            if (u != null && u.status().isTerminal()) {
                ExecutorCore.LOG.warn("order {} on {}: ack lost, lookup found {}", r.clientOrderId(), leg.name, u);
                return CompletableFuture.completedFuture(lost.resolved(u, "lookup"));
            }
            if (u != null && attempt < LOOKUP_ATTEMPTS) {
                return delay(LOOKUP_DELAY_MS).thenCompose(x -> lookup(leg, lost, attempt + 1, resent));
            }
            if (err instanceof OrderRejectedException rej && NOT_FOUND.equals(rej.venueCode()) && !resent) {
                ExecutorCore.LOG.warn("order {} on {}: ack lost and the venue never saw it; re-sending with the same id",
                    r.clientOrderId(), leg.name);
                return place(leg, r, core.config.orderRetries()).thenCompose(again -> again.outcomeUnknown()
                    ? lookup(leg, again.lost(), 1, true) : CompletableFuture.completedFuture(again));
            }
            if (err instanceof OrderRejectedException rej && NOT_FOUND.equals(rej.venueCode())) {
                final OrderUpdate none = new OrderUpdate(leg.name, leg.market, r.clientOrderId(), null, r.side(),
                    OrderStatus.REJECTED, r.size(), 0, 0, BigDecimal.ZERO, NOT_FOUND, "never reached the venue",
                    core.clock.currentTimeMillis());
                return CompletableFuture.completedFuture(lost.resolved(none, "lookup"));
            }
            return CompletableFuture.completedFuture(lost);
        });
    }

    static CompletableFuture<Void> delay(final long ms) {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
    }

    /** Reports the answer and counts errors in the breaker. */
    private void account(final Leg leg, final LegOutcome outcome, final long decisionNanos) {
        if (outcome.lostAck()) {
            core.lostAcks.incrementAndGet();
        }
        if (outcome.update() != null) {
            core.listener.onOrderAck(outcome.update(), outcome.arrivedNanos() - decisionNanos);
        }
        if (!outcome.failed()) {
            core.consecutiveErrors = 0;
            core.risk.recordSuccess();
            return;
        }
        core.consecutiveErrors++;
        core.risk.recordError(outcome.error() != null ? outcome.error()
            : new IllegalStateException(outcome.describeFailure()));
        if (outcome.error() instanceof OrderRejectedException
            || (outcome.update() != null && outcome.update().status() == OrderStatus.REJECTED)) {
            core.ordersRejected++;
        }
        ExecutorCore.LOG.warn("order {} on {} failed: {}", outcome.request().clientOrderId(), leg.name,
            outcome.describeFailure());
    }

    /** Moves the tracked order through the state machine and journals the answer. */
    private void track(final TrackedOrder order, final LegOutcome outcome) {
        final OrderRequest r = outcome.request();
        final Leg leg = order.leg;
        try {
            if (outcome.lostAck()) {
                order.transition(OrderStatus.UNKNOWN, 0);
                journalOrder(JournalEventType.ERROR, leg, r, OrderStatus.UNKNOWN, 0, 0, "ack lost");
            }
            final OrderUpdate u = outcome.update();
            if (u != null) {
                order.transition(u.status(), u.filledSize());
                journalOrder(outcome.lostAck() ? JournalEventType.UPDATE : JournalEventType.ACK, leg, r, u.status(),
                    u.filledSize(), u.avgFillPrice(), outcome.resolvedBy() != null ? "resolved by "
                    + outcome.resolvedBy() : null);
            } else if (!outcome.outcomeUnknown()) {
                order.transition(OrderStatus.REJECTED, 0);
                journalOrder(JournalEventType.ERROR, leg, r, OrderStatus.REJECTED, 0, 0, outcome.describeFailure());
            }
        } catch (IllegalOrderTransitionException e) {
            core.illegalTransitions++;
            ExecutorCore.LOG.error("executor {}: {}", core.botId, e.getMessage());
            core.alert(AlertKind.ILLEGAL_TRANSITION, true, e.getMessage());
            core.journal.append(JournalEvent.note(core.journal.runId(), JournalEventType.UPDATE, "illegal: " + e.getMessage()));
        }
        if (order.status().isTerminal()) {
            orders.remove(r.clientOrderId());
        }
    }

    private void journalOrder(final JournalEventType type, final Leg leg, final OrderRequest r,
        final OrderStatus status, final long filled, final long price, final String detail) {
        core.journal.append(JournalEvent.order(core.clock.currentTimeMillis(), core.journal.runId(), type, leg.name,
            leg.market, r, status, filled, price, detail));
    }

    /**
     * For an order whose outcome is still unknown, learns what filled from the venue's position (the
     * difference to the tracked position, priced at the order's limit as an estimate).
     */
    private CompletableFuture<LegOutcome> resolveByPosition(final Leg leg, final LegOutcome outcome) {
        return queryPosition(leg).thenApplyAsync(p -> {
            if (p == null) {
                return outcome;
            }
            final OrderRequest r = outcome.request();
            final BigDecimal delta = p.sizeDecimal().subtract(leg.ledger.position());
            final BigDecimal filled = r.side() == Side.BUY ? delta : delta.negate();
            final long filledSize = filled.signum() > 0 ? Math.min(leg.sizeDown(filled), r.size()) : 0;
            ExecutorCore.LOG.warn("order {} on {}: outcome unknown; position shows {} filled", r.clientOrderId(),
                leg.name, leg.size(filledSize).toPlainString());
            final OrderUpdate estimated = new OrderUpdate(leg.name, leg.market, r.clientOrderId(), null, r.side(),
                filledSize == r.size() ? OrderStatus.FILLED : OrderStatus.CANCELED, r.size(), filledSize,
                r.limitPrice(), BigDecimal.ZERO, null, null, core.clock.currentTimeMillis());
            return outcome.resolved(estimated, "position");
        }, core.stateThread);
    }

    /** Applies an order's fill (and fee) to the leg's ledger, the PnL attribution and the strategy. */
    void applyFill(final Leg leg, final LegOutcome outcome) {
        final OrderUpdate u = outcome.update();
        final long decisionPrice = core.pnl.decisionPrice(outcome.request().clientOrderId());
        if (u == null) {
            return;
        }
        final long price = u.avgFillPrice() > 0 ? u.avgFillPrice() : outcome.request().limitPrice();
        core.pnl.beforeFill();
        leg.ledger.apply(u.side(), leg.size(u.filledSize()), leg.price(price), u.feeUsd());
        core.pnl.onFill(leg, u.side(), u.filledSize(), price, decisionPrice);
        if (u.filledSize() > 0) {
            fillObserver.onFill(leg, u.side(), u.filledSize(), price);
        }
    }

    /**
     * @return this bot's own part of the venue's position (the venue's less the other bots' of the process
     *     on the same market, see {@link MarketExposure}), or null (logged) if it could not be read in time
     */
    CompletableFuture<Position> queryPosition(final Leg leg) {
        CompletableFuture<Position> f;
        try {
            f = leg.adapter.position(leg.market).copy();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(core.config.orderTimeoutMs(), TimeUnit.MILLISECONDS).handle((p, e) -> {
            if (e != null) {
                ExecutorCore.LOG.warn("position query on {} failed: {}", leg.name, e.toString());
                return null;
            }
            return core.ownShare(leg, p);
        });
    }
}
