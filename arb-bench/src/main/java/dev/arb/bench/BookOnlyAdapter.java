package dev.arb.bench;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import java.util.concurrent.CompletableFuture;

/**
 * A venue that only has a book (for benchmarks of the engine's read paths): its market rules and one
 * {@link OrderBook} the benchmark writes; it never trades.
 *
 * <p><b>Note:</b> not thread-safe; one benchmark thread.
 */
public final class BookOnlyAdapter implements ExchangeAdapter {
    private final MarketSpec spec;
    private final OrderBook book;

    /** @param spec the market; the book is {@code OrderBook.forMarket(spec, 32)} */
    public BookOnlyAdapter(final MarketSpec spec) {
        this.spec = spec;
        this.book = OrderBook.forMarket(spec, 32);
    }

    /** @return the book the benchmark writes */
    public OrderBook book() {
        return book;
    }

    @Override
    public String venue() {
        return spec.venue();
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
        listener.onOrderBook(book);
    }

    @Override
    public OrderBook orderBook(final String market) {
        return book;
    }

    @Override
    public long bookAgeMs(final String market) {
        return book.ageMs(System.nanoTime());
    }

    @Override
    public boolean isStale(final String market) {
        return false;
    }

    @Override
    public CompletableFuture<OrderUpdate> placeOrder(final OrderRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("benchmark venue does not trade"));
    }

    @Override
    public CompletableFuture<Void> cancelOrder(final String market, final String venueOrderId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Position> position(final String market) {
        return CompletableFuture.completedFuture(new Position(spec.venue(), market, 0, spec.sizeScale(), 0, spec.priceScale(), java.math.BigDecimal.ZERO));
    }

    @Override
    public void close() {
    }
}
