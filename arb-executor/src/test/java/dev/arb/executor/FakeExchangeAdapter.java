package dev.arb.executor;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.FixedPoint;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.Side;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory venue for tests: one market, a top-of-book the test sets (listeners run on the shared
 * event loop), scripted order outcomes completed on the venue's own thread, and a position that
 * follows the fills (reduce-only orders never flip it).
 */
final class FakeExchangeAdapter implements ExchangeAdapter {
    /** What the venue does with one order. */
    @FunctionalInterface
    interface Behavior {
        CompletableFuture<OrderUpdate> apply(FakeExchangeAdapter venue, OrderRequest request);
    }

    static final Behavior FILL_ALL = (v, r) -> v.fill(r, r.size());
    static final Behavior FILL_NONE = (v, r) -> v.fill(r, 0);
    static final Behavior REJECT = (v, r) -> CompletableFuture.supplyAsync(() -> {
        throw new OrderRejectedException(v.venue(), "E1", "rejected by script");
    }, v.venueThread);

    static final Behavior RATE_LIMITED = (v, r) -> CompletableFuture.supplyAsync(() -> {
        throw new dev.arb.api.RateLimitedException(v.venue(), "429", "too many requests", 1_000);
    }, v.venueThread);

    static Behavior fill(final long size) {
        return (v, r) -> v.fill(r, Math.min(size, r.size()));
    }

    /** Fills only once {@code gate} completes. */
    static Behavior hold(final CompletableFuture<Void> gate, final Behavior then) {
        return (v, r) -> gate.thenComposeAsync(x -> then.apply(v, r), v.venueThread);
    }

    /** Fills the whole order at once but never answers (the ack is lost). */
    static final Behavior FILL_SILENTLY = (v, r) -> {
        v.fill(r, r.size());
        return new CompletableFuture<>();
    };

    private final String name;
    private final MarketSpec spec;
    private final Executor eventLoop;
    final ExecutorService venueThread;
    private final OrderBook book;
    private final List<OrderBookListener> listeners = new CopyOnWriteArrayList<>();
    final List<OrderRequest> requests = new CopyOnWriteArrayList<>();
    /** The engine's hints ({@link #expectOrder}), oldest first: side ordinal, size, limit price, price step. */
    final List<long[]> hints = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedDeque<Behavior> script = new ConcurrentLinkedDeque<>();
    volatile Behavior defaultBehavior = FILL_ALL;
    volatile BigDecimal feePerFillUsd = BigDecimal.ZERO;
    /** When set, each fill pays {@code price × size × rate} instead of {@link #feePerFillUsd}. */
    volatile BigDecimal takerFeeRate;
    /** Fills this many ticks worse than the book's touch (still never beyond a LIMIT order's price). */
    volatile long fillSlippageTicks;
    /** Returned by {@link #fundingRatePerHour}: fraction per hour, positive = longs pay; NaN = unknown. */
    volatile double fundingRatePerHour = Double.NaN;
    /** Every answer with a fill, in order. */
    final List<OrderUpdate> fills = new CopyOnWriteArrayList<>();
    /** Added to the venue timestamp of the next books, ms. */
    volatile long venueClockOffsetMs;
    /** How long ago the next books were "received", ms. */
    volatile long receivedAgoMs;
    /** What {@link #isStale} answers (the venue's own view: stream down, book invalid). */
    volatile boolean stale;
    private final AtomicLong ids = new AtomicLong();
    private long position;
    private volatile long bestBid;
    private volatile long bestAsk;
    private long sequence;

