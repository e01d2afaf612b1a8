package dev.arb.api.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.ExchangeException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ExchangeAdapter} must keep, venue-neutral: a venue module's test extends this class,
 * starts its venue (a simulator on 127.0.0.1) in {@link #startVenue()} and hands over a new adapter and the venue's
 * own view of the position. Each test connects, waits for a valid book (a listener completes a future: no sleeps)
 * and trades the smallest size the market accepts (twice its minimum notional).
 *
 * <p>Shipped in arb-api's test-jar ({@code <type>test-jar</type>}, scope test); see docs/ADDING_A_VENUE.md.
 */
public abstract class ExchangeAdapterConformance {
    private static final long TIMEOUT_S = 15;
    private static final AtomicLong IDS = new AtomicLong();

    private ExchangeAdapter adapter;
    private MarketSpec spec;
    private OrderBook book;

    /**
     * Starts the venue (a simulator); called before each test.
     *
     * @throws Exception if it cannot start
     */
    protected abstract void startVenue() throws Exception;

    /** Stops the venue; called after each test, after the adapter is closed. */
    protected abstract void stopVenue();

    /**
     * @return a new adapter of the venue started by {@link #startVenue()}, not yet connected
     * @throws Exception if it cannot be built
     */
    protected abstract ExchangeAdapter newAdapter() throws Exception;

    /** @return the market the tests trade, e.g. {@code BTC-PERP} */
    protected abstract String market();

    /**
     * @return the venue's own record of the account's position in {@link #market()}, base units (signed); from the
     *         venue (simulator), not from the adapter
     */
    protected abstract BigDecimal venuePosition();

    @BeforeEach
    final void connect() throws Exception {
        startVenue();
        adapter = newAdapter();
        final CompletableFuture<Void> valid = new CompletableFuture<>();
        adapter.subscribeOrderBook(market(), b -> {
            if (b.isValid() && b.bidLevels() > 0 && b.askLevels() > 0) {
                valid.complete(null);
            }
        });
        adapter.connect().get(TIMEOUT_S, TimeUnit.SECONDS);
        valid.get(TIMEOUT_S, TimeUnit.SECONDS);
        spec = adapter.marketSpec(market());
        book = adapter.orderBook(market());
    }

    @AfterEach
    final void close() {
        if (adapter != null) {
            adapter.close();
        }
        stopVenue();
    }

    private String clientOrderId() {
        return "conf-" + System.nanoTime() % 1_000_000_000L + '-' + IDS.incrementAndGet();
    }

    /** Twice the market's minimum notional at the ask, rounded up to the step, at least the minimum size. */
    private long tradeSize() {
        final BigDecimal ask = BigDecimal.valueOf(book.bestAsk(), spec.priceScale());
        final BigDecimal base = spec.minNotionalUsd().multiply(BigDecimal.valueOf(2)).divide(ask, spec.sizeScale(),
            RoundingMode.UP);
        final long units = base.unscaledValue().longValueExact();
        final long steps = Math.max(1, Math.floorDiv(units + spec.stepSize() - 1, spec.stepSize()));
        return Math.max(spec.minSize(), steps * spec.stepSize());
    }

    private OrderRequest ioc(final Side side, final long size, final boolean reduceOnly, final String clientOrderId) {
        final long touch = side == Side.BUY ? book.bestAsk() : book.bestBid();
        final long bound = side == Side.BUY ? touch + touch / 100 : touch - touch / 100; // 1 % through the touch
        return OrderRequest.builder().market(market()).side(side).type(OrderType.LIMIT).timeInForce(TimeInForce.IOC)
            .size(size).limitPrice(spec.snapPriceAggressive(bound, side)).reduceOnly(reduceOnly)
            .clientOrderId(clientOrderId).build();
    }

    private static Throwable failure(final CompletableFuture<?> f) throws Exception {
        try {
            f.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the order to fail");
    }

    private BigDecimal filled(final OrderUpdate u) {
        return BigDecimal.valueOf(u.filledSize(), spec.sizeScale());
    }

    @Test
    void shouldDeliverAValidUncrossedBookAtTheMarketsScales() {
        assertThat(adapter.isConnected()).isTrue();
        assertThat(adapter.isStale(market())).isFalse();
        assertThat(book.bestBid()).isPositive().isLessThan(book.bestAsk());
        assertThat(book.priceScale()).isEqualTo(spec.priceScale());
        assertThat(book.sizeScale()).isEqualTo(spec.sizeScale());
        assertThat(spec.tickSize()).isPositive();
        assertThat(spec.stepSize()).isPositive();
    }

    @Test
    void shouldFillAnIocOrderReportThePositionAndCloseItReduceOnly() throws Exception {
        final long size = tradeSize();
        final OrderUpdate buy = adapter.placeOrder(ioc(Side.BUY, size, false, clientOrderId()))
            .get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(buy.status()).isIn(OrderStatus.FILLED, OrderStatus.PARTIALLY_FILLED, OrderStatus.CANCELED);
        assertThat(buy.filledSize()).isPositive().isLessThanOrEqualTo(size);
        assertThat(buy.avgFillPrice()).isPositive();
        assertThat(venuePosition()).isEqualByComparingTo(filled(buy));
        assertThat(adapter.position(market()).get(TIMEOUT_S, TimeUnit.SECONDS).size()).isEqualTo(buy.filledSize());

        final OrderUpdate close = adapter.placeOrder(ioc(Side.SELL, buy.filledSize(), true, clientOrderId()))
            .get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(close.filledSize()).isEqualTo(buy.filledSize());
        assertThat(venuePosition()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(adapter.position(market()).get(TIMEOUT_S, TimeUnit.SECONDS).isFlat()).isTrue();
    }

    @Test
    void shouldNeverTradeTwiceForARepeatedClientOrderId() throws Exception {
        final OrderRequest request = ioc(Side.BUY, tradeSize(), false, clientOrderId());
        final OrderUpdate first = adapter.placeOrder(request).get(TIMEOUT_S, TimeUnit.SECONDS);
        final CompletableFuture<OrderUpdate> again = adapter.placeOrder(request);
        try {
            final OrderUpdate second = again.get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(second.venueOrderId()).as("the same order, not a new one").isEqualTo(first.venueOrderId());
        } catch (final ExecutionException e) {
            assertThat(e.getCause()).as("or a typed refusal").isInstanceOf(ExchangeException.class);
        }
        assertThat(venuePosition()).isEqualByComparingTo(filled(first));
    }

    @Test
    void shouldRefuseAReduceOnlyOrderThatWouldIncreaseThePositionWithATypedError() throws Exception {
        final Throwable refused = failure(adapter.placeOrder(ioc(Side.BUY, tradeSize(), true, clientOrderId())));
        assertThat(refused).isInstanceOf(ExchangeException.class);
        assertThat(venuePosition()).isEqualByComparingTo(BigDecimal.ZERO);
    }
}
