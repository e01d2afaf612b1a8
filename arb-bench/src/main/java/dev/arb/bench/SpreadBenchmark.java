package dev.arb.bench;

import dev.arb.api.OrderBook;
import dev.arb.spread.SpreadCalculator;
import dev.arb.spread.SpreadConfig;
import dev.arb.spread.SpreadSnapshot;
import java.math.BigDecimal;
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
 * Cost of one spread computation on two 20-level books with different scales: top of book, and
 * VWAP over the 10 levels a 0.95 base-unit size needs on every side; plus a single-level book delta
 * followed by the recompute (the per-tick work of the data path).
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default), as on the single event loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SpreadBenchmark {
    private OrderBook bookA;
    private OrderBook bookB;
    private long nowNanos;
    private SpreadCalculator topOfBook;
    private SpreadCalculator vwap;
    private final SpreadSnapshot out = new SpreadSnapshot();
    private long deltaSize;

    /** Builds both books and calculators. */
    @Setup
    public void setUp() {
        nowNanos = System.nanoTime();
        bookA = BenchBooks.bookA(nowNanos);
        bookB = BenchBooks.bookB(nowNanos);
        final SpreadConfig.Builder config = SpreadConfig.builder().takerFeeBpsA(2).takerFeeBpsB(2)
            .maxBookAgeMs(Long.MAX_VALUE / 1_000_000L);
        topOfBook = new SpreadCalculator(config.build());
        // 0.95 base units: 9.5 levels of 0.1 (+ a little) on A, 10 levels on B
        vwap = new SpreadCalculator(config.sizeBase(new BigDecimal("0.95")).build());
        vwap.compute(bookA, bookB, nowNanos, out);
        if (!out.usable()) {
            throw new IllegalStateException("benchmark books unusable: " + out.unusableReason());
        }
    }

    /** @return net entry spread, percent, top of book */
    @Benchmark
    public double topOfBook() {
        topOfBook.compute(bookA, bookB, nowNanos, out);
        return out.buyASellBNetPct();
    }

    /** @return net entry spread, percent, VWAP over 10 levels per side */
    @Benchmark
    public double vwap10Levels() {
        vwap.compute(bookA, bookB, nowNanos, out);
        return out.buyASellBNetPct();
    }

    /** @return net entry spread after changing the size of venue B's best bid (delta + recompute) */
    @Benchmark
    public double deltaThenTopOfBook() {
        deltaSize = deltaSize == 100_000 ? 100_001 : 100_000;
        bookB.updateBid(6_510_000_000_000L, deltaSize);
        topOfBook.compute(bookA, bookB, nowNanos, out);
        return out.buyASellBNetPct();
    }
}