    FakeExchangeAdapter(final String name, final MarketSpec spec, final Executor eventLoop) {
        this.name = name;
        this.spec = spec;
        this.eventLoop = eventLoop;
        this.venueThread = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, name + "-venue");
            t.setDaemon(true);
            return t;
        });
        this.book = OrderBook.forMarket(spec, 20);
    }

    /** Replaces the book with one level per side and notifies listeners on the event loop. */
    void setTop(final long bid, final long bidSize, final long ask, final long askSize) {
        eventLoop.execute(() -> {
            book.clear();
            book.updateBid(bid, bidSize);
            book.updateAsk(ask, askSize);
            book.stamp(++sequence, System.currentTimeMillis() + venueClockOffsetMs,
                System.nanoTime() - receivedAgoMs * 1_000_000L);
            book.markValid();
            bestBid = bid;
            bestAsk = ask;
            listeners.forEach(l -> l.onOrderBook(book));
        });
    }

    /** @return the listeners subscribed so far */
    List<OrderBookListener> listeners() {
        return listeners;
    }

    synchronized long positionSize() {
        return position;
    }

    CompletableFuture<OrderUpdate> fill(final OrderRequest r, final long wanted) {
        final long filled;
        synchronized (this) {
            long size = wanted;
            if (r.reduceOnly()) {
                final long reducible = r.side() == Side.SELL ? Math.max(position, 0) : Math.max(-position, 0);
                size = Math.min(size, reducible);
            }
            position += r.side().sign() * size;
            filled = size;
        }
        final long slip = fillSlippageTicks * spec.tickSize();
        final long bookPrice = r.side() == Side.BUY ? bestAsk + slip : bestBid - slip;
        final long price = r.type() == OrderType.MARKET ? bookPrice
            : r.side() == Side.BUY ? Math.min(bookPrice, r.limitPrice()) : Math.max(bookPrice, r.limitPrice());
        return answer(r, filled, price);
    }

    /**
     * Answers {@code r} as filled by {@code filled} (already applied to the position) at {@code price}.
     */
    CompletableFuture<OrderUpdate> answer(final OrderRequest r, final long filled, final long price) {
        final BigDecimal rate = takerFeeRate;
        final BigDecimal fee = filled <= 0 ? BigDecimal.ZERO : rate == null ? feePerFillUsd
            : FixedPoint.toBigDecimal(price, spec.priceScale()).multiply(FixedPoint.toBigDecimal(filled, spec.sizeScale()))
                .multiply(rate);
        final OrderUpdate update = new OrderUpdate(name, r.market(), r.clientOrderId(), "v" + ids.incrementAndGet(),
            r.side(), filled == r.size() ? OrderStatus.FILLED : OrderStatus.CANCELED, r.size(), filled,
            filled > 0 ? price : 0, fee, null, null, System.currentTimeMillis());
        if (filled > 0) {
            fills.add(update);
        }
        return CompletableFuture.supplyAsync(() -> update, venueThread);
    }

    /** Fills up to {@code wanted} of {@code r} at {@code price} (reduce-only never flips the position). */
    CompletableFuture<OrderUpdate> fillAt(final OrderRequest r, final long wanted, final long price) {
        final long filled;
        synchronized (this) {
            long size = Math.min(wanted, r.size());
            if (r.reduceOnly()) {
                final long reducible = r.side() == Side.SELL ? Math.max(position, 0) : Math.max(-position, 0);
                size = Math.min(size, reducible);
            }
            position += r.side().sign() * size;
            filled = size;
        }
        return answer(r, filled, price);
    }

    @Override
    public double fundingRatePerHour(final String market) {
        return fundingRatePerHour;
    }

    @Override
    public String venue() {
        return name;
    }

    @Override
    public CompletableFuture<Void> connect() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> reconnect() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public MarketSpec marketSpec(final String market) {
        return spec;
    }

    @Override
    public void subscribeOrderBook(final String market, final OrderBookListener listener) {
        listeners.add(listener);
    }

    @Override
    public OrderBook orderBook(final String market) {
        return book;
    }

    @Override
    public long bookAgeMs(final String market) {
        return 0;
    }

    @Override
    public boolean isStale(final String market) {
        return stale;
    }

    @Override
    public CompletableFuture<OrderUpdate> placeOrder(final OrderRequest request) {
        requests.add(request);
        final Behavior scripted = script.poll();
        return (scripted != null ? scripted : defaultBehavior).apply(this, request);
    }

    @Override
    public void expectOrder(final String market, final Side side, final long size, final long limitPrice,
        final long priceStep) {
        hints.add(new long[] {side.ordinal(), size, limitPrice, priceStep});
    }

    @Override
    public CompletableFuture<Void> cancelOrder(final String market, final String venueOrderId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Position> position(final String market) {
        final long size = positionSize();
        return CompletableFuture.supplyAsync(() -> new Position(name, market, size, spec.sizeScale(), 0,
            spec.priceScale(), BigDecimal.ZERO), venueThread);
    }

    @Override
    public void close() {
        venueThread.shutdownNow();
    }
}
