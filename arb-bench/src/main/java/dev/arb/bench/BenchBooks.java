package dev.arb.bench;

import dev.arb.api.OrderBook;

/**
 * Realistic 20-level books for the benchmarks: venue A with prices at 2 decimals and sizes at 4,
 * venue B with prices at 8 decimals and sizes at 6 (the two venues' scales differ on purpose).
 *
 * <p><b>Note:</b> not thread-safe; each benchmark state builds its own books.
 */
final class BenchBooks {
    /** Levels per side. */
    static final int LEVELS = 20;

    private BenchBooks() {
    }

    /** @return venue A's book around 65,000.00 USD, 0.1 base units per level, tick 0.10 */
    static OrderBook bookA(final long receivedNanos) {
        final OrderBook book = new OrderBook("a", "BTC-A", 2, 4, LEVELS);
        for (int i = 0; i < LEVELS; i++) {
            book.updateBid(6_500_000 - 10L * i, 1_000 + 7L * i);
            book.updateAsk(6_500_010 + 10L * i, 1_000 + 5L * i);
        }
        book.stamp(1, 0, receivedNanos);
        book.markValid();
        return book;
    }

    /** @return venue B's book around 65,100 USD, 0.1 base units per level, tick 0.1 */
    static OrderBook bookB(final long receivedNanos) {
        final OrderBook book = new OrderBook("b", "BTC-B", 8, 6, LEVELS);
        for (int i = 0; i < LEVELS; i++) {
            book.updateBid(6_510_000_000_000L - 10_000_000L * i, 100_000 + 300L * i);
            book.updateAsk(6_510_010_000_000L + 10_000_000L * i, 100_000 + 200L * i);
        }
        book.stamp(1, 0, receivedNanos);
        book.markValid();
        return book;
    }
}
