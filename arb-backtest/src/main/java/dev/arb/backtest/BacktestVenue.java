package dev.arb.backtest;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.Fill;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A venue for backtests: an {@link ExchangeAdapter} whose books are written by the backtest driver
 * from recorded frames and whose orders are matched against those books on a {@link VirtualTime}.
 *
 * <p><b>Market data.</b> The driver writes {@link #book(String)} (levels, {@link OrderBook#stamp} with
 * the frame's receive time on the virtual clock, {@link OrderBook#markValid()}) and then calls
 * {@link #publish(String)}, which runs the subscribed {@link OrderBookListener}s.
 *
 * <p><b>Orders.</b> Only immediate-or-cancel orders are supported (LIMIT, or MARKET with an optional
 * slippage guard in {@link OrderRequest#limitPrice()}, 0 for none); GTC and POST_ONLY fail with
 * {@link InvalidOrderException}. {@link #placeOrder} schedules the match at {@code now + latency}
 * on the virtual clock and the order is matched against the book <em>as it stands then</em>; the
 * future completes at match time (the answer takes no further time). The order walks the opposite
 * side from the best level while the price is within its limit, taking each level up to the size
 * still wanted; the rest is cancelled: {@link OrderStatus#FILLED} when the whole size filled, else
 * {@link OrderStatus#CANCELED} with the partial (or zero) filled size. An invalid book offers no
 * liquidity. The average price is the VWAP of the levels taken, rounded HALF_UP at the price scale;
 * the fee is {@link MarketSpec#takerFeeRate()} × the exact filled notional, in USD, exact; one
 * {@link Fill} is reported per level taken.
 *
 * <p><b>Liquidity assumption.</b> The book is replayed as recorded: our fills do not remove the
 * liquidity they took (the next recorded frame overwrites the book anyway). The backtest therefore
 * assumes our size does not deplete the venue's book beyond the current update; within one match the
 * order does walk the depth.
 *
 * <p><b>Reduce-only.</b> The size is capped at the position in the closing direction (the capped
 * rest is cancelled); an order that would grow the position, or any reduce-only order while flat,
 * is refused with venue code {@value #REDUCE_ONLY}.
 *
 * <p><b>Refusals.</b> As on the live adapters, a refused order fails its future with an
 * {@link OrderRejectedException} carrying the venue code, and listeners and {@link #orderStatus} see
 * a {@link OrderStatus#REJECTED} update with that code.
 *
 * <p><b>Fault injection.</b> Per order, at match time, three draws are taken from a
 * {@link java.util.SplittableRandom} seeded by the builder (so outcomes are reproducible per seed and do not
 * depend on the book): with probability {@code rejectRate} the order is refused (code
 * {@value #INJECTED_REJECT}); otherwise with probability {@code partialFillRate} its size is cut to a
 * uniformly drawn whole number of steps below it, 0 included, before matching. Listeners run in this
 * order: the fills, the order update, then the future completes. Venue order ids are {@code <venue>-<n>}.
 *
 * <p><b>Note:</b> not thread-safe: confined, with its {@link VirtualTime}, to the backtest driver's
 * thread (unlike live adapters; {@link #fundingRatePerHour} alone may be read from any thread).
 */
public final class BacktestVenue implements ExchangeAdapter {
    /** Venue code of a reduce-only order that would not reduce. */
    public static final String REDUCE_ONLY = "REDUCE_ONLY";
    /** Venue code of a refusal drawn by fault injection. */
    public static final String INJECTED_REJECT = "INJECTED_REJECT";
    /** Venue code of an order lookup for an order the venue never received. */
    public static final String NOT_FOUND = "NOT_FOUND";

    private final String venue;
    private final VirtualTime time;
    private final long maxBookAgeMs;
    private final VenueMarkets markets;
    private final VenueOrders orders;

    private BacktestVenue(final Builder b) {
        venue = Objects.requireNonNull(b.venue, "venue");
        time = Objects.requireNonNull(b.time, "time");
        if (b.maxBookAgeMs < 0) {
            throw new IllegalArgumentException("maximum book age must not be negative");
        }
        maxBookAgeMs = b.maxBookAgeMs;
        orders = new VenueOrders(venue, time, b.latencyNanos, b.rejectRate, b.partialFillRate, b.seed);
        markets = new VenueMarkets(venue, b.specs, b.defaultFundingRatePerHour);
    }

    /** @return a new builder (latency 0, no faults, seed 0, funding NaN, maximum book age 5 s) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param market venue symbol
     * @return the market's book, for the driver to write (always present, subscribed or not)
     * @throws InvalidOrderException if the venue has no such market
     */
    public OrderBook book(final String market) {
        return markets.get(market).book;
    }

    /**
     * Marks the market's book as received and runs its {@link OrderBookListener}s; call after applying
     * a recorded frame to {@link #book(String)}.
     *
     * @param market venue symbol
     */
    public void publish(final String market) {
        markets.get(market).publish(orders);
    }

    /** @return a publisher for one market, as {@link #publish(String)} without the symbol lookup (for the feed) */
    Runnable publisher(final String market) {
        final VenueMarket m = markets.get(market);
        return () -> m.publish(orders);
    }

    /**
     * Sets the funding rate {@link #fundingRatePerHour} answers (from recorded tickers or summaries).
     *
     * @param market venue symbol
     * @param rate   funding rate per hour as a fraction (0.0001 = 1 bp per hour), or NaN for unknown
     */
    public void setFundingRatePerHour(final String market, final double rate) {
        markets.get(market).fundingRatePerHour = rate;
    }

    /**
     * @param market venue symbol
     * @return realized PnL of the market's position in USD, before fees, exact
     */
    public BigDecimal realizedPnlUsd(final String market) {
        return markets.get(market).position.realizedPnlUsd();
    }

    /** @return taker fees paid on this venue so far, USD, exact */
    public BigDecimal feesPaidUsd() {
        return orders.feesPaidUsd();
    }

    /** @return exceptions thrown by book and order listeners (counted and swallowed, as live adapters do) */
    public long listenerErrors() {
        return orders.listenerErrors();
    }

    @Override
    public String venue() {
        return venue;
    }

    /** @return completes at once */
    @Override
    public CompletableFuture<Void> connect() {
        return CompletableFuture.completedFuture(null);
    }

    /** @return completes at once (books stay as they are) */
    @Override
    public CompletableFuture<Void> disconnect() {
        return CompletableFuture.completedFuture(null);
    }

    /** @return completes at once */
    @Override
    public CompletableFuture<Void> reconnect() {
        return CompletableFuture.completedFuture(null);
    }

    /** @return always {@code true} */
    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public MarketSpec marketSpec(final String market) {
        return markets.get(market).spec;
    }

    @Override
    public void subscribeOrderBook(final String market, final OrderBookListener listener) {
        final VenueMarket m = markets.get(market);
        m.subscribed = true;
        m.listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @return the book, or null if not subscribed (as on live adapters; the driver uses {@link #book}) */
    @Override
    public OrderBook orderBook(final String market) {
        final VenueMarket m = markets.find(market);
        return m == null || !m.subscribed ? null : m.book;
    }

    /** @return virtual ms since the book's {@code receivedNanos}; {@link Long#MAX_VALUE} before the first publish */
    @Override
    public long bookAgeMs(final String market) {
        return markets.get(market).ageMs(time.nanoTime());
    }

    /** @return {@code true} before the first publish, while the book is invalid, or when older than the maximum age */
    @Override
    public boolean isStale(final String market) {
        return markets.get(market).isStale(time.nanoTime(), maxBookAgeMs);
    }

    @Override
    public CompletableFuture<OrderUpdate> placeOrder(final OrderRequest request) {
        final VenueMarket m = markets.find(request.market());
        return m == null ? CompletableFuture.failedFuture(markets.unknown(request.market())) : orders.place(m, request);
    }

    /** @return completes at once: IOC orders never rest, so there is nothing to cancel */
    @Override
    public CompletableFuture<Void> cancelOrder(final String market, final String venueOrderId) {
        return CompletableFuture.completedFuture(null);
    }

    /** @return completes at once, as {@link #cancelOrder} */
    @Override
    public CompletableFuture<Void> cancelOrderByClientId(final String market, final String clientOrderId) {
        return CompletableFuture.completedFuture(null);
    }

    /** @return the position now (completed future; unrealized PnL zero) */
    @Override
    public CompletableFuture<Position> position(final String market) {
        final VenueMarket m = markets.find(market);
        return m == null ? CompletableFuture.failedFuture(markets.unknown(market))
            : CompletableFuture.completedFuture(m.position.toPosition());
    }

    /** @return the last update of the order once matched; NOT_FOUND before its match time or if never sent */
    @Override
    public CompletableFuture<OrderUpdate> orderStatus(final String market, final String clientOrderId) {
        return orders.status(market, clientOrderId);
    }

    /** @return an empty list: IOC orders never rest */
    @Override
    public CompletableFuture<List<OrderUpdate>> openOrders(final String market) {
        return CompletableFuture.completedFuture(List.of());
    }

    /** @return our fills on the market (every market when null) at or after the time, oldest first */
    @Override
    public CompletableFuture<List<Fill>> recentFills(final String market, final long sinceEpochMs) {
        return CompletableFuture.completedFuture(orders.fills(market, sinceEpochMs));
    }

    /** @return every non-flat position, in the order the markets were configured */
    @Override
    public CompletableFuture<List<Position>> positions() {
        return CompletableFuture.completedFuture(markets.positions());
    }

    @Override
    public void addOrderListener(final OrderListener listener) {
        orders.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** @return the last rate set with {@link #setFundingRatePerHour}, else the configured default (NaN if none) */
    @Override
    public double fundingRatePerHour(final String market) {
        final VenueMarket m = markets.find(market);
        return m == null ? Double.NaN : m.fundingRatePerHour;
    }

    /** Does nothing: a backtest venue owns no threads or connections. */
    @Override
    public void close() {
    }

    /**
     * Builder for {@link BacktestVenue}.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Builder {
        private String venue;
        private VirtualTime time;
        private final List<MarketSpec> specs = new ArrayList<>();
        private long latencyNanos;
        private double rejectRate;
        private double partialFillRate;
        private long seed;
        private double defaultFundingRatePerHour = Double.NaN;
        private long maxBookAgeMs = 5_000;

        private Builder() {
        }

        /**
         * @param v venue name, lower case; every market's {@link MarketSpec#venue()} must equal it
         * @return this
         */
        public Builder venue(final String v) {
            venue = v;
            return this;
        }

        /**
         * @param v the backtest's clock and scheduler
         * @return this
         */
        public Builder time(final VirtualTime v) {
            time = v;
            return this;
        }

        /**
         * @param v a market to trade (its book is created empty and invalid)
         * @return this
         */
        public Builder market(final MarketSpec v) {
            specs.add(Objects.requireNonNull(v, "market"));
            return this;
        }

        /**
         * @param v virtual ns between {@link BacktestVenue#placeOrder} and the match, ≥ 0
         * @return this
         */
        public Builder latencyNanos(final long v) {
            latencyNanos = v;
            return this;
        }

        /**
         * @param v probability 0..1 that an order is refused ({@value BacktestVenue#INJECTED_REJECT})
         * @return this
         */
        public Builder rejectRate(final double v) {
            rejectRate = v;
            return this;
        }

        /**
         * @param v probability 0..1 that an order's size is cut to a random whole number of steps
         * @return this
         */
        public Builder partialFillRate(final double v) {
            partialFillRate = v;
            return this;
        }

        /**
         * @param v seed of the fault-injection draws
         * @return this
         */
        public Builder seed(final long v) {
            seed = v;
            return this;
        }

        /**
         * @param v funding rate per hour (fraction) before any is set, or NaN for unknown
         * @return this
         */
        public Builder defaultFundingRatePerHour(final double v) {
            defaultFundingRatePerHour = v;
            return this;
        }

        /**
         * @param v virtual ms after which a book counts as stale, ≥ 0
         * @return this
         */
        public Builder maxBookAgeMs(final long v) {
            maxBookAgeMs = v;
            return this;
        }

        /**
         * @return the venue
         * @throws NullPointerException if venue or time is missing
         * @throws IllegalArgumentException if no market, a market of another venue, a negative
         *     latency or age, or a rate outside 0..1
         */
        public BacktestVenue build() {
            return new BacktestVenue(this);
        }
    }
}
