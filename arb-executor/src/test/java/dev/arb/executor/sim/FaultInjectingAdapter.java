package dev.arb.executor.sim;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.RateLimitedException;
import dev.arb.api.TransportException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Test-side decorator around a real adapter connected to a simulator: injects the faults the
 * simulators do not (yet) offer, per order, and records what actually reached the venue.
 *
 * <p>Faults: reject before sending; 429 before sending; lose the ack after the venue executed the
 * order; lose the request (timeout, never sent); transport error before sending; send only part of
 * the size (the venue really fills that part: a partial fill); delay; hold forever; halt the JVM
 * right after the venue answered (crash test).
 *
 * <p>{@link #orderStatus} delegates to the adapter; while the adapter does not support lookups yet
 * (issues 3/4), it answers from the venue answers this decorator saw, or {@code NOT_FOUND} for an
 * order that never reached the venue — the same contract.
 *
 * <p><b>Note:</b> thread-safe.
 */
public final class FaultInjectingAdapter implements ExchangeAdapter {
    /** What happens to one order. */
    public enum Fault { PASS, REJECT, RATE_LIMIT, LOSE_ACK, LOSE_REQUEST, TRANSPORT, PARTIAL, DELAY, HOLD, HALT_AFTER_SEND }

    private final ExchangeAdapter delegate;
    private final ConcurrentLinkedQueue<Fault> script = new ConcurrentLinkedQueue<>();
    private final Map<String, OrderUpdate> venueAnswers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> acceptedByVenue = new ConcurrentHashMap<>();
    private final List<OrderRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Predicate<OrderRequest> rejectWhen = r -> false;
    private volatile double partialFraction = 0.5;
    private volatile long delayMs = 200;
    private final CompletableFuture<Void> firstOrder = new CompletableFuture<>();
    private volatile Supplier<CompletableFuture<?>> beforeHalt = () -> CompletableFuture.completedFuture(null);

    /** @param delegate the real adapter */
    public FaultInjectingAdapter(final ExchangeAdapter delegate) {
        this.delegate = delegate;
    }

    /** @param gate what a HALT_AFTER_SEND order waits for, after the venue answered, before it halts the JVM */
    public void beforeHalt(final Supplier<CompletableFuture<?>> gate) {
        beforeHalt = gate;
    }

    /** @return completes when the first order reaches this adapter */
    public CompletableFuture<Void> firstOrder() {
        return firstOrder;
    }

    /** @param faults faults for the next orders, in order (then PASS) */
    public void next(final Fault... faults) {
        script.addAll(List.of(faults));
    }

    /** Drops every scripted fault and the reject predicate. */
    public void clearFaults() {
        script.clear();
        rejectWhen = r -> false;
    }

    /** @param p orders matching it are rejected before sending, until cleared */
    public void rejectWhen(final Predicate<OrderRequest> p) {
        rejectWhen = p;
    }

    /** @param f fraction of the size a PARTIAL order sends */
    public void partialFraction(final double f) {
        partialFraction = f;
    }

    /** @param ms delay of a DELAY order */
    public void delayMs(final long ms) {
        delayMs = ms;
    }

    /** @return every order the executor asked for, including re-sends */
    public List<OrderRequest> requests() {
        return requests;
    }

    /** @return per client order id, how many times the venue accepted an order with it */
    public Map<String, AtomicInteger> acceptedByVenue() {
        return acceptedByVenue;
    }

    @Override
    public CompletableFuture<OrderUpdate> placeOrder(final OrderRequest r) {
        requests.add(r);
        firstOrder.complete(null);
        if (rejectWhen.test(r)) {
            return CompletableFuture.failedFuture(new OrderRejectedException(venue(), "FAULT", "injected reject"));
        }
        final Fault f = script.poll();
        switch (f == null ? Fault.PASS : f) {
            case REJECT:
                return CompletableFuture.failedFuture(new OrderRejectedException(venue(), "FAULT", "injected reject"));
            case RATE_LIMIT:
                return CompletableFuture.failedFuture(new RateLimitedException(venue(), "429", "injected rate limit", 20));
            case TRANSPORT:
                return CompletableFuture.failedFuture(new TransportException(venue(), null, "injected connection reset",
                    null));
            case LOSE_REQUEST:
                return CompletableFuture.failedFuture(new ExchangeTimeoutException(venue(), null, "injected lost request",
                    null));
            case LOSE_ACK:
                return send(r).handle((u, e) -> {
                    throw new ExchangeTimeoutException(venue(), null, "injected lost ack", null);
                });
            case PARTIAL: {
                final MarketSpec spec = delegate.marketSpec(r.market());
                final long part = spec.roundSizeDown((long) (r.size() * partialFraction));
                if (part < Math.max(spec.minSize(), spec.stepSize())) {
                    return CompletableFuture.completedFuture(new OrderUpdate(venue(), r.market(), r.clientOrderId(),
                        null, r.side(), OrderStatus.CANCELED, r.size(), 0, 0, null, null, null,
                        System.currentTimeMillis()));
                }
                final OrderRequest smaller = OrderRequest.builder().market(r.market()).side(r.side()).type(r.type())
                    .timeInForce(r.timeInForce()).size(part).limitPrice(r.limitPrice()).reduceOnly(r.reduceOnly())
                    .clientOrderId(r.clientOrderId()).build();
                return send(smaller).thenApply(u -> {
                    final OrderUpdate asked = new OrderUpdate(u.venue(), u.market(), u.clientOrderId(),
                        u.venueOrderId(), u.side(), u.filledSize() < r.size() && u.status() == OrderStatus.FILLED
                        ? OrderStatus.CANCELED : u.status(), r.size(), u.filledSize(), u.avgFillPrice(), u.feeUsd(),
                        u.rejectCode(), u.rejectReason(), u.timestampMs());
                    venueAnswers.put(r.clientOrderId(), asked);
                    return asked;
                });
            }
            case DELAY:
                return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS)).thenCompose(x -> send(r));
            case HOLD:
                return new CompletableFuture<>();
            case HALT_AFTER_SEND:
                return send(r).handle((u, e) -> u).thenCompose(u -> beforeHalt.get())
                    .thenApply(x -> {
                        Runtime.getRuntime().halt(137);
                        return null;
                    });
            case PASS:
            default:
                return send(r);
        }
    }

    private CompletableFuture<OrderUpdate> send(final OrderRequest r) {
        return delegate.placeOrder(r).whenComplete((u, e) -> {
            if (u != null) {
                venueAnswers.put(r.clientOrderId(), u);
                if (u.status() != OrderStatus.REJECTED) {
                    acceptedByVenue.computeIfAbsent(r.clientOrderId(), k -> new AtomicInteger()).incrementAndGet();
                }
            }
        });
    }

    @Override
    public CompletableFuture<OrderUpdate> orderStatus(final String market, final String clientOrderId) {
        return delegate.orderStatus(market, clientOrderId).exceptionallyCompose(e -> {
            final Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
            final boolean reachedVenue = venueAnswers.containsKey(clientOrderId)
                || acceptedByVenue.containsKey(clientOrderId);
            // an adapter that cannot look orders up, or one that refuses an id it never sent itself
            // (Vest maps client order ids to nonces it signed): answer as the venue would
            if (!(cause instanceof UnsupportedOperationException)
                && !(cause instanceof dev.arb.api.InvalidOrderException && !reachedVenue)) {
                return CompletableFuture.failedFuture(cause);
            }
            final OrderUpdate u = venueAnswers.get(clientOrderId);
            if (u != null) {
                return CompletableFuture.completedFuture(u);
            }
            // only an order this decorator saw and kept from the venue is known not to exist there
            final boolean seen = requests.stream().anyMatch(r -> r.clientOrderId().equals(clientOrderId));
            return CompletableFuture.failedFuture(seen
                ? new OrderRejectedException(venue(), "NOT_FOUND", "no such order") : cause);
        });
    }

    @Override
    public String venue() {
        return delegate.venue();
    }

    @Override
    public CompletableFuture<Void> connect() {
        return delegate.connect();
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return delegate.disconnect();
    }

    @Override
    public CompletableFuture<Void> reconnect() {
        return delegate.reconnect();
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public MarketSpec marketSpec(final String market) {
        return delegate.marketSpec(market);
    }

    @Override
    public void subscribeOrderBook(final String market, final OrderBookListener listener) {
        delegate.subscribeOrderBook(market, listener);
    }

    @Override
    public OrderBook orderBook(final String market) {
        return delegate.orderBook(market);
    }

    @Override
    public long bookAgeMs(final String market) {
        return delegate.bookAgeMs(market);
    }

    @Override
    public boolean isStale(final String market) {
        return delegate.isStale(market);
    }

    @Override
    public CompletableFuture<Void> cancelOrder(final String market, final String venueOrderId) {
        return delegate.cancelOrder(market, venueOrderId);
    }

    @Override
    public CompletableFuture<Void> cancelOrderByClientId(final String market, final String clientOrderId) {
        return delegate.cancelOrderByClientId(market, clientOrderId);
    }

    @Override
    public CompletableFuture<List<OrderUpdate>> openOrders(final String market) {
        return delegate.openOrders(market);
    }

    @Override
    public CompletableFuture<List<dev.arb.api.Fill>> recentFills(final String market, final long sinceEpochMs) {
        return delegate.recentFills(market, sinceEpochMs);
    }

    @Override
    public CompletableFuture<List<Position>> positions() {
        return delegate.positions();
    }

    @Override
    public CompletableFuture<dev.arb.api.MarginState> marginState() {
        return delegate.marginState();
    }

    @Override
    public CompletableFuture<Position> position(final String market) {
        return delegate.position(market);
    }

    @Override
    public void addOrderListener(final OrderListener listener) {
        delegate.addOrderListener(listener);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
