package dev.arb.backtest;

import dev.arb.api.Fill;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.Liquidity;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Order entry of a {@link BacktestVenue}: placement, delayed matching against the book, fault
 * injection, order states by client id, the fills and the order listeners. The rules are described
 * on {@link BacktestVenue}.
 *
 * <p><b>Note:</b> not thread-safe; confined to the backtest driver's thread.
 */
final class VenueOrders {
    private final String venue;
    private final VirtualTime time;
    private final long latencyNanos;
    private final double rejectRate;
    private final double partialFillRate;
    private final SplittableRandom random;
    private final Map<String, CompletableFuture<OrderUpdate>> byClientId = new HashMap<>();
    private final Map<String, OrderUpdate> lastUpdate = new HashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private final List<OrderListener> listeners = new ArrayList<>(2);
    private BigDecimal feesPaidUsd = BigDecimal.ZERO;
    private long orderSeq;
    private long listenerErrors;

    VenueOrders(final String venue, final VirtualTime time, final long latencyNanos, final double rejectRate,
        final double partialFillRate, final long seed) {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latency must not be negative: " + latencyNanos);
        }
        if (!(rejectRate >= 0 && rejectRate <= 1 && partialFillRate >= 0 && partialFillRate <= 1)) {
            throw new IllegalArgumentException("fault-injection rates must be within 0..1");
        }
        this.venue = venue;
        this.time = time;
        this.latencyNanos = latencyNanos;
        this.rejectRate = rejectRate;
        this.partialFillRate = partialFillRate;
        this.random = new SplittableRandom(seed);
    }

    CompletableFuture<OrderUpdate> place(final VenueMarket m, final OrderRequest request) {
        final String invalid = validate(m.spec, request);
        if (invalid != null) {
            return CompletableFuture.failedFuture(new InvalidOrderException(venue, invalid, invalid + ": " + request));
        }
        final CompletableFuture<OrderUpdate> sent = byClientId.get(request.clientOrderId());
        if (sent != null) {
            return sent; // same client order id: the venue's answer to the first one
        }
        final CompletableFuture<OrderUpdate> f = new CompletableFuture<>();
        byClientId.put(request.clientOrderId(), f);
        time.schedule(time.nanoTime() + latencyNanos, () -> match(m, request, f));
        return f;
    }

    private static String validate(final MarketSpec spec, final OrderRequest r) {
        if (r.timeInForce() != TimeInForce.IOC) {
            return "UNSUPPORTED_TIME_IN_FORCE";
        }
        if (r.size() % spec.stepSize() != 0 || r.size() < spec.minSize()) {
            return "INVALID_SIZE";
        }
        if (r.limitPrice() < 0 || r.limitPrice() % spec.tickSize() != 0) {
            return "INVALID_PRICE";
        }
        return null;
    }

    private void match(final VenueMarket m, final OrderRequest r, final CompletableFuture<OrderUpdate> f) {
        final String venueOrderId = venue + '-' + (++orderSeq);
        final double rejectRoll = random.nextDouble();
        final double partialRoll = random.nextDouble();
        final long fractionDraw = random.nextLong();
        if (rejectRoll < rejectRate) {
            reject(r, venueOrderId, f, BacktestVenue.INJECTED_REJECT, "refused by fault injection");
            return;
        }
        long want = r.size();
        if (r.reduceOnly()) {
            final long closable = r.side() == Side.BUY ? -m.position.size() : m.position.size();
            if (closable <= 0) {
                reject(r, venueOrderId, f, BacktestVenue.REDUCE_ONLY, "reduce-only order would not reduce the position");
                return;
            }
            want = Math.min(want, closable);
        }
        final MarketSpec spec = m.spec;
        if (partialRoll < partialFillRate) {
            final long steps = want / spec.stepSize();
            want = steps <= 0 ? 0 : Math.floorMod(fractionDraw, steps) * spec.stepSize();
        }
        final BookWalk walk = BookWalk.walk(m.book, r.side(), r.limitPrice(), want);
        final long ts = time.currentTimeMillis();
        final List<Fill> orderFills = new ArrayList<>(walk.levels());
        BigDecimal fee = BigDecimal.ZERO;
        for (int i = 0; i < walk.levels(); i++) {
            final BigDecimal levelFee = BigDecimal.valueOf(walk.price(i), spec.priceScale())
                .multiply(BigDecimal.valueOf(walk.size(i), spec.sizeScale())).multiply(spec.takerFeeRate());
            fee = fee.add(levelFee);
            m.position.apply(r.side().sign() * walk.size(i), walk.price(i));
            orderFills.add(new Fill(venue, r.market(), venueOrderId, r.clientOrderId(), r.side(), walk.price(i),
                walk.size(i), levelFee, Liquidity.TAKER, ts));
        }
        fills.addAll(orderFills);
        feesPaidUsd = feesPaidUsd.add(fee);
        final OrderStatus status = walk.filled() == r.size() ? OrderStatus.FILLED : OrderStatus.CANCELED;
        final OrderUpdate u = new OrderUpdate(venue, r.market(), r.clientOrderId(), venueOrderId, r.side(), status,
            r.size(), walk.filled(), walk.vwap(), fee, null, null, ts);
        lastUpdate.put(r.clientOrderId(), u);
        for (final OrderListener l : listeners) {
            for (final Fill fill : orderFills) {
                try {
                    l.onFill(fill);
                } catch (RuntimeException e) {
                    listenerErrors++;
                }
            }
        }
        notifyUpdate(u);
        f.complete(u);
    }

    private void reject(final OrderRequest r, final String venueOrderId, final CompletableFuture<OrderUpdate> f,
        final String code, final String reason) {
        final OrderUpdate u = new OrderUpdate(venue, r.market(), r.clientOrderId(), venueOrderId, r.side(),
            OrderStatus.REJECTED, r.size(), 0, 0, BigDecimal.ZERO, code, reason, time.currentTimeMillis());
        lastUpdate.put(r.clientOrderId(), u);
        notifyUpdate(u);
        f.completeExceptionally(new OrderRejectedException(venue, code, reason + ": " + r));
    }

    private void notifyUpdate(final OrderUpdate u) {
        for (final OrderListener l : listeners) {
            try {
                l.onOrderUpdate(u);
            } catch (RuntimeException e) {
                listenerErrors++;
            }
        }
    }

    CompletableFuture<OrderUpdate> status(final String market, final String clientOrderId) {
        final OrderUpdate u = lastUpdate.get(clientOrderId);
        if (u == null || !u.market().equals(market)) {
            return CompletableFuture.failedFuture(new OrderRejectedException(venue, BacktestVenue.NOT_FOUND,
                venue + " has no order " + clientOrderId + " on " + market));
        }
        return CompletableFuture.completedFuture(u);
    }

    List<Fill> fills(final String market, final long sinceEpochMs) {
        final List<Fill> out = new ArrayList<>();
        for (final Fill fill : fills) {
            if ((market == null || market.equals(fill.market())) && fill.timestampMs() >= sinceEpochMs) {
                out.add(fill);
            }
        }
        return out;
    }

    void addListener(final OrderListener listener) {
        listeners.add(listener);
    }

    void countListenerError() {
        listenerErrors++;
    }

    long listenerErrors() {
        return listenerErrors;
    }

    BigDecimal feesPaidUsd() {
        return feesPaidUsd;
    }
}
