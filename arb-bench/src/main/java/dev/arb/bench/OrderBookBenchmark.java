package dev.arb.bench;

import dev.arb.api.OrderBook;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of writing an {@link OrderBook}: a 20-level snapshot (clear + 40 level updates from
 * pre-parsed {@code long} arrays, stamp, mark valid), a single-level size change and a level
 * insert followed by its delete.
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default), as on the single event loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OrderBookBenchmark {
    private static final int LEVELS = BenchBooks.LEVELS;

    private final long[] bidPrices = new long[LEVELS];
    private final long[] bidSizes = new long[LEVELS];
    private final long[] askPrices = new long[LEVELS];
    private final long[] askSizes = new long[LEVELS];
    private OrderBook book;
    private long sequence;
    private long deltaSize;

    /** Pre-parses a 20-level snapshot and builds the book. */
    @Setup
    public void setUp() {
        for (int i = 0; i < LEVELS; i++) {
            bidPrices[i] = 6_500_000 - 10L * i;
            bidSizes[i] = 1_000 + 7L * i;
            askPrices[i] = 6_500_010 + 10L * i;
            askSizes[i] = 1_000 + 5L * i;
        }
        book = BenchBooks.bookA(System.nanoTime());
    }

    /** @return the book after a full 20-level snapshot */
    @Benchmark
    public OrderBook applySnapshot() {
        final OrderBook b = book;
        b.clear();
        for (int i = 0; i < LEVELS; i++) {
            b.updateBid(bidPrices[i], bidSizes[i]);
            b.updateAsk(askPrices[i], askSizes[i]);
        }
        b.stamp(++sequence, 0, sequence);
        b.markValid();
        return b;
    }

    /** @return the book after one existing level's size changed */
    @Benchmark
    public OrderBook singleLevelDelta() {
        deltaSize = deltaSize == 2_000 ? 2_001 : 2_000;
        book.updateAsk(askPrices[5], deltaSize);
        return book;
    }

    /** @return the book after a new level was inserted mid-book and deleted again */
    @Benchmark
    public OrderBook insertThenDeleteLevel() {
        book.updateBid(bidPrices[5] + 5, 777);
        book.updateBid(bidPrices[5] + 5, 0);
        return book;
    }
}
